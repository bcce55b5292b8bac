// Browser-safe: the paths the local backend's Vite plugin mounts, for the pages that call them.

/** Where the credential endpoint is mounted by default (same origin as the dev server). */
export const LOCAL_PLAY_AUTH_PATH = '/api/play-auth';
/** JSON describing the running backend (see {@link LocalBackendDevInfo}). */
export const LOCAL_DEV_INFO_PATH = '/__playauth/dev-info';
/** The installed SDK build, served so the real engine loads without the CDN. */
export const LOCAL_ALIPLAYER_PATH = '/__playauth/aliplayer/';

/** What {@link LOCAL_DEV_INFO_PATH} answers, plus whatever `devInfo` the app adds. */
export interface LocalBackendDevInfo {
  /** Same-origin credential endpoint backed by the real handler. */
  endpoint: string;
  /** Where GetPlayInfo goes (player option `customVodServer`): the emulator. */
  customVodServer: string;
  /** Base path of the self-served SDK build (an absolute `assetPrefix` needs the page origin). */
  aliplayerPath: string;
}
