/**
 * Storage benchmarks on the embedded store (issue 2, item 11), through the real SDK and repositories:
 * - cosmos.listDue.tick / cosmos.listDue.backlog: the reminder sweep's query
 *   (`summary.nextActionAt <= @at AND status = 'active'`, through CosmosAgreementRepository.listDue)
 *   over 20,000 agreements of one tenant (the embedded server scans every document of the container
 *   whatever the tenant). `tick`: ~300 due (1.5%), what a regular sweep finds; `backlog`: ~2,800 due
 *   (14%, about 2.8 MB of results), the first sweep after days of downtime. Median of 7 runs after a
 *   warm-up, ms. Target: under 100 ms. Depends on patches/@zeit+cosmosdb-query+0.7.2.patch
 *   (unpatched: seconds).
 * - cosmos.create: loading those 20,000 agreements through the repository, 16 requests in flight, ops/s.
 * - cosmos.snapshot.save / cosmos.snapshot.load: saving all 20,000 documents to the data folder
 *   (dump through the SDK + atomic write) and reloading them at start (read + bulk upsert), s.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isQueryEnginePatched } from '../src/adapters/cosmos/embeddedServer';
import { createCosmosRepositories } from '../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../src/adapters/cosmos/store';
import type { Agreement } from '../src/domain/model';
import type { BenchResult } from './run';

const N = 20_000;
const RUNS = 7;
export const TENANT = 'bench-tenant';
const SWEEPS = [
  { name: 'tick', at: '2026-03-03T00:00:00.000Z' },
  { name: 'backlog', at: '2026-03-10T09:00:00.000Z' },
] as const;

export function agreementNo(i: number): Agreement {
  // nextActionAt spread over 60 days from 2026-03-01 (hours vary too); one in ten is paused.
  const next = new Date(Date.UTC(2026, 2, 1) + (i % 60) * 86_400_000 + (i % 24) * 3_600_000).toISOString();
  return {
    id: `agreement-${i}`,
    tenantId: TENANT,
    superviseeId: `person-${i}`,
    supervisorId: `person-${i % 500}`,
    lineManagerIsRegisteredSocialWorker: i % 7 !== 0,
    ...(i % 7 === 0 ? { professionalSupervisorId: `person-${(i + 1) % 500}` } : {}),
    employmentStart: '2024-09-02',
    agreementStart: '2024-09-02',
    nqsw: i % 5 === 0,
    pauses: i % 9 === 0 ? [{ from: '2025-08-01', to: '2025-08-21' }] : [],
    status: i % 10 === 0 ? 'paused' : 'active',
    agreedBySupervisorAt: '2024-09-01T10:00:00.000Z',
    agreedBySuperviseeAt: '2024-09-01T11:00:00.000Z',
    supervisorHistory: [{ supervisorId: `person-${i % 500}`, from: '2024-09-02' }],
    summary: {
      nextDueBy: '2026-03-31',
      nextActionAt: next,
      met: 20,
      missed: i % 3,
      excused: 1,
      short: i % 2,
      lastSessionOn: '2026-02-20',
      overdueSince: null,
      evaluatedOn: '2026-03-01',
    },
    createdAt: '2024-09-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

async function open(dataDir: string): Promise<CosmosStore> {
  const store = await openStore({ kind: 'embedded', dataDir, saveDebounceMs: 3_600_000, saveMaxDelayMs: 3_600_000 });
  if (!store.ok) throw new Error(store.error.message);
  return store.value;
}

export default async function dueQueryBench(): Promise<BenchResult[]> {
  if (!isQueryEnginePatched()) process.stderr.write('dueQuery.bench: the query engine patch is NOT applied (run npm install)\n');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-bench-cosmos-'));
  const results: BenchResult[] = [];
  let store: CosmosStore | undefined;
  try {
    store = await open(dataDir);
    const agreements = createCosmosRepositories(store.database).agreements;

    const docs = Array.from({ length: N }, (_, i) => agreementNo(i));
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < docs.length) {
          const doc = docs[next];
          next += 1;
          const r = await agreements.create(doc);
          if (!r.ok) throw new Error(r.error.message);
        }
      }),
    );
    const loadSeconds = (performance.now() - started) / 1000;
    results.push({ bench: 'cosmos.create', n: N, value: round(N / loadSeconds, 0), unit: 'ops/s' });

    const dueAt = (at: string) => docs.filter((d) => d.status === 'active' && d.summary.nextActionAt !== null && d.summary.nextActionAt <= at).length;
    for (const sweep of SWEEPS) {
      const expected = dueAt(sweep.at);
      const times: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const t = performance.now();
        const due = await agreements.listDue(TENANT, sweep.at);
        const ms = performance.now() - t;
        if (!due.ok) throw new Error(due.error.message);
        if (due.value.length !== expected) throw new Error(`listDue returned ${due.value.length}, expected ${expected}`);
        if (run > 0) times.push(ms);
      }
      process.stderr.write(`dueQuery.bench: listDue.${sweep.name} returns ${expected} of ${N}; runs ${times.map((t) => t.toFixed(1)).join(', ')} ms\n`);
      results.push({ bench: `cosmos.listDue.${sweep.name}`, n: N, value: round(median(times), 1), unit: 'ms' });
    }

    const saveStarted = performance.now();
    const flushed = await store.flush();
    if (!flushed.ok) throw new Error(flushed.error.message);
    results.push({ bench: 'cosmos.snapshot.save', n: N, value: round((performance.now() - saveStarted) / 1000, 2), unit: 's' });
    const size = (await fs.stat(path.join(dataDir, 'store.json'))).size;
    process.stderr.write(`dueQuery.bench: snapshot ${(size / 1e6).toFixed(1)} MB\n`);
    await store.close();
    store = undefined;

    const loadStarted = performance.now();
    store = await open(dataDir);
    results.push({ bench: 'cosmos.snapshot.load', n: N, value: round((performance.now() - loadStarted) / 1000, 2), unit: 's' });
    const { resources: count } = await store.database
      .container('agreements')
      .items.query<number>({ query: 'SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId', parameters: [{ name: '@tenantId', value: TENANT }] }, { partitionKey: TENANT })
      .fetchAll();
    if (count[0] !== N) throw new Error(`the reloaded store holds ${count[0]} agreements, not ${N}`);
  } finally {
    await store?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  return results;
}
