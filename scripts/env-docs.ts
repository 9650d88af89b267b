/**
 * Rewrites the documentation of the environment from ENVIRONMENT_VARIABLES (src/config.ts):
 * .env.sample, and the README's configuration table between `<!-- env:start -->` and
 * `<!-- env:end -->`. test/config.test.ts fails when either is out of step.
 *
 *   npx tsx scripts/env-docs.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderEnvironmentTable, renderEnvSample } from '../src/config';

const repo = path.resolve(__dirname, '..');

writeFileSync(path.join(repo, '.env.sample'), renderEnvSample());

const readmePath = path.join(repo, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const block = /<!-- env:start -->\n(?:[\s\S]*?\n)?<!-- env:end -->/;
if (!block.test(readme)) {
  process.stderr.write('README.md has no <!-- env:start --> ... <!-- env:end --> block\n');
  process.exitCode = 1;
} else {
  writeFileSync(readmePath, readme.replace(block, () => `<!-- env:start -->\n${renderEnvironmentTable()}\n<!-- env:end -->`));
}
