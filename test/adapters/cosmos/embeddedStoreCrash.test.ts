/**
 * The embedded store after a crash: a write the SDK saw succeed is there after `kill -9`.
 * The random-kill test kills a real child process; the others copy the data folder while the store
 * is open, which is exactly what a kill at that moment leaves on disk (acknowledged writes are on
 * disk before the acknowledgement), then open the copy.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createCosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { LOCK_FILE } from '../../../src/adapters/cosmos/hostLock';
import { listSegments, segmentFileName } from '../../../src/adapters/cosmos/journal';
import { readSnapshotFile, SNAPSHOT_FILE } from '../../../src/adapters/cosmos/snapshot';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { agreement, CHILD_SCRIPT, incrementMet, must, person, storeFixtures } from './support';

type Value = string | number | null;

/** Every document of the "durability" container the churn child writes: id -> v. */
async function readState(store: CosmosStore): Promise<Record<string, Value>> {
  const { container } = await store.database.containers.createIfNotExists({ id: 'durability', partitionKey: { paths: ['/tenantId'] } });
  const { resources } = await container.items.query<{ id: string; v: Value }>('SELECT c.id, c.v FROM c').fetchAll();
  return Object.fromEntries(resources.map((r) => [r.id, r.v]));
}

/** What the parent knows: the last acknowledged value of each document, and a write in flight. */
class Expected {
  readonly acked = new Map<string, Value>();
  readonly inFlight = new Map<string, Value>();
  acks = 0;
  inFlightFound = 0;

  line(message: Record<string, unknown>): void {
    if (typeof message.intent === 'string') this.inFlight.set(message.intent, message.v as Value);
    if (typeof message.ack === 'string') {
      this.acked.set(message.ack, message.v as Value);
      this.inFlight.delete(message.ack);
      this.acks += 1;
    }
  }

  /** Each document holds its last acknowledged value, or the value of the one write in flight at the kill. */
  check(state: Record<string, Value>, when: string): void {
    const ids = new Set([...Object.keys(state), ...this.acked.keys(), ...this.inFlight.keys()]);
    for (const id of ids) {
      const found = state[id] ?? null;
      const acked = this.acked.get(id) ?? null;
      const inFlight = this.inFlight.has(id) ? this.inFlight.get(id) : undefined;
      if (found === acked) continue;
      assert.equal(found, inFlight, `${when}: ${id} holds ${JSON.stringify(found)}; last acknowledged ${JSON.stringify(acked)}, in flight ${JSON.stringify(inFlight)}`);
      this.inFlightFound += 1;
    }
    // What is there now is the truth the next round builds on.
    this.acked.clear();
    this.inFlight.clear();
    for (const [id, v] of Object.entries(state)) this.acked.set(id, v);
  }
}

/** Runs the churn child; every line goes to `onLine`; resolves once its output has ended. */
function runChurn(dataDir: string, round: number, onLine: (message: Record<string, unknown>) => void) {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CHILD_SCRIPT, 'churn', dataDir, String(round), '8'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<void>((resolve) => readline.createInterface({ input: child.stdout }).on('line', (l) => onLine(JSON.parse(l) as Record<string, unknown>)).on('close', resolve));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, ended, exited, stderr: () => stderr };
}

/** A copy of the data folder as the files are now: what `kill -9` at this moment would leave. */
async function crashImage(dir: string, into: string): Promise<void> {
  await fs.mkdir(into, { recursive: true });
  for (const name of await fs.readdir(dir)) {
    if (name !== LOCK_FILE) await fs.copyFile(path.join(dir, name), path.join(into, name));
  }
}

