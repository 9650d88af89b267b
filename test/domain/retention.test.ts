import { strict as assert } from 'node:assert';
import { DEFAULT_RETENTION, expiryOf, planRetention, retentionOf, updateRetention, type RetentionInput } from '../../src/domain/retention';
import type { Concern, ReflectiveNote } from '../../src/domain/model';
import { activeAgreement } from '../fakes/records';

const T = 't1';
const ended = (id: string, superviseeId: string, endedOn: string, supervisorId = 'sup') =>
  activeAgreement({ id, tenantId: T, superviseeId, supervisorId, status: 'ended', endedOn, supervisorHistory: [{ supervisorId, from: '2015-01-01' }] });
const noteBy = (id: string, authorId: string, extra: Partial<ReflectiveNote> = {}): ReflectiveNote => ({
  id, tenantId: T, authorId, whatHappened: 'x', howIFelt: 'x', whatILearned: 'x', whatNext: 'x', visibility: 'private', createdAt: '2016-01-01T10:00:00.000Z', updatedAt: '2016-01-01T10:00:00.000Z', ...extra,
});
const concernBy = (id: string, raisedById: string, status: Concern['status'], resolvedAt?: string, extra: Partial<Concern> = {}): Concern => ({
  id, tenantId: T, raisedById, category: 'workload', description: 'x', urgency: 'low', route: 'psw', handlerId: 'psw', status,
  history: [{ at: '2016-01-01T10:00:00.000Z', byId: raisedById, status: 'raised' }, ...(resolvedAt !== undefined ? [{ at: resolvedAt, byId: 'psw', status: 'resolved' as const }] : [])],
  createdAt: '2016-01-01T10:00:00.000Z', updatedAt: resolvedAt ?? '2016-01-01T10:00:00.000Z', ...extra,
});
const input = (over: Partial<RetentionInput>): RetentionInput => ({ retention: DEFAULT_RETENTION, today: '2026-03-02', zone: 'Europe/London', agreements: [], sessions: new Map(), notes: [], concerns: [], ...over });
const ids = (items: readonly { recordType: string; recordId: string }[]) => items.map((i) => `${i.recordType}:${i.recordId}`).sort();

describe('domain/retention', () => {
  it('a period runs to the same calendar date, 29 February to 28 February', () => {
    assert.equal(expiryOf('2020-02-29', 6), '2026-02-28');
    assert.equal(expiryOf('2019-03-31', 6), '2025-03-31');
  });

  it('an agreement and its sessions expire on the day six years after it ended, not a day earlier', () => {
    const a = ended('a', 'ee', '2020-03-02');
    const plan = (today: string) => planRetention(input({ today, agreements: [a], sessions: new Map([['a', []]]) }));
    assert.deepEqual(ids(plan('2026-03-01').expired), []);
    assert.deepEqual(ids(plan('2026-03-02').expired), ['agreement:a']);
  });

  it('a note is counted from the end of the last agreement its author was in, in any role; kept while one is live or when there was none', () => {
    const agreements = [ended('a1', 'ee', '2018-01-31'), ended('a2', 'ee', '2019-06-30'), ended('a3', 'other', '2015-01-31', 'sup'), activeAgreement({ id: 'a4', tenantId: T, superviseeId: 'live', supervisorId: 'sup' })];
    const plan = planRetention(input({ agreements, notes: [noteBy('n-ee', 'ee'), noteBy('n-sup', 'sup'), noteBy('n-live', 'live'), noteBy('n-none', 'nobody')] }));
    // ee: last agreement ended 30 June 2019 -> expires 30 June 2025. sup still supervises a live agreement.
    assert.deepEqual(ids(plan.expired), ['agreement:a1', 'agreement:a2', 'agreement:a3', 'note:n-ee']);
    assert.equal(plan.expired.find((i) => i.recordId === 'n-ee')?.countedFrom, '2019-06-30');
  });

  it('a concern is counted from its resolution (a local date); an open one is kept', () => {
    const plan = planRetention(input({ concerns: [concernBy('c1', 'ee', 'resolved', '2020-03-01T23:30:00.000Z'), concernBy('c2', 'ee', 'acknowledged')] }));
    // 23:30 UTC on 1 March 2020 is 1 March in London (GMT): expired on 1 March 2026.
    assert.deepEqual(plan.expired.map((i) => [i.recordId, i.countedFrom, i.expiredOn]), [['c1', '2020-03-01', '2026-03-01']]);
  });

  it('a legal hold keeps every record its person is in: as a party, in a session, as the note shared with, as a concern handler', () => {
    const a = ended('a', 'ee', '2015-01-31');
    const s = { id: 's', tenantId: T, agreementId: 'a', supervisorId: 'locum', superviseeId: 'ee', status: 'held' as const, mode: 'teams' as const, scheduledStart: '2015-01-05T10:00:00.000Z', plannedMinutes: 90, agenda: [], actions: [], createdAt: '2015-01-05T10:00:00.000Z', updatedAt: '2015-01-05T10:00:00.000Z' };
    const retention = { ...DEFAULT_RETENTION, holds: [{ personId: 'locum', placedOn: '2025-01-01', placedById: 'admin' }, { personId: 'psw', placedOn: '2025-01-01', placedById: 'admin' }] };
    const plan = planRetention(input({ retention, agreements: [a], sessions: new Map([['a', [s]]]), notes: [noteBy('n', 'ee', { visibility: 'shared', sharedWithId: 'locum' })], concerns: [concernBy('c', 'ee', 'resolved', '2016-01-01T10:00:00.000Z')] }));
    assert.deepEqual(ids(plan.expired), []);
    assert.deepEqual(ids(plan.held), ['agreement:a', 'concern:c', 'note:n', 'session:s']);
    assert.deepEqual(plan.held.find((i) => i.recordId === 'c')?.heldFor, ['psw']);
  });

  it('admins change the years within 1 to 50, place and release holds on people of the organisation', () => {
    const people = new Set(['ee', 'admin']);
    const changed = updateRetention(DEFAULT_RETENTION, { years: { notes: 10 }, placeHold: 'ee' }, 'admin', '2026-03-02', people);
    assert.ok(changed.ok);
    assert.deepEqual(changed.value.value, { years: { supervision: 6, notes: 10, concerns: 6 }, holds: [{ personId: 'ee', placedOn: '2026-03-02', placedById: 'admin' }] });
    for (const [update, field] of [[{ years: { notes: 0 } }, 'years.notes'], [{ years: { concerns: 51 } }, 'years.concerns'], [{ years: { supervision: 2.5 } }, 'years.supervision'], [{ placeHold: 'stranger' }, 'placeHold'], [{ releaseHold: 'admin' }, 'releaseHold']] as const) {
      const r = updateRetention(DEFAULT_RETENTION, update, 'admin', '2026-03-02', people);
      assert.equal(!r.ok && r.error.field, field, JSON.stringify(update));
    }
    const released = updateRetention(changed.value.value, { releaseHold: 'ee' }, 'admin', '2026-03-02', people);
    assert.ok(released.ok && released.value.value.holds.length === 0);
    assert.deepEqual(retentionOf({}), DEFAULT_RETENTION);
  });
});
