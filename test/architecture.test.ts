/**
 * The layout the founders' standards ask for (ARCHITECTURE.md), checked by two well-kept tools:
 * dependency-cruiser for imports (.dependency-cruiser.cjs: the domain is pure, app imports no
 * adapter, adapters import each other only along an allow-list, no cycles, each SDK stays in its
 * adapter, no devDependency at run time) and ESLint for what is not an import (eslint.config.cjs:
 * only src/config.ts reads process.env; domain and app never read the clock or draw chance).
 *
 * Each tool is also shown a small tree that breaks its rules, so a rule that silently stopped
 * matching (a renamed folder, a changed option) fails here instead of passing everything.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '..');
const DEPCRUISE = path.join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const CONFIG = path.join(REPO, '.dependency-cruiser.cjs');
const run = promisify(execFile);

interface Cruise {
  readonly code: number;
  readonly output: string;
}

/** Runs dependency-cruiser on `src` in `cwd` with the project's rules; never throws on violations. */
async function cruise(cwd: string): Promise<Cruise> {
  try {
    const { stdout, stderr } = await run(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'err'], {
      cwd,
      maxBuffer: 8 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** A throwaway project tree: `files` by relative path, plus the repo's package.json, tsconfig and node_modules. */
function tree(files: Readonly<Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arch-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  fs.copyFileSync(path.join(REPO, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('architecture: dependency rules (dependency-cruiser)', function () {
  this.timeout(120_000);

  it('src/ keeps every dependency rule', async () => {
    const result = await cruise(REPO);
    assert.equal(result.code, 0, `dependency-cruiser found violations:\n${result.output}`);
    assert.match(result.output, /no dependency violations found/);
  });

  it('fails on each kind of wrong import, naming the rule', async () => {
    const dir = tree({
      'src/domain/model.ts': "import { x } from '../adapters/cosmos/store';\nexport const m = x;\n",
      'src/app/useCase.ts': "import { t } from '../adapters/teams/bot';\nexport const u = t;\n",
      'src/adapters/cosmos/store.ts': 'export const x = 1;\n',
      'src/adapters/teams/bot.ts': "import { c } from '../cards/present';\nexport const t = c;\n",
      'src/adapters/cards/present.ts': "import { s } from '../teams/shortcuts';\nexport const c = s;\n",
      'src/adapters/teams/shortcuts.ts': "import { t } from './bot';\nexport const s = t;\n",
      'src/adapters/http/server.ts': "import sinon from 'sinon';\nexport const h = sinon;\n",
      'src/adapters/scheduler/tick.ts': "import { x } from '../cosmos/store';\nexport const k = x;\n",
      'src/adapters/cli/query.ts': "import { CosmosClient } from '@azure/cosmos';\nexport const q = CosmosClient;\n",
    });
    try {
      const result = await cruise(dir);
      assert.notEqual(result.code, 0, 'dependency-cruiser must fail on a tree that breaks its rules');
      for (const rule of [
        'domain-is-pure',
        'app-imports-no-adapter',
        'adapter-cards-imports-only-itself',
        'no-circular',
        'no-dev-dependency-at-run-time',
        'adapter-scheduler-imports-only-itself',
        'sdk-stays-home:@azure/cosmos',
      ]) {
        assert.ok(result.output.includes(rule), `expected a violation of ${rule}:\n${result.output}`);
      }
      // The allowed edge teams -> cards is not reported.
      assert.doesNotMatch(result.output, /adapter-teams-imports-only-cards: src\/adapters\/teams\/bot\.ts → src\/adapters\/cards/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('architecture: source rules (ESLint)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: REPO });

  it('src/ keeps every source rule', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    assert.ok(results.length > 100, `ESLint looked at ${results.length} files`);
    const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(REPO, r.filePath)}:${m.line} ${m.message}`));
    assert.deepEqual(problems, []);
  });

  const problemsIn = async (file: string, code: string): Promise<string[]> =>
    (await eslint.lintText(code, { filePath: path.join(REPO, file) })).flatMap((r) => r.messages.map((m) => m.message));

  it('only src/config.ts reads process.env', async () => {
    assert.match((await problemsIn('src/adapters/http/x.ts', 'export const p = process.env.PORT;\n')).join('\n'), /Only src\/config\.ts reads the environment/);
    assert.deepEqual(await problemsIn('src/config.ts', 'export const p = process.env.PORT;\n'), []);
  });

  it('domain and app never read the clock or draw random numbers; adapters may', async () => {
    for (const file of ['src/domain/x.ts', 'src/app/x.ts']) {
      const found = (await problemsIn(file, 'export const a = Date.now();\nexport const b = new Date();\nexport const c = Math.random();\n')).join('\n');
      assert.match(found, /Time is an argument: take `now`/, file);
      assert.match(found, /`new Date\(\)` reads the clock/, file);
      assert.match(found, /Ids and chance come from a port/, file);
    }
    assert.deepEqual(await problemsIn('src/domain/x.ts', "export const d = new Date('2026-01-01');\n"), []);
    assert.deepEqual(await problemsIn('src/adapters/clock.ts', 'export const a = Date.now();\n'), []);
  });
});
