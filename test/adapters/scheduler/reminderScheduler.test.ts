import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import sinon from 'sinon';
import { CosmosLeaseStore } from '../../../src/adapters/cosmos/leaseStore';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { REMINDER_LEASE, startScheduler, type Scheduler, type SchedulerLog } from '../../../src/adapters/scheduler';
import type { Clock, Lease, LeaseOutcome, LeaseStore } from '../../../src/app/ports';
import { runReminderSweep, type SweepReport } from '../../../src/app/runReminderSweep';
import type { OrganisationSettings, Person } from '../../../src/domain/model';
import { defaultOrganisationSettings } from '../../../src/domain/organisationDefaults';
import { activeAgreement } from '../../fakes/records';
import { withSummary } from '../../../src/app/proactivePlanning';
import { fail, ok, type Result } from '../../../src/domain/result';
import { must, removeDir, tempDataDir } from '../cosmos/support';

const HOUR = 3_600_000;

class MovableClock implements Clock {
  constructor(public at: string) {}
  now(): string {
    return this.at;
  }
  advance(ms: number): void {
    this.at = new Date(Date.parse(this.at) + ms).toISOString();
  }
}

/** The LeaseStore contract in memory, for the timer tests (the Cosmos one is exercised below). */
class MemoryLeases implements LeaseStore {
  lease: Lease | null = null;
  down = false;
  async tryAcquire(name: string, holder: string, now: string, ttlMs: number): Promise<Result<LeaseOutcome>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'down');
    const expiresAt = new Date(Date.parse(now) + ttlMs).toISOString();
    if (this.lease && this.lease.holder !== holder && Date.parse(this.lease.expiresAt) > Date.parse(now)) {
      return ok({ acquired: false, heldBy: this.lease.holder, expiresAt: this.lease.expiresAt });
    }
    this.lease = { name, holder, acquiredAt: now, expiresAt };
    return ok({ acquired: true, lease: this.lease });
  }
  renew(name: string, holder: string, now: string, ttlMs: number) {
    return this.tryAcquire(name, holder, now, ttlMs);
  }
  async release(_name: string, holder: string, now: string): Promise<Result<boolean>> {
    if (this.lease?.holder !== holder) return ok(false);
    this.lease = { ...this.lease, expiresAt: now };
    return ok(true);
  }
}

const EMPTY_REPORT: SweepReport = { tenants: 0, agreements: 0, queued: 0, alreadyQueued: 0, waitingForTeams: 0, noRecipient: 0, saved: 0, concernFollowUps: 0, problems: [] };

function recordingLog() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const log: SchedulerLog = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
  return { log, lines };
}

