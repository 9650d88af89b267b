/**
 * The "Add to calendar" route over real HTTP: the app's HTTP server with the route plugged in through
 * extraRoutes, the real Cosmos repositories and signing key store on the embedded server, and links
 * made as the cards make them.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { CosmosSigningKeyStore } from '../../../src/adapters/cosmos/signingKeyStore';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { createBotHost } from '../../../src/adapters/http/botHost';
import { calendarLinks, ICS_SIGNING_KEY, icsRoutes, KEY_RETRY_PAUSE_MS } from '../../../src/adapters/http/ics';
import { linkExpiry, signIcsToken } from '../../../src/adapters/http/icsToken';
import { createServer, type HttpServer } from '../../../src/adapters/http/server';
import type { SigningKeyStore } from '../../../src/app/ports';
import type { CalendarTarget } from '../../../src/app/views';
import type { OrganisationSettings, Person, Session } from '../../../src/domain/model';
import { fail, type Result } from '../../../src/domain/result';
import { FixedClock } from '../../fakes/ports';
import { captureLog, type CapturedLog } from '../../support/captureLog';

const T1 = 'tenant-northshire';
const T2 = 'tenant-elsewhere';
const NOW = '2026-03-02T10:00:00.000Z';

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const person = (tenantId: string, id: string, name: string): Person => ({ id, tenantId, email: `${id}@example.org`, name, roles: ['supervisee'] });

const settings = (tenantId: string, name: string): OrganisationSettings => ({
  tenantId,
  name,
  zone: 'Europe/London',
  pswIds: [],
  adminIds: [],
  reminderLeadDays: 2,
  escalationGraceDays: 3,
  quietHours: { start: '19:00', end: '08:00' },
});

const session = (tenantId: string, id: string, extra: Partial<Session> = {}): Session => ({
  id,
  tenantId,
  agreementId: 'agr-1',
  supervisorId: 'sam',
  superviseeId: 'nia',
  status: 'scheduled',
  mode: 'in-person',
  // 14:00 BST on 1 April.
  scheduledStart: '2026-04-01T13:00:00.000Z',
  plannedMinutes: 90,
  agenda: ['Workload on the Smith family case'],
  actions: [],
  createdAt: NOW,
  updatedAt: NOW,
  ...extra,
});

/** An iCalendar text's content lines, unfolded (RFC 5545 §3.1), and its properties by name. */
function parseIcs(text: string): { lines: string[]; prop(name: string): string | undefined } {
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines[lines.length - 1], 'END:VCALENDAR');
  assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1);
  for (const l of lines) assert.match(l, /^[A-Z-]+[;:]/, `a content line: ${l}`);
  return { lines, prop: (name) => lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, '') };
}

/** Changes one character of the token (not the dot) to another base64url character. */
function tamper(url: string, fromEnd: number): string {
  const i = url.length - '.ics'.length - fromEnd;
  return url.slice(0, i) + (url[i] === 'A' ? 'B' : 'A') + url.slice(i + 1);
}

