import type { EmulatorVideo } from './catalogue';
import type { Clock } from './clock';
import type { MediaUrlSigner } from './media';
import type { PlayAuthGrant, PlayAuthIssuer } from './playAuthToken';
import type { PreparedMedia } from './prepareRenditions';

/** What an API action handler may read: the emulator's state for one request. */
export interface ActionContext {
  clock: Clock;
  region: string;
  /** Base of the URLs the emulator hands out (covers, play URLs), without a trailing slash. */
  baseUrl: string;
  videos: ReadonlyMap<string, EmulatorVideo>;
  issuer: PlayAuthIssuer;
  mediaSigner: MediaUrlSigner;
  /** The transcoded renditions of a video's media, when the emulator made them. */
  renditionsOf: (video: EmulatorVideo) => PreparedMedia | undefined;
  requestId: string;
}

/** Who signed a request: an account AccessKey, or the STS key inside a PlayAuth. */
export type Principal =
  | { kind: 'account'; accessKeyId: string }
  | { kind: 'playauth'; accessKeyId: string; grant: PlayAuthGrant };
