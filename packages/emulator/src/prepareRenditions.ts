import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MediaToolError } from './MediaToolError';

/** One definition to transcode a source into, named as VOD names them (`FD`, `LD`, `SD`, `HD`, ...). */
export interface RenditionSpec {
  /** VOD's `Definition`, e.g. `'LD'`. */
  definition: string;
  /** Even pixel width. */
  width: number;
  /** Even pixel height. */
  height: number;
  /** Target video bitrate, kb/s. */
  videoKbps: number;
}

/** One made rendition: an MP4 file and an HLS playlist with its MPEG-TS segments. */
export interface PreparedRendition extends RenditionSpec {
  /** Absolute path of the MP4 (`+faststart`). */
  mp4: string;
  /** Bytes of the MP4. */
  mp4Size: number;
  /** Absolute path of the HLS media playlist (`index.m3u8`, `#EXT-X-PLAYLIST-TYPE:VOD`). */
  playlist: string;
  /** Segment file names, in playlist order, relative to the playlist's directory. */
  segments: string[];
  /** Bytes of the playlist and all its segments. */
  hlsSize: number;
  /** Whether the segments are AES-128 encrypted (HLS standard encryption, `#EXT-X-KEY`). */
  encrypted: boolean;
  /** Seconds: the sum of the playlist's `#EXTINF`s. */
  duration: number;
}

/** The renditions of one source, kept in a cache directory keyed by the source's bytes and the recipe. */
export interface PreparedMedia {
  /** The source file. */
  source: string;
  /** The directory holding the renditions (one sub-directory per definition). */
  dir: string;
  renditions: PreparedRendition[];
  /**
   * With `hlsEncryption`: the 16-byte AES-128 data key every definition's segments are encrypted
   * with (made once per cache entry, kept in it as `key.bin`). The emulator's KMS envelopes it.
   */
  dataKey?: Uint8Array;
}

/** Options of {@link prepareRenditions}. */
export interface PrepareRenditionsOptions {
  /** Where renditions are cached. Default: the git-ignored `packages/emulator/.cache/media`. */
  cacheDir?: string;
  /** The ffmpeg executable. Default `process.env.FFMPEG_PATH`, else `'ffmpeg'` on the `PATH`. */
  ffmpegPath?: string;
  /** Definitions to make. Default {@link DEFAULT_RENDITIONS}. */
  renditions?: readonly RenditionSpec[];
  /** HLS target segment length, seconds. Default `2`. */
  segmentSeconds?: number;
  /**
   * Encrypt the HLS segments with AES-128 (HLS standard encryption) under one random data key
   * per cache entry; the playlists carry `#EXT-X-KEY:METHOD=AES-128,URI="playauth-key",IV=...`
   * (the emulator rewrites the URI when serving). The MP4s stay clear. Default `false`.
   */
  hlsEncryption?: boolean;
}

/** The `#EXT-X-KEY` URI ffmpeg writes into encrypted playlists; replaced when served. */
export const HLS_KEY_PLACEHOLDER = 'playauth-key';
const KEY_FILE = 'key.bin';

/**
 * The default definitions: two tiny ones so generation takes a second or two. `LD` (VOD's 标清)
 * and `SD` (高清), as VOD transcoding templates name them.
 */
export const DEFAULT_RENDITIONS: readonly RenditionSpec[] = Object.freeze([
  Object.freeze({ definition: 'LD', width: 192, height: 108, videoKbps: 80 }),
  Object.freeze({ definition: 'SD', width: 320, height: 180, videoKbps: 160 }),
]);

/** Bump when the ffmpeg commands change, so old cache entries are not reused. */
const RECIPE_VERSION = 1;
const FFMPEG_TIMEOUT_MS = 60_000;
const DEFINITION = /^[A-Z0-9]{1,8}$/;

/** The default cache directory (git-ignored: every `.cache/` is). */
export const DEFAULT_MEDIA_CACHE_DIR = fileURLToPath(new URL('../.cache/media', import.meta.url));

