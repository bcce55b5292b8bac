/** GETs `url`, reads the body, and throws unless the status is 200 (a load request that failed). */
export async function getOk(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url} -> ${response.status}`);
}
