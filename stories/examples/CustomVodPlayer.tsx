import { type AliplayerSource, PlayerController, type PlayerSnapshot } from '@playauth/core';
import { usePlayAuth, usePlayAuthConfig } from '@playauth/react';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

export interface CustomVodPlayerProps {
  videoId: string;
}

const idle: PlayerSnapshot = {
  status: 'idle',
  sourceLoaded: false,
  playbackStarted: false,
  renewals: 0,
};
const noop = () => () => {};

/**
 * A player with its own UI, built on `usePlayAuth` (the credential, kept fresh) and the
 * framework-free `PlayerController` from @playauth/core (the SDK instance, renewal, disposal).
 *
 * @example
 * <CustomVodPlayer videoId="3f8a…" />
 */
export function CustomVodPlayer({ videoId }: CustomVodPlayerProps) {
  const { data: credential, error, getFresh } = usePlayAuth(videoId);
  const { sdk, license } = usePlayAuthConfig();
  const box = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<PlayerController>();
  const [time, setTime] = useState(0);

  // One controller per mount, made in an effect so StrictMode's extra mount disposes its own.
  useEffect(() => {
    const made = new PlayerController({
      sdk: sdk as AliplayerSource | undefined,
      license,
      muted: true,
      autoplay: true,
      width: '100%',
      height: '100%',
      getCredential: () => getFresh(),
      options: { controlBarVisibility: 'never' },
    });
    void made.preload().catch(() => {}); // the load error shows in the snapshot
    if (box.current) made.attach(box.current);
    const off = made.on('timeupdate', () => setTime(made.getCurrentTime()));
    setController(made);
    return () => {
      off();
      made.dispose();
    };
  }, [sdk, license, getFresh]);

  // load() switches a running player to another video; never an expired credential.
  useEffect(() => {
    if (controller && credential) controller.load(credential);
  }, [controller, credential]);

  const snapshot = useSyncExternalStore(
    controller ? (listener) => controller.subscribe(listener) : noop,
    () => controller?.getSnapshot() ?? idle,
  );
  const playing = snapshot.status === 'playing';
  const title = credential?.videoMeta.title ?? 'Loading…';
  const failure = error ?? snapshot.error;

  return (
    <figure style={{ margin: 0, maxWidth: 480 }} aria-label={title}>
      <div style={{ aspectRatio: '16 / 9', background: '#000' }}>
        <div ref={box} />
      </div>
      <figcaption style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 8 }}>
        <button
          type="button"
          disabled={!snapshot.sourceLoaded}
          aria-label={`${playing ? 'Pause' : 'Play'} ${title}`}
          onClick={() => (playing ? controller?.pause() : controller?.play())}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <strong>{title}</strong>
        <output aria-label="Position">{time.toFixed(1)} s</output>
        <span data-testid="custom-status">{snapshot.status}</span>
      </figcaption>
      {failure ? <p role="alert">{failure.message}</p> : null}
    </figure>
  );
}
