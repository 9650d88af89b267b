import { strict as assert } from 'node:assert';
import { ensureDatabase } from '../../../src/adapters/cosmos/client';
import { CoherentReadCache } from '../../../src/adapters/cosmos/readCache';
import { createCosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { openStore } from '../../../src/adapters/cosmos/store';
import { must, person, storeFixtures } from './support';

describe('embedded store: the read cache', () => {
  describe('CoherentReadCache', () => {
    it('answers what was kept, as a copy nobody can change', () => {
      const cache = new CoherentReadCache();
      cache.put('people', 't1', 'read p1', cache.generation('people', 't1'), { name: 'Ann' });
      const first = cache.get<{ name: string }>('people', 't1', 'read p1');
      assert.deepEqual(first, { name: 'Ann' });
      first!.name = 'changed by a caller';
      assert.deepEqual(cache.get('people', 't1', 'read p1'), { name: 'Ann' });
      assert.equal(cache.get('people', 't2', 'read p1'), undefined, 'another partition');
      assert.equal(cache.get('agreements', 't1', 'read p1'), undefined, 'another container');
    });

    it('a change voids what was kept from its partition only', () => {
      const cache = new CoherentReadCache();
      for (const t of ['t1', 't2']) cache.put('people', t, 'q', cache.generation('people', t), [t]);
      cache.changed('people', 't1');
      assert.equal(cache.get('people', 't1', 'q'), undefined);
      assert.deepEqual(cache.get('people', 't2', 'q'), ['t2']);
    });

    it('never keeps the answer of a read that a change overtook (sent before the change, back after it)', () => {
      const cache = new CoherentReadCache();
      const sent = cache.generation('people', 't1');
      cache.changed('people', 't1');
      cache.put('people', 't1', 'read p1', sent, { name: 'old' });
      assert.equal(cache.get('people', 't1', 'read p1'), undefined);
      // A read sent after the change is kept.
      cache.put('people', 't1', 'read p1', cache.generation('people', 't1'), { name: 'new' });
      assert.deepEqual(cache.get('people', 't1', 'read p1'), { name: 'new' });
    });

    it('a dropped container voids everything, reads in flight included', () => {
      const cache = new CoherentReadCache();
      cache.put('people', 't1', 'a', cache.generation('people', 't1'), 1);
      const sent = cache.generation('sessions', 'never-changed');
      cache.dropped();
      cache.put('sessions', 'never-changed', 'b', sent, 2);
      assert.equal(cache.get('people', 't1', 'a'), undefined);
      assert.equal(cache.get('sessions', 'never-changed', 'b'), undefined);
    });

    it('holds at most its capacity in documents (a query counts its rows), the oldest going first; once disabled it keeps and answers nothing', () => {
      const cache = new CoherentReadCache(3);
      for (const k of ['a', 'b', 'c']) cache.put('x', 't', k, 0, k);
      cache.put('x', 't', 'two rows', 0, ['r1', 'r2']);
      assert.deepEqual(['a', 'b', 'c', 'two rows'].map((k) => cache.get('x', 't', k)), [undefined, undefined, 'c', ['r1', 'r2']]);
      // While the store cannot serve (its journal failed), nothing is answered from memory either.
      let serving = true;
      const guarded = new CoherentReadCache(10, () => serving);
      guarded.put('x', 't', 'k', 0, 'v');
      serving = false;
      assert.equal(guarded.get('x', 't', 'k'), undefined);
      serving = true;
      assert.equal(guarded.get('x', 't', 'k'), 'v');
      cache.disable();
      cache.put('x', 't', 'd', 0, 'd');
      assert.deepEqual(['c', 'two rows', 'd'].map((k) => cache.get('x', 't', k)), [undefined, undefined, undefined]);
    });
  });

  describe('on the embedded store', () => {
    const fixtures = storeFixtures();

    it('the host keeps answers; a write by another client of the store (a guest process\'s, say) is seen on the next read', async () => {
      const dir = await fixtures.newDir('read-cache');
      const host = fixtures.track(must(await openStore({ kind: 'embedded', dataDir: dir, lifetime: 'service' })));
      assert.ok(host.readCache !== undefined, 'the host has a read cache');
      const cached = createCosmosRepositories(host.database, host.readCache);
      // Another writer: a guest of the same data folder, with no cache of its own.
      const guest = fixtures.track(must(await openStore({ kind: 'embedded', dataDir: dir })));
      assert.equal(guest.role, 'guest');
      assert.equal(guest.readCache, undefined);
      const other = createCosmosRepositories(guest.database);

      const created = must(await other.people.create(person('t1', 'p1', { name: 'Ann' })));
      assert.equal(must(await cached.people.get('t1', 'p1'))?.value.name, 'Ann');
      assert.equal(must(await cached.people.listByTenant('t1')).length, 1);
      must(await other.people.replace({ ...created.value, name: 'Ann Smith' }, created.etag));
      assert.equal(must(await cached.people.get('t1', 'p1'))?.value.name, 'Ann Smith');
      must(await other.people.create(person('t1', 'p2', { name: 'Ben' })));
      assert.deepEqual(must(await cached.people.listByTenant('t1')).map((p) => p.name).sort(), ['Ann Smith', 'Ben']);
      const current = must(await other.people.get('t1', 'p2'))!;
      must(await other.people.delete('t1', 'p2', current.etag));
      assert.equal(must(await cached.people.get('t1', 'p2')), null);
    });

    it('a deleted database voids everything kept: its containers are reported dropped', async () => {
      const dir = await fixtures.newDir('read-cache-drop');
      const host = fixtures.track(must(await openStore({ kind: 'embedded', dataDir: dir })));
      const cached = createCosmosRepositories(host.database, host.readCache);
      must(await cached.people.create(person('t1', 'p1', { name: 'Ann' })));
      assert.equal(must(await cached.people.get('t1', 'p1'))?.value.name, 'Ann');
      assert.equal(must(await cached.people.listByTenant('t1')).length, 1);
      await host.database.delete();
      must(await ensureDatabase(host.client, { databaseName: host.database.id, create: true }));
      assert.equal(must(await cached.people.get('t1', 'p1')), null);
      assert.deepEqual(must(await cached.people.listByTenant('t1')), []);
    });

    it('a point read is of one kind: an identity pointer is not a person, cached or not', async () => {
      const dir = await fixtures.newDir('read-cache-kind');
      const host = fixtures.track(must(await openStore({ kind: 'embedded', dataDir: dir })));
      const cached = createCosmosRepositories(host.database, host.readCache);
      const plain = createCosmosRepositories(host.database);
      must(await cached.people.create(person('t1', 'p1', { name: 'Ann', aadObjectId: 'aad1' })));
      assert.equal(must(await cached.people.findByAadObjectId('t1', 'aad1'))?.value.name, 'Ann');
      assert.equal(must(await cached.people.get('t1', '~aad:aad1')), null);
      assert.equal(must(await plain.people.get('t1', '~aad:aad1')), null);
    });
  });
});
