import { startLocalBackend } from '../../dev/startLocalBackend';
import { launchBrowser } from '../harness';
import { openAppPage } from './appPage';
import { freePort, startExampleServer } from './exampleApp';

const backend = await startLocalBackend({ listen: false });
const browser = await launchBrowser();
const port = await freePort();
const dir = '/tmp/playauth-examples/next-app';
const t = performance.now();
const app = await startExampleServer(
  dir,
  ['node_modules/next/dist/bin/next', 'start', '--hostname', '127.0.0.1', '--port', `${port}`],
  port,
  { PLAYAUTH_EMULATOR_URL: backend.customVodServer, PLAYAUTH_FAKE_PLAYER: '1' },
);
console.log('start ms', performance.now() - t);
const page = await openAppPage(browser, `${app.url}/videos/3f8a1c2e9b7d4e5fa6c0b1d2e3f40a01`, {
  clockAheadMs: Number(process.argv[2] ?? 0),
});
await new Promise((r) => setTimeout(r, 8000));
console.log(
  await page.page.evaluate(() => {
    const v = document.querySelector('video');
    return { src: v?.src, t: v?.currentTime, html: document.body.innerHTML.slice(0, 600) };
  }),
);
await page.settled();
console.log(
  page.console,
  page.pageErrors,
  page.playAuths.length,
  page.documents.map((d) => d.url),
);
await page.close();
await browser.close();
await app.close();
await backend.close();
console.log(app.output().slice(-2000));
