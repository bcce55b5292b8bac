import { installMountScenario } from './mountScenario';
import type { PageApi } from './PageApi';
import { installPlayerScenario, renderPlayerScenario } from './playerScenario';

// The test page of the e2e tests and the browser benchmarks (see PageApi.ts for the scenarios).
const query = new URLSearchParams(location.search);
const element = (id: string): HTMLElement => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`test page: #${id} missing`);
  return found;
};

// One object, filled in by each scenario (their React trees update it as they mount).
const api = {} as PageApi;
const unmountPlayer = installPlayerScenario(api, query);
const unmountMounted = installMountScenario(api, element('root'), element('baseline'));
api.unmount = () => {
  unmountPlayer();
  unmountMounted();
};
api.video = () => {
  const video = document.querySelector('video');
  if (!video) return null;
  const { currentTime, paused, currentSrc, readyState } = video;
  return { currentTime, paused, src: currentSrc, readyState };
};
window.playauthPage = api;

if ((query.get('scenario') ?? 'player') === 'player') {
  renderPlayerScenario(api, query, element('root'));
}
