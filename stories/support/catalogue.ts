import {
  catalogue,
  videos as catalogueVideos,
  storyCoverUrl,
} from '../../.storybook/storyEnvironment';

/**
 * Video ids of the local VOD emulator's catalogue (the same in `npm start`, the static build and
 * the story tests): three playable clips, one still transcoding, and one that does not exist.
 */
export const videos = catalogueVideos;

/** Title of a catalogue video, as the player shows it. */
export function titleOf(videoId: string): string {
  const title = catalogue.find((video) => video.videoId === videoId)?.title;
  if (!title) throw new Error(`No catalogue video ${videoId}`);
  return title;
}

/** Select options for the `videoId` control. */
export const videoIdControl = {
  control: { type: 'select' as const },
  options: catalogue.map((video) => video.videoId),
  labels: Object.fromEntries(catalogue.map((video) => [video.videoId, video.title])),
};

/**
 * A cover URL for a catalogue video, as an app would take from its own data (works offline in
 * every Storybook mode).
 */
export const coverOf = storyCoverUrl;
