import { strict as assert } from 'node:assert';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { CosmosLeaseStore } from '../../../src/adapters/cosmos/leaseStore';
import { accessRecord, type AccessRecord } from '../../../src/domain/audit';
import { CosmosHealthCheck } from '../../../src/adapters/cosmos/healthCheck';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { withSettingsDefaults } from '../../../src/domain/organisationDefaults';
import {
  agreement,
  concern,
  conversation,
  incrementMet,
  must,
  note,
  organisation,
  outboxEntry,
  person,
  removeDir,
  session,
  tempDataDir,
} from './support';

describe('Cosmos repositories (embedded server, real SDK)', () => {
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;

  before(async () => {
    dir = await tempDataDir('repos');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
  });

  after(async () => {
    await store?.close();
    await removeDir(dir);
  });

  describe('people', () => {
    it('creates, reads back exactly the record (no store fields), and replaces with the etag', async () => {
      const p = person('t1', 'p1', { aadObjectId: 'aad-p1', team: 'North' });
      const created = must(await repos.people.create(p));
      assert.deepEqual(created.value, p);
      assert.ok(created.etag.length > 0);

      const read = must(await repos.people.get('t1', 'p1'));
      assert.deepEqual(read?.value, p);
      assert.equal(read?.etag, created.etag);

      const renamed = must(await repos.people.replace({ ...p, name: 'Renamed' }, created.etag));
      assert.equal(renamed.value.name, 'Renamed');
      assert.notEqual(renamed.etag, created.etag);
      assert.equal(must(await repos.people.get('t1', 'p1'))?.value.name, 'Renamed');
    });

    it('returns CONFLICT for a stale etag and leaves the newer change in place', async () => {
      const p = person('t1', 'p-stale');
      const v1 = must(await repos.people.create(p));
      must(await repos.people.replace({ ...p, name: 'First' }, v1.etag));
      const second = await repos.people.replace({ ...p, name: 'Second' }, v1.etag);
      assert.equal(second.ok, false);
      assert.equal(!second.ok && second.error.code, 'CONFLICT');
      assert.equal(must(await repos.people.get('t1', 'p-stale'))?.value.name, 'First');
    });

    it('returns CONFLICT when creating an id that exists, NOT_FOUND when replacing one that does not', async () => {
      must(await repos.people.create(person('t1', 'p-dup')));
      const again = await repos.people.create(person('t1', 'p-dup', { name: 'Other' }));
      assert.equal(!again.ok && again.error.code, 'CONFLICT');
      const missing = await repos.people.replace(person('t1', 'p-never'), 'any-etag');
      assert.equal(!missing.ok && missing.error.code, 'NOT_FOUND');
      assert.equal(must(await repos.people.get('t1', 'p-never')), null);
    });

    it('finds by Teams identity and by email (case-insensitively), within the tenant', async () => {
      must(await repos.people.create(person('t1', 'p-find', { email: 'Alex.Smith@Example.org', aadObjectId: 'aad-find' })));
      must(await repos.people.create(person('t2', 'p-find-t2', { email: 'alex.smith@example.org', aadObjectId: 'aad-find' })));
      assert.equal(must(await repos.people.findByAadObjectId('t1', 'aad-find'))?.value.id, 'p-find');
      assert.equal(must(await repos.people.findByAadObjectId('t2', 'aad-find'))?.value.id, 'p-find-t2');
      assert.equal(must(await repos.people.findByEmail('t1', 'ALEX.SMITH@example.org'))?.value.id, 'p-find');
      assert.equal(must(await repos.people.findByEmail('t1', 'nobody@example.org')), null);
      assert.equal(must(await repos.people.findByAadObjectId('t3', 'aad-find')), null);
    });

    describe('the Teams identity pointer (a point read instead of a query over the tenant)', () => {
      const pointerOf = async (tenantId: string, aadObjectId: string) => {
        const { resource } = await store.database.container('people').item(`~aad:${aadObjectId}`, tenantId).read<{ personId: string }>();
        return resource?.personId;
      };
      const writePointer = (tenantId: string, aadObjectId: string, personId: string) =>
        store.database.container('people').items.upsert({ id: `~aad:${aadObjectId}`, tenantId, aadObjectId, personId, type: 'person-by-aad', schemaVersion: 1 });

      it('is written when a person with a Teams identity is created or linked, and never listed as a person', async () => {
        must(await repos.people.create(person('tp', 'p-made', { aadObjectId: 'aad-made' })));
        assert.equal(await pointerOf('tp', 'aad-made'), 'p-made');
        const unlinked = must(await repos.people.create(person('tp', 'p-later')));
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-later')), null);
        must(await repos.people.replace({ ...unlinked.value, aadObjectId: 'aad-later' }, unlinked.etag));
        assert.equal(await pointerOf('tp', 'aad-later'), 'p-later');
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-later'))?.value.id, 'p-later');
        assert.deepEqual(must(await repos.people.listByTenant('tp')).map((p) => p.id).sort(), ['p-later', 'p-made']);
      });

      it('missing (a person stored before pointers): the query answers and the pointer is written', async () => {
        must(await repos.people.create(person('tp', 'p-old', { aadObjectId: 'aad-old' })));
        await store.database.container('people').item('~aad:aad-old', 'tp').delete();
        assert.equal(await pointerOf('tp', 'aad-old'), undefined);
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-old'))?.value.id, 'p-old');
        assert.equal(await pointerOf('tp', 'aad-old'), 'p-old');
      });

      it('stale (pointing at someone else, or at no one stored): the right person, and the pointer repaired', async () => {
        must(await repos.people.create(person('tp', 'p-right', { aadObjectId: 'aad-right' })));
        must(await repos.people.create(person('tp', 'p-other', { aadObjectId: 'aad-other' })));
        await writePointer('tp', 'aad-right', 'p-other');
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-right'))?.value.id, 'p-right');
        assert.equal(await pointerOf('tp', 'aad-right'), 'p-right');
        await writePointer('tp', 'aad-right', 'p-gone');
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-right'))?.value.id, 'p-right');
        assert.equal(await pointerOf('tp', 'aad-right'), 'p-right');
      });

      it('an identity no one holds any more finds no one, and its pointer goes (also when the person is deleted)', async () => {
        const moved = must(await repos.people.create(person('tp', 'p-moved', { aadObjectId: 'aad-before' })));
        await writePointer('tp', 'aad-before', 'p-moved');
        // A write that left the old pointer behind: it names a person who no longer holds that identity.
        await store.database.container('people').item('p-moved', 'tp').replace({ ...moved.value, aadObjectId: 'aad-after', type: 'person', schemaVersion: 1 });
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-before')), null);
        assert.equal(await pointerOf('tp', 'aad-before'), undefined);
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-after'))?.value.id, 'p-moved');

        const leaving = must(await repos.people.create(person('tp', 'p-leaving', { aadObjectId: 'aad-leaving' })));
        must(await repos.people.delete('tp', 'p-leaving', leaving.etag));
        assert.equal(await pointerOf('tp', 'aad-leaving'), undefined);
        assert.equal(must(await repos.people.findByAadObjectId('tp', 'aad-leaving')), null);
      });
    });

    it('rejects ids the store cannot hold without calling it a conflict', async () => {
      const bad = await repos.people.create(person('t1', 'a/b'));
      assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
      assert.equal(must(await repos.people.get('t1', 'a/b')), null);
    });
  });

  describe('tenant isolation', () => {
    before(async () => {
      must(await repos.people.create(person('iso-a', 'same-id', { name: 'A', aadObjectId: 'aad-iso', email: 'iso@example.org' })));
      must(await repos.people.create(person('iso-b', 'same-id', { name: 'B', aadObjectId: 'aad-iso', email: 'iso@example.org' })));
      must(await repos.people.create(person('iso-a', 'only-a')));
      must(await repos.notes.create(note('iso-a', 'n-iso', 'author', { visibility: 'shared', sharedWithId: 'sup' })));
      must(await repos.concerns.create(concern('iso-a', 'c-iso', 'raiser')));
      must(await repos.agreements.create(agreement('iso-a', 'a-iso', { summary: { ...agreement('x', 'x').summary, nextActionAt: '2026-01-01T00:00:00.000Z' } })));
    });

    it('never returns a record of tenant A to tenant B, by id or by any query', async () => {
      assert.equal(must(await repos.people.get('iso-b', 'only-a')), null);
      assert.equal(must(await repos.people.get('iso-b', 'same-id'))?.value.name, 'B');
      assert.equal(must(await repos.people.get('iso-a', 'same-id'))?.value.name, 'A');
      assert.deepEqual(must(await repos.people.listByTenant('iso-b')).map((p) => p.name), ['B']);
      assert.equal(must(await repos.people.findByEmail('iso-b', 'iso@example.org'))?.value.name, 'B');
      assert.equal(must(await repos.notes.get('iso-b', 'n-iso')), null);
      assert.deepEqual(must(await repos.notes.listByAuthor('iso-b', 'author')), []);
      assert.deepEqual(must(await repos.notes.listSharedWith('iso-b', 'sup')), []);
      assert.equal(must(await repos.concerns.get('iso-b', 'c-iso')), null);
      assert.deepEqual(must(await repos.concerns.listRaisedBy('iso-b', 'raiser')), []);
      assert.deepEqual(must(await repos.concerns.listInvolving('iso-b', 'raiser')), []);
      assert.deepEqual(must(await repos.agreements.listDue('iso-b', '2030-01-01T00:00:00.000Z')), []);
      assert.deepEqual(must(await repos.agreements.listForPerson('iso-b', 'p-supervisee')), []);
      assert.equal(must(await repos.agreements.listDue('iso-a', '2030-01-01T00:00:00.000Z')).length, 1);
    });

    it('cannot replace a record of tenant A by naming tenant B', async () => {
      const a = must(await repos.people.get('iso-a', 'only-a'))!;
      const moved = await repos.people.replace({ ...a.value, tenantId: 'iso-b' }, a.etag);
      assert.equal(!moved.ok && moved.error.code, 'NOT_FOUND');
      assert.equal(must(await repos.people.get('iso-b', 'only-a')), null);
    });
  });

  describe('agreements', () => {
    it('lists the agreements a person is party to, in any role', async () => {
      must(await repos.agreements.create(agreement('t-ag', 'a1', { superviseeId: 'alice', supervisorId: 'bob' })));
      must(await repos.agreements.create(agreement('t-ag', 'a2', { superviseeId: 'carol', supervisorId: 'bob', professionalSupervisorId: 'alice' })));
      must(await repos.agreements.create(agreement('t-ag', 'a3', { superviseeId: 'dave', supervisorId: 'erin' })));
      const ids = async (p: string) => must(await repos.agreements.listForPerson('t-ag', p)).map((v) => v.value.id).sort();
      assert.deepEqual(await ids('alice'), ['a1', 'a2']);
      assert.deepEqual(await ids('bob'), ['a1', 'a2']);
      assert.deepEqual(await ids('erin'), ['a3']);
      assert.deepEqual(await ids('zoe'), []);
      assert.equal(must(await repos.agreements.listByTenant('t-ag')).length, 3);
    });

    it('listDue returns active agreements whose next action is at or before the instant', async () => {
      const base = agreement('t-due', 'x');
      const at = (id: string, nextActionAt: string | null, status: 'active' | 'paused' = 'active') =>
        repos.agreements.create(agreement('t-due', id, { status, summary: { ...base.summary, nextActionAt } }));
      must(await at('due-before', '2026-03-24T08:59:59.999Z'));
      must(await at('due-exactly', '2026-03-24T09:00:00.000Z'));
      // The same instant written with an offset is stored canonically, so string order is time order.
      must(await at('due-offset', '2026-03-24T09:30:00.000+01:00'));
      must(await at('later', '2026-03-24T09:00:00.001Z'));
      must(await at('later-offset', '2026-03-24T08:30:00.000-01:00'));
      must(await at('no-action', null));
      must(await at('paused', '2026-03-01T00:00:00.000Z', 'paused'));
      const due = must(await repos.agreements.listDue('t-due', '2026-03-24T09:00:00.000Z'));
      assert.deepEqual(due.map((v) => v.value.id).sort(), ['due-before', 'due-exactly', 'due-offset']);
      assert.equal(due.find((v) => v.value.id === 'due-offset')?.value.summary.nextActionAt, '2026-03-24T08:30:00.000Z');
      const viaOffset = must(await repos.agreements.listDue('t-due', '2026-03-24T10:00:00.000+01:00'));
      assert.deepEqual(viaOffset.map((v) => v.value.id).sort(), ['due-before', 'due-exactly', 'due-offset']);
      const bad = await repos.agreements.listDue('t-due', 'next tuesday');
      assert.equal(!bad.ok && bad.error.code, 'INVALID_DATE');
    });

    it('loses no update when 20 people change one agreement at once (ETag + retry)', async () => {
      must(await repos.agreements.create(agreement('t1', 'a-counter')));
      const attempts = await Promise.all(Array.from({ length: 20 }, () => incrementMet(repos.agreements, 't1', 'a-counter')));
      const final = must(await repos.agreements.get('t1', 'a-counter'))!;
      assert.equal(final.value.summary.met, 20);
      // The guard was really exercised: some writers lost a race and retried.
      assert.ok(attempts.reduce((a, b) => a + b, 0) > 20, `attempts ${attempts.join(',')}`);
    });
  });

  describe('sessions, notes, concerns', () => {
    it('lists sessions by agreement', async () => {
      must(await repos.sessions.create(session('t-s', 's1', 'a1')));
      must(await repos.sessions.create(session('t-s', 's2', 'a1', { status: 'held', start: '2026-03-10T10:05:00.000Z', minutes: 95, uninterrupted: true })));
      must(await repos.sessions.create(session('t-s', 's3', 'a2')));
      const listed = must(await repos.sessions.listByAgreement('t-s', 'a1'));
      assert.deepEqual(listed.map((v) => v.value.id).sort(), ['s1', 's2']);
      assert.deepEqual(listed.find((v) => v.value.id === 's2')?.value, session('t-s', 's2', 'a1', { status: 'held', start: '2026-03-10T10:05:00.000Z', minutes: 95, uninterrupted: true }));
    });

    it('lists the sessions of several agreements in one call: only theirs, only the tenant\'s, any number of agreements', async () => {
      must(await repos.sessions.create(session('t-many', 'm1', 'b1')));
      must(await repos.sessions.create(session('t-many', 'm2', 'b2')));
      must(await repos.sessions.create(session('t-many', 'm3', 'b3')));
      must(await repos.sessions.create(session('t-many-other', 'm4', 'b1')));
      assert.deepEqual(must(await repos.sessions.listByAgreements('t-many', ['b1', 'b3', 'b1'])).map((v) => v.value.id).sort(), ['m1', 'm3']);
      assert.deepEqual(must(await repos.sessions.listByAgreements('t-many', [])), []);
      // More agreements than one query carries: the sessions of the last ones are found too.
      const ids = Array.from({ length: 250 }, (_, i) => `z${i}`);
      must(await repos.sessions.create(session('t-many', 'm-last', 'z249')));
      must(await repos.sessions.create(session('t-many', 'm-mid', 'z120')));
      assert.deepEqual(must(await repos.sessions.listByAgreements('t-many', ['b2', ...ids])).map((v) => v.value.id).sort(), ['m-last', 'm-mid', 'm2']);
    });

    it('lists notes by author, and shared notes only with the person they were shared with', async () => {
      must(await repos.notes.create(note('t-n', 'n1', 'sam')));
      must(await repos.notes.create(note('t-n', 'n2', 'sam', { visibility: 'shared', sharedWithId: 'sue' })));
      // Inconsistent on purpose: a private note that names someone is still private.
      must(await repos.notes.create(note('t-n', 'n3', 'sam', { visibility: 'private', sharedWithId: 'sue' })));
      must(await repos.notes.create(note('t-n', 'n4', 'tom', { visibility: 'shared', sharedWithId: 'sue' })));
      assert.deepEqual(must(await repos.notes.listByAuthor('t-n', 'sam')).map((v) => v.value.id).sort(), ['n1', 'n2', 'n3']);
      assert.deepEqual(must(await repos.notes.listSharedWith('t-n', 'sue')).map((v) => v.value.id).sort(), ['n2', 'n4']);
      assert.deepEqual(must(await repos.notes.listSharedWith('t-n', 'sam')), []);
    });

    it('lists concerns by who raised them and who handles them', async () => {
      must(await repos.concerns.create(concern('t-c', 'c1', 'ann', { handlerId: 'psw1' })));
      must(await repos.concerns.create(concern('t-c', 'c2', 'ann', { route: 'supervisor', handlerId: 'sup1' })));
      must(await repos.concerns.create(concern('t-c', 'c3', 'ben', { handlerId: 'psw1' })));
      assert.deepEqual(must(await repos.concerns.listRaisedBy('t-c', 'ann')).map((v) => v.value.id).sort(), ['c1', 'c2']);
      assert.deepEqual(must(await repos.concerns.listHandledBy('t-c', 'psw1')).map((v) => v.value.id).sort(), ['c1', 'c3']);
      // Raised by or handled by, each once: Ann raised c1 and c2; the supervisor handles c2.
      assert.deepEqual(must(await repos.concerns.listInvolving('t-c', 'ann')).map((v) => v.value.id).sort(), ['c1', 'c2']);
      assert.deepEqual(must(await repos.concerns.listInvolving('t-c', 'sup1')).map((v) => v.value.id).sort(), ['c2']);
      assert.deepEqual(must(await repos.concerns.listInvolving('t-c', 'psw1')).map((v) => v.value.id).sort(), ['c1', 'c3']);
      const c1 = must(await repos.concerns.get('t-c', 'c1'))!;
      const acknowledged = must(
        await repos.concerns.replace(
          { ...c1.value, status: 'acknowledged', history: [...c1.value.history, { at: '2026-03-03T10:00:00.000Z', byId: 'psw1', status: 'acknowledged' }] },
          c1.etag,
        ),
      );
      assert.equal(acknowledged.value.history.length, 2);
      const stale = await repos.concerns.replace({ ...c1.value, status: 'resolved' }, c1.etag);
      assert.equal(!stale.ok && stale.error.code, 'CONFLICT');
    });
  });

  describe('organisations', () => {
    it('creates settings without an etag, replaces them with one, and refuses a stale or missing etag', async () => {
      assert.equal(must(await repos.organisations.get('t-org')), null);
      const created = must(await repos.organisations.save(organisation('t-org')));
      assert.deepEqual(created.value, organisation('t-org'));
      const again = await repos.organisations.save(organisation('t-org', { name: 'Again' }));
      assert.equal(!again.ok && again.error.code, 'CONFLICT');
      const updated = must(await repos.organisations.save(organisation('t-org', { reminderLeadDays: 5 }), created.etag));
      assert.equal(updated.value.reminderLeadDays, 5);
      const stale = await repos.organisations.save(organisation('t-org', { reminderLeadDays: 9 }), created.etag);
      assert.equal(!stale.ok && stale.error.code, 'CONFLICT');
      assert.equal(must(await repos.organisations.get('t-org'))?.value.reminderLeadDays, 5);
      assert.equal(must(await repos.organisations.get('t-org-other')), null);
    });

    it('loads settings saved before issue 9 added the working calendar, and keeps the new fields once saved', async () => {
      // Saved without region, workingDays, sendTime, seniorLeaderIds, concern days: as every stored organisation was.
      must(await repos.organisations.save(organisation('t-old', { reminderLeadDays: 2 })));
      const loaded = must(await repos.organisations.get('t-old'));
      assert.ok(loaded);
      const complete = withSettingsDefaults(loaded.value);
      assert.deepEqual(
        [complete.region, complete.workingDays, complete.sendTime, complete.seniorLeaderIds, complete.concernAckDays, complete.concernResolveTargetDays],
        ['england-and-wales', [1, 2, 3, 4, 5], '09:00', [], 2, 10],
      );
      assert.equal(complete.reminderLeadDays, 2, 'its own values are kept');
      const edt = { ...complete, region: 'scotland' as const, workingDays: [1, 2, 3, 4, 5, 6, 7] as const, seniorLeaderIds: ['p-dir'] };
      must(await repos.organisations.save(edt, loaded.etag));
      assert.deepEqual(must(await repos.organisations.get('t-old'))?.value, edt);
    });

    it('lists the tenants that have settings', async () => {
      must(await repos.organisations.save(organisation('t-list-1')));
      must(await repos.organisations.save(organisation('t-list-2')));
      const tenants = must(await repos.organisations.listTenants());
      assert.ok(tenants.includes('t-list-1') && tenants.includes('t-list-2'));
      assert.equal(new Set(tenants).size, tenants.length);
    });
  });

  describe('conversations', () => {
    it('upserts (last write wins) and reads per tenant', async () => {
      assert.equal(must(await repos.conversations.get('t-conv', 'aad-1')), null);
      const first = must(await repos.conversations.upsert(conversation('t-conv', 'aad-1')));
      assert.deepEqual(first, conversation('t-conv', 'aad-1'));
      must(await repos.conversations.upsert(conversation('t-conv', 'aad-1', { serviceUrl: 'https://smba.trafficmanager.net/emea/', updatedAt: '2026-03-04T00:00:00.000Z' })));
      assert.equal(must(await repos.conversations.get('t-conv', 'aad-1'))?.value.serviceUrl, 'https://smba.trafficmanager.net/emea/');
      assert.equal(must(await repos.conversations.get('t-conv-other', 'aad-1')), null);
    });

    it('reads with the etag, and a replace from a stale read is a CONFLICT that leaves the newer reference', async () => {
      must(await repos.conversations.upsert(conversation('t-conv', 'aad-2')));
      const read = must(await repos.conversations.get('t-conv', 'aad-2'));
      assert.ok(read !== null && read.etag.length > 0);
      assert.deepEqual(read.value, conversation('t-conv', 'aad-2'));

      // A reinstall lands (an inbound refresh, last write wins) after that read...
      const fresh = conversation('t-conv', 'aad-2', { conversationId: 'conv-fresh', updatedAt: '2026-03-04T00:00:00.000Z' });
      must(await repos.conversations.upsert(fresh));
      // ...so a write derived from the read is refused.
      const stale = await repos.conversations.replace({ ...read.value, installed: false }, read.etag);
      assert.equal(!stale.ok && stale.error.code, 'CONFLICT');
      const kept = must(await repos.conversations.get('t-conv', 'aad-2'));
      assert.deepEqual(kept?.value, fresh);
      assert.notEqual(kept?.etag, read.etag);

      // With the current etag it goes through, and the etag moves on.
      const marked = must(await repos.conversations.replace({ ...fresh, installed: false }, kept?.etag ?? ''));
      assert.equal(marked.value.installed, false);
      assert.notEqual(marked.etag, kept?.etag);
      assert.deepEqual(must(await repos.conversations.get('t-conv', 'aad-2'))?.value, { ...fresh, installed: false });

      const missing = await repos.conversations.replace(conversation('t-conv', 'aad-never'), marked.etag);
      assert.equal(!missing.ok && missing.error.code, 'NOT_FOUND');
      assert.equal(must(await repos.conversations.get('t-conv', 'aad-never')), null);
    });
  });

  describe('outbox', () => {
    it('lists pending entries due at the instant, oldest first, at most max', async () => {
      must(await repos.outbox.create(outboxEntry('t-out', 'o3', '2026-03-03T09:00:00.000Z')));
      must(await repos.outbox.create(outboxEntry('t-out', 'o1', '2026-03-03T07:00:00.000Z')));
      must(await repos.outbox.create(outboxEntry('t-out', 'o2', '2026-03-03T09:00:00.000+01:00')));
      must(await repos.outbox.create(outboxEntry('t-out', 'o-sent', '2026-03-03T06:00:00.000Z', { status: 'sent' })));
      must(await repos.outbox.create(outboxEntry('t-out', 'o-later', '2026-03-03T09:00:00.001Z')));
      const ready = must(await repos.outbox.listReady('t-out', '2026-03-03T09:00:00.000Z', 10));
      assert.deepEqual(ready.map((v) => v.value.id), ['o1', 'o2', 'o3']);
      const two = must(await repos.outbox.listReady('t-out', '2026-03-03T09:00:00.000Z', 2));
      assert.deepEqual(two.map((v) => v.value.id), ['o1', 'o2']);
      const bad = await repos.outbox.listReady('t-out', '2026-03-03T09:00:00.000Z', 0);
      assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
    });

    it('a deterministic id makes a second enqueue a CONFLICT, and a status change is etag-guarded', async () => {
      const e = outboxEntry('t-out2', 'reminder:a1:2026-03', '2026-03-03T09:00:00.000Z');
      const v1 = must(await repos.outbox.create(e));
      const twice = await repos.outbox.create(e);
      assert.equal(!twice.ok && twice.error.code, 'CONFLICT');
      must(await repos.outbox.replace({ ...e, status: 'sent', attempts: 1 }, v1.etag));
      const stale = await repos.outbox.replace({ ...e, status: 'failed', attempts: 1 }, v1.etag);
      assert.equal(!stale.ok && stale.error.code, 'CONFLICT');
      assert.deepEqual(must(await repos.outbox.listReady('t-out2', '2026-04-01T00:00:00.000Z', 10)), []);
    });

    it('listForReport: every pending entry and the others changed since, statuses and times only, one tenant', async () => {
      const at = (d: string) => `${d}T09:00:00.000Z`;
      must(await repos.outbox.create({ ...outboxEntry('t-rep', 'r-pending', at('2026-01-01')), updatedAt: at('2026-01-01') }));
      must(await repos.outbox.create({ ...outboxEntry('t-rep', 'r-sent', at('2026-03-02'), { status: 'sent' }), updatedAt: at('2026-03-02'), retries: 2 }));
      must(await repos.outbox.create({ ...outboxEntry('t-rep', 'r-old', at('2026-01-02'), { status: 'failed' }), updatedAt: at('2026-01-02') }));
      must(await repos.outbox.create({ ...outboxEntry('t-rep-other', 'r-x', at('2026-03-02'), { status: 'sent' }), updatedAt: at('2026-03-02') }));
      const rows = must(await repos.outbox.listForReport('t-rep', at('2026-02-15')));
      assert.deepEqual(
        [...rows].sort((x, y) => (x.status < y.status ? -1 : 1)),
        [
          { status: 'pending', notBefore: at('2026-01-01'), updatedAt: at('2026-01-01') },
          { status: 'sent', notBefore: at('2026-03-02'), updatedAt: at('2026-03-02'), retries: 2 },
        ],
        'no payload, no id, nothing of another tenant, nothing finished before the day asked',
      );
    });
  });

  describe('leases', () => {
    const t = (minute: number) => `2026-03-03T09:${String(minute).padStart(2, '0')}:00.000Z`;

    it('one holder at a time; renewal by the holder; takeover after expiry; release', async () => {
      const leases = new CosmosLeaseStore(store.database.container('leases'));
      const a = must(await leases.tryAcquire('tick', 'host-a', t(0), 60_000));
      assert.equal(a.acquired, true);
      assert.equal(a.acquired && a.lease.expiresAt, t(1));

      const b = must(await leases.tryAcquire('tick', 'host-b', t(0), 60_000));
      assert.deepEqual(b, { acquired: false, heldBy: 'host-a', expiresAt: t(1) });

      const renewed = must(await leases.renew('tick', 'host-a', t(0), 120_000));
      assert.equal(renewed.acquired && renewed.lease.expiresAt, t(2));
      assert.equal(renewed.acquired && renewed.lease.acquiredAt, t(0));

      const stillHeld = must(await leases.tryAcquire('tick', 'host-b', t(1), 60_000));
      assert.equal(stillHeld.acquired, false);
      const takeover = must(await leases.tryAcquire('tick', 'host-b', t(2), 60_000));
      assert.equal(takeover.acquired && takeover.lease.holder, 'host-b');
      assert.equal(takeover.acquired && takeover.lease.acquiredAt, t(2));

      const lateRenew = must(await leases.renew('tick', 'host-a', t(2), 60_000));
      assert.deepEqual(lateRenew, { acquired: false, heldBy: 'host-b', expiresAt: t(3) });

      assert.equal(must(await leases.release('tick', 'host-a', t(2))), false);
      assert.equal(must(await leases.release('tick', 'host-b', t(2))), true);
      const afterRelease = must(await leases.tryAcquire('tick', 'host-a', t(2), 60_000));
      assert.equal(afterRelease.acquired, true);
    });

    it('of ten instances racing for a free lease exactly one wins', async () => {
      const leases = new CosmosLeaseStore(store.database.container('leases'));
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => leases.tryAcquire('race', `host-${i}`, t(0), 60_000)));
      const winners = outcomes.map(must).filter((o) => o.acquired);
      assert.equal(winners.length, 1);
      const holder = winners[0].acquired ? winners[0].lease.holder : '';
      for (const o of outcomes.map(must)) if (!o.acquired) assert.equal(o.heldBy, holder);
    });

    it('of ten instances racing for an expired lease exactly one wins', async () => {
      const leases = new CosmosLeaseStore(store.database.container('leases'));
      must(await leases.tryAcquire('race-expired', 'old', t(0), 1_000));
      const outcomes = (await Promise.all(Array.from({ length: 10 }, (_, i) => leases.tryAcquire('race-expired', `host-${i}`, t(5), 60_000)))).map(must);
      assert.equal(outcomes.filter((o) => o.acquired).length, 1);
    });
  });

  describe('delete (the retention pass)', () => {
    it('deletes with the current etag; a stale etag is CONFLICT and keeps the record; a missing one is NOT_FOUND', async () => {
      const v1 = must(await repos.notes.create(note('t1', 'n-del', 'p1')));
      const v2 = must(await repos.notes.replace({ ...v1.value, cpdTag: 'changed' }, v1.etag));
      const stale = await repos.notes.delete('t1', 'n-del', v1.etag);
      assert.equal(!stale.ok && stale.error.code, 'CONFLICT');
      assert.notEqual(must(await repos.notes.get('t1', 'n-del')), null);
      must(await repos.notes.delete('t1', 'n-del', v2.etag));
      assert.equal(must(await repos.notes.get('t1', 'n-del')), null);
      const again = await repos.notes.delete('t1', 'n-del', v2.etag);
      assert.equal(!again.ok && again.error.code, 'NOT_FOUND');
    });

    it('never deletes another tenant\'s record of the same id', async () => {
      const mine = must(await repos.concerns.create(concern('t1', 'c-del', 'p1')));
      must(await repos.concerns.create(concern('t2', 'c-del', 'p1')));
      const wrong = await repos.concerns.delete('t2', 'c-del', mine.etag);
      assert.equal(wrong.ok, false);
      assert.notEqual(must(await repos.concerns.get('t2', 'c-del')), null);
      must(await repos.concerns.delete('t1', 'c-del', mine.etag));
      assert.equal(must(await repos.concerns.get('t1', 'c-del')), null);
      assert.notEqual(must(await repos.concerns.get('t2', 'c-del')), null);
    });

    it('notes and concerns by tenant: every one of the tenant, none of another', async () => {
      must(await repos.notes.create(note('t-list', 'n-a', 'p1')));
      must(await repos.notes.create(note('t-list', 'n-b', 'p2', { visibility: 'shared', sharedWithId: 'p1' })));
      must(await repos.notes.create(note('t-list-2', 'n-a', 'p1')));
      assert.deepEqual(must(await repos.notes.listByTenant('t-list')).map((v) => v.value.id).sort(), ['n-a', 'n-b']);
      must(await repos.concerns.create(concern('t-list', 'c-a', 'p1')));
      assert.deepEqual(must(await repos.concerns.listByTenant('t-list')).map((v) => v.value.id), ['c-a']);
    });
  });

  describe('audit log', () => {
    const access = (tenantId: string, id: string, at: string): AccessRecord =>
      accessRecord({ id, tenantId, at, action: 'asye-log.export', actorId: 'p-psw', subjectIds: ['p2', 'p1'], detail: { format: 'csv', count: 3 } });

    it('appends exactly the record, refuses an id twice, and lists a window newest first within the tenant', async () => {
      const first = access('t-audit', 'a-1', '2026-03-02T10:00:00.000Z');
      assert.deepEqual(must(await repos.audit.append(first)), first);
      const twice = await repos.audit.append({ ...first, actorId: 'someone-else' });
      assert.equal(!twice.ok && twice.error.code, 'CONFLICT');
      must(await repos.audit.append(access('t-audit', 'a-2', '2026-03-02T11:00:00+01:00'))); // 10:00Z, stored canonically
      must(await repos.audit.append(access('t-audit', 'a-3', '2026-03-03T09:00:00.000Z')));
      must(await repos.audit.append(access('t-audit', 'a-4', '2026-03-04T09:00:00.000Z')));
      must(await repos.audit.append(access('t-audit-2', 'a-5', '2026-03-03T09:00:00.000Z')));
      const listed = must(await repos.audit.list('t-audit', { from: '2026-03-02T10:00:00.000Z', to: '2026-03-04T09:00:00.000Z', max: 10 }));
      assert.deepEqual(listed.map((r) => r.id), ['a-3', listed[1].id, listed[2].id]);
      assert.deepEqual(listed.slice(1).map((r) => r.id).sort(), ['a-1', 'a-2']);
      assert.equal(listed.find((r) => r.id === 'a-2')?.at, '2026-03-02T10:00:00.000Z');
      assert.deepEqual(listed.find((r) => r.id === 'a-1'), first);
      assert.deepEqual(must(await repos.audit.list('t-audit', { from: '2026-03-01T00:00:00.000Z', to: '2026-03-05T00:00:00.000Z', max: 2 })).map((r) => r.id), ['a-4', 'a-3']);
    });
  });

  describe('health check', () => {
    it('answers with the latency of a cheap read', async () => {
      const health = must(await new CosmosHealthCheck(store.database).check());
      assert.deepEqual(Object.keys(health), ['latencyMs']);
      assert.ok(Number.isFinite(health.latencyMs) && health.latencyMs >= 0, String(health.latencyMs));
    }).timeout(15_000);
  });
});
