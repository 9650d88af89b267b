/**
 * A production install, as App Service gets it: `npm run build` output, package.json, the lock
 * file and patches/ in an empty folder, `npm ci --omit=dev` (from npm's cache where it can), then
 * `node dist/main.js`. It must serve /healthz, the bot, and the tab's page and script, with no
 * dev dependency installed (no tsx, TypeScript or esbuild) and no deprecation warning.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchApp, REPO, sayHelp, waitForEntry, type AppProcess } from '../support/appProcess';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';

const run = promisify(execFile);
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');

describe('scripts/build: a production install serves the bot and the tab', function () {
  // A hang guard, not a measure: building and installing take ~30-60 s on a busy machine.
  this.timeout(240_000);
  let dir: string;
  let app: AppProcess;
  let connector: FakeConnector;
  let url: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'supervision-prod-'));
    for (const f of ['package.json', 'package-lock.json']) await fs.copyFile(path.join(REPO, f), path.join(dir, f));
    await fs.cp(path.join(REPO, 'patches'), path.join(dir, 'patches'), { recursive: true });
    // Build and install at once: they do not depend on each other.
    await Promise.all([
      run(TSX, ['scripts/build.ts', '--out', path.join(dir, 'dist')], { cwd: REPO }),
      run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, env: { ...process.env, npm_config_loglevel: 'warn' } }),
    ]);
    connector = await startFakeConnector();
    app = launchApp({ DATA_DIR: path.join(dir, 'data'), PORT: '0' }, { file: process.execPath, args: ['dist/main.js'], cwd: dir });
    url = String((await waitForEntry(app, 'server.listening', 60_000)).url);
  });

  after(async () => {
    if (app?.child.exitCode === null) app.child.kill('SIGKILL');
    await connector?.close();
    if (dir !== undefined) await fs.rm(dir, { recursive: true, force: true });
  });

  it('installs no dev dependency', () => {
    for (const dev of ['tsx', 'typescript', 'esbuild', 'mocha', '@microsoft/teams-js']) assert.ok(!existsSync(path.join(dir, 'node_modules', dev)), `${dev} is installed`);
    assert.ok(existsSync(path.join(dir, 'node_modules', 'restify')));
  });

  it('serves /healthz on the embedded store', async () => {
    const res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { status: string; store: string }).status, 'ok');
  });

  it('serves the tab page, its stylesheet and its prebuilt script', async () => {
    const page = await fetch(`${url}/tab/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script src="\.\/app\.js"/);
    const css = await fetch(`${url}/tab/app.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    const script = await fetch(`${url}/tab/app.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    const body = await script.text();
    // The bundle carries teams-js (not installed here) and the page's own code.
    assert.ok(body.length > 50_000, `app.js is ${body.length} bytes`);
    assert.match(body, /sign-in-options/);
  });

  it('answers the bot over the Bot Framework protocol', async () => {
    const res = await sayHelp(url, connector.serviceUrl, 'tenant-prod-test');
    assert.ok(res.status === 200 || res.status === 202, `status ${res.status}`);
    const [reply] = await connector.waitFor(1, 15_000);
    assert.equal(reply.activity.replyToId, 'm-1');
  });

  it('stops on SIGTERM with exit 0, having written no warning (no deprecation) to stderr', async () => {
    app.child.kill('SIGTERM');
    assert.equal(await app.exited, 0, app.stderr());
    assert.doesNotMatch(app.stderr(), /Warning/);
    assert.equal(app.stderr(), '');
  });
});
