import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// issue 13: every public package named a placeholder repository. The root package.json holds
// the project's canonical address once; each package must agree with it.

const read = (path: string) =>
  JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
const root = read('package.json') as {
  license: string;
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  workspaces: string[];
};
const web = root.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const published = root.workspaces
  .map((workspace) => ({ workspace, manifest: read(`${workspace}/package.json`) }))
  .filter(({ manifest }) => !manifest.private);

describe('package metadata', () => {
  it('has one canonical address at the root', () => {
    expect(root.repository).toEqual({ type: 'git', url: `git+${web}.git` });
    expect(web).toMatch(/^https:\/\/github\.com\/[\w-]+\/[\w-]+$/);
    expect(root.homepage).toBe(`${web}#readme`);
    expect(root.bugs).toEqual({ url: `${web}/issues` });
    expect(published.map(({ workspace }) => workspace)).toHaveLength(5);
  });

  it.each(published.map(({ workspace, manifest }) => [manifest.name, workspace, manifest]))(
    '%s agrees with the root: repository, homepage, bugs, license, keywords, public access',
    (_, workspace, manifest) => {
      expect(manifest.repository).toEqual({ ...root.repository, directory: workspace });
      expect(manifest.homepage).toBe(`${web}/tree/main/${workspace}#readme`);
      expect(manifest.bugs).toEqual(root.bugs);
      expect(manifest.license).toBe(root.license);
      expect(manifest.keywords).toEqual(expect.arrayContaining(['aliyun', 'vod', 'playauth']));
      expect(manifest.publishConfig).toEqual({ access: 'public' });
    },
  );
});
