/**
 * Proactive delivery at Teams' limits (issue 10), through the real botbuilder CloudAdapter over HTTP
 * to a Bot Connector on loopback that enforces Teams' limits (test/support/limitedConnector.ts: 50/s
 * per tenant; 7/s, 8/2 s, 60/30 s per conversation; 429 with Retry-After beyond), with the real
 * Cosmos repositories on the embedded server:
 * - delivery.rate: 5,000 reminders to 2,000 people of one tenant, all due at once, sent by the
 *   outbox sender; sends per second from the first accepted to the last, as a fraction of the
 *   tenant's limit (target >= 0.95). delivery.lost / delivery.duplicates: reminders never accepted /
 *   accepted twice (target 0). delivery.throttled: 429s the connector had to answer.
 *   delivery.due_to_delivered.p99: from due (the sender started with the backlog waiting) to accepted, ms
 *   (includes the 2 s the sender waits on taking a tenant over).
 * - delivery.two_tenants.rate.a / .b: 2,500 reminders to 1,000 people in each of two tenants at
 *   once, each as a fraction of its own limit (target >= 0.9).
 * - sweep.tick.*: one reminder sweep over 20,000 agreements of one tenant (~1.5% due), then a
 *   quiet one: time, and documents read (records returned by the store to the sweep).
 * Figures on a shared machine are pessimistic: stderr shows the load average.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCosmosRepositories, openStore } from '../src/adapters/cosmos';
import { runReminderSweep, type ReminderSweepDeps } from '../src/app/runReminderSweep';
import type { Person } from '../src/domain/model';
import { defaultOrganisationSettings } from '../src/domain/organisationDefaults';
import { startDeliveryWorld } from '../test/support/deliveryWorld';
import { agreementNo, TENANT } from './dueQuery.bench';
import type { BenchResult } from './run';

const LIMIT = 50;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

async function oneTenant(results: BenchResult[]): Promise<void> {
  const N = 5_000;
  const world = await startDeliveryWorld([{ tenantId: 'bench-a', people: 2_000 }]);
  try {
    await world.queue('bench-a', N, 2_000);
    const started = Date.now();
    world.instance();
    await world.connector.waitForAccepted(N, 600_000);
    const times = world.connector.accepted.map((a) => a.at);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const distinct = world.connector.accepted.length - world.connector.duplicates();
    results.push({ bench: 'delivery.rate', n: N, value: round((N - 1) / seconds / LIMIT, 3), unit: 'of limit' });
    results.push({ bench: 'delivery.lost', n: N, value: N - distinct, unit: 'messages' });
    results.push({ bench: 'delivery.duplicates', n: N, value: world.connector.duplicates(), unit: 'messages' });
    results.push({ bench: 'delivery.throttled', n: N, value: world.connector.throttled, unit: '429s' });
    results.push({ bench: 'delivery.due_to_delivered.p99', n: N, value: p99(times.map((t) => t - started)), unit: 'ms' });
    process.stderr.write(`delivery.bench: one tenant ${N} in ${seconds.toFixed(1)} s, peak ${world.connector.peak('bench-a', 1000)}/s; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  } finally {
    await world.close();
  }
}

async function twoTenants(results: BenchResult[]): Promise<void> {
  const N = 2_500;
  const tenants = ['bench-a', 'bench-b'];
  const world = await startDeliveryWorld(tenants.map((tenantId) => ({ tenantId, people: 1_000 })));
  try {
    for (const t of tenants) await world.queue(t, N, 1_000);
    world.instance();
    await world.connector.waitForAccepted(2 * N, 600_000);
    for (const [i, t] of tenants.entries()) {
      const times = world.connector.accepted.filter((a) => a.tenantId === t).map((a) => a.at);
      const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
      results.push({ bench: `delivery.two_tenants.rate.${'ab'[i]}`, n: N, value: round((times.length - 1) / seconds / LIMIT, 3), unit: 'of limit' });
    }
    results.push({ bench: 'delivery.two_tenants.duplicates', n: 2 * N, value: world.connector.duplicates(), unit: 'messages' });
    process.stderr.write(`delivery.bench: two tenants; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  } finally {
    await world.close();
  }
}

/** Wraps each repository so every record it returns is counted: what the sweep reads. */
function counting<T extends object>(repo: T, read: { docs: number }): T {
  return new Proxy(repo, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as { ok: boolean; value?: unknown };
        if (result?.ok === true) {
          if (Array.isArray(result.value)) read.docs += result.value.length;
          else if (result.value !== null && typeof result.value === 'object' && 'etag' in result.value) read.docs += 1;
        }
        return result;
      };
    },
  });
}

async function sweepCost(results: BenchResult[]): Promise<void> {
  const N = 20_000;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-bench-sweep-'));
  const opened = await openStore({ kind: 'embedded', dataDir, saveDebounceMs: 3_600_000, saveMaxDelayMs: 3_600_000 });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  try {
    const repos = createCosmosRepositories(store.database);
    const org = await repos.organisations.save(defaultOrganisationSettings(TENANT, 'Bench Trust'));
    if (!org.ok) throw new Error(org.error.message);
    const people: Person[] = Array.from({ length: N }, (_, i) => ({
      id: `person-${i}`,
      tenantId: TENANT,
      email: `person-${i}@example.org`,
      name: `Person ${i}`,
      roles: i < 500 ? ['supervisor', 'supervisee'] : ['supervisee'],
      aadObjectId: `aad-${i}`,
    }));
    const docs = Array.from({ length: N }, (_, i) => agreementNo(i));
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < N) {
          const i = next++;
          const [p, a] = await Promise.all([repos.people.create(people[i]), repos.agreements.create(docs[i])]);
          if (!p.ok) throw new Error(p.error.message);
          if (!a.ok) throw new Error(a.error.message);
        }
      }),
    );
    for (const [name, at] of [
      ['due', '2026-03-03T00:00:00.000Z'],
      ['quiet', '2026-03-03T00:00:00.000Z'],
    ] as const) {
      const read = { docs: 0 };
      const deps: ReminderSweepDeps = {
        organisations: counting(repos.organisations, read),
        agreements: counting(repos.agreements, read),
        sessions: counting(repos.sessions, read),
        people: counting(repos.people, read),
        outbox: counting(repos.outbox, read),
        concerns: counting(repos.concerns, read),
      };
      const t = performance.now();
      const report = await runReminderSweep(deps, at);
      const ms = performance.now() - t;
      if (!report.ok) throw new Error(report.error.message);
      results.push({ bench: `sweep.tick.${name}.time`, n: N, value: round(ms, 0), unit: 'ms' });
      results.push({ bench: `sweep.tick.${name}.documents_read`, n: N, value: read.docs, unit: 'documents' });
      process.stderr.write(`delivery.bench: sweep ${name}: ${report.value.agreements} due, ${report.value.queued} queued, ${read.docs} read in ${ms.toFixed(0)} ms\n`);
    }
  } finally {
    await store.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

export default async function deliveryBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  await oneTenant(results);
  await twoTenants(results);
  await sweepCost(results);
  return results;
}