const inFlight = new Map<string, Promise<PreparedMedia>>();

function runFfmpeg(ffmpeg: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args],
      { timeout: FFMPEG_TIMEOUT_MS, maxBuffer: 1024 * 1024, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          reject(
            new MediaToolError(
              'FfmpegMissing',
              `ffmpeg was not found at "${ffmpeg}": install it (Debian: apt-get install ffmpeg) or set FFMPEG_PATH.`,
            ),
          );
          return;
        }
        reject(
          new MediaToolError(
            'FfmpegFailed',
            `ffmpeg failed (${error.killed ? 'timed out' : `exit ${String(error.code)}`}) making a rendition.`,
            String(stderr).slice(-2000),
          ),
        );
      },
    );
  });
}

function checkSpec(spec: RenditionSpec): void {
  const ok =
    DEFINITION.test(spec.definition) &&
    [spec.width, spec.height].every(
      (n) => Number.isInteger(n) && n >= 16 && n <= 3840 && n % 2 === 0,
    ) &&
    Number.isInteger(spec.videoKbps) &&
    spec.videoKbps >= 16 &&
    spec.videoKbps <= 20_000;
  if (!ok) {
    throw new TypeError(
      `prepareRenditions: bad rendition ${JSON.stringify(spec)} (definition A-Z0-9, even width/height 16-3840, integer videoKbps 16-20000)`,
    );
  }
}

async function makeRendition(
  ffmpeg: string,
  source: string,
  dir: string,
  spec: RenditionSpec,
  segmentSeconds: number,
  keyInfoFile: string | undefined,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const mp4 = join(dir, 'video.mp4');
  const kbps = spec.videoKbps;
  // Keyframes every segmentSeconds so HLS segments cut cleanly and the MP4 seeks the same way.
  // biome-ignore format: one ffmpeg option and its value per pair reads best
  await runFfmpeg(ffmpeg, [
    '-i', source,
    '-vf', `scale=${spec.width}:${spec.height}`,
    '-c:v', 'libx264', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-preset', 'veryfast',
    '-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.25)}k`, '-bufsize', `${kbps * 2}k`,
    '-force_key_frames', `expr:gte(t,n_forced*${segmentSeconds})`, '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '32k', '-ac', '1',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact',
    '-movflags', '+faststart', mp4,
  ]);
  // biome-ignore format: as above
  await runFfmpeg(ffmpeg, [
    '-i', mp4, '-c', 'copy', '-bsf:v', 'h264_mp4toannexb',
    '-f', 'hls', '-hls_time', String(segmentSeconds), '-hls_playlist_type', 'vod',
    '-hls_segment_type', 'mpegts', '-hls_segment_filename', join(dir, 'seg-%03d.ts'),
    ...(keyInfoFile ? ['-hls_key_info_file', keyInfoFile] : []),
    join(dir, 'index.m3u8'),
  ]);
}

