/** VOD's definitions, lowest first (`OD` is the original, `SQ`/`HQ` audio qualities). */
export const VOD_DEFINITIONS = ['FD', 'LD', 'SD', 'HD', '2K', '4K', 'OD', 'SQ', 'HQ'] as const;

/** The formats GetPlayInfo's `Formats` may name. */
export const VOD_FORMATS = ['mp4', 'm3u8', 'mp3', 'flv', 'mpd'] as const;

/** What {@link selectPlayInfoStreams} needs of a stream. */
export interface SelectableStream {
  format: string;
  definition: string;
}

/** GetPlayInfo's selection parameters, as sent (comma-separated lists; empty means all). */
export interface PlayInfoSelection {
  /** `Formats`, e.g. `'mp4,m3u8'`. Unknown names are ignored (the SDK sends `undefined`). */
  formats?: string;
  /** `Definition`, e.g. `'LD,SD'`; `AUTO` (adaptive) selects nothing more here. */
  definitions?: string;
}

const list = (value: string | undefined, known: readonly string[], upper: boolean): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => (upper ? v.trim().toUpperCase() : v.trim().toLowerCase()))
    .filter((v) => known.includes(v));

const rank = (definition: string): number => {
  const i = (VOD_DEFINITIONS as readonly string[]).indexOf(definition);
  return i < 0 ? VOD_DEFINITIONS.length : i;
};

/**
 * The streams a GetPlayInfo answer lists for a request: those whose format is in `Formats` and
 * whose definition is in `Definition` (each list empty or without a known name = all), ordered
 * by definition from lowest to highest, then by the order given. An empty result is VOD's
 * `InvalidVideo.NoneStream`.
 *
 * @example
 * ```ts
 * selectPlayInfoStreams(streams, { formats: 'm3u8', definitions: 'SD,HD' });
 * ```
 */
export function selectPlayInfoStreams<T extends SelectableStream>(
  streams: readonly T[],
  selection: PlayInfoSelection,
): T[] {
  const formats = list(selection.formats, VOD_FORMATS, false);
  const definitions = list(selection.definitions, VOD_DEFINITIONS, true);
  return streams
    .map((stream, index) => ({ stream, index }))
    .filter(
      ({ stream }) =>
        (formats.length === 0 || formats.includes(stream.format)) &&
        (definitions.length === 0 || definitions.includes(stream.definition)),
    )
    .sort((a, b) => rank(a.stream.definition) - rank(b.stream.definition) || a.index - b.index)
    .map(({ stream }) => stream);
}