describe('http/ics: the "Add to calendar" route (real HTTP, embedded Cosmos)', () => {
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;
  let server: HttpServer;
  let url: string;
  let captured: CapturedLog;
  const clock = new FixedClock(NOW);
  let keysDown = false;
  let keys: SigningKeyStore;
  let linkFor: (tenantId: string, target: CalendarTarget) => Promise<string>;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-ics-'));
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
    for (const p of [person(T1, 'sam', 'Sam Patel'), person(T1, 'nia', 'Nia Quinn'), person(T1, 'psw', 'Priya Shah')]) must(await repos.people.create(p));
    for (const p of [person(T2, 'sam', 'Sam Other'), person(T2, 'nia', 'Nia Other')]) must(await repos.people.create(p));
    must(await repos.organisations.save(settings(T1, 'Northshire Council')));
    must(await repos.organisations.save(settings(T2, 'Elsewhere Trust')));
    must(await repos.sessions.create(session(T1, 'ses-scheduled', { mode: 'teams' })));
    must(await repos.sessions.create(session(T1, 'ses-cancelled', { status: 'cancelled', cancelReason: 'Sam is off sick' })));
    must(await repos.sessions.create(session(T1, 'ses-moved', { status: 'rescheduled', rescheduledToId: 'ses-moved-r' })));
    must(await repos.sessions.create(session(T1, 'ses-moved-r', { rescheduledFromId: 'ses-moved', scheduledStart: '2026-04-03T09:30:00.000Z', plannedMinutes: 120 })));
    must(await repos.sessions.create(session(T2, 'ses-elsewhere', { agenda: ['Elsewhere business'] })));

    const cosmosKeys = new CosmosSigningKeyStore(store.database.container('leases'));
    keys = { getOrCreate: (name) => (keysDown ? Promise.resolve(fail('STORE_UNAVAILABLE', 'down')) : cosmosKeys.getOrCreate(name)) };
    captured = captureLog('debug');
    const log = captured.log;
    server = createServer({
      config: { port: 0, host: '127.0.0.1' },
      botHost: createBotHost({ mode: 'local' }, log),
      bot: { run: async () => {} },
      health: { check: async () => ({ ok: true, value: { latencyMs: 0 } }) },
      log,
      extraRoutes: icsRoutes({ keys, invites: repos, clock, log }),
    });
    ({ url } = await server.listen());
    const links = calendarLinks({ keys, publicBaseUrl: () => `${url}/`, log });
    linkFor = async (tenantId, target) => {
      const make = await links(tenantId);
      assert.ok(make, 'links can be made');
      const link = make(target);
      assert.ok(link);
      return link;
    };
  });

  after(async () => {
    await server?.close();
    await store?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    clock.set(NOW);
    keysDown = false;
  });

  const target = (sessionId: string, recipientId = 'nia', end = '2026-04-01T14:30:00.000Z'): CalendarTarget => ({ sessionId, recipientId, end });

  it('a valid link: 200, text/calendar as an attachment, never cached, and an invite at the right time in UTC', async () => {
    const link = await linkFor(T1, target('ses-scheduled'));
    assert.match(link, new RegExp(`^${url}/ics/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.ics$`), 'one slash after the base, the token, .ics');
    const res = await fetch(link);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="supervision.ics"');
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    const ics = parseIcs(await res.text());
    assert.equal(ics.prop('METHOD'), 'REQUEST');
    assert.equal(ics.prop('DTSTART'), '20260401T130000Z');
    assert.equal(ics.prop('DTEND'), '20260401T143000Z');
    assert.equal(ics.prop('SUMMARY'), 'Supervision: Nia Quinn with Sam Patel');
    assert.equal(ics.prop('LOCATION'), 'Microsoft Teams');
    assert.equal(ics.prop('STATUS'), 'TENTATIVE', 'not accepted by the supervisee yet');
    assert.equal(ics.prop('UID'), 'ses-scheduled@supervision-bot');
    assert.ok(!ics.lines.join('\n').includes('Smith'), 'nothing of the agenda');
    // The supervisor's own link gives the same invite.
    const sams = parseIcs(await (await fetch(await linkFor(T1, target('ses-scheduled', 'sam')))).text());
    assert.equal(sams.prop('DTSTART'), '20260401T130000Z');
  });

  it('a tampered link, a link without .ics, or anything else under /ics/: 404 with no detail', async () => {
    const link = await linkFor(T1, target('ses-scheduled'));
    assert.equal((await fetch(link)).status, 200, 'the link itself works');
    const token = link.slice(`${url}/ics/`.length, -'.ics'.length);
    const bad = [
      tamper(link, 1),
      tamper(link, 50),
      tamper(link, token.length - 1),
      link.slice(0, -'.ics'.length),
      `${link}x`,
      `${url}/ics/${token}/x.ics`,
      `${url}/ics/x/${token}.ics`,
      `${url}/ics/`,
      `${url}/ics/x.ics`,
      `${url}/ics/a.b.ics`,
    ];
    for (const u of bad) {
      const res = await fetch(u);
      assert.equal(res.status, 404, u.slice(url.length));
      const body = await res.text();
      assert.ok(!/token|signature|expired|tenant|session/i.test(body), `no detail: ${body}`);
    }
  });

  it("a forged token naming another tenant's session, signed with a key of one's own: 404", async () => {
    const wrongKey = new Uint8Array(32).fill(42);
    assert.equal((await fetch(await linkFor(T2, target('ses-elsewhere')))).status, 200, "the session is there, for tenant 2's own link");
    const forged = signIcsToken({ tenantId: T2, sessionId: 'ses-elsewhere', recipientId: 'nia', expiresAt: linkExpiry('2026-04-01T14:30:00.000Z') }, wrongKey);
    const res = await fetch(`${url}/ics/${forged}.ics`);
    assert.equal(res.status, 404);
    assert.doesNotMatch(await res.text(), /Elsewhere/);
  });

  it("a genuine token for one tenant never gives another tenant's session, nor a session to someone who is not in it: 404", async () => {
    const key = must(await keys.getOrCreate(ICS_SIGNING_KEY));
    const expiresAt = linkExpiry('2026-04-01T14:30:00.000Z');
    // The session id of tenant 2, under tenant 1's name (and the other way round).
    for (const [tenantId, sessionId] of [
      [T1, 'ses-elsewhere'],
      [T2, 'ses-scheduled'],
    ]) {
      const token = signIcsToken({ tenantId, sessionId, recipientId: 'nia', expiresAt }, key);
      assert.equal((await fetch(`${url}/ics/${token}.ics`)).status, 404, `${tenantId} / ${sessionId}`);
    }
    // The PSW is not one of the session's two people.
    assert.equal((await fetch(await linkFor(T1, target('ses-scheduled', 'psw')))).status, 404);
    // Tenant 2's own link for its own session works: the refusals above are about the tenant.
    const own = parseIcs(await (await fetch(await linkFor(T2, target('ses-elsewhere')))).text());
    assert.equal(own.prop('SUMMARY'), 'Supervision: Nia Other with Sam Other');
  });

  it('an expired link (30 days after the session ended): 404; the day before: the invite', async () => {
    const link = await linkFor(T1, target('ses-scheduled'));
    clock.set('2026-05-01T14:29:00.000Z');
    assert.equal((await fetch(link)).status, 200);
    clock.set('2026-05-01T14:30:00.000Z');
    assert.equal((await fetch(link)).status, 404);
  });

  it('a cancelled session: the link gives the cancellation (METHOD:CANCEL, STATUS:CANCELLED), without the reason', async () => {
    const res = await fetch(await linkFor(T1, target('ses-cancelled')));
    assert.equal(res.status, 200);
    const ics = parseIcs(await res.text());
    assert.equal(ics.prop('METHOD'), 'CANCEL');
    assert.equal(ics.prop('STATUS'), 'CANCELLED');
    assert.equal(ics.prop('UID'), 'ses-cancelled@supervision-bot');
    assert.equal(ics.prop('SEQUENCE'), '1');
    assert.ok(!ics.lines.join('\n').includes('off sick'));
  });

  it("a rescheduled session: the old link gives the replacement's time, as an update of the same event", async () => {
    const ics = parseIcs(await (await fetch(await linkFor(T1, target('ses-moved')))).text());
    assert.equal(ics.prop('METHOD'), 'REQUEST');
    assert.equal(ics.prop('DTSTART'), '20260403T093000Z');
    assert.equal(ics.prop('DTEND'), '20260403T113000Z');
    assert.equal(ics.prop('UID'), 'ses-moved@supervision-bot');
    assert.equal(ics.prop('SEQUENCE'), '1');
  });

  it('the store or its key unavailable: 503, and the cards get no link', async () => {
    const link = await linkFor(T1, target('ses-scheduled'));
    keysDown = true;
    const res = await fetch(link);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    let ms = 0;
    const links = calendarLinks({ keys, publicBaseUrl: () => url, nowMs: () => ms });
    assert.equal(await links(T1), undefined);
    keysDown = false;
    // The store is not asked again at once (a turn in an outage waits for it once), but after a pause.
    ms = KEY_RETRY_PAUSE_MS - 1;
    assert.equal(await links(T1), undefined);
    ms = KEY_RETRY_PAUSE_MS;
    assert.ok(await links(T1));
    assert.equal(await calendarLinks({ keys, publicBaseUrl: () => undefined })(T1), undefined, 'no public address: no link');
  });

  it('never logs a token: the request is logged as /ics/:token.ics', async () => {
    const link = await linkFor(T1, target('ses-scheduled'));
    const token = link.slice(`${url}/ics/`.length, -'.ics'.length);
    await (await fetch(link)).text();
    await (await fetch(tamper(link, 3))).text();
    // restify emits 'after' once the response is finished.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = captured.text();
    assert.ok(!text.includes(token.split('.')[0]) && !text.includes(token.split('.')[1]), 'no part of a token in the log');
    const requests = captured.entries().filter((e) => e.event === 'http.request' && typeof e.path === 'string' && e.path.startsWith('/ics/'));
    assert.ok(requests.length >= 2);
    for (const r of requests) assert.equal(r.path, '/ics/:token.ics');
    assert.ok(captured.entries().some((e) => e.event === 'ics.served' && e.tenantId === T1));
    assert.ok(captured.entries().some((e) => e.event === 'ics.refused'));
  });
});
