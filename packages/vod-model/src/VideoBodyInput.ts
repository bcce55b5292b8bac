/** The video fields every answer body builder of the model takes (GetVideoInfo, GetPlayInfo). */
export interface VideoBodyInput {
  videoId: string;
  title: string;
  /** Seconds. */
  duration: number;
  /** Default `'Normal'`. */
  status?: string;
  coverUrl?: string;
  /** ISO 8601 UTC, e.g. `2026-01-05T08:00:00Z`. */
  creationTime?: string;
}
