import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { HealthCheck } from '../../../src/app/ports';
import type { BotAuth } from '../../../src/config';
import { createBotHost, TURN_ERROR_REPLY } from '../../../src/adapters/http/botHost';
import { createServer, type HttpServer } from '../../../src/adapters/http/server';
import { fail, ok } from '../../../src/domain/result';
import { personalMessage } from '../../support/activities';
import { captureLog, type CapturedLog } from '../../support/captureLog';
import { startFakeConnector, type FakeConnector } from '../../support/fakeConnector';

const APP_ID = '6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET_TEXT = 'A private reflection about the home visit on Tuesday';

/** Replies to every message with a fixed text (never the user's) and records what it saw. */
class RecordingBot extends ActivityHandler {
  readonly seen: string[] = [];
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.seen.push(context.activity.type);
      await context.sendActivity('Hello from the bot');
      await next();
    });
    this.onEvent(async (context, next) => {
      this.seen.push(context.activity.type);
      await next();
    });
  }
}

/** Throws with the user's text in the error message, to prove the message is not logged. */
class FailingBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context: TurnContext) => {
      throw new Error(`could not handle: ${context.activity.text}`);
    });
  }
}

/** A bot with a bug in its invoke handling. */
class FailingInvokeBot extends ActivityHandler {
  protected override async onInvokeActivity(): Promise<never> {
    throw new Error('a bug in the card action');
  }
}

const healthy: HealthCheck = { check: async () => ok({ latencyMs: 3 }) };

function messageActivity(serviceUrl: string, text = SECRET_TEXT): Record<string, unknown> {
  return { ...personalMessage(serviceUrl, { text, tenantId: TENANT_ID }), value: { whatHappened: SECRET_TEXT } };
}

interface Harness {
  server: HttpServer;
  url: string;
  logs: CapturedLog;
}

