import type { EmulatorVideo } from './catalogue';

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

function hue(videoId: string): number {
  let h = 0;
  for (const ch of videoId) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

/**
 * A 16:9 SVG cover (640x360) showing the video's title, duration and id, so covers work offline.
 * The background hue is derived from the VideoId, so different videos look different.
 */
export function renderCoverSvg(
  video: Pick<EmulatorVideo, 'videoId' | 'title' | 'duration'>,
): string {
  const h = hue(video.videoId);
  const title = escapeXml(video.title.length > 60 ? `${video.title.slice(0, 59)}…` : video.title);
  const minutes = Math.floor(video.duration / 60);
  const seconds = String(Math.round(video.duration % 60)).padStart(2, '0');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360" role="img" aria-label="${title}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${h},60%,35%)"/><stop offset="1" stop-color="hsl(${(h + 60) % 360},60%,18%)"/>
</linearGradient></defs>
<rect width="640" height="360" fill="url(#g)"/>
<circle cx="320" cy="160" r="46" fill="rgba(255,255,255,0.18)"/>
<path d="M305 135 L345 160 L305 185 Z" fill="#fff"/>
<text x="320" y="258" text-anchor="middle" font-family="system-ui,sans-serif" font-size="26" fill="#fff">${title}</text>
<text x="320" y="292" text-anchor="middle" font-family="system-ui,sans-serif" font-size="16" fill="rgba(255,255,255,0.8)">${minutes}:${seconds} · playauth emulator</text>
<text x="16" y="346" font-family="ui-monospace,monospace" font-size="11" fill="rgba(255,255,255,0.55)">${escapeXml(video.videoId)}</text>
</svg>
`;
}
