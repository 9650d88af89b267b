/**
 * The layout the founders' standards ask for (ARCHITECTURE.md), checked on the source text: the
 * domain is pure and takes time as an argument, and each SDK stays inside its adapter.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', 'src');

interface SourceFile {
  /** Relative to src/, with forward slashes. */
  readonly name: string;
  /** The text without its comments. */
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|cjs|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Block comments, and line comments that start a line or follow whitespace (so "https://" in a
 * string stays), so that prose about a rule does not break it.
 */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** The modules a file names: import/export ... from, bare import, require(), import(). */
function importsOf(code: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\s+(?:type\s+)?[\w$*\s,{}]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...code.matchAll(p)].map((m) => m[1]));
}

const files: SourceFile[] = sourceFiles(SRC).map((full) => ({
  name: path.relative(SRC, full).split(path.sep).join('/'),
  code: withoutComments(fs.readFileSync(full, 'utf8')),
}));

/** Every import of a module matching `module` from a file outside `allowed`, as "file -> module". */
function importsOutside(module: RegExp, allowed: (file: string) => boolean): string[] {
  return files.flatMap((f) => (allowed(f.name) ? [] : importsOf(f.code).filter((m) => module.test(m)).map((m) => `${f.name} -> ${m}`)));
}

describe('architecture', () => {
  it('reads the sources it checks, and finds every form of import', () => {
    assert.ok(files.some((f) => f.name === 'domain/model.ts'));
    assert.ok(files.some((f) => f.name.startsWith('adapters/teams/')));
    const sample = [
      "import { a,",
      "  b } from 'one';",
      "import type { C } from \"two\";",
      "import * as d from 'three';",
      "import 'four';",
      "export { e } from './five';",
      "const f = require('six');",
      "const g = await import('seven');",
      "const h = 'from', i = \"x\";",
      "const url = 'https://example.org'; // import z from 'not-this';",
      "/* import y from 'nor-this'; */",
    ].join('\n');
    assert.deepEqual(importsOf(withoutComments(sample)).sort(), ['./five', 'four', 'one', 'seven', 'six', 'three', 'two']);
  });

  it('src/domain imports only luxon, date-holidays (bankHolidays.ts) and files inside src/domain', () => {
    const bad = files
      .filter((f) => f.name.startsWith('domain/'))
      .flatMap((f) =>
        importsOf(f.code)
          .filter((m) => {
            if (m === 'luxon') return false;
            // Issue 9: bank holidays from a pure data library, in one module.
            if (m === 'date-holidays' && f.name === 'domain/bankHolidays.ts') return false;
            if (!m.startsWith('.')) return true;
            const target = path.relative(path.join(SRC, 'domain'), path.resolve(SRC, path.dirname(f.name), m));
            return target.startsWith('..') || path.isAbsolute(target);
          })
          .map((m) => `${f.name} -> ${m}`),
      );
    assert.ok(files.some((f) => f.name.startsWith('domain/')));
    assert.deepEqual(bad, []);
  });

  it('src/domain and src/app never read the clock or draw random numbers: time and ids are arguments', () => {
    const forbidden = [/\bDate\.now\b/, /\bnew\s+Date\s*\(\s*\)/, /\bMath\.random\b/];
    const bad = files
      .filter((f) => f.name.startsWith('domain/') || f.name.startsWith('app/'))
      .flatMap((f) => forbidden.filter((p) => p.test(f.code)).map((p) => `${f.name}: ${p.source}`));
    assert.deepEqual(bad, []);
  });

  it('botbuilder and botframework-* only under src/adapters/teams and src/adapters/http', () => {
    assert.deepEqual(
      importsOutside(/^(botbuilder|botframework-)/, (f) => f.startsWith('adapters/teams/') || f.startsWith('adapters/http/')),
      [],
    );
  });

  it('adaptivecards-templating only in src/adapters/cards/render.ts', () => {
    assert.deepEqual(importsOutside(/^adaptivecards-templating(\/|$)/, (f) => f === 'adapters/cards/render.ts'), []);
  });

  it('@azure/cosmos only under src/adapters/cosmos', () => {
    assert.deepEqual(importsOutside(/^@azure\/cosmos(\/|$)/, (f) => f.startsWith('adapters/cosmos/')), []);
  });
});
