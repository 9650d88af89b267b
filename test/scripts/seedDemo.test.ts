import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { createCosmosRepositories, type CosmosRepositories } from '../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../src/adapters/cosmos/store';
import { evaluateCadence } from '../../src/domain/cadence';
import { summarize } from '../../src/domain/compliance';
import type { Agreement, Person, Session } from '../../src/domain/model';
import { cadenceSessionOf } from '../../src/domain/reminderPolicy';
import { ok } from '../../src/domain/result';
import { runReminderSweep } from '../../src/app/runReminderSweep';
import { must } from '../adapters/cosmos/support';
import {
  CAST,
  DEMO_ORGANISATION_NAME,
  OUTSIDE_PLAYGROUND,
  PLAYGROUND_FILE,
  parsePlaygroundConfig,
  planDemo,
  seedDemo,
  type PlaygroundConfig,
  type SeedDeps,
} from '../../scripts/seedDemo';
import { NEW_ORGANISATION_ISSUE9_SETTINGS } from '../fakes/records';

const ROOT = path.resolve(__dirname, '..', '..');
const ZONE = 'Europe/London';

async function playground(): Promise<PlaygroundConfig> {
  const parsed = parsePlaygroundConfig(await fs.readFile(PLAYGROUND_FILE, 'utf8'));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  return parsed.value;
}

describe('seed:demo: the Playground file and the cast', () => {
  it('the Playground people are the demo cast (all but one), by email', async () => {
    const config = await playground();
    assert.equal(config.people.length, 6);
    assert.deepEqual(
      [...config.people.map((p) => p.email), OUTSIDE_PLAYGROUND.email].sort(),
      CAST.map((c) => c.email).sort(),
    );
  });

  it('refuses a Playground file whose people are not the cast, naming who', async () => {
    const config = await playground();
    const stranger = { ...config, people: [...config.people, { name: 'X', email: 'x@elsewhere.example', aadObjectId: 'aad-x' }] };
    const ids = Object.fromEntries(CAST.map((c) => [c.key, `demo-${c.key}`])) as Parameters<typeof planDemo>[2];
    const r = planDemo(stranger, '2026-03-20T10:00:00.000Z', ids);
    assert.ok(!r.ok);
    assert.match(r.error.message, /x@elsewhere\.example, who is not in the demo cast/);
    const missing = planDemo({ ...config, people: config.people.slice(1) }, '2026-03-20T10:00:00.000Z', ids);
    assert.ok(!missing.ok);
    assert.match(missing.error.message, /is not in \.m365agentsplayground\.yml/);
  });

  it('reports a file that is not YAML or lacks a tenant', () => {
    assert.equal(parsePlaygroundConfig('users: [').ok, false);
    const noTenant = parsePlaygroundConfig('currentUser:\n  name: A\n');
    assert.ok(!noTenant.ok);
    assert.match(noTenant.error.message, /no tenantId/);
  });
});

