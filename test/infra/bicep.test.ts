/**
 * Bicep lint by reading (no compiler can be installed here): the checks a `bicep build` and its
 * linter would make first, on our conventional files.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type BicepFile,
  INFRA_DIR,
  literal,
  modules,
  outputs,
  params,
  properties,
  readBicep,
  resources,
  stripComments,
  variables,
} from './bicep';

const bicepFiles = ['main.bicep', ...readdirSync(path.join(INFRA_DIR, 'modules')).filter((f) => f.endsWith('.bicep')).map((f) => `modules/${f}`)];

/** Whole-word occurrences of `name` outside its own declaration line. */
function uses(f: BicepFile, name: string, declaration: RegExp): number {
  const withoutDeclaration = f.code.replace(declaration, '');
  return [...withoutDeclaration.matchAll(new RegExp(`(?<![\\w.'])${name}(?![\\w'])`, 'g'))].length;
}

interface ParameterFile {
  parameters: Record<string, { value: unknown }>;
}

const parameterFiles = readdirSync(INFRA_DIR).filter((f) => /^main\.parameters\.[a-z0-9-]+\.json$/.test(f));

describe('infra/ Bicep, checked by reading', () => {
  it('has main.bicep and the modules it names, each file existing', () => {
    const main = readBicep('main.bicep');
    const named = modules(main).map((m) => m.target);
    assert.deepEqual(named.sort(), ['modules/appService.bicep', 'modules/bot.bicep', 'modules/cosmos.bicep', 'modules/identity.bicep', 'modules/keyVault.bicep', 'modules/monitoring.bicep']);
    for (const target of named) assert.ok(existsSync(path.join(INFRA_DIR, target)), target);
    // And no module file lies around unused.
    assert.deepEqual(bicepFiles.filter((f) => f !== 'main.bicep').sort(), [...named].sort());
  });

  for (const file of bicepFiles) {
    describe(file, () => {
      const f = readBicep(file);

      it('uses every param it declares', () => {
        for (const p of params(f)) {
          assert.ok(uses(f, p.name, new RegExp(`^param\\s+${p.name}\\b.*$`, 'm')) > 0, `param ${p.name} is never used`);
        }
      });

      it('uses every var it declares', () => {
        for (const name of variables(f).keys()) {
          assert.ok(uses(f, name, new RegExp(`^var\\s+${name}\\b.*$`, 'm')) > 0, `var ${name} is never used`);
        }
      });

      it('gives every resource a dated API version', () => {
        const rs = resources(f);
        for (const r of rs) {
          assert.match(r.apiVersion ?? '', /^\d{4}-\d{2}-\d{2}(-preview)?$/, `${r.symbol} '${r.target}@${r.apiVersion}'`);
          const [y, m, d] = (r.apiVersion ?? '').split('-').map(Number);
          assert.ok(y >= 2020 && m >= 1 && m <= 12 && d >= 1 && d <= 31, `${r.symbol} api version ${r.apiVersion}`);
        }
      });

      it('holds no secret: no keys, passwords, connection strings or listKeys()', () => {
        const raw = readFileSync(f.file, 'utf8');
        assert.doesNotMatch(raw, /AccountKey=|InstrumentationKey=|SharedAccessKey|password\s*:\s*'[^']+'/i);
        assert.doesNotMatch(raw, /\blistKeys\(|\blistConnectionStrings\(|\.primaryMasterKey/);
        assert.doesNotMatch(raw, /['"][A-Za-z0-9+/]{40,}={0,2}['"]/, 'a long base64 literal');
        for (const p of params(f)) {
          if (/secret|password|key$/i.test(p.name)) assert.equal(p.defaultValue, undefined, `param ${p.name} has a default`);
        }
      });

      it('is balanced, and every declaration has the one-line shape the reader in bicep.ts relies on', () => {
        const opens = (f.code.match(/[{[(]/g) ?? []).length;
        const closes = (f.code.match(/[}\])]/g) ?? []).length;
        assert.equal(opens, closes);
        const declarationLines = f.code.split('\n').filter((l) => /^(param|var|resource|module|output)\s/.test(l));
        const read = params(f).length + variables(f).size + resources(f).length + modules(f).length + outputs(f).length;
        assert.equal(read, declarationLines.length, declarationLines.join('\n'));
        assert.ok(declarationLines.every((l) => !/^\s/.test(l)), 'declarations start at column 0');
      });
    });
  }

  describe('module calls', () => {
    const main = readBicep('main.bicep');
    for (const m of modules(main)) {
      it(`${m.symbol}: passes every param the module requires and none it does not declare`, () => {
        const declared = params(readBicep(m.target));
        const passed = properties(properties(m.body).get('params') ?? '{}');
        for (const p of declared) {
          if (p.defaultValue === undefined) assert.ok(passed.has(p.name), `${m.target} needs ${p.name}`);
        }
        for (const name of passed.keys()) assert.ok(declared.some((p) => p.name === name), `${m.target} has no param ${name}`);
        assert.ok(literal(properties(m.body).get('name')), `${m.symbol} has a literal deployment name`);
      });
    }
  });

  describe('parameters per environment', () => {
    it('has at least dev and prod', () => {
      assert.ok(parameterFiles.includes('main.parameters.dev.json'));
      assert.ok(parameterFiles.includes('main.parameters.prod.json'));
    });

    for (const file of parameterFiles) {
      it(`${file}: names only params of main.bicep, gives every required one, within @allowed values`, () => {
        const main = readBicep('main.bicep');
        const declared = params(main);
        const json = JSON.parse(readFileSync(path.join(INFRA_DIR, file), 'utf8')) as ParameterFile;
        for (const [name, { value }] of Object.entries(json.parameters)) {
          const p = declared.find((d) => d.name === name);
          assert.ok(p, `${file} sets ${name}, which main.bicep does not declare`);
          const type = Array.isArray(value) ? 'array' : typeof value === 'number' ? 'int' : typeof value === 'boolean' ? 'bool' : typeof value;
          assert.equal(type, p.type, `${name}: ${JSON.stringify(value)} is not a ${p.type}`);
          if (p.allowed) assert.ok(p.allowed.includes(String(value)), `${name}=${String(value)} not in ${p.allowed.join(', ')}`);
          // A main param passed straight to a module param with @allowed must fit that list too.
          for (const m of modules(main)) {
            for (const [moduleParam, expression] of properties(properties(m.body).get('params') ?? '{}')) {
              if (expression !== name) continue;
              const target = params(readBicep(m.target)).find((q) => q.name === moduleParam);
              if (target?.allowed) assert.ok(target.allowed.includes(String(value)), `${name}=${String(value)} not allowed by ${m.target} ${moduleParam}`);
            }
          }
        }
        for (const p of declared) {
          if (p.defaultValue === undefined) assert.ok(p.name in json.parameters, `${file} misses required ${p.name}`);
        }
      });
    }

    it('dev stays serverless and prod chooses autoscale through cosmosCapacityMode', () => {
      const dev = JSON.parse(readFileSync(path.join(INFRA_DIR, 'main.parameters.dev.json'), 'utf8')) as ParameterFile;
      const prod = JSON.parse(readFileSync(path.join(INFRA_DIR, 'main.parameters.prod.json'), 'utf8')) as ParameterFile;
      assert.equal(dev.parameters.cosmosCapacityMode.value, 'serverless');
      assert.equal(prod.parameters.cosmosCapacityMode.value, 'autoscale');
      assert.equal(prod.parameters.keyVaultPurgeProtection.value, true);
    });
  });

  describe('outputs', () => {
    it('are named as the env files name them, so the toolkit writes them where the manifest and yml read them', () => {
      const names = outputs(readBicep('main.bicep')).map((o) => o.name);
      assert.ok(names.length > 0);
      for (const env of ['dev', 'prod']) {
        const text = readFileSync(path.join(INFRA_DIR, '..', 'env', `.env.${env}`), 'utf8');
        for (const name of names) assert.match(text, new RegExp(`^${name}=`, 'm'), `env/.env.${env} has no ${name}`);
      }
    });
  });

  describe('the reader itself', () => {
    it('strips comments but not // inside strings', () => {
      assert.equal(stripComments("a // c\nb 'http://x' /* y */ c"), "a \nb 'http://x'  c");
    });

    it('reads nested properties, conditional blocks and strings with interpolation', () => {
      const block = "{\n  a: 'x${y}z'\n  b: {\n    c: 1\n  }\n  d: cond ? [\n    1\n  ] : []\n  'e-f': true\n}";
      assert.deepEqual(Object.fromEntries(properties(block)), { a: "'x${y}z'", b: '{\n    c: 1\n  }', d: 'cond ? [\n    1\n  ] : []', 'e-f': 'true' });
    });
  });
});
