/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_PLAYAUTH_VOD_SERVER?: string;
  readonly VITE_PLAYAUTH_FAKE_PLAYER?: string;
  readonly VITE_ALIPLAYER_LICENSE_KEY?: string;
  readonly VITE_ALIPLAYER_LICENSE_DOMAIN?: string;
}