describe('seed:demo over the embedded store', function () {
  this.timeout(60_000);
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;
  let deps: SeedDeps;
  let config: PlaygroundConfig;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-seed-'));
    const opened = await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 });
    assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
    store = opened.value;
    repos = createCosmosRepositories(store.database);
    const sessions = store.database.container('sessions');
    deps = {
      ...repos,
      deleteSession: async (tenantId, id) => {
        await sessions.item(id, tenantId).delete();
        return ok(undefined);
      },
    };
    config = await playground();
  });
  afterEach(async () => {
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const byKey = async (key: string) => {
    const email = CAST.find((c) => c.key === key)!.email;
    const found = await repos.people.findByEmail(config.tenantId, email);
    assert.ok(found.ok && found.value);
    return found.value.value;
  };

  async function state(key: string, now: string) {
    const person = await byKey(key);
    const listed = await repos.agreements.listForPerson(config.tenantId, person.id);
    assert.ok(listed.ok);
    const own = listed.value.filter((a) => a.value.superviseeId === person.id);
    assert.equal(own.length, 1, `one agreement for ${key}`);
    const agreement: Agreement = own[0].value;
    const sessionsListed = await repos.sessions.listByAgreement(config.tenantId, agreement.id);
    assert.ok(sessionsListed.ok);
    const sessions: Session[] = sessionsListed.value.map((s) => s.value);
    const settings = await repos.organisations.get(config.tenantId);
    assert.ok(settings.ok && settings.value);
    const summary = summarize({ agreement, sessions, settings: settings.value.value, now });
    const today = DateTime.fromISO(now, { zone: ZONE }).toISODate() as string;
    const { periods } = evaluateCadence({
      zone: ZONE,
      employmentStart: agreement.employmentStart,
      agreementStart: agreement.agreementStart,
      nqsw: agreement.nqsw,
      today,
      until: DateTime.fromISO(today).plus({ days: 1 }).toISODate() as string,
      sessions: sessions.map(cadenceSessionOf),
    });
    const current = periods[periods.length - 1];
    return { person, agreement, sessions, summary, current, today };
  }

  async function assertDemoStates(now: string) {
    const plus = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate();

    const noah = await state('noah', now);
    assert.equal(noah.agreement.status, 'active');
    assert.deepEqual([noah.current.phase, noah.current.status], ['weekly', 'due'], 'Noah: a weekly period due');
    assert.equal(noah.current.start, plus(noah.agreement.employmentStart, 7), 'Noah: in week 2');
    assert.deepEqual([noah.summary.met, noah.summary.missed, noah.summary.overdueSince], [1, 0, null]);
    assert.equal(noah.summary.nextDueBy, plus(noah.today, 5));
    assert.equal(noah.agreement.summary.nextDueBy, noah.summary.nextDueBy, 'the stored summary is current');

    const amira = await state('amira', now);
    assert.deepEqual([amira.current.phase, amira.current.status], ['fortnightly', 'due'], 'Amira: a fortnight due');
    assert.equal(amira.current.start, plus(amira.agreement.employmentStart, 56), 'Amira: weeks 9-10');
    assert.deepEqual([amira.summary.met, amira.summary.missed, amira.summary.short], [7, 0, 0]);

    const leah = await state('leah', now);
    assert.deepEqual([leah.current.phase, leah.current.status], ['monthly', 'due'], 'Leah: a month due');
    assert.equal(
      leah.current.start,
      DateTime.fromISO(leah.agreement.employmentStart).plus({ months: 7 }).toISODate(),
      'Leah: in month 8',
    );
    assert.equal(leah.summary.missed, 0);
    assert.ok(leah.summary.met >= 16, `Leah met ${leah.summary.met}`);
    assert.equal(leah.person.aadObjectId, OUTSIDE_PLAYGROUND.aadObjectId);
    assert.deepEqual(
      leah.agreement.asyeExtensions?.map((x) => [x.newEnd, x.reason, x.recordedById]),
      [[DateTime.fromISO(leah.agreement.employmentStart).plus({ months: 15 }).toISODate(), 'assessment', (await byKey('psw')).id]],
      'Leah: her ASYE extended by three months',
    );

    const daniel = await state('daniel', now);
    assert.equal(daniel.agreement.nqsw, false);
    assert.deepEqual([daniel.current.phase, daniel.current.status], ['monthly', 'due']);
    assert.deepEqual([daniel.summary.met, daniel.summary.missed, daniel.summary.short], [13, 1, 1], 'Daniel: a missed month with a short session');
    assert.ok(daniel.summary.overdueSince !== null && daniel.summary.overdueSince <= daniel.today, 'Daniel: overdue');

    const sam = await byKey('sam');
    assert.equal(noah.agreement.supervisorId, sam.id);
    assert.equal(amira.agreement.supervisorId, sam.id);
    const rachel = await byKey('rachel');
    assert.equal(daniel.agreement.supervisorId, rachel.id);
    assert.equal(leah.agreement.supervisorId, rachel.id);
  }

  it('creates the demo organisation whose tenant and people are the Playground\'s, in the states the cards should show', async () => {
    const now = '2026-03-20T10:00:00.000Z';
    const r = await seedDemo(deps, config, now);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.tenantId, config.tenantId);

    const people = await repos.people.listByTenant(config.tenantId);
    assert.ok(people.ok);
    assert.equal(people.value.length, 7);
    for (const p of config.people) {
      const stored: Person | undefined = people.value.find((x) => x.email === p.email);
      assert.deepEqual([stored?.name, stored?.aadObjectId], [p.name, p.aadObjectId]);
    }
    const settings = await repos.organisations.get(config.tenantId);
    assert.ok(settings.ok && settings.value);
    const priya = await byKey('psw');
    assert.deepEqual(settings.value.value, {
      tenantId: config.tenantId,
      name: DEMO_ORGANISATION_NAME,
      zone: 'Europe/London',
      pswIds: [priya.id],
      adminIds: [priya.id],
      // Issue 9: cards within a minute of opening the Playground, any day, any hour.
      reminderLeadDays: 7,
      escalationGraceDays: 0,
      quietHours: { start: '00:00', end: '00:00' },
      ...NEW_ORGANISATION_ISSUE9_SETTINGS,
      region: 'none',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      sendTime: '00:00',
    });
    assert.deepEqual(priya.roles, ['psw', 'admin']);

    await assertDemoStates(now);
    const agreements = await repos.agreements.listByTenant(config.tenantId);
    assert.ok(agreements.ok);
    assert.equal(agreements.value.length, 4);
    assert.ok(agreements.value.every((a) => a.value.status === 'active' && a.value.summary.nextActionAt !== null));

    // A reminder and an escalation are due the moment it is seeded: the first sweep queues them for
    // those who have opened the Playground (the bot has their chat); the others' wait for them.
    for (const key of ['sam', 'noah', 'psw', 'rachel'] as const) {
      const aad = (await byKey(key)).aadObjectId as string;
      must(await repos.conversations.upsert({ tenantId: config.tenantId, aadObjectId: aad, conversationId: `c-${aad}`, serviceUrl: 'https://service.example', botId: 'bot', channelId: 'msteams', reference: {}, installed: true, updatedAt: now }));
    }
    const swept = await runReminderSweep(repos, now);
    assert.ok(swept.ok);
    const queued = new Map<string, string[]>();
    for (const key of ['sam', 'noah', 'psw', 'rachel'] as const) {
      const who = await byKey(key);
      const ready = await repos.outbox.listReady(config.tenantId, now, 50);
      assert.ok(ready.ok);
      queued.set(key, ready.value.filter((e) => e.value.recipientAadObjectId === who.aadObjectId).map((e) => e.value.kind).sort());
    }
    assert.deepEqual(queued.get('noah'), ['reminder']);
    assert.ok(queued.get('sam')?.includes('reminder-digest'), `Sam: ${queued.get('sam')?.join(', ')}`);
    assert.deepEqual(queued.get('psw'), ['escalation']);
    assert.ok(queued.get('rachel')?.includes('escalation-notice'), `Rachel: ${queued.get('rachel')?.join(', ')}`);
  });

  it('run twice: nothing created, changed or removed the second time', async () => {
    const now = '2026-03-20T10:00:00.000Z';
    const first = await seedDemo(deps, config, now);
    assert.ok(first.ok);
    const second = await seedDemo(deps, config, '2026-03-20T10:07:00.000Z');
    assert.ok(second.ok);
    assert.deepEqual(
      [second.value.created, second.value.updated, second.value.removed, second.value.unchanged],
      [0, 0, 0, first.value.created],
    );
  });

  it('on a later day shows the same states, without duplicates, removing sessions that are not the demo\'s', async () => {
    assert.ok((await seedDemo(deps, config, '2026-03-20T10:00:00.000Z')).ok);
    const noah = await state('noah', '2026-03-20T10:00:00.000Z');
    // A session recorded while trying the demo.
    const played: Session = { ...noah.sessions[0], id: 'played-1', start: '2026-03-21T10:00:00.000Z', scheduledStart: '2026-03-21T10:00:00.000Z' };
    assert.ok((await repos.sessions.create(played)).ok);

    const later = '2026-11-22T16:30:00.000Z';
    const again = await seedDemo(deps, config, later);
    assert.ok(again.ok);
    assert.ok(again.value.removed >= 1);
    assert.equal(again.value.created + again.value.updated > 0, true);
    const people = await repos.people.listByTenant(config.tenantId);
    assert.ok(people.ok);
    assert.equal(people.value.length, 7);
    const agreements = await repos.agreements.listByTenant(config.tenantId);
    assert.ok(agreements.ok);
    assert.equal(agreements.value.length, 4);
    const played1 = await repos.sessions.get(config.tenantId, 'played-1');
    assert.ok(played1.ok);
    assert.equal(played1.value, null);
    await assertDemoStates(later);
  });

  it('after an agreement was ended and set up again while trying the demo: one live agreement each, the tried one ended', async () => {
    const now = '2026-03-20T10:00:00.000Z';
    assert.ok((await seedDemo(deps, config, now)).ok);
    const amira = await state('amira', now);
    // As README suggests: Sam ends Amira's agreement and sets up a new one, which both agree to, and books a session in it.
    const demo = await repos.agreements.get(config.tenantId, amira.agreement.id);
    assert.ok(demo.ok && demo.value);
    assert.ok((await repos.agreements.replace({ ...demo.value.value, status: 'ended', endedOn: '2026-03-20' }, demo.value.etag)).ok);
    const tried: Agreement = { ...amira.agreement, id: 'tried-agreement', status: 'active', agreementStart: '2026-03-20' };
    assert.ok((await repos.agreements.create(tried)).ok);
    const booked: Session = {
      ...amira.sessions[0],
      id: 'tried-session',
      agreementId: 'tried-agreement',
      status: 'scheduled',
      scheduledStart: '2026-03-24T10:00:00.000Z',
      start: undefined,
      minutes: undefined,
      rating: undefined,
    };
    assert.ok((await repos.sessions.create(booked)).ok);

    const again = await seedDemo(deps, config, '2026-03-20T11:00:00.000Z');
    assert.ok(again.ok, again.ok ? '' : again.error.message);
    assert.equal(again.value.ended, 1);
    const listed = await repos.agreements.listForPerson(config.tenantId, amira.person.id);
    assert.ok(listed.ok);
    const live = listed.value.map((a) => a.value).filter((a) => a.superviseeId === amira.person.id && a.status !== 'ended');
    assert.deepEqual(live.map((a) => [a.id, a.status]), [[amira.agreement.id, 'active']]);
    const triedAfter = await repos.agreements.get(config.tenantId, 'tried-agreement');
    assert.ok(triedAfter.ok && triedAfter.value);
    assert.deepEqual([triedAfter.value.value.status, triedAfter.value.value.endedOn], ['ended', '2026-03-20']);
    const bookedAfter = await repos.sessions.get(config.tenantId, 'tried-session');
    assert.ok(bookedAfter.ok && bookedAfter.value);
    assert.equal(bookedAfter.value.value.status, 'cancelled');

    const third = await seedDemo(deps, config, '2026-03-20T11:05:00.000Z');
    assert.ok(third.ok);
    assert.deepEqual([third.value.ended, third.value.created, third.value.updated, third.value.removed], [0, 0, 0, 0]);
  });

  it('keeps the id of a person who was already stored under the same email', async () => {
    const noahEmail = CAST.find((c) => c.key === 'noah')!.email;
    assert.ok((await repos.people.create({ id: 'linked-earlier', tenantId: config.tenantId, email: noahEmail, name: 'Noah', roles: ['supervisee'] })).ok);
    assert.ok((await seedDemo(deps, config, '2026-03-20T10:00:00.000Z')).ok);
    const people = await repos.people.listByTenant(config.tenantId);
    assert.ok(people.ok);
    assert.deepEqual(people.value.filter((p) => p.email === noahEmail).map((p) => p.id), ['linked-earlier']);
    assert.equal((await state('noah', '2026-03-20T10:00:00.000Z')).agreement.superviseeId, 'linked-earlier');
  });
});

describe('npm run seed:demo (separate process)', function () {
  this.timeout(60_000);
  it('seeds a fresh data folder, then changes nothing on a second run', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-seed-cli-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, NODE_OPTIONS: '' };
    for (const name of ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'MicrosoftAppPassword']) delete env[name];
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'seedDemo.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });
    try {
      const first = await run();
      assert.equal(first.code, 0, first.out);
      assert.match(first.out, /Demo organisation "Northshire Council Children and Adults Services" \(tenant [0-9a-f-]+\): created \d+, updated 0, unchanged 0, removed 0, ended 0\./);
      const second = await run();
      assert.equal(second.code, 0, second.out);
      assert.match(second.out, /created 0, updated 0, unchanged \d+, removed 0, ended 0\./);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
