import { createPlayAuthHandler } from '@playauth/server';
import { vodClient } from '../../../lib/vod';

const handler = createPlayAuthHandler({
  client: vodClient(), // real VOD from ALIBABA_CLOUD_* variables, else the emulator
  // Decide per signed-in user in a real app; allowing every video hands out credentials for the
  // whole VOD library to anyone who asks.
  authorize: () => true,
});

export const GET = handler;
export const HEAD = handler;