describe('reminder scheduler: the tick', () => {
  let timers: sinon.SinonFakeTimers | undefined;
  const started: Scheduler[] = [];
  afterEach(async () => {
    for (const s of started.splice(0)) await s.stop();
    timers?.restore();
    timers = undefined;
  });

  it('ticks after firstTickMs and then every interval, sweeping and then what follows the sweep, with `now` from the clock', async () => {
    timers = sinon.useFakeTimers({ now: Date.parse('2026-03-20T10:00:00.000Z'), toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const clock = new MovableClock('2026-03-20T10:00:00.000Z');
    const calls: string[] = [];
    const s = startScheduler({
      leases: new MemoryLeases(),
      clock,
      sweep: async (now) => {
        calls.push(`sweep ${now}`);
        clock.advance(1000);
        return ok(EMPTY_REPORT);
      },
      afterSweep: async (now) => calls.push(`after ${now}`),
      intervalMs: 60_000,
      firstTickMs: 500,
    });
    started.push(s);
    await timers.tickAsync(499);
    assert.equal(calls.length, 0);
    await timers.tickAsync(1);
    assert.deepEqual(calls, ['sweep 2026-03-20T10:00:00.000Z', 'after 2026-03-20T10:00:01.000Z']);
    await timers.tickAsync(3 * 60_000);
    assert.equal(calls.filter((c) => c.startsWith('sweep')).length, 4);
  });

  it('never overlaps ticks: a tick while one is running is skipped', async () => {
    let release: () => void = () => {};
    let sweeps = 0;
    const s = startScheduler({
      leases: new MemoryLeases(),
      clock: new MovableClock('2026-03-20T10:00:00.000Z'),
      sweep: () => {
        sweeps++;
        return new Promise((resolve) => (release = () => resolve(ok(EMPTY_REPORT))));
      },
      intervalMs: HOUR,
      firstTickMs: HOUR,
    });
    started.push(s);
    const first = s.tick();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(await s.tick(), { kind: 'busy' });
    release();
    assert.equal((await first).kind, 'swept');
    assert.equal(sweeps, 1);
  });

  it('survives a crashing sweep and a lease store outage, logging codes only, and goes on', async () => {
    const leases = new MemoryLeases();
    const { log, lines } = recordingLog();
    let crash = true;
    const s = startScheduler({
      leases,
      clock: new MovableClock('2026-03-20T10:00:00.000Z'),
      sweep: async () => {
        if (crash) throw new Error('boom');
        return ok({ ...EMPTY_REPORT, tenants: 1, queued: 2 });
      },
      log,
      intervalMs: HOUR,
      firstTickMs: HOUR,
    });
    started.push(s);
    assert.deepEqual(await s.tick(), { kind: 'failed', code: 'BUG', message: 'boom' });
    assert.equal(lines[0].level, 'error');

    leases.down = true;
    crash = false;
    assert.equal((await s.tick()).kind, 'failed');
    assert.deepEqual(lines[1], { level: 'warn', obj: { code: 'STORE_UNAVAILABLE', holder: s.holder }, msg: 'reminder tick: could not take the lease' });

    leases.down = false;
    const outcome = await s.tick();
    assert.equal(outcome.kind, 'swept');
    assert.equal(lines[2].msg, 'reminder sweep done');
    assert.deepEqual(lines[2].obj, { ...EMPTY_REPORT, tenants: 1, queued: 2, problems: [] });
  });

  it('does nothing after stop, and releases the lease on stop', async () => {
    const leases = new MemoryLeases();
    const clock = new MovableClock('2026-03-20T10:00:00.000Z');
    const s = startScheduler({ leases, clock, sweep: async () => ok(EMPTY_REPORT), intervalMs: HOUR, firstTickMs: HOUR });
    assert.equal((await s.tick()).kind, 'swept');
    assert.equal(leases.lease?.holder, s.holder);
    await s.stop();
    await s.stop();
    assert.deepEqual(await s.tick(), { kind: 'stopped' });
    assert.equal(leases.lease?.expiresAt, clock.now());
  });

  it('does not keep the process alive (the timer is unref\'d)', async function () {
    this.timeout(20_000);
    const script = path.join(__dirname, 'fixtures', 'unrefChild.ts');
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(killer);
    assert.equal(code, 0, `the child should exit by itself; output:\n${out}`);
    assert.match(out, /scheduler started/);
  });
});

describe('reminder scheduler over the real Cosmos store (embedded server)', () => {
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;
  let leases: CosmosLeaseStore;
  const started: Scheduler[] = [];

  const NOW = '2026-03-20T10:00:00.000Z';
  const settings: OrganisationSettings = {
    // Issue 9's defaults (working days, 09:00 send time).
    ...defaultOrganisationSettings('t-sched', 'Council'),
    pswIds: ['psw'],
    adminIds: [],
  };

  before(async () => {
    dir = await tempDataDir('scheduler');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
    leases = new CosmosLeaseStore(store.database.container('leases'));
    must(await repos.organisations.save(settings));
    const people: Person[] = [
      { id: 'or', tenantId: 't-sched', email: 'or@example.org', name: 'Sam Supervisor', roles: ['supervisor'], aadObjectId: 'aad-or' },
      { id: 'ee', tenantId: 't-sched', email: 'ee@example.org', name: 'Nia Supervisee', roles: ['supervisee'], aadObjectId: 'aad-ee' },
      { id: 'psw', tenantId: 't-sched', email: 'psw@example.org', name: 'Priya PSW', roles: ['psw'], aadObjectId: 'aad-psw' },
    ];
    for (const p of people) {
      must(await repos.people.create(p));
      // The app is installed for each of them: the sweep writes cards only for people it can reach.
      const aad = p.aadObjectId as string;
      must(await repos.conversations.upsert({ tenantId: 't-sched', aadObjectId: aad, conversationId: `c-${aad}`, serviceUrl: 'https://service.example', botId: 'bot', channelId: 'msteams', reference: {}, installed: true, updatedAt: '2026-03-01T09:00:00.000Z' }));
    }
    const a = activeAgreement({ id: 'agr-s', tenantId: 't-sched' });
    must(await repos.agreements.create(withSummary(a, [], settings, '2026-03-02T09:00:00.000Z')));
  });

  after(async () => {
    for (const s of started.splice(0)) await s.stop();
    await store?.close();
    await removeDir(dir);
  });

  it('one instance sweeps while it holds the lease; a second waits; the sweep writes each message once', async () => {
    const clock = new MovableClock(NOW);
    const make = (holder: string) => {
      const s = startScheduler({
        leases,
        clock,
        sweep: (now) => runReminderSweep(repos, now),
        intervalMs: HOUR,
        firstTickMs: HOUR,
        holder,
      });
      started.push(s);
      return s;
    };
    const a = make('instance-a');
    const b = make('instance-b');

    const first = await a.tick();
    assert.equal(first.kind, 'swept');
    assert.ok(first.kind === 'swept');
    assert.equal(first.report.queued, 4);
    assert.deepEqual(await b.tick(), { kind: 'not-leader', heldBy: 'instance-a', until: '2026-03-20T13:00:00.000Z' });

    const ready = must(await repos.outbox.listReady('t-sched', NOW, 100));
    assert.deepEqual(ready.map((e) => e.value.id).sort(), [
      'agr-s:escalation-notice:2026-03-09:or',
      'agr-s:escalation:2026-03-09:psw',
      'agr-s:reminder-due-today:2026-03-16:ee',
      'reminder-digest:or:2026-03-20',
    ]);
    const stored = must(await repos.agreements.get('t-sched', 'agr-s'));
    assert.equal(stored?.value.summary.nextActionAt, '2026-03-23T09:00:00.000Z');
    assert.equal(must(await repos.agreements.listDue('t-sched', NOW)).length, 0);

    // Picked again (e.g. a stale summary written by someone else): nothing is written twice.
    must(await repos.agreements.replace({ ...stored!.value, summary: { ...stored!.value.summary, nextActionAt: NOW } }, stored!.etag));
    clock.advance(60_000);
    const again = await a.tick();
    assert.ok(again.kind === 'swept');
    assert.deepEqual([again.report.queued, again.report.alreadyQueued], [0, 4]);
    assert.equal(must(await repos.outbox.listReady('t-sched', clock.now(), 100)).length, 4);

    // The holder stops: the lease is released and the other instance takes over at once.
    await a.stop();
    assert.equal((await b.tick()).kind, 'swept');
    const lease = must(await leases.tryAcquire(REMINDER_LEASE, 'instance-c', clock.now(), HOUR));
    assert.deepEqual(lease.acquired ? null : lease.heldBy, 'instance-b');
  });

  it('another instance takes over when the holder disappears without releasing (the lease expires)', async () => {
    const clock = new MovableClock('2026-03-21T10:00:00.000Z');
    const mk = (holder: string) => {
      const s = startScheduler({ leases, clock, sweep: async () => ok(EMPTY_REPORT), intervalMs: 60_000, firstTickMs: HOUR, holder });
      started.push(s);
      return s;
    };
    const x = mk('instance-x');
    const y = mk('instance-y');
    assert.equal((await x.tick()).kind, 'swept');
    clock.advance(3 * 60_000 - 1);
    assert.equal((await y.tick()).kind, 'not-leader');
    clock.advance(1);
    assert.equal((await y.tick()).kind, 'swept');
    assert.equal((await x.tick()).kind, 'not-leader');
  });
});