async function start(options: {
  auth?: BotAuth;
  bot?: ActivityHandler;
  health?: HealthCheck;
  healthTimeoutMs?: number;
  openIdMetadataUrl?: string;
  extraRoutes?: Parameters<typeof createServer>[0]['extraRoutes'];
}): Promise<Harness> {
  const logs = captureLog('debug');
  const botHost = createBotHost(
    options.auth ?? { mode: 'local' },
    logs.log,
    options.openIdMetadataUrl === undefined ? {} : { channelOpenIdMetadataUrl: options.openIdMetadataUrl },
  );
  const server = createServer({
    config: { port: 0, host: '127.0.0.1' },
    botHost,
    bot: options.bot ?? new RecordingBot(),
    health: options.health ?? healthy,
    log: logs.log,
    ...(options.healthTimeoutMs === undefined ? {} : { healthTimeoutMs: options.healthTimeoutMs }),
    ...(options.extraRoutes === undefined ? {} : { extraRoutes: options.extraRoutes }),
  });
  const { url } = await server.listen();
  return { server, url, logs };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

describe('adapters/http server', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  const track = <T extends { close(): Promise<void> }>(c: T): T => {
    open.push(c);
    return c;
  };
  async function harness(options: Parameters<typeof start>[0]) {
    const h = await start(options);
    track(h.server);
    return h;
  }

  describe('GET /healthz', () => {
    it('answers 200 with the store latency when the store answers', async () => {
      const { url } = await harness({});
      const res = await fetch(`${url}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', store: 'ok', latencyMs: 3 });
      assert.equal(res.headers.get('cache-control'), 'no-store');
    });

    it('answers 503 when the store reports itself unavailable', async () => {
      const { url, logs } = await harness({ health: { check: async () => fail('STORE_UNAVAILABLE', 'down') } });
      const res = await fetch(`${url}/healthz`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { status: 'unavailable', store: 'unavailable', code: 'STORE_UNAVAILABLE' });
      assert.ok(logs.entries().some((e) => e.event === 'health.store_unavailable'));
    });

    it('answers 503 when the health check throws', async () => {
      const { url } = await harness({ health: { check: () => Promise.reject(new Error('socket hang up')) } });
      const res = await fetch(`${url}/healthz`);
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { code: string }).code, 'STORE_UNAVAILABLE');
    });

    it('answers 503 when the store does not answer in time', async () => {
      const { url } = await harness({ health: { check: () => new Promise(() => undefined) }, healthTimeoutMs: 50 });
      const res = await fetch(`${url}/healthz`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { status: 'unavailable', store: 'timeout', code: 'TIMEOUT' });
    });
  });

  describe('POST /api/messages in local mode (no MicrosoftAppId)', () => {
    let connector: FakeConnector;
    beforeEach(async () => {
      connector = track(await startFakeConnector());
    });

    it('runs the bot and its reply reaches the connector at the activity serviceUrl', async () => {
      const bot = new RecordingBot();
      const { url, logs } = await harness({ bot });
      const res = await post(url, messageActivity(connector.serviceUrl));
      assert.equal(res.status, 200);
      const [reply] = await connector.waitFor(1);
      assert.equal(reply.path, '/v3/conversations/a%3Aconversation-1/activities/activity-1');
      assert.equal(reply.activity.type, 'message');
      assert.equal(reply.activity.text, 'Hello from the bot');
      assert.equal(reply.activity.replyToId, 'activity-1');
      assert.deepEqual(reply.activity.conversation, { id: 'a:conversation-1', conversationType: 'personal', tenantId: TENANT_ID });
      assert.equal(reply.authorization, undefined, 'local mode sends no credentials');
      assert.deepEqual(bot.seen, ['message']);
      // The request was logged, but nothing the person typed or the card carried.
      assert.ok(logs.entries().some((e) => e.event === 'http.request' && e.path === '/api/messages' && e.status === 200));
      assert.ok(!logs.text().includes('private reflection'), logs.text());
    });

    it('apologises when the bot fails, and logs the error without the text or the error message', async () => {
      const { url, logs } = await harness({ bot: new FailingBot() });
      const res = await post(url, messageActivity(connector.serviceUrl));
      assert.equal(res.status, 200);
      const [reply] = await connector.waitFor(1);
      assert.equal(reply.activity.text, TURN_ERROR_REPLY);
      const turnError = logs.entries().find((e) => e.event === 'turn.error');
      assert.ok(turnError, 'a turn.error line was logged');
      assert.equal(turnError.errorType, 'Error');
      assert.equal(turnError.activityType, 'message');
      assert.equal(turnError.tenantId, TENANT_ID);
      assert.ok(Array.isArray(turnError.frames) && turnError.frames.length > 0, 'the stack frames say where it failed');
      assert.ok(!logs.text().includes('private reflection'), logs.text());
      assert.ok(!logs.text().includes('could not handle'), 'the error message (which quotes the text) is not logged');
    });

    it('an invoke whose turn fails is answered 200 with an Adaptive Card error, never 501 with an empty body', async () => {
      const { url, logs } = await harness({ bot: new FailingInvokeBot() });
      const res = await post(url, { ...messageActivity(connector.serviceUrl), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'home.show', data: {} } } });
      assert.equal(res.status, 200, res.text);
      const body = JSON.parse(res.text) as { statusCode?: number; type?: string; value?: { message?: string } };
      assert.equal(body.type, 'application/vnd.microsoft.error');
      assert.equal(body.value?.message, TURN_ERROR_REPLY);
      assert.ok(logs.entries().some((e) => e.event === 'turn.error' && e.activityType === 'invoke'), 'the failure was logged');
    });

    it('answers 400, naming the field, to ids, names and tenant ids longer than Teams sends; no turn runs', async () => {
      const bot = new RecordingBot();
      const { url, logs } = await harness({ bot });
      const activity = messageActivity(connector.serviceUrl);
      const cases: [string, Record<string, unknown>][] = [
        ['from.aadObjectId', { from: { ...(activity.from as object), aadObjectId: 'a'.repeat(65) } }],
        ['conversation.tenantId', { conversation: { ...(activity.conversation as object), tenantId: 't'.repeat(10_000) } }],
        ['channelData.tenant.id', { channelData: { tenant: { id: 't'.repeat(65) } } }],
        ['from.name', { from: { ...(activity.from as object), name: 'N'.repeat(257) } }],
        ['conversation.id', { conversation: { ...(activity.conversation as object), id: 'a:'.padEnd(1025, 'x') } }],
        ['from.id', { from: { ...(activity.from as object), id: { forged: true } } }],
      ];
      for (const [field, change] of cases) {
        const res = await post(url, { ...activity, ...change });
        assert.equal(res.status, 400, `${field}: ${res.text}`);
        assert.ok(res.text.includes(`The activity's ${field}`), `${field}: ${res.text}`);
      }
      assert.deepEqual(bot.seen, [], 'the bot never ran');
      assert.equal(connector.received.length, 0);
      assert.equal(logs.entries().filter((e) => e.event === 'activity.out_of_bounds').length, cases.length);
      // At the limits, the turn runs.
      const atLimit = { ...activity, from: { ...(activity.from as object), aadObjectId: 'a'.repeat(64), name: 'N'.repeat(256) } };
      assert.equal((await post(url, atLimit)).status, 200);
      assert.deepEqual(bot.seen, ['message']);
    });

    it('answers 400 to a body that is not an activity', async () => {
      const { url } = await harness({});
      assert.equal((await post(url, { hello: 'world' })).status, 400);
      assert.equal((await post(url, [1, 2])).status, 400);
      assert.equal(connector.received.length, 0);
    });
  });

  describe('POST /api/messages with Bot Framework authentication (MicrosoftAppId set)', () => {
    const auth: BotAuth = { mode: 'SingleTenant', appId: APP_ID, tenantId: TENANT_ID, password: 'not-a-real-secret' };
    let keys: ReturnType<typeof makeKeys>;
    let metadata: Awaited<ReturnType<typeof startOpenIdMetadata>>;
    let connector: FakeConnector;
    beforeEach(async () => {
      keys = makeKeys();
      metadata = track(await startOpenIdMetadata(keys.trustedJwk));
      connector = track(await startFakeConnector());
    });

    const claims = (overrides: Record<string, unknown> = {}) => ({
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: connector.serviceUrl,
      nbf: Math.floor(Date.now() / 1000) - 60,
      exp: Math.floor(Date.now() / 1000) + 600,
      ...overrides,
    });

    async function expect401(headers: Record<string, string>, bot = new RecordingBot()) {
      const { url, logs } = await harness({ auth, bot, openIdMetadataUrl: metadata.url });
      const res = await post(url, messageActivity(connector.serviceUrl), headers);
      assert.equal(res.status, 401, res.text);
      assert.deepEqual(bot.seen, [], 'the bot never ran');
      assert.equal(connector.received.length, 0);
      const rejected = logs.entries().find((e) => e.event === 'auth.rejected');
      assert.ok(rejected, 'the rejection was logged');
      assert.ok(!logs.text().includes('private reflection'), logs.text());
      return rejected;
    }

    it('answers 401 to a request with no Authorization header (no network needed)', async () => {
      const rejected = await expect401({});
      assert.equal(rejected.hasAuthorization, false);
      assert.equal(metadata.requests.length, 0, 'no signing keys were fetched');
    });

    it('answers 401 to a bearer token that is not a JWT (rejected before any key lookup)', async () => {
      await expect401({ authorization: 'Bearer garbage' });
      await expect401({ authorization: 'Basic dXNlcjpwYXNz' });
      assert.equal(metadata.requests.length, 0, 'no signing keys were fetched');
    });

    it('answers 401 to a well-formed JWT from an issuer other than the Bot Framework (no key lookup)', async () => {
      const token = signJwt(claims({ iss: 'https://evil.example.com' }), keys.trusted, 'trusted-key');
      await expect401({ authorization: `Bearer ${token}` });
      assert.equal(metadata.requests.length, 0, 'no signing keys were fetched');
    });

    it('answers 401 to a Bot Framework-shaped JWT signed by a key the channel does not publish', async () => {
      const token = signJwt(claims(), keys.untrusted, 'unknown-key');
      await expect401({ authorization: `Bearer ${token}` });
      assert.ok(metadata.requests.includes('/keys'), 'the published keys were consulted (on loopback)');
    });

    it('answers 401 to a token signed with a published key id but the wrong key', async () => {
      const token = signJwt(claims(), keys.untrusted, 'trusted-key');
      await expect401({ authorization: `Bearer ${token}` });
    });

    it('answers 401 to a valid token meant for another bot', async () => {
      const token = signJwt(claims({ aud: '99999999-8888-4777-8666-555555555555' }), keys.trusted, 'trusted-key');
      await expect401({ authorization: `Bearer ${token}` });
    });

    it('answers 401 to an expired token', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      const token = signJwt(claims({ nbf: past - 600, exp: past }), keys.trusted, 'trusted-key');
      await expect401({ authorization: `Bearer ${token}` });
    });

    it('runs the turn for a token signed by a published key, for this bot', async () => {
      // An event, so the bot does not reply: a reply would need a real Entra token for the connector.
      const bot = new RecordingBot();
      const { url } = await harness({ auth, bot, openIdMetadataUrl: metadata.url });
      const token = signJwt(claims(), keys.trusted, 'trusted-key');
      const activity = { ...messageActivity(connector.serviceUrl), type: 'event', name: 'test/ping', text: undefined, value: undefined };
      const res = await post(url, activity, { authorization: `Bearer ${token}` });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(bot.seen, ['event']);
    });
  });

  it('lets another engineer plug in routes (the tab) without touching the server', async () => {
    const { url } = await harness({
      extraRoutes: (server) => {
        server.get('/tab/ping', async (_req, res) => {
          res.send(200, { tab: 'here' });
        });
      },
    });
    const res = await fetch(`${url}/tab/ping`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { tab: 'here' });
  });

  it('listen() rejects with the cause when the port is taken', async () => {
    const first = await harness({});
    const logs = captureLog();
    const second = createServer({
      config: { port: Number(new URL(first.url).port), host: '127.0.0.1' },
      botHost: createBotHost({ mode: 'local' }, logs.log),
      bot: new RecordingBot(),
      health: healthy,
      log: logs.log,
    });
    await assert.rejects(second.listen(), (err: NodeJS.ErrnoException) => err.code === 'EADDRINUSE');
    await second.close();
  });

  it('close() stops accepting even with an idle keep-alive connection open', async () => {
    const h = await start({});
    const agent = new http.Agent({ keepAlive: true });
    const first = await new Promise<number>((resolve, reject) => {
      http.get(`${h.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
    assert.equal(first, 200);
    await h.server.close();
    await assert.rejects(fetch(`${h.url}/healthz`), 'the port no longer accepts connections');
    agent.destroy();
  });
});

function makeKeys() {
  const trusted = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const untrusted = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    trusted: trusted.privateKey,
    untrusted: untrusted.privateKey,
    trustedJwk: { ...trusted.publicKey.export({ format: 'jwk' }), kid: 'trusted-key', use: 'sig', endorsements: ['msteams'] },
  };
}

function signJwt(payload: Record<string, unknown>, key: crypto.KeyObject, kid: string): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(payload)}`;
  return `${data}.${crypto.sign('sha256', Buffer.from(data), key).toString('base64url')}`;
}

/** The channel's OpenID metadata and signing keys, published on loopback instead of login.botframework.com. */
async function startOpenIdMetadata(jwk: Record<string, unknown>) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const { port } = server.address() as AddressInfo;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/openid`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
