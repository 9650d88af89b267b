/**
 * The retention pass over the real Cosmos repositories (the official SDK against the embedded
 * server), with the time injected: what has expired is deleted and each deletion recorded in the
 * audit log (type, id, dates; never content); what a legal hold covers and what has not expired is
 * kept; another tenant is never touched; a second pass changes nothing.
 */
import { strict as assert } from 'node:assert';
import { runRetentionPass, type RetentionPassOutcome } from '../../src/app/retention';
import { createCosmosRepositories, type CosmosRepositories } from '../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../src/adapters/cosmos/store';
import type { Instant } from '../../src/domain/model';
import { agreement, concern, must, note, organisation, removeDir, session, tempDataDir } from '../adapters/cosmos/support';

const T = 'tenant-retention';
const OTHER = 'tenant-other';
const SECRET = 'A reflection no audit record may carry';

describe('app/retention: the daily pass over the Cosmos repositories', function () {
  this.timeout(60_000);
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;

  before(async () => {
    dir = await tempDataDir('retention');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
    must(await repos.organisations.save(organisation(T, { retention: { years: { supervision: 6, notes: 6, concerns: 6 }, holds: [{ personId: 'p-held', placedOn: '2024-01-10', placedById: 'p-admin' }] } })));
    must(await repos.organisations.save(organisation(OTHER)));
    const ended = (id: string, superviseeId: string, endedOn: string, tenantId = T) =>
      agreement(tenantId, id, { superviseeId, status: 'ended', endedOn, agreementStart: '2015-01-05', employmentStart: '2015-01-05' });
    for (const a of [
      ended('a-old', 'p-old', '2019-03-31'), // expires 31 March 2025
      ended('a-recent', 'p-recent', '2021-06-30'), // expires 30 June 2027
      ended('a-held', 'p-held', '2018-01-31'), // expired, but p-held is under a legal hold
      agreement(T, 'a-active', { superviseeId: 'p-active' }),
      ended('a-old', 'p-old', '2019-03-31', OTHER), // the same record in another tenant
    ]) must(await repos.agreements.create(a));
    for (const [id, agreementId, tenantId] of [['s-old-1', 'a-old', T], ['s-old-2', 'a-old', T], ['s-held', 'a-held', T], ['s-recent', 'a-recent', T], ['s-old-1', 'a-old', OTHER]] as const) {
      const a = agreementId === 'a-old' ? 'p-old' : agreementId === 'a-held' ? 'p-held' : 'p-recent';
      must(await repos.sessions.create(session(tenantId, id, agreementId, { superviseeId: a, createdAt: '2016-02-01T10:00:00.000Z' })));
    }
    must(await repos.notes.create(note(T, 'n-old', 'p-old', { whatHappened: SECRET })));
    must(await repos.notes.create(note(T, 'n-active', 'p-active')));
    must(await repos.notes.create(note(T, 'n-held', 'p-held')));
    must(await repos.notes.create(note(T, 'n-nobody', 'p-never-in-an-agreement')));
    const resolved = (id: string, raisedById: string, at: string) =>
      concern(T, id, raisedById, { status: 'resolved', resolution: SECRET, history: [{ at: '2019-04-01T09:00:00.000Z', byId: raisedById, status: 'raised' }, { at, byId: 'p-psw', status: 'resolved' }] });
    must(await repos.concerns.create(resolved('c-old', 'p-old', '2019-05-01T10:00:00.000Z')));
    must(await repos.concerns.create(resolved('c-held', 'p-held', '2019-05-01T10:00:00.000Z')));
    must(await repos.concerns.create(concern(T, 'c-open', 'p-old')));
  });

  after(async () => {
    await store?.close();
    await removeDir(dir);
  });

  const ids = (items: readonly { recordType: string; recordId: string }[]) => items.map((i) => `${i.recordType}:${i.recordId}`).sort();
  const pass = async (now: Instant, dryRun = false): Promise<RetentionPassOutcome> => must(await runRetentionPass(repos, now, { dryRun, tenantId: T }));
  const exists = async (kind: 'agreements' | 'sessions' | 'notes' | 'concerns', id: string, tenantId = T) => {
    const got = await repos[kind].get(tenantId, id);
    return must<unknown>(got) !== null;
  };

  it('the day before an agreement has been over six years (in the organisation\'s zone), nothing of it expires', async () => {
    // 30 March 2025 23:30 UTC is already 31 March in London (BST): the old agreement's records expire then, not an hour earlier.
    const before = await pass('2025-03-30T22:30:00.000Z', true);
    assert.deepEqual(ids(before.tenants[0].deleted), []);
    const on = await pass('2025-03-30T23:30:00.000Z', true);
    assert.deepEqual(ids(on.tenants[0].deleted), ['agreement:a-old', 'note:n-old', 'session:s-old-1', 'session:s-old-2']);
  });

  it('a dry run lists what would go and what is held, and deletes and records nothing', async () => {
    const plan = await pass('2026-04-01T09:00:00.000Z', true);
    const [t] = plan.tenants;
    assert.equal(plan.dryRun, true);
    assert.deepEqual(ids(t.deleted), ['agreement:a-old', 'concern:c-old', 'note:n-old', 'session:s-old-1', 'session:s-old-2']);
    assert.deepEqual(ids(t.held), ['agreement:a-held', 'concern:c-held', 'note:n-held', 'session:s-held']);
    assert.ok(t.held.every((h) => h.heldFor.includes('p-held')));
    assert.equal(await exists('agreements', 'a-old'), true);
    assert.deepEqual(must(await repos.audit.list(T, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', max: 100 })), []);
  });

  it('deletes what expired, sessions before their agreement, and records each deletion without content', async () => {
    const now = '2026-04-01T09:00:00.000Z';
    const [t] = (await pass(now)).tenants;
    assert.equal(t.failure, undefined);
    assert.deepEqual(ids(t.deleted), ['agreement:a-old', 'concern:c-old', 'note:n-old', 'session:s-old-1', 'session:s-old-2']);
    const order = t.deleted.map((d) => d.recordId);
    assert.ok(order.indexOf('s-old-1') < order.indexOf('a-old') && order.indexOf('s-old-2') < order.indexOf('a-old'), 'sessions go before their agreement');

    for (const [kind, id] of [['agreements', 'a-old'], ['sessions', 's-old-1'], ['sessions', 's-old-2'], ['notes', 'n-old'], ['concerns', 'c-old']] as const) {
      assert.equal(await exists(kind, id), false, `${id} deleted`);
    }
    // Held, not yet expired, still live, never in an agreement, open: kept.
    for (const [kind, id] of [
      ['agreements', 'a-held'], ['sessions', 's-held'], ['notes', 'n-held'], ['concerns', 'c-held'],
      ['agreements', 'a-recent'], ['sessions', 's-recent'], ['agreements', 'a-active'], ['notes', 'n-active'], ['notes', 'n-nobody'], ['concerns', 'c-open'],
    ] as const) {
      assert.equal(await exists(kind, id), true, `${id} kept`);
    }
    // The other tenant's record with the same id is untouched.
    assert.equal(await exists('agreements', 'a-old', OTHER), true);
    assert.equal(await exists('sessions', 's-old-1', OTHER), true);

    const audit = must(await repos.audit.list(T, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', max: 100 }));
    assert.equal(audit.length, 5);
    const agreementRecord = audit.find((r) => r.kind === 'deletion' && r.detail.recordId === 'a-old');
    assert.deepEqual(agreementRecord, {
      id: 'deleted-agreement-a-old',
      tenantId: T,
      at: now,
      kind: 'deletion',
      action: 'retention.delete',
      actorId: 'retention-pass',
      detail: { recordType: 'agreement', recordId: 'a-old', countedFrom: '2019-03-31', expiredOn: '2025-03-31', createdOn: '2026-03-02' },
    });
    const concernRecord = audit.find((r) => r.kind === 'deletion' && r.detail.recordId === 'c-old');
    assert.equal(concernRecord?.kind === 'deletion' && concernRecord.detail.countedFrom, '2019-05-01');
    assert.ok(!JSON.stringify(audit).includes(SECRET), 'no content in the audit log');
    assert.ok(!JSON.stringify(audit).includes('p-old'), 'no person in a deletion record');
    assert.deepEqual(must(await repos.audit.list(OTHER, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', max: 100 })), []);
  });

  it('a second pass deletes and records nothing more', async () => {
    const [t] = (await pass('2026-04-02T09:00:00.000Z')).tenants;
    assert.deepEqual(t.deleted, []);
    assert.equal(must(await repos.audit.list(T, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', max: 100 })).length, 5);
  });

  it('once the hold is released, the held records go on the next pass', async () => {
    const org = must(await repos.organisations.get(T));
    assert.ok(org);
    must(await repos.organisations.save({ ...org.value, retention: { years: { supervision: 6, notes: 6, concerns: 6 }, holds: [] } }, org.etag));
    const [t] = (await pass('2026-04-03T09:00:00.000Z')).tenants;
    assert.deepEqual(ids(t.deleted), ['agreement:a-held', 'concern:c-held', 'note:n-held', 'session:s-held']);
    assert.equal(await exists('agreements', 'a-held'), false);
  });
});