describe('embedded store: acknowledged writes survive a crash', () => {
  const { newDir, track } = storeFixtures();

  it('a child killed with SIGKILL at random moments, six times: every acknowledged write is there with its latest value', async function () {
    this.timeout(180_000);
    const dir = await newDir('sigkill');
    const expected = new Expected();
    for (let round = 1; round <= 6; round += 1) {
      let started!: () => void;
      const startedWriting = new Promise<void>((resolve) => (started = resolve));
      let stateLines = 0;
      const run = runChurn(dir, round, (message) => {
        if (message.state !== undefined) {
          // The child opened the store after the previous kill: its first line is what it found.
          expected.check(message.state as Record<string, Value>, `round ${round}, at start`);
          stateLines += 1;
        } else {
          expected.line(message);
          if (message.ack !== undefined) started();
        }
      });
      await Promise.race([startedWriting, run.exited.then(() => assert.fail(`round ${round}: the child exited before writing:\n${run.stderr()}`))]);
      // From just after its first acknowledged write to well after a compaction or two.
      await new Promise((r) => setTimeout(r, Math.random() * 1_500));
      run.child.kill('SIGKILL');
      assert.equal(await run.exited, 'SIGKILL', `round ${round}: the child was killed, not finished:\n${run.stderr()}`);
      await run.ended;
      assert.equal(stateLines, 1);
    }
    assert.ok(expected.acks > 100, `the child acknowledged enough writes to mean something (${expected.acks})`);

    // The last kill's writes, through a host in this process; then a clean close and a clean start.
    const store = must(await openStore({ kind: 'embedded', dataDir: dir }));
    const afterKills = await readState(store);
    expected.check(afterKills, 'after the last kill');
    must(await store.close());
    assert.deepEqual(await listSegments(dir), [], 'a clean close compacts the whole journal into the snapshot');
    const reopened = track(must(await openStore({ kind: 'embedded', dataDir: dir })));
    assert.deepEqual(await readState(reopened), afterKills);
  });

  it('a torn last journal line is ignored and nothing else; then a clean close and start keep everything', async () => {
    const dir = await newDir('torn');
    const store = track(must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 })));
    const repos = createCosmosRepositories(store.database);
    for (let i = 0; i < 20; i += 1) must(await repos.people.create(person('t1', `p${i}`)));
    must(await repos.agreements.create(agreement('t1', 'a1')));
    // Concurrent ETag-guarded increments: their order on replay must be the order they were applied.
    await Promise.all(Array.from({ length: 12 }, () => incrementMet(repos.agreements, 't1', 'a1')));
    const gone = must(await repos.people.get('t1', 'p3'))!;
    await store.database.container('people').item(gone.value.id, 't1').delete();

    const image = await newDir('torn-image');
    await crashImage(dir, image);
    assert.deepEqual(await fs.readdir(image).then((n) => n.filter((x) => x !== SNAPSHOT_FILE)), [segmentFileName(1)], 'no snapshot yet: all in the journal');
    // A crash in the middle of appending one more write.
    const half = JSON.stringify({ c: 'people', k: '/tenantId', put: person('t1', 'half-written') }).slice(0, 40);
    await fs.appendFile(path.join(image, segmentFileName(1)), half);

    const recovered = must(await openStore({ kind: 'embedded', dataDir: image }));
    const again = createCosmosRepositories(recovered.database);
    const people = must(await again.people.listByTenant('t1')).map((p) => p.id);
    assert.deepEqual(people.sort(), Array.from({ length: 20 }, (_, i) => `p${i}`).filter((id) => id !== 'p3').sort());
    assert.equal(must(await again.agreements.get('t1', 'a1'))!.value.summary.met, 12);
    // The recovered store takes writes, then closes cleanly: one snapshot, no journal left.
    must(await again.people.create(person('t1', 'after-recovery')));
    must(await recovered.close());
    assert.deepEqual(await fs.readdir(image), [SNAPSHOT_FILE]);
    const snapshot = (await readSnapshotFile(image))!;
    assert.ok((snapshot.journalThrough ?? 0) >= 2, `the snapshot covers the replayed segment and the new one (${snapshot.journalThrough})`);

    const clean = track(must(await openStore({ kind: 'embedded', dataDir: image })));
    const final = createCosmosRepositories(clean.database);
    assert.equal(must(await final.people.listByTenant('t1')).length, 20);
    assert.equal(must(await final.agreements.get('t1', 'a1'))!.value.summary.met, 12);
  });

  it('compaction moves the journal into the snapshot and keeps every write, before and after it', async () => {
    const dir = await newDir('compaction');
    const store = track(must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 20, saveMaxDelayMs: 100 })));
    const repos = createCosmosRepositories(store.database);
    must(await repos.agreements.create(agreement('t1', 'a1')));
    await Promise.all(Array.from({ length: 5 }, () => incrementMet(repos.agreements, 't1', 'a1')));
    // A compaction writes the snapshot, then deletes the segments it covers: wait for both.
    let snapshot = await readSnapshotFile(dir);
    const compacted = async () => snapshot?.journalThrough !== undefined && !(await listSegments(dir)).includes(snapshot.journalThrough);
    for (const deadline = Date.now() + 10_000; !(await compacted()) && Date.now() < deadline; snapshot = await readSnapshotFile(dir)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(snapshot?.journalThrough !== undefined, 'a compaction ran');
    assert.ok(!(await listSegments(dir)).includes(snapshot.journalThrough), 'the compacted segment is gone');
    // After the compaction: more increments, only in the journal.
    await Promise.all(Array.from({ length: 4 }, () => incrementMet(repos.agreements, 't1', 'a1')));

    const image = await newDir('compaction-image');
    await crashImage(dir, image);
    const recovered = track(must(await openStore({ kind: 'embedded', dataDir: image })));
    assert.equal(must(await createCosmosRepositories(recovered.database).agreements.get('t1', 'a1'))!.value.summary.met, 9);
  });

  it('refuses to start on a journal line it cannot read, and leaves the files untouched', async () => {
    const dir = await newDir('corrupt');
    const damaged = `{"c":"people","k":"/tenantId","put":${JSON.stringify(person('t1', 'p1'))}}\nnot a journal line\n`;
    await fs.writeFile(path.join(dir, segmentFileName(1)), damaged);
    const opened = await openStore({ kind: 'embedded', dataDir: dir });
    assert.equal(!opened.ok && opened.error.code, 'STORE_UNAVAILABLE');
    assert.match(!opened.ok ? opened.error.message : '', /journal\.1\.ndjson line 2 is not a journal entry/);
    assert.equal(await fs.readFile(path.join(dir, segmentFileName(1)), 'utf8'), damaged);
    await assert.rejects(fs.access(path.join(dir, LOCK_FILE)), 'the lock is released');
  });
});