/** Reads what a finished rendition directory holds. */
async function describe(
  dir: string,
  spec: RenditionSpec,
  encrypted: boolean,
): Promise<PreparedRendition> {
  const playlist = join(dir, 'index.m3u8');
  const text = await readFile(playlist, 'utf8');
  const segments = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const duration = [...text.matchAll(/^#EXTINF:([\d.]+),/gm)].reduce((s, m) => s + Number(m[1]), 0);
  const mp4 = join(dir, 'video.mp4');
  const sizes = await Promise.all(segments.map(async (s) => (await stat(join(dir, s))).size));
  return {
    ...spec,
    mp4,
    mp4Size: (await stat(mp4)).size,
    playlist,
    segments,
    hlsSize: Buffer.byteLength(text) + sizes.reduce((a, b) => a + b, 0),
    encrypted,
    duration: Math.round(duration * 1000) / 1000,
  };
}

/**
 * Makes (once, then reuses from the cache) an MP4 and an HLS rendition (VOD playlist, MPEG-TS
 * segments, a keyframe at every segment start) of `source` in each definition, with ffmpeg.
 * The cache key is the source's bytes, the definitions and the recipe, so a changed source or
 * recipe makes new files; a half-made entry is never seen (it is built aside and renamed).
 *
 * @throws {@link MediaToolError} `SourceMissing`, `FfmpegMissing`, `FfmpegFailed`.
 * @throws TypeError for a bad {@link RenditionSpec}.
 *
 * @example
 * ```ts
 * const { renditions } = await prepareRenditions(SAMPLE_MEDIA.testPattern.file);
 * renditions.map((r) => r.definition); // ['LD', 'SD']
 * ```
 */
export async function prepareRenditions(
  source: string,
  options: PrepareRenditionsOptions = {},
): Promise<PreparedMedia> {
  const specs = options.renditions ?? DEFAULT_RENDITIONS;
  if (specs.length === 0) throw new TypeError('prepareRenditions: renditions must not be empty');
  specs.forEach(checkSpec);
  if (new Set(specs.map((s) => s.definition)).size !== specs.length) {
    throw new TypeError('prepareRenditions: each definition may appear once');
  }
  const segmentSeconds = options.segmentSeconds ?? 2;
  if (!(Number.isInteger(segmentSeconds) && segmentSeconds >= 1 && segmentSeconds <= 30)) {
    throw new TypeError('prepareRenditions: segmentSeconds must be an integer from 1 to 30');
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch {
    throw new MediaToolError('SourceMissing', `The media source "${source}" cannot be read.`);
  }
  const encrypted = options.hlsEncryption === true;
  const key = createHash('sha256')
    .update(bytes)
    .update(JSON.stringify({ RECIPE_VERSION, specs, segmentSeconds }))
    // Clear entries keep their old key; encrypted ones get their own.
    .update(encrypted ? 'hls-aes-128' : '')
    .digest('hex')
    .slice(0, 24);
  const dir = join(options.cacheDir ?? DEFAULT_MEDIA_CACHE_DIR, key);
  const ffmpeg = options.ffmpegPath ?? process.env.FFMPEG_PATH ?? 'ffmpeg';
  const pending = inFlight.get(dir);
  if (pending) return pending;
  const job = (async (): Promise<PreparedMedia> => {
    const done = await readFile(join(dir, 'done'), 'utf8').catch(() => undefined);
    if (done === undefined) {
      // Build aside, then rename: parallel test workers may race; the loser's copy is dropped.
      const temp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      try {
        let keyInfo: string | undefined;
        if (encrypted) {
          // ffmpeg's key info file: the URI to write, the key file; it writes the IV itself.
          await mkdir(temp, { recursive: true });
          await writeFile(join(temp, KEY_FILE), randomBytes(16), { mode: 0o600 });
          keyInfo = join(temp, 'key.info');
          await writeFile(keyInfo, `${HLS_KEY_PLACEHOLDER}\n${join(temp, KEY_FILE)}\n`);
        }
        for (const spec of specs) {
          const out = join(temp, spec.definition);
          await makeRendition(ffmpeg, source, out, spec, segmentSeconds, keyInfo);
        }
        if (keyInfo) await rm(keyInfo);
        await writeFile(join(temp, 'done'), `${new Date().toISOString()}\n`);
        await rename(temp, dir).catch(async (error: NodeJS.ErrnoException) => {
          const other = await readdir(dir).catch(() => [] as string[]);
          if (!other.includes('done')) throw error;
        });
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    }
    const renditions = await Promise.all(
      specs.map((s) => describe(join(dir, s.definition), s, encrypted)),
    );
    if (!encrypted) return { source, dir, renditions };
    const dataKey = new Uint8Array(await readFile(join(dir, KEY_FILE)));
    if (dataKey.length !== 16) {
      throw new MediaToolError('SourceMissing', `The data key in "${dir}" is not 16 bytes.`);
    }
    return { source, dir, renditions, dataKey };
  })();
  inFlight.set(dir, job);
  job.catch(() => inFlight.delete(dir));
  return job;
}
