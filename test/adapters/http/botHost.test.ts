import assert from 'node:assert/strict';
import { ActivityHandler, type ConversationReference, type TurnContext } from 'botbuilder';
import { CONNECTOR_RETRY_POLICY, createBotHost, KeptClients, type BotHost } from '../../../src/adapters/http/botHost';
import { createServer } from '../../../src/adapters/http/server';
import { ok } from '../../../src/domain/result';
import { personalMessage } from '../../support/activities';
import { captureLog } from '../../support/captureLog';
import { startFakeConnector, type FakeConnector } from '../../support/fakeConnector';

const APP_ID = '6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** Replies to every message and records the clients botbuilder handed the turn. */
class ClientRecordingBot extends ActivityHandler {
  readonly connectors: unknown[] = [];
  readonly tokenClients: unknown[] = [];
  constructor() {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      this.connectors.push(context.turnState.get(context.adapter.ConnectorClientKey));
      this.tokenClients.push(context.turnState.get((context.adapter as unknown as { UserTokenClientKey: symbol }).UserTokenClientKey));
      await context.sendActivity('Hello from the bot');
      await next();
    });
  }
}

function message(serviceUrl: string, id: string): Record<string, unknown> {
  return personalMessage(serviceUrl, { id, tenantId: TENANT_ID });
}

function policyNames(client: unknown): string[] {
  const pipeline = (client as { client: { pipeline: { getOrderedPolicies(): { name: string }[] } } }).client.pipeline;
  return pipeline.getOrderedPolicies().map((p) => p.name);
}

/** A claims identity as botbuilder reads one: by claim type. */
function identity(claims: Record<string, string>): Parameters<BotHost['authentication']['createConnectorFactory']>[0] {
  return {
    claims: Object.entries(claims).map(([type, value]) => ({ type, value })),
    isAuthenticated: true,
    getClaimValue: (type: string) => claims[type] ?? null,
  } as unknown as Parameters<BotHost['authentication']['createConnectorFactory']>[0];
}

