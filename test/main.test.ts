/**
 * The app as `npm start` runs it: a real process (tsx src/main.ts) on the embedded store, in a temp
 * data folder, on a free port. What a newcomer's first command does, and what App Service's SIGTERM does.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createCosmosRepositories, openStore } from '../src/adapters/cosmos';
import { requireConfig } from '../src/config';
import { publicBaseUrlOf } from '../src/main';
import type { Person } from '../src/domain/model';
import { startFakeConnector } from './support/fakeConnector';
import { launchApp, sayHelp, waitForEntry, type AppProcess } from './support/appProcess';

/** A hang guard, not a measure: startup time is reported by the start log, not asserted. */
const START_GUARD_MS = 60_000;

type Started = AppProcess;
const launch = (env: Record<string, string>) => launchApp(env);

function externalIPv4(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

function connectOutcome(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3000);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

describe('main: the app as `npm start` runs it', function () {
  this.timeout(120_000);
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('starts with no configuration on the embedded store, loopback only, serves /healthz and the bot; SIGTERM saves and exits 0', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'supervision-main-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());

    const app = launch({ DATA_DIR: dataDir, PORT: '0' });
    cleanup.push(async () => {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    });
    const listening = await waitForEntry(app, 'server.listening', START_GUARD_MS);
    const url = new URL(String(listening.url));
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(listening.authentication, 'local');
    assert.equal(listening.store, 'embedded');
    const localMode = await waitForEntry(app, 'server.local_mode', 1000);
    assert.equal(localMode.level, 'warn');
    assert.match(String(localMode.msg), /authentication is OFF/);
    assert.match(String(localMode.msg), /loopback \(127\.0\.0\.1\) only/);

    const health = await fetch(`${url.origin}/healthz`);
    assert.equal(health.status, 200);
    const body = (await health.json()) as { status: string; store: string; latencyMs: number };
    assert.equal(body.status, 'ok');
    assert.equal(body.store, 'ok');
    assert.equal(typeof body.latencyMs, 'number');

    // The tab is plugged in, and knows it runs in local mode.
    const signIn = await fetch(`${url.origin}/tab/api/sign-in-options`);
    assert.equal(signIn.status, 200);
    assert.equal(((await signIn.json()) as { localSignIn: boolean }).localSignIn, true);

    // Bound to loopback only: this machine's other address refuses the same port.
    const external = externalIPv4();
    if (external !== undefined) {
      assert.notEqual(await connectOutcome(external, Number(url.port)), 'connected', `reachable on ${external}`);
    }

    // The bot answers over the real Bot Framework protocol.
    const res = await sayHelp(url.origin, connector.serviceUrl, 'tenant-main-test');
    assert.ok(res.status === 200 || res.status === 202, `status ${res.status}`);
    const [reply] = await connector.waitFor(1, 15_000);
    assert.equal(reply.activity.type, 'message');
    assert.equal(reply.activity.replyToId, 'm-1');

    // A CLI-style client writes through the running bot's store; SIGTERM must save it.
    const guest = await openStore({ kind: 'embedded', dataDir, lifetime: 'command' });
    assert.ok(guest.ok, guest.ok ? '' : guest.error.message);
    assert.equal(guest.value.role, 'guest');
    const person: Person = { id: 'person-main-test', tenantId: 'tenant-main-test', email: 'sam@example.org', name: 'Sam', roles: ['supervisee'] };
    const created = await createCosmosRepositories(guest.value.database).people.create(person);
    assert.ok(created.ok, created.ok ? '' : created.error.message);
    await guest.value.close();

    app.child.kill('SIGTERM');
    assert.equal(await app.exited, 0, app.stderr());
    assert.ok(app.entries.some((e) => e.event === 'shutdown.done'));
    const files = await fs.readdir(dataDir);
    assert.ok(files.includes('store.json'), `data folder holds ${files.join(', ')}`);
    const saved = await fs.readFile(path.join(dataDir, 'store.json'), 'utf8');
    assert.ok(saved.includes('person-main-test'), 'the guest\'s write was saved');
    assert.ok(saved.includes('11111111-2222-4333-8444-555555555555'), 'the bot\'s own write (the conversation reference) was saved');
    assert.ok(!saved.includes('"help"'), 'what was typed is not stored');
    assert.ok(!files.includes('host.lock'), 'the data folder was released');
  });

  it('refuses to start in Azure mode on the embedded store: exit 1 with the reason', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'supervision-main-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const app = launch({
      DATA_DIR: dataDir,
      PORT: '0',
      MicrosoftAppId: '6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
      MicrosoftAppTenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    cleanup.push(async () => {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    });
    assert.equal(await app.exited, 1);
    assert.match(app.stderr(), /COSMOS_ENDPOINT is required when MicrosoftAppId is set: production must name its database/);
    assert.ok(!app.stderr().includes('not-a-real-secret'));
    assert.deepEqual(await fs.readdir(dataDir), [], 'nothing was opened');
  });

  it('exits 1 when its port is taken, and leaves the data folder free for the next start', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'supervision-main-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as net.AddressInfo).port;
    const app = launch({ DATA_DIR: dataDir, PORT: String(port) });
    cleanup.push(async () => {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    });
    assert.equal(await app.exited, 1);
    assert.match(app.stderr(), new RegExp(`could not listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
    assert.ok(!(await fs.readdir(dataDir)).includes('host.lock'), 'the data folder was released');
  });

  it('lists every configuration problem in one message and exits 1', async () => {
    const app = launch({ PORT: 'eighty', LOG_LEVEL: 'loud', MicrosoftAppPassword: 'x' });
    cleanup.push(async () => {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    });
    assert.equal(await app.exited, 1);
    const err = app.stderr();
    assert.match(err, /Configuration has 3 problems/);
    assert.match(err, /PORT must be a whole number/);
    assert.match(err, /LOG_LEVEL must be one of/);
    assert.match(err, /MicrosoftAppPassword is set but MicrosoftAppId is not/);
  });
});

describe('main: where the "Add to calendar" links point', () => {
  const azure = {
    MicrosoftAppId: '6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    COSMOS_ENDPOINT: 'https://supbot.documents.azure.com:443/',
  };

  it('in Azure: https on the host name App Service gives (WEBSITE_HOSTNAME), whatever the server listens on', () => {
    const config = requireConfig({ ...azure, WEBSITE_HOSTNAME: 'supbot-app.azurewebsites.net' });
    assert.equal(publicBaseUrlOf(config, 'http://0.0.0.0:8080'), 'https://supbot-app.azurewebsites.net');
  });

  it('in Azure without WEBSITE_HOSTNAME: nowhere (the cards carry no link)', () => {
    assert.equal(publicBaseUrlOf(requireConfig(azure), 'http://0.0.0.0:8080'), undefined);
  });

  it("locally: the server's own loopback URL once it listens, even if WEBSITE_HOSTNAME is set", () => {
    const config = requireConfig({ WEBSITE_HOSTNAME: 'supbot-app.azurewebsites.net' });
    assert.equal(publicBaseUrlOf(config, undefined), undefined);
    assert.equal(publicBaseUrlOf(config, 'http://127.0.0.1:3978'), 'http://127.0.0.1:3978');
  });
});
