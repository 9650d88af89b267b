/**
 * `npm run build`: what production runs, in dist/ (git-ignored):
 *
 * - src/ compiled to JavaScript by tsc (tsconfig.build.json): dist/main.js is the app, dist/cli.js the CLI;
 * - every other file under src/ copied beside it (the card templates, containers.json, the tab's
 *   index.html and app.css), since the code reads them relative to itself;
 * - the tab's script bundled by esbuild into dist/tab/app.js, with the options the server uses
 *   when it runs from the sources (TAB_SCRIPT_BUILD).
 *
 * The result runs with production dependencies only (`npm ci --omit=dev`, then
 * `node dist/main.js`): neither tsx, TypeScript nor esbuild is needed at run time.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { TAB_SCRIPT_BUILD } from '../src/adapters/http/tabScript';

const REPO = path.resolve(__dirname, '..');
const SRC = path.join(REPO, 'src');

async function main(): Promise<void> {
  // --out <dir>: another folder than dist/ (the production-install test builds into a temp folder).
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(REPO, 'dist'));
  const started = Date.now();
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(REPO, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
  cpSync(SRC, out, { recursive: true, filter: (from) => !from.endsWith('.ts') });
  await build({ ...TAB_SCRIPT_BUILD, target: [...TAB_SCRIPT_BUILD.target], entryPoints: [path.join(SRC, 'tab', 'app.ts')], outfile: path.join(out, 'tab', 'app.js') });
  process.stdout.write(`built ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
