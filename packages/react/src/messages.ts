/**
 * Every text `<VodPlayer>` shows, for localisation: {@link en} (the default) and {@link zhCN}
 * are complete sets. Pass one, or a partial object (missing keys fall back to English), as the
 * `messages` prop. A set of your own typed `VodPlayerMessages` must have every key.
 */
export interface VodPlayerMessages {
  /** The SDK's own UI language (its `language` option, unless `options.language` is set). */
  language: 'en-us' | 'zh-cn' | (string & {});
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
  /** The decryption key of an encrypted video was refused (missing or expired token). */
  key: string;
  /** Any other error. */
  error: string;
}

/** The English play button label (`en.play`), on its own for the lazy entry's small first load. */
export const playLabel = (title: string): string => `Play ${title || 'video'}`;

/**
 * English {@link VodPlayerMessages}, the default.
 *
 * @example
 * ```tsx
 * <VodPlayer videoId={id} messages={{ ...en, retry: 'Reload' }} />
 * ```
 */
export const en: VodPlayerMessages = {
  language: 'en-us',
  video: 'Video',
  play: playLabel,
  retry: 'Try again',
  notReady: 'This video is still processing. Try again later.',
  notFound: 'This video could not be found.',
  unreachable: 'The video service could not be reached. Check your connection and try again.',
  sdk: 'The video player could not be loaded.',
  license: (domain) =>
    `The player has no licence for ${domain}: set the license prop ({ domain, key }) to an Aliplayer licence.`,
  renewalLimit: 'Playback stopped because its authorisation could not be renewed.',
  key: 'This video could not be decrypted.',
  error: 'This video could not be played.',
};

/** The English set under its former name: the same object as {@link en}. */
export const defaultVodPlayerMessages = en;

/**
 * Simplified Chinese {@link VodPlayerMessages} (also switches the SDK's UI to `zh-cn`).
 *
 * @example
 * ```tsx
 * <VodPlayer videoId={id} messages={zhCN} />
 * ```
 */
export const zhCN: VodPlayerMessages = {
  language: 'zh-cn',
  video: '视频',
  play: (title) => `播放${title ? `“${title}”` : '视频'}`,
  retry: '重试',
  notReady: '视频处理中，请稍后再试。',
  notFound: '视频不存在。',
  unreachable: '无法连接视频服务，请检查网络后重试。',
  sdk: '播放器加载失败。',
  license: (domain) =>
    `播放器缺少 ${domain} 的 Aliplayer License：请设置 license 属性（{ domain, key }）。`,
  renewalLimit: '播放授权无法续期，播放已停止。',
  key: '视频解密失败。',
  error: '视频无法播放。',
};
