// Writes examples/<name>/package-lock.json from a fresh install outside the repository (see
// updateExampleLock). Usage, after `npm run build`: `npx tsx e2e/examples/lockExample.ts next-app`
import { type ExampleName, updateExampleLock } from './exampleApp';

const names: ExampleName[] = ['next-app', 'vite-react18'];
const name = process.argv[2] as ExampleName;
if (!names.includes(name)) {
  console.error(`usage: tsx e2e/examples/lockExample.ts <${names.join('|')}>`);
  process.exit(1);
}
console.log(`wrote ${await updateExampleLock(name)}`);
