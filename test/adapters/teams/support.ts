/**
 * The conversation tests' world: the whole app as src/compose.ts builds it for main (the bot behind
 * the HTTP server and CloudAdapter, the notifier, the outbox delivery, the tab and .ics routes), the real Cosmos repositories on the embedded server (temp dir), and a Teams
 * connector on loopback (teamsConnector.ts) where replies, proactive messages and
 * TeamsInfo.getMember go. Each person is a `TeamsUser` who posts Bot Framework activities to
 * /api/messages, as Teams would, in their own 1:1 chat.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import type { DeliveryPolicy } from '../../../src/app/outboxDelivery';
import { compose, type ComposedApp } from '../../../src/compose';
import { createLogger, type Logger } from '../../../src/log';
import type { Instant, OrganisationSettings, Person } from '../../../src/domain/model';
import type { Result } from '../../../src/domain/result';
import { FixedClock } from '../../fakes/ports';
import { startTeamsConnector, type Sent, type TeamsConnector } from './teamsConnector';

export const T1 = 'tenant-northshire';
export const T2 = 'tenant-elsewhere';
/** A Monday, 10:00 in London (GMT). */
export const NOW: Instant = '2026-03-02T10:00:00.000Z';

export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const staff = (id: string, name: string, roles: Person['roles'], extra: Partial<Person> = {}): Person => ({
  id,
  tenantId: T1,
  email: `${id}@northshire.example`,
  name,
  roles,
  aadObjectId: `aad-${id}`,
  isRegisteredSocialWorker: true,
  ...extra,
});

/** A small organisation: a PSW, two supervisors, an NQSW, an experienced worker, someone imported but
 * never seen in Teams, and a PSW in another tenant. */
export const PEOPLE = {
  psw: staff('psw', 'Priya Shah', ['psw', 'admin']),
  sam: staff('sam', 'Sam Okafor', ['supervisor']),
  rachel: staff('rachel', 'Rachel Green', ['supervisor']),
  noah: staff('noah', 'Noah Patel', ['supervisee'], { nqsw: true, employmentStart: '2026-02-23' }),
  daniel: staff('daniel', 'Daniel Evans', ['supervisee'], { employmentStart: '2019-09-02' }),
  // Imported by email only: linked to Teams the first time they talk to the bot.
  leah: staff('leah', 'Leah Thompson', ['supervisee'], { aadObjectId: undefined, nqsw: true, employmentStart: '2025-07-01' }),
  outsider: { ...staff('outsider', 'Zed Other', ['psw', 'admin', 'supervisor']), tenantId: T2 },
} as const;

export type Who = keyof typeof PEOPLE;

