/**
 * What the embedded store's journal (src/adapters/cosmos/journal.ts) costs, through the real SDK:
 * - embeddedStore.upsert.c<k>.journal / .snapshotOnly: upserts/s of ~550-byte documents with k
 *   requests in flight, with the journal (each write durable before it is acknowledged) and without
 *   it (how the store worked before: durable only at the next snapshot). c1 is one writer waiting
 *   for each write (a claim before a send); c16 many at once (group commit shares the syncs).
 * - embeddedStore.restart.replay: opening a data folder whose N writes are all in the journal (as a
 *   kill -9 leaves it: no snapshot), until the store answers, s (median of 3).
 * - embeddedStore.restart.snapshot: the same N documents from a snapshot alone (after a clean
 *   close), s: the part of a restart the journal does not add (loading documents into the server).
 * - embeddedStore.journal.readAndFold: of the replay, reading and applying the N journal lines, ms.
 * - fs.append.fdatasync / fs.append.fsync: appends of one 600-byte line, each synced, per second:
 *   the floor under a c1 journaled write on this disk, and why the journal uses fdatasync.
 */
import fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Container } from '@azure/cosmos';
import { LOCK_FILE } from '../src/adapters/cosmos/hostLock';
import { foldJournal, readJournal } from '../src/adapters/cosmos/journal';
import { openStore, type CosmosStore } from '../src/adapters/cosmos/store';
import type { BenchResult } from './run';

const WRITES = 3_000;
const REPLAY_N = 10_000;
const SYNCS = 500;
const RESTARTS = 3;

function doc(i: number, round: number) {
  return {
    id: `entry-${i}`,
    tenantId: `tenant-${i % 3}`,
    recipientAadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    kind: 'reminder',
    payload: { agreementId: `agreement-${i}`, dueBy: '2026-03-31', text: 'x'.repeat(300) },
    notBefore: '2026-03-24T09:00:00.000Z',
    attempts: round,
  };
}

async function open(dataDir: string, journal: boolean): Promise<CosmosStore> {
  // No compaction while measuring: only the journal's own cost.
  const store = await openStore({ kind: 'embedded', dataDir, journal, saveDebounceMs: 3_600_000, saveMaxDelayMs: 3_600_000 });
  if (!store.ok) throw new Error(store.error.message);
  return store.value;
}

async function benchContainer(store: CosmosStore): Promise<Container> {
  const { container } = await store.database.containers.createIfNotExists({ id: 'bench', partitionKey: { paths: ['/tenantId'] } });
  return container;
}

async function upserts(container: Container, count: number, concurrency: number, round: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await container.items.upsert(doc(i, round));
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function writeRate(journal: boolean, concurrency: number): Promise<BenchResult> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-bench-journal-'));
  const store = await open(dir, journal);
  try {
    const container = await benchContainer(store);
    await upserts(container, 300, concurrency, 0); // warm-up
    const seconds = await upserts(container, WRITES, concurrency, 1);
    return { bench: `embeddedStore.upsert.c${concurrency}.${journal ? 'journal' : 'snapshotOnly'}`, n: WRITES, value: Math.round(WRITES / seconds), unit: 'ops/s' };
  } finally {
    await store.close();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function timeOpen(dir: string): Promise<{ seconds: number; store: CosmosStore }> {
  const started = performance.now();
  const store = await open(dir, true);
  const container = await benchContainer(store);
  await container.item('entry-0', 'tenant-0').read();
  return { seconds: (performance.now() - started) / 1000, store };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

async function restart(): Promise<BenchResult[]> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-bench-replay-'));
  const images = Array.from({ length: RESTARTS }, (_, i) => `${dir}-image-${i}`);
  const replay: number[] = [];
  const fold: number[] = [];
  const fromSnapshot: number[] = [];
  try {
    const store = await open(dir, true);
    await upserts(await benchContainer(store), REPLAY_N, 16, 1);
    // What kill -9 leaves: the files as they are now, without the lock (the process is gone).
    for (const image of images) {
      await fsp.mkdir(image);
      for (const name of await fsp.readdir(dir)) if (name !== LOCK_FILE) await fsp.copyFile(path.join(dir, name), path.join(image, name));
    }
    await store.close();

    for (const image of images) {
      const started = performance.now();
      foldJournal([], (await readJournal(image)).entries);
      fold.push(performance.now() - started);
      const replayed = await timeOpen(image);
      replay.push(replayed.seconds);
      // A clean close compacts the journal into the snapshot; the next start reads only that.
      await replayed.store.close();
      const reopened = await timeOpen(image);
      fromSnapshot.push(reopened.seconds);
      await reopened.store.close();
    }
    return [
      { bench: 'embeddedStore.restart.replay', n: REPLAY_N, value: Number(median(replay).toFixed(3)), unit: 's' },
      { bench: 'embeddedStore.restart.snapshot', n: REPLAY_N, value: Number(median(fromSnapshot).toFixed(3)), unit: 's' },
      { bench: 'embeddedStore.journal.readAndFold', n: REPLAY_N, value: Math.round(median(fold)), unit: 'ms' },
    ];
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
    for (const image of images) await fsp.rm(image, { recursive: true, force: true });
  }
}

function syncedAppends(kind: 'fdatasync' | 'fsync'): BenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-sync-'));
  const fd = fs.openSync(path.join(dir, 'append.ndjson'), 'a');
  const line = Buffer.from(`${JSON.stringify(doc(1, 1))}\n`);
  try {
    const started = performance.now();
    for (let i = 0; i < SYNCS; i += 1) {
      fs.writeSync(fd, line);
      if (kind === 'fdatasync') fs.fdatasyncSync(fd);
      else fs.fsyncSync(fd);
    }
    const seconds = (performance.now() - started) / 1000;
    return { bench: `fs.append.${kind}`, n: SYNCS, value: Math.round(SYNCS / seconds), unit: 'ops/s' };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const concurrency of [1, 16]) {
    for (const journal of [false, true]) results.push(await writeRate(journal, concurrency));
  }
  results.push(...(await restart()));
  results.push(syncedAppends('fdatasync'), syncedAppends('fsync'));
  return results;
}
