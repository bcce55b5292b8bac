/**
 * Every text `<VodPlayer>` shows, for localisation. Pass a partial object as the `messages`
 * prop; missing keys fall back to {@link defaultVodPlayerMessages} (English).
 */
export interface VodPlayerMessages {
  /** Accessible name of the player region when the video has no title. */
  video: string;
  /** Accessible name of the play button (`load="interaction"`); `title` may be empty. */
  play: (title: string) => string;
  /** Label of the retry button of every error state. */
  retry: string;
  /** The video is not playable yet (`Forbidden.IllegalStatus`: transcoding or in review). */
  notReady: string;
  /** The video does not exist (`InvalidVideo.NotFound`, player error 4500). */
  notFound: string;
  /** The credential endpoint or the video service could not be reached, or timed out. */
  unreachable: string;
  /** The Aliplayer SDK could not be loaded. */
  sdk: string;
  /** Licence errors 4035-4041; `domain` is the page's host name. */
  license: (domain: string) => string;
  /** A second automatic credential renewal within 30 s: playback stopped. */
  renewalLimit: string;
  /** Any other error. */
  error: string;
}

/** The default (English) {@link VodPlayerMessages}. */
export const defaultVodPlayerMessages: VodPlayerMessages = {
  video: 'Video',
  play: (title) => `Play ${title || 'video'}`,
  retry: 'Try again',
  notReady: 'This video is still processing. Try again later.',
  notFound: 'This video could not be found.',
  unreachable: 'The video service could not be reached. Check your connection and try again.',
  sdk: 'The video player could not be loaded.',
  license: (domain) =>
    `The player has no licence for ${domain}: set the license prop ({ domain, key }) to an Aliplayer licence issued for ${domain}.`,
  renewalLimit: 'Playback stopped because its authorisation could not be renewed.',
  error: 'This video could not be played.',
};
