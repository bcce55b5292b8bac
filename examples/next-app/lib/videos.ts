/** The app's own list of videos it shows (ids of the VOD emulator's catalogue). */
export const VIDEO_IDS = [
  '3f8a1c2e9b7d4e5fa6c0b1d2e3f40a01',
  '7c2e4a6b8d0f41e3a5c7e9b1d3f50b02',
  'b5d7f9a1c3e54b6d8f0a2c4e6a8c0c03',
] as const;
