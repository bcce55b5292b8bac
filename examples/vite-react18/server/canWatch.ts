/**
 * Whether this request may play `videoId`. The example lets everyone play every video; a real
 * app checks its session here (signed-in user, purchase, region...), or the endpoint hands out
 * credentials for the whole VOD library to anyone who asks.
 */
export function canWatch(_request: Request, _videoId: string): boolean {
  return true;
}
