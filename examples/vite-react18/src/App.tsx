import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import { playerOptions, providerSettings } from './playerSettings';
import { VIDEOS } from './videos';

/** The video list, or the player of `?v=<videoId>`. */
export function App() {
  const videoId = new URLSearchParams(window.location.search).get('v');
  const video = VIDEOS.find(({ id }) => id === videoId);
  return (
    <PlayAuthProvider endpoint="/api/play-auth" {...providerSettings}>
      <main>
        <h1>playauth · Vite + React 18</h1>
        {videoId ? (
          <>
            {/* The app's own title shows at once; the rest of the metadata comes with the credential. */}
            <VodPlayer
              videoId={videoId}
              meta={video && { title: video.title }}
              options={playerOptions}
              autoplay
              muted
            />
            <p>
              <a href="/">All videos</a>
            </p>
          </>
        ) : (
          <ul>
            {VIDEOS.map((video) => (
              <li key={video.id}>
                <a href={`/?v=${video.id}`}>{video.title}</a>
              </li>
            ))}
          </ul>
        )}
      </main>
    </PlayAuthProvider>
  );
}