describe('adapters/http botHost', () => {
  describe('KeptClients', () => {
    it('makes a client once per key and hands the same one back', async () => {
      const kept = new KeptClients<{ n: number }>(8);
      let made = 0;
      const make = async () => ({ n: ++made });
      const a = await kept.get('a', make);
      const again = await kept.get('a', make);
      const b = await kept.get('b', make);
      assert.equal(again, a);
      assert.notEqual(b, a);
      assert.equal(made, 2);
    });

    it('does not keep a client that could not be made: the next turn tries again', async () => {
      const kept = new KeptClients<string>(8);
      let calls = 0;
      await assert.rejects(
        kept.get('a', async () => {
          calls++;
          throw new Error('token endpoint down');
        }),
        /token endpoint down/,
      );
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(await kept.get('a', async () => `made on call ${++calls}`), 'made on call 2');
      assert.equal(kept.size, 1);
    });

    it('keeps at most `max`, dropping the oldest', async () => {
      const kept = new KeptClients<string>(2);
      let made = 0;
      const make = async () => `client ${++made}`;
      await kept.get('a', make);
      await kept.get('b', make);
      await kept.get('c', make);
      assert.equal(kept.size, 2);
      assert.equal(await kept.get('c', make), 'client 3', 'the newest is kept');
      assert.equal(await kept.get('a', make), 'client 4', 'the oldest was dropped and is made again');
    });
  });

  describe('clients kept across turns and proactive sends (local mode, over HTTP)', () => {
    const open: Array<{ close(): Promise<void> }> = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((c) => c.close()));
    });

    async function serve(bot: ActivityHandler): Promise<{ url: string; botHost: BotHost }> {
      const { log } = captureLog();
      const botHost = createBotHost({ mode: 'local' }, log);
      const server = createServer({ config: { port: 0, host: '127.0.0.1' }, botHost, bot, health: { check: async () => ok({ latencyMs: 1 }) }, log });
      const { url } = await server.listen();
      open.push(server);
      return { url, botHost };
    }

    async function post(url: string, body: unknown): Promise<number> {
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      return res.status;
    }

    let first: FakeConnector;
    let second: FakeConnector;
    beforeEach(async () => {
      first = await startFakeConnector();
      second = await startFakeConnector();
      open.push(first, second);
    });

    it('turns at one service URL share one connector client and one token client; each reply still arrives', async () => {
      const bot = new ClientRecordingBot();
      const { url } = await serve(bot);
      for (const id of ['m-1', 'm-2', 'm-3']) assert.equal(await post(url, message(first.serviceUrl, id)), 200);
      const replies = await first.waitFor(3);
      assert.deepEqual(
        replies.map((r) => r.activity.replyToId),
        ['m-1', 'm-2', 'm-3'],
      );
      assert.equal(bot.connectors.length, 3);
      assert.ok(bot.connectors[0] !== undefined);
      assert.equal(bot.connectors[1], bot.connectors[0]);
      assert.equal(bot.connectors[2], bot.connectors[0]);
      assert.ok(bot.tokenClients[0] !== undefined);
      assert.equal(bot.tokenClients[2], bot.tokenClients[0]);
    });

    it('a turn from another service URL gets its own client, and its reply goes there', async () => {
      const bot = new ClientRecordingBot();
      const { url } = await serve(bot);
      assert.equal(await post(url, message(first.serviceUrl, 'm-1')), 200);
      assert.equal(await post(url, message(second.serviceUrl, 'm-2')), 200);
      assert.equal(await post(url, message(first.serviceUrl, 'm-3')), 200);
      assert.deepEqual(
        (await first.waitFor(2)).map((r) => r.activity.replyToId),
        ['m-1', 'm-3'],
      );
      assert.deepEqual(
        (await second.waitFor(1)).map((r) => r.activity.replyToId),
        ['m-2'],
      );
      assert.notEqual(bot.connectors[1], bot.connectors[0]);
      assert.equal(bot.connectors[2], bot.connectors[0]);
    });

    it('proactive sends share their own client, made without retries; the replies keep theirs', async () => {
      const bot = new ClientRecordingBot();
      const { url, botHost } = await serve(bot);
      assert.equal(await post(url, message(first.serviceUrl, 'm-1')), 200);
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: first.serviceUrl,
        conversation: { id: 'a:conversation-1', conversationType: 'personal', tenantId: TENANT_ID, isGroup: false, name: '' },
        bot: { id: '28:bot', name: 'Supervision Bot' },
        user: { id: '29:user-1', name: 'Sam' },
      };
      const proactive: unknown[] = [];
      for (const text of ['reminder 1', 'reminder 2']) {
        await botHost.adapter.continueConversationAsync('', reference, async (context) => {
          proactive.push(context.turnState.get(context.adapter.ConnectorClientKey));
          await context.sendActivity(text);
        });
      }
      assert.equal(await post(url, message(first.serviceUrl, 'm-2')), 200);
      const received = await first.waitFor(4);
      assert.deepEqual(
        received.map((r) => r.activity.text),
        ['Hello from the bot', 'reminder 1', 'reminder 2', 'Hello from the bot'],
      );
      assert.equal(proactive[1], proactive[0], 'the proactive sends share a client');
      assert.notEqual(proactive[0], bot.connectors[0], 'never the replies’ client');
      assert.equal(bot.connectors[1], bot.connectors[0]);
      assert.ok(!policyNames(proactive[0]).includes(CONNECTOR_RETRY_POLICY));
      assert.ok(policyNames(bot.connectors[1]).includes(CONNECTOR_RETRY_POLICY), policyNames(bot.connectors[1]).join(', '));
    });
  });

  describe('keyed by the bot identity of the turn (Bot Framework authentication on)', () => {
    const { log } = captureLog();
    const botHost = createBotHost({ mode: 'SingleTenant', appId: APP_ID, tenantId: TENANT_ID, password: 'not-a-real-secret' }, log);

    it('one client for this bot at one service URL; another app id is refused, never served the kept client', async () => {
      const ours = botHost.authentication.createConnectorFactory(identity({ aud: APP_ID }));
      const a = await ours.create('https://smba.trafficmanager.net/uk/', 'https://api.botframework.com');
      const b = await botHost.authentication.createConnectorFactory(identity({ aud: APP_ID })).create('https://smba.trafficmanager.net/uk/', 'https://api.botframework.com');
      assert.equal(b, a);
      const elsewhere = await ours.create('https://smba.trafficmanager.net/emea/', 'https://api.botframework.com');
      assert.notEqual(elsewhere, a);
      const other = botHost.authentication.createConnectorFactory(identity({ aud: '99999999-8888-4777-8666-555555555555' }));
      await assert.rejects(other.create('https://smba.trafficmanager.net/uk/', 'https://api.botframework.com'), /Invalid appId/);
    });
  });
});
