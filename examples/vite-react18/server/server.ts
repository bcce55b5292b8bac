import { createPlayAuthHandler, createVodClient, toNodeHandler } from '@playauth/server';
import express from 'express';
import { canWatch } from './canWatch.js';
import { vodClientOptions } from './vodClientOptions.js';

const app = express();
const handler = createPlayAuthHandler({
  client: createVodClient(vodClientOptions()), // real VOD from ALIBABA_CLOUD_* variables, else the emulator
  authorize: (request, videoId) => canWatch(request, videoId),
});
app.get('/api/play-auth', toNodeHandler(handler));
app.use(express.static('dist')); // the SPA that `vite build` wrote

const port = Number(process.env.PORT ?? 3000);
app.listen(port, '127.0.0.1', (error) => {
  if (error) throw error;
  console.log(`listening on http://127.0.0.1:${port}`);
});
