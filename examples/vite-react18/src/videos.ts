/** The app's own catalogue: which videos it lists, under which title (ids of the VOD emulator). */
export const VIDEOS = [
  { id: '3f8a1c2e9b7d4e5fa6c0b1d2e3f40a01', title: 'Test pattern with a 440 Hz tone' },
  { id: '7c2e4a6b8d0f41e3a5c7e9b1d3f50b02', title: 'Colour bars with a 660 Hz tone' },
  { id: 'b5d7f9a1c3e54b6d8f0a2c4e6a8c0c03', title: 'Short film' },
] as const;
