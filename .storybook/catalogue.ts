import { basename } from 'node:path';
import { EMULATOR_VIDEOS } from '../packages/emulator/src/catalogue.js';

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
}

/**
 * Reads the emulator's catalogue in Node (it knows the clip files) so the browser gets one source
 * of truth through Vite `define`.
 */
export function storybookCatalogue(): StorybookCatalogueEntry[] {
  return EMULATOR_VIDEOS.map((video) => ({
    videoId: video.videoId,
    title: video.title,
    duration: video.duration,
    status: video.status,
    ...(video.media ? { media: basename(video.media.file) } : {}),
  }));
}