export const SETTINGS: OrganisationSettings = {
  tenantId: T1,
  name: 'Northshire Council',
  zone: 'Europe/London',
  pswIds: ['psw'],
  adminIds: ['psw'],
  reminderLeadDays: 2,
  escalationGraceDays: 3,
  // None: every proactive card goes at once.
  quietHours: { start: '00:00', end: '00:00' },
};

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export class TeamsUser {
  readonly teamsId: string;
  readonly conversationId: string;
  private seq = 0;

  constructor(
    private readonly h: Harness,
    readonly who: Who,
    readonly aadObjectId: string,
    readonly tenantId: string,
  ) {
    this.teamsId = `29:${who}`;
    this.conversationId = `a:1on1-${who}`;
  }

  get person(): Person {
    return PEOPLE[this.who];
  }

  activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      id: `${this.who}-${++this.seq}`,
      channelId: 'msteams',
      serviceUrl: this.h.connector.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: this.teamsId, name: this.person.name, aadObjectId: this.aadObjectId },
      recipient: { id: '28:supervision-bot', name: 'Supervision Bot' },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: this.tenantId },
      channelData: { tenant: { id: this.tenantId } },
      locale: 'en-GB',
      ...extra,
    };
  }

  async post(activity: Record<string, unknown>): Promise<Reply> {
    const res = await fetch(`${this.h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  /** Posts an activity and returns what the bot sent to this person's chat during that turn. */
  async turn(extra: Record<string, unknown>): Promise<{ reply: Reply; sent: Sent[] }> {
    const before = this.h.connector.sentTo(this.conversationId).length;
    const reply = await this.post(this.activity(extra));
    return { reply, sent: this.h.connector.sentTo(this.conversationId).slice(before) };
  }

  install(): Promise<{ reply: Reply; sent: Sent[] }> {
    return this.turn({ type: 'installationUpdate', action: 'add' });
  }

  uninstall(): Promise<{ reply: Reply; sent: Sent[] }> {
    return this.turn({ type: 'installationUpdate', action: 'remove' });
  }

  /** A text message; the cards the bot answered with. */
  async say(text: string): Promise<unknown[]> {
    const { sent } = await this.turn({ type: 'message', text, textFormat: 'plain' });
    return sent.flatMap(cardsOf);
  }

  /** Presses an Action.Execute: the invoke response's card (or throws with what came back). */
  async invoke(verb: unknown, data: unknown, replyToId = 'card-1'): Promise<unknown> {
    const { reply } = await this.turn({ type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    const body = reply.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
    if (reply.status !== 200 || body?.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive') {
      throw new Error(`invoke ${String(verb)} answered ${reply.status} ${JSON.stringify(body)?.slice(0, 300)}`);
    }
    return body.value;
  }

  /** Cards sent to this person's chat since `from` (an index into sentTo). */
  cards(from = 0): unknown[] {
    return this.h.connector.sentTo(this.conversationId).slice(from).flatMap(cardsOf);
  }

  sentCount(): number {
    return this.h.connector.sentTo(this.conversationId).length;
  }
}

export function cardsOf(sent: Sent): unknown[] {
  const attachments = (sent.activity.attachments ?? []) as { contentType?: string; content?: unknown }[];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}

export interface Harness {
  readonly url: string;
  readonly connector: TeamsConnector;
  readonly store: CosmosStore;
  readonly repos: CosmosRepositories;
  readonly clock: FixedClock;
  /** The composed app (compose.ts): its notifier, delivery and sweep, as main wires them. */
  readonly app: ComposedApp;
  user(who: Who, overrides?: { aadObjectId?: string; tenantId?: string }): TeamsUser;
  close(): Promise<void>;
}

/**
 * `log`: where the bot and server log (default: nowhere), e.g. a captureLog() to read what would be logged.
 * `readCache: false`: the app reads everything from the store, as it does on Cosmos DB (default: the
 * embedded store's read cache, as `npm start` runs).
 */
export async function startHarness(
  options: { delivery?: Partial<DeliveryPolicy>; now?: Instant; log?: Logger; pacingNowMs?: () => number; readCache?: boolean } = {},
): Promise<Harness> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-teams-'));
  const store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
  const repos = createCosmosRepositories(store.database);
  for (const p of Object.values(PEOPLE)) must(await repos.people.create(p));
  must(await repos.organisations.save(SETTINGS));
  must(await repos.organisations.save({ ...SETTINGS, tenantId: T2, name: 'Elsewhere Trust', pswIds: ['outsider'], adminIds: ['outsider'] }));

  const connector = await startTeamsConnector();
  for (const p of Object.values(PEOPLE)) {
    connector.members.set(`29:${p.id}`, { id: `29:${p.id}`, aadObjectId: p.aadObjectId ?? `aad-${p.id}`, name: p.name, email: p.email });
  }
  const log = options.log ?? createLogger({ level: 'silent' });
  const clock = new FixedClock(options.now ?? NOW);
  const app = compose({
    config: { port: 0, host: '127.0.0.1', bot: { mode: 'local' } },
    store: options.readCache === false ? { ...store, readCache: undefined } : store,
    clock,
    log,
    delivery: options.delivery,
    ...(options.pacingNowMs === undefined ? {} : { pacingNowMs: options.pacingNowMs }),
  });
  // "Add to calendar" links point at this server's /ics/ route once it listens, as in main.
  const { url } = await app.listen();

  const harness: Harness = {
    url,
    connector,
    store,
    repos,
    clock,
    app,
    user: (who, overrides = {}) =>
      new TeamsUser(harness, who, overrides.aadObjectId ?? PEOPLE[who].aadObjectId ?? `aad-${who}`, overrides.tenantId ?? PEOPLE[who].tenantId),
    close: async () => {
      await app.server.close();
      await connector.close();
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
