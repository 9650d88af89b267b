import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  buildAppPackage,
  crc32,
  createZip,
  fillPlaceholders,
  loadEnvironment,
  parseArgs,
  parseEnvFile,
  placeholdersIn,
} from '../../scripts/package';
import { APP_PACKAGE_DIR, REPO, SAMPLE_VALUES, tempEnv } from './fixtures';
import { readZip } from './readZip';

const run = promisify(execFile);

describe('npm run package (scripts/package.ts)', () => {
  describe('env files', () => {
    it('parses the dotenv subset the toolkit writes', () => {
      const vars = parseEnvFile(
        ['# comment', '', 'A=1', 'export B = two ', 'C="with # hash and spaces"', "D='single'", 'E=plain # trailing', 'A=later', 'not a line'].join('\n'),
      );
      assert.deepEqual(Object.fromEntries(vars), { A: 'later', B: 'two', C: 'with # hash and spaces', D: 'single', E: 'plain' });
    });

    it('overlays env/.env.<name>.user on env/.env.<name>', async () => {
      const env = await tempEnv('ci', { A: 'base', B: 'base' }, { B: 'user', C: 'user' });
      try {
        const loaded = loadEnvironment(env.dir, 'ci');
        assert.ok(loaded.ok);
        assert.deepEqual(Object.fromEntries(loaded.value), { A: 'base', B: 'user', C: 'user' });
      } finally {
        await env.cleanup();
      }
    });

    it('names a missing env file and refuses odd environment names', async () => {
      const env = await tempEnv('ci', {});
      try {
        const missing = loadEnvironment(env.dir, 'staging');
        assert.ok(!missing.ok);
        assert.match(missing.problems[0], /No environment file .*\.env\.staging/);
        const odd = loadEnvironment(env.dir, '../ci');
        assert.ok(!odd.ok);
        assert.match(odd.problems[0], /must be letters, digits/);
      } finally {
        await env.cleanup();
      }
    });
  });

  describe('placeholders', () => {
    it('lists every unfilled placeholder (missing or empty), once, in order', () => {
      const template = '{"a":"${{ONE}}","b":"${{TWO}}/${{ONE}}","c":"${{ THREE }}","d":"${{FOUR}}"}';
      assert.deepEqual(placeholdersIn(template), ['ONE', 'TWO', 'THREE', 'FOUR']);
      const filled = fillPlaceholders(template, new Map([['TWO', 'x'], ['THREE', '']]));
      assert.deepEqual(filled, { ok: false, problems: ['ONE', 'THREE', 'FOUR'] });
    });

    it('writes values JSON-escaped, so a quote or backslash cannot break the manifest', () => {
      const filled = fillPlaceholders('{"name":"${{N}}"}', new Map([['N', 'Say "hi" \\ bye']]));
      assert.ok(filled.ok);
      assert.deepEqual(JSON.parse(filled.value), { name: 'Say "hi" \\ bye' });
    });
  });

  describe('zip', () => {
    it('computes CRC-32 as zlib does (and the standard check value)', () => {
      assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
      for (const size of [0, 1, 1000, 65537]) {
        const data = randomBytes(size);
        assert.equal(crc32(data), zlibCrc32(data), `size ${size}`);
      }
    });

    it('writes a zip that reads back entry by entry, deflating what compresses and storing what does not', () => {
      const text = Buffer.from('supervision '.repeat(500));
      const noise = randomBytes(2000);
      const zip = createZip([
        { name: 'a.txt', data: text },
        { name: 'dir/b.bin', data: noise },
        { name: 'empty', data: Buffer.alloc(0) },
      ]);
      const entries = readZip(zip);
      assert.deepEqual(entries.map((e) => [e.name, e.method]), [['a.txt', 8], ['dir/b.bin', 0], ['empty', 0]]);
      assert.ok(entries[0].data.equals(text));
      assert.ok(entries[1].data.equals(noise));
      assert.equal(entries[2].data.length, 0);
      assert.ok(zip.length < text.length, 'the text was compressed');
    });

    it('is reproducible: the same input gives the same bytes', () => {
      const entries = [{ name: 'm.json', data: Buffer.from('{"a":1}') }];
      assert.ok(createZip(entries).equals(createZip(entries)));
    });
  });

  describe('buildAppPackage', () => {
    it('fills, validates and writes build/appPackage/appPackage.<env>.zip with the manifest and both icons', async () => {
      const env = await tempEnv('ci', SAMPLE_VALUES);
      try {
        const built = await buildAppPackage({ env: 'ci', envDir: env.dir, outDir: env.outDir });
        assert.ok(built.ok, built.ok ? '' : built.problems.join('\n'));
        assert.equal(path.basename(built.value.zipPath), 'appPackage.ci.zip');
        const entries = readZip(await readFile(built.value.zipPath));
        assert.deepEqual(entries.map((e) => e.name).sort(), ['color.png', 'manifest.json', 'outline.png']);
        const manifestText = entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8');
        assert.ok(!manifestText.includes('${{'), 'no placeholder left');
        const manifest = JSON.parse(manifestText) as { bots: { botId: string }[]; webApplicationInfo: { id: string; resource: string } };
        assert.deepEqual(manifest, built.value.manifest);
        assert.equal(manifest.bots[0].botId, SAMPLE_VALUES.BOT_ID);
        assert.equal(manifest.webApplicationInfo.resource, `api://${SAMPLE_VALUES.BOT_DOMAIN}/${SAMPLE_VALUES.AAD_APP_CLIENT_ID}`);
        for (const icon of ['color.png', 'outline.png']) {
          assert.ok(entries.find((e) => e.name === icon)!.data.equals(readFileSync(path.join(APP_PACKAGE_DIR, icon))), icon);
        }
        // The filled manifest is kept next to the zip, as the toolkit's zipAppPackage does.
        assert.deepEqual(JSON.parse(await readFile(path.join(env.outDir, 'manifest.ci.json'), 'utf8')), manifest);
      } finally {
        await env.cleanup();
      }
    });

    it('refuses, listing every placeholder with no value, and writes nothing', async () => {
      const { BOT_ID: _b, BOT_DOMAIN: _d, ...partial } = SAMPLE_VALUES;
      const env = await tempEnv('ci', { ...partial, AAD_APP_CLIENT_ID: '' });
      try {
        const built = await buildAppPackage({ env: 'ci', envDir: env.dir, outDir: env.outDir });
        assert.ok(!built.ok);
        assert.equal(built.problems.length, 1);
        assert.match(built.problems[0], /^3 placeholder\(s\) .* env\/\.env\.ci .*: BOT_ID, BOT_DOMAIN, AAD_APP_CLIENT_ID$/);
        await assert.rejects(readFile(path.join(env.outDir, 'appPackage.ci.zip')), { code: 'ENOENT' });
      } finally {
        await env.cleanup();
      }
    });

    it('refuses a filled manifest that fails validation (a bot id that is not a GUID)', async () => {
      const env = await tempEnv('ci', { ...SAMPLE_VALUES, BOT_ID: 'my-bot' });
      try {
        const built = await buildAppPackage({ env: 'ci', envDir: env.dir, outDir: env.outDir });
        assert.ok(!built.ok);
        assert.ok(built.problems.some((p) => p.startsWith('schema: /bots/0/botId')), built.problems.join('\n'));
      } finally {
        await env.cleanup();
      }
    });
  });

  describe('command line', () => {
    it('reads --env <name> and --env=<name>, and explains itself otherwise', () => {
      assert.deepEqual(parseArgs(['--env', 'dev']), { ok: true, value: { env: 'dev' } });
      assert.deepEqual(parseArgs(['--env=prod']), { ok: true, value: { env: 'prod' } });
      for (const bad of [[], ['--env'], ['--env', '--other']]) {
        const parsed = parseArgs(bad);
        assert.ok(!parsed.ok);
        assert.match(parsed.problems[0], /^Usage: npm run package -- --env <name>/);
      }
    });

    it('exits 1 naming the missing env file, 2 with the usage line', async () => {
      const script = path.join(REPO, 'scripts', 'package.ts');
      const tsx = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      await assert.rejects(run(process.execPath, [tsx, script, '--env', 'no-such-env'], { cwd: REPO }), (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 1);
        assert.match(e.stderr, /App package for "no-such-env" not built:\n {2}- No environment file .*\.env\.no-such-env/);
        return true;
      });
      await assert.rejects(run(process.execPath, [tsx, script], { cwd: REPO }), (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 2);
        assert.match(e.stderr, /^Usage: npm run package -- --env <name>/);
        return true;
      });
    });
  });
});
