/** Why the emulator could not make its media renditions. */
export type MediaToolErrorCode = 'FfmpegMissing' | 'FfmpegFailed' | 'SourceMissing';

/**
 * Thrown by {@link prepareRenditions} when a rendition cannot be made: `FfmpegMissing` (no
 * `ffmpeg` executable at the path given; install Debian's `ffmpeg` package), `FfmpegFailed`
 * (ffmpeg exited non-zero; `detail` holds the end of its stderr) or `SourceMissing`.
 */
export class MediaToolError extends Error {
  override readonly name = 'MediaToolError';

  /**
   * @param code - What went wrong.
   * @param message - A sentence saying what to do.
   * @param detail - The end of ffmpeg's stderr, when it ran.
   */
  constructor(
    readonly code: MediaToolErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
