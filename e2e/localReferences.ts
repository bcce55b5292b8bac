/** Repository folders a README might name as if they shipped. */
const REPO_PATH = /^(?:\.\/)?(?:src|docs|e2e|dev|bench|stories|scripts|packages)\/\S+$/;

/**
 * Every link target in a README that must resolve inside the tarball: relative Markdown links
 * and images, HTML `href`/`src`, reference definitions, and code spans naming repository files
 * (`src/...`), which read as pointers to files the package should contain.
 */
export function localReferences(markdown: string): string[] {
  const targets = [
    ...markdown.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
    ...markdown.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm),
    ...markdown.matchAll(/\b(?:href|src)="([^"]+)"/g),
  ].map((match) => match[1] as string);
  // Code spans inside a link's text are the link's business (its target is checked above).
  const text = markdown.replace(/\[[^\]]*\]\([^)]*\)/g, '');
  const spans = [...text.matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1] as string)
    .filter((span) => REPO_PATH.test(span));
  return [...targets, ...spans]
    .filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target))
    .map((target) => target.replace(/[#?].*$/, '').replace(/^\.\//, ''));
}
