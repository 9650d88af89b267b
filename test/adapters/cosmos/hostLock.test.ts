import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  LOCK_FILE,
  hostRecord,
  isProcessAlive,
  readLock,
  releaseLock,
  removeStaleLock,
  tryCreateLock,
  updateLock,
} from '../../../src/adapters/cosmos/hostLock';
import { deadPid, removeDir, tempDataDir } from './support';

describe('embedded store: the host lock file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDataDir('lock');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('of many simultaneous claims exactly one wins, and the lock is always complete', async () => {
    const records = Array.from({ length: 25 }, () => hostRecord('command'));
    const won = await Promise.all(records.map((r) => tryCreateLock(dir, r)));
    assert.equal(won.filter(Boolean).length, 1);
    const lock = await readLock(dir);
    assert.equal(lock.kind, 'held');
    assert.equal(lock.kind === 'held' && lock.record.instanceId, records[won.indexOf(true)].instanceId);
    assert.deepEqual(await fs.readdir(dir), [LOCK_FILE], 'no temp files left');
  });

  it('updates in place, and is released only by its owner', async () => {
    const mine = hostRecord('service');
    assert.ok(await tryCreateLock(dir, mine));
    await updateLock(dir, { ...mine, state: 'ready', port: 4242, key: 'k' });
    const lock = await readLock(dir);
    assert.deepEqual(lock.kind === 'held' && { state: lock.record.state, port: lock.record.port }, { state: 'ready', port: 4242 });
    await releaseLock(dir, 'someone-else');
    assert.equal((await readLock(dir)).kind, 'held');
    await releaseLock(dir, mine.instanceId);
    assert.equal((await readLock(dir)).kind, 'none');
  });

  it('removes a stale lock only if it is still the one judged stale', async () => {
    const stale = { ...hostRecord('service'), pid: await deadPid() };
    assert.ok(await tryCreateLock(dir, stale));
    const seen = await readLock(dir);
    // Someone else took over in between and created a fresh lock.
    await fs.rm(path.join(dir, LOCK_FILE));
    const fresh = hostRecord('service');
    assert.ok(await tryCreateLock(dir, fresh));
    assert.equal(await removeStaleLock(dir, seen), false);
    const now = await readLock(dir);
    assert.equal(now.kind === 'held' && now.record.instanceId, fresh.instanceId);
  });

  it('of several processes taking over one stale lock, exactly one removes it', async () => {
    const stale = { ...hostRecord('service'), pid: await deadPid() };
    assert.ok(await tryCreateLock(dir, stale));
    const seen = await readLock(dir);
    const removed = await Promise.all(Array.from({ length: 8 }, () => removeStaleLock(dir, seen)));
    assert.equal(removed.filter(Boolean).length, 1);
    assert.equal((await readLock(dir)).kind, 'none');
    assert.deepEqual(await fs.readdir(dir), [], 'the takeover mutex is gone too');
  });

  it('knows a live process from a dead one', async () => {
    assert.equal(isProcessAlive(process.pid), true);
    assert.equal(isProcessAlive(await deadPid()), false);
  });
});
