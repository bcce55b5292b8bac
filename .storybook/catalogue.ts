import { basename } from 'node:path';
import { runnerImport } from 'vite';
import { workspaceAlias } from '../dev/workspaceAlias.js';

/**
 * One video of the emulator's default catalogue as the browser sees it. The same ids work with
 * the real emulator (`npm start`) and with the MSW stand-ins (static build, story tests), whose
 * play URLs point at the same clips served from `/media/`.
 */
export interface StorybookCatalogueEntry {
  videoId: string;
  title: string;
  duration: number;
  status: string;
  /** File name of the clip under `/media/` (playable videos only). */
  media?: string;
  /** The emulator's SVG cover, which the MSW stand-ins serve where no emulator runs. */
  coverSvg: string;
}

/**
 * Reads the emulator's catalogue in Node (it knows the clip files) so the browser gets one source
 * of truth through Vite `define`. Loaded through Vite with the workspace alias: the emulator's
 * sources, so a fresh clone needs no build.
 */
export async function storybookCatalogue(): Promise<StorybookCatalogueEntry[]> {
  const { module: emulator } = await runnerImport<typeof import('@playauth/emulator')>(
    '@playauth/emulator',
    { configFile: false, logLevel: 'silent', resolve: { alias: workspaceAlias() } },
  );
  return emulator.EMULATOR_VIDEOS.map((video) => ({
    videoId: video.videoId,
    title: video.title,
    duration: video.duration,
    status: video.status,
    ...(video.media ? { media: basename(video.media.file) } : {}),
    coverSvg: emulator.renderCoverSvg(video),
  }));
}
