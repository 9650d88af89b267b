import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { CosmosHealthCheck } from '../../../src/adapters/cosmos/healthCheck';
import { LOCK_FILE, readLock, type HostRecord } from '../../../src/adapters/cosmos/hostLock';
import { SNAPSHOT_FILE } from '../../../src/adapters/cosmos/snapshot';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { agreement, deadPid, incrementMet, must, person, spawnChild, storeFixtures } from './support';

const open = (dataDir: string, extra: Partial<{ lifetime: 'service' | 'command'; waitForHostMs: number; saveDebounceMs: number }> = {}) =>
  openStore({ kind: 'embedded', dataDir, ...extra });

async function countPeople(store: CosmosStore, prefix: string): Promise<number> {
  const people = must(await createCosmosRepositories(store.database).people.listByTenant('t1'));
  return people.filter((p) => p.id.startsWith(`${prefix}-`)).length;
}

describe('embedded store: persistence and the host election', () => {
  const { newDir, track } = storeFixtures();

  it('keeps data across a restart (saved on close, reloaded at start)', async () => {
    const dir = await newDir('restart');
    const first = must(await open(dir));
    assert.equal(first.role, 'host');
    const repos = createCosmosRepositories(first.database);
    must(await repos.people.create(person('t1', 'kept', { aadObjectId: 'aad-kept' })));
    const a = must(await repos.agreements.create(agreement('t1', 'a-kept')));
    must(await repos.agreements.replace({ ...a.value, summary: { ...a.value.summary, met: 7 } }, a.etag));
    must(await first.close());

    const text = await fs.readFile(path.join(dir, SNAPSHOT_FILE), 'utf8');
    assert.ok(!text.includes('"_rid"') && !text.includes('"_etag"'), 'server fields are not saved');
    await assert.rejects(fs.access(path.join(dir, LOCK_FILE)), 'the lock is released on close');

    const second = track(must(await open(dir)));
    const again = createCosmosRepositories(second.database);
    assert.deepEqual(must(await again.people.get('t1', 'kept'))?.value, person('t1', 'kept', { aadObjectId: 'aad-kept' }));
    assert.equal(must(await again.people.findByAadObjectId('t1', 'aad-kept'))?.value.id, 'kept');
    const reloaded = must(await again.agreements.get('t1', 'a-kept'))!;
    assert.equal(reloaded.value.summary.met, 7);
    // A reload assigns new etags; updates guarded by the new one work.
    must(await again.agreements.replace({ ...reloaded.value, summary: { ...reloaded.value.summary, met: 8 } }, reloaded.etag));
  });

  it('saves on its own shortly after a write (not after reads), without waiting for close', async () => {
    const dir = await newDir('debounce');
    const store = track(must(await open(dir, { saveDebounceMs: 50 })));
    const repos = createCosmosRepositories(store.database);
    must(await repos.people.get('t1', 'nobody'));
    must(await repos.people.listByTenant('t1'));
    must(await repos.agreements.listDue('t1', '2026-03-01T00:00:00.000Z'));
    await new Promise((r) => setTimeout(r, 200));
    await assert.rejects(fs.access(path.join(dir, SNAPSHOT_FILE)), 'reads and queries are not writes');
    must(await repos.people.create(person('t1', 'debounced-save')));
    const deadline = Date.now() + 5_000;
    let saved = false;
    while (!saved && Date.now() < deadline) {
      saved = (await fs.readFile(path.join(dir, SNAPSHOT_FILE), 'utf8').catch(() => '')).includes('debounced-save');
      if (!saved) await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(saved, 'the snapshot holds the write before close');
  });

  it('a CLI process joins the running bot as a guest: both write at once and no write is lost', async () => {
    const dir = await newDir('two-processes');
    const bot = must(await open(dir, { lifetime: 'service', saveDebounceMs: 100 }));
    const repos = createCosmosRepositories(bot.database);
    must(await repos.agreements.create(agreement('t1', 'a-shared')));

    const child = spawnChild(['write', dir, 'command', 'cli', '30', 'a-shared', '10']);
    const ours = Promise.all([
      ...Array.from({ length: 30 }, (_, i) => repos.people.create(person('t1', `bot-${i}`)).then(must)),
      ...Array.from({ length: 10 }, () => incrementMet(repos.agreements, 't1', 'a-shared')),
    ]);
    const [reported] = await Promise.all([child.next(), ours]);
    assert.deepEqual(reported, { role: 'guest', closed: true });
    assert.equal(await child.exited, 0);
    must(await bot.close());

    const reopened = track(must(await open(dir)));
    assert.equal(await countPeople(reopened, 'cli'), 30);
    assert.equal(await countPeople(reopened, 'bot'), 30);
    const shared = must(await createCosmosRepositories(reopened.database).agreements.get('t1', 'a-shared'))!;
    assert.equal(shared.value.summary.met, 20);
  });

  it('a CLI process with no bot running hosts the store itself, and the bot later sees its writes', async () => {
    const dir = await newDir('cli-alone');
    const seed = must(await open(dir));
    must(await createCosmosRepositories(seed.database).agreements.create(agreement('t1', 'a-cli')));
    must(await seed.close());

    const child = spawnChild(['write', dir, 'command', 'solo', '5', 'a-cli', '3']);
    assert.deepEqual(await child.next(), { role: 'host', closed: true });
    assert.equal(await child.exited, 0);

    const bot = track(must(await open(dir, { lifetime: 'service' })));
    assert.equal(bot.role, 'host');
    assert.equal(await countPeople(bot, 'solo'), 5);
    assert.equal(must(await createCosmosRepositories(bot.database).agreements.get('t1', 'a-cli'))?.value.summary.met, 3);
  });

  it('a command waits for another command to finish, and says so when it does not', async () => {
    const dir = await newDir('command-busy');
    const child = spawnChild(['host', dir, 'command']);
    assert.equal((await child.next()).role, 'host');
    const busy = await open(dir, { lifetime: 'command', waitForHostMs: 300 });
    assert.equal(!busy.ok && busy.error.code, 'STORE_UNAVAILABLE');
    assert.match(!busy.ok ? busy.error.message : '', /busy: process \d+ \(a CLI command/);
    child.send('close');
    assert.deepEqual(await child.next(), { closed: true });
    assert.equal(await child.exited, 0);
  });

  it('the bot waits for a CLI host to finish, then hosts', async () => {
    const dir = await newDir('bot-waits');
    const child = spawnChild(['host', dir, 'command']);
    assert.equal((await child.next()).role, 'host');
    let settled = false;
    const pending = open(dir, { lifetime: 'service', waitForHostMs: 15_000 }).then((r) => {
      settled = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(settled, false, 'the bot does not join a short-lived CLI host');
    child.send('close');
    const bot = track(must(await pending));
    assert.equal(bot.role, 'host');
    assert.equal(await child.exited, 0);
    const lock = await readLock(dir);
    assert.equal(lock.kind === 'held' && lock.record.pid, process.pid);
  });

  it('one bot per data folder; a guest whose host leaves gets STORE_UNAVAILABLE, and what it wrote before is kept', async () => {
    const dir = await newDir('one-bot');
    const child = spawnChild(['host', dir, 'service']);
    const hosted = await child.next();
    assert.equal(hosted.role, 'host');

    const second = await open(dir, { lifetime: 'service', waitForHostMs: 300 });
    assert.equal(!second.ok && second.error.code, 'STORE_UNAVAILABLE');
    assert.match(!second.ok ? second.error.message : '', /already served by process \d+ \(the bot/);

    const cli = track(must(await open(dir, { lifetime: 'command' })));
    assert.equal(cli.role, 'guest');
    assert.equal(cli.endpoint, hosted.endpoint);
    const repos = createCosmosRepositories(cli.database);
    must(await repos.people.create(person('t1', 'written-by-guest')));

    child.send('close');
    assert.deepEqual(await child.next(), { closed: true });
    assert.equal(await child.exited, 0);

    const late = await repos.people.create(person('t1', 'after-host-left'));
    assert.equal(!late.ok && late.error.code, 'STORE_UNAVAILABLE');
    const health = await new CosmosHealthCheck(cli.database, 1_000).check();
    assert.equal(!health.ok && health.error.code, 'STORE_UNAVAILABLE');
    must(await cli.close());

    const reopened = track(must(await open(dir)));
    const again = createCosmosRepositories(reopened.database);
    assert.ok(must(await again.people.get('t1', 'written-by-guest')));
    assert.equal(must(await again.people.get('t1', 'after-host-left')), null);
  });

  it('while the host closes, a guest write either fails visibly or is saved: none is lost', async () => {
    const dir = await newDir('closing');
    const host = must(await open(dir, { lifetime: 'service' }));
    const guest = track(must(await open(dir, { lifetime: 'command' })));
    assert.equal(guest.role, 'guest');
    const repos = createCosmosRepositories(guest.database);
    const succeeded: string[] = [];
    const failures: string[] = [];
    // The host closes once this many writes are acknowledged, with the writer still going.
    const writesBeforeClose = 20;
    let enoughWritten!: () => void;
    const written = new Promise<'enough'>((resolve) => {
      enoughWritten = () => resolve('enough');
    });
    const writer = (async () => {
      for (let i = 0; i < 2_000 && failures.length === 0; i += 1) {
        const r = await repos.people.create(person('t1', `w-${i}`));
        if (r.ok) succeeded.push(r.value.value.id);
        else failures.push(r.error.code);
        if (succeeded.length === writesBeforeClose) enoughWritten();
      }
    })();
    const first = await Promise.race([written, writer.then(() => 'writer stopped' as const)]);
    assert.equal(first, 'enough', `the writer stopped before the close: ${succeeded.length} saved, failures ${failures.join(', ')}`);
    must(await host.close());
    await writer;
    assert.ok(succeeded.length > 0, 'some writes went through before the close');
    assert.deepEqual([...new Set(failures)], ['STORE_UNAVAILABLE']);

    const reopened = track(must(await open(dir)));
    const people = must(await createCosmosRepositories(reopened.database).people.listByTenant('t1'));
    const ids = new Set(people.map((p) => p.id));
    assert.deepEqual(succeeded.filter((id) => !ids.has(id)), [], 'every acknowledged write is in the snapshot');
  });

  it('takes over a stale lock (dead process, or unreadable) and keeps the saved data', async () => {
    const dir = await newDir('stale');
    const seed = must(await open(dir));
    must(await createCosmosRepositories(seed.database).people.create(person('t1', 'before-crash')));
    must(await seed.close());

    for (const lockText of [
      JSON.stringify({ pid: await deadPid(), hostname: os.hostname(), instanceId: 'dead', state: 'ready', lifetime: 'service', startedAt: '2026-01-01T00:00:00.000Z', port: 1, key: 'x' } satisfies HostRecord),
      JSON.stringify({ pid: await deadPid(), hostname: os.hostname(), instanceId: 'dead-starting', state: 'starting', lifetime: 'command', startedAt: '2026-01-01T00:00:00.000Z' } satisfies HostRecord),
      'not json at all',
    ]) {
      await fs.writeFile(path.join(dir, LOCK_FILE), lockText);
      const store = must(await open(dir, { lifetime: 'service', waitForHostMs: 2_000 }));
      assert.equal(store.role, 'host');
      const lock = await readLock(dir);
      assert.equal(lock.kind === 'held' && lock.record.pid, process.pid);
      assert.ok(must(await createCosmosRepositories(store.database).people.get('t1', 'before-crash')));
      must(await store.close());
    }
  });

  it('refuses to start on an unreadable snapshot and leaves it untouched', async () => {
    const dir = await newDir('corrupt');
    const garbage = '{"format":"supervision-bot/embedded-store","version":1,"containers":[{"name":"people"';
    await fs.writeFile(path.join(dir, SNAPSHOT_FILE), garbage);
    const opened = await open(dir);
    assert.equal(!opened.ok && opened.error.code, 'STORE_UNAVAILABLE');
    assert.match(!opened.ok ? opened.error.message : '', /store\.json cannot be read.*move it away/);
    assert.equal(await fs.readFile(path.join(dir, SNAPSHOT_FILE), 'utf8'), garbage);
    assert.equal((await readLock(dir)).kind, 'none', 'the lock is released');
  });

  it('reports a data folder it cannot use as STORE_UNAVAILABLE, not a throw', async () => {
    const dir = await newDir('not-a-folder');
    const file = path.join(dir, 'a-file');
    await fs.writeFile(file, 'x');
    const opened = await open(path.join(file, 'data'));
    assert.equal(!opened.ok && opened.error.code, 'STORE_UNAVAILABLE');
    assert.match(!opened.ok ? opened.error.message : '', /cannot use the data folder/);
  });

  it('removes temp files a crashed save left behind', async () => {
    const dir = await newDir('leftovers');
    await fs.writeFile(path.join(dir, `${SNAPSHOT_FILE}.tmp-999-deadbeef`), '{"half":');
    const store = track(must(await open(dir)));
    assert.equal(store.role, 'host');
    assert.deepEqual((await fs.readdir(dir)).filter((n) => n.includes('.tmp-')), []);
  });
});
