import { strict as assert } from 'node:assert';
import { emptySummary } from '../../src/domain/agreement';
import type { Agreement, Session } from '../../src/domain/model';
import type { Result } from '../../src/domain/result';
import {
  acceptSchedule,
  cancel,
  confirm,
  isQualifying,
  proposeAnotherTime,
  rate,
  recordHeld,
  replacementId,
  reschedule,
  schedule,
  sessionFlags,
  type HeldRecord,
} from '../../src/domain/session';

const NOW = '2026-03-02T10:00:00.000Z';
const LATER = '2026-03-02T12:00:00.000Z';

const agreement: Agreement = {
  id: 'a1',
  tenantId: 't1',
  superviseeId: 'nia',
  supervisorId: 'sam',
  lineManagerIsRegisteredSocialWorker: true,
  employmentStart: '2026-02-16',
  agreementStart: '2026-02-16',
  nqsw: true,
  pauses: [],
  status: 'active',
  supervisorHistory: [{ supervisorId: 'sam', from: '2026-02-16' }],
  summary: emptySummary('2026-02-16'),
  createdAt: NOW,
  updatedAt: NOW,
};

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message} (${r.error.field})`);
  return r.value;
}
function error<T>(r: Result<T>) {
  if (r.ok) assert.fail('expected a failure');
  return r.error;
}

const scheduled = (): Session =>
  value(schedule({ id: 's1', agreement, supervisorId: 'sam', start: '2026-03-04T10:00:00.000Z', plannedMinutes: 90, mode: 'teams' }, NOW));

const held = (over: Partial<HeldRecord> = {}): HeldRecord => ({
  start: '2026-03-02T09:00:00.000Z',
  minutes: 95,
  uninterrupted: true,
  agenda: ['Caseload', '  '],
  actions: [{ text: 'Read the ASYE framework', ownerId: 'nia', dueDate: '2026-03-16' }],
  ...over,
});

describe('domain/session', () => {
  it('schedules on an active agreement only, in the future, with a duration and mode', () => {
    const s = scheduled();
    assert.equal(s.status, 'scheduled');
    assert.equal(s.superviseeId, 'nia');
    assert.equal(error(schedule({ id: 's', agreement: { ...agreement, status: 'draft' }, supervisorId: 'sam', start: '2026-03-04T10:00:00.000Z', plannedMinutes: 90, mode: 'teams' }, NOW)).code, 'AGREEMENT_NOT_ACTIVE');
    assert.equal(error(schedule({ id: 's', agreement, supervisorId: 'sam', start: '2026-03-01T10:00:00.000Z', plannedMinutes: 90, mode: 'teams' }, NOW)).field, 'start');
    assert.equal(error(schedule({ id: 's', agreement, supervisorId: 'sam', start: '2026-03-04T10:00:00.000Z', plannedMinutes: 0, mode: 'teams' }, NOW)).field, 'plannedMinutes');
    assert.equal(error(schedule({ id: 's', agreement, supervisorId: 'sam', start: '2026-03-04T10:00:00.000Z', plannedMinutes: 90, mode: 'phone' }, NOW)).field, 'mode');
  });

  it('the supervisee accepts, or proposes another time (which clears the acceptance); repeats change nothing', () => {
    const accepted = value(acceptSchedule(scheduled(), NOW));
    assert.equal(accepted.value.superviseeAcceptedAt, NOW);
    assert.equal(value(acceptSchedule(accepted.value, LATER)).changed, false);
    const proposed = value(proposeAnotherTime(accepted.value, '2026-03-05T10:00:00.000Z', LATER));
    assert.equal(proposed.value.proposedStart, '2026-03-05T10:00:00.000Z');
    assert.equal(proposed.value.superviseeAcceptedAt, undefined);
    assert.equal(value(proposeAnotherTime(proposed.value, '2026-03-05T10:00:00Z', LATER)).changed, false);
    assert.equal(error(proposeAnotherTime(scheduled(), '2026-03-01T10:00:00.000Z', LATER)).field, 'proposedStart');
    const reaccepted = value(acceptSchedule(proposed.value, LATER)).value;
    assert.equal(reaccepted.proposedStart, undefined);
  });

  it('records a held session: qualifying when >= 90 minutes and uninterrupted; blank agenda items dropped', () => {
    const r = value(recordHeld(scheduled(), held(), 'sam', NOW));
    assert.equal(r.value.status, 'held');
    assert.deepEqual(r.value.agenda, ['Caseload']);
    assert.equal(r.value.recordedById, 'sam');
    assert.equal(isQualifying(r.value), true);
    assert.deepEqual(sessionFlags(r.value), []);
  });

  it('flags a short or interrupted session, which does not qualify', () => {
    const short = value(recordHeld(scheduled(), held({ minutes: 89 }), 'sam', NOW)).value;
    assert.equal(isQualifying(short), false);
    assert.deepEqual(sessionFlags(short), ['short']);
    const interrupted = value(recordHeld(scheduled(), held({ minutes: 120, uninterrupted: false }), 'sam', NOW)).value;
    assert.deepEqual(sessionFlags(interrupted), ['interrupted']);
    const both = value(recordHeld(scheduled(), held({ minutes: 30, uninterrupted: false }), 'sam', NOW)).value;
    assert.deepEqual(sessionFlags(both), ['short', 'interrupted']);
  });

  it('validates the record, naming the field', () => {
    const s = scheduled();
    assert.equal(error(recordHeld(s, held({ start: '2026-03-02T11:00:00.000Z' }), 'sam', NOW)).field, 'start');
    assert.equal(error(recordHeld(s, held({ minutes: 90.5 }), 'sam', NOW)).field, 'minutes');
    assert.equal(error(recordHeld(s, held({ uninterrupted: 'yes' }), 'sam', NOW)).field, 'uninterrupted');
    assert.equal(error(recordHeld(s, held({ actions: [{ text: 'x', ownerId: 'someone-else', dueDate: '2026-03-10' }] }), 'sam', NOW)).field, 'actions[0].ownerId');
    assert.equal(error(recordHeld(s, held({ actions: [{ text: 'x', ownerId: 'sam', dueDate: '2026-02-30' }] }), 'sam', NOW)).field, 'actions[0].dueDate');
    assert.equal(error(recordHeld(s, held({ actions: [{ text: ' ', ownerId: 'sam', dueDate: '2026-03-10' }] }), 'sam', NOW)).field, 'actions[0].text');
    const long = error(recordHeld(s, held({ agenda: ['ok', 'x'.repeat(501)] }), 'sam', NOW));
    assert.deepEqual([long.code, long.field], ['TEXT_TOO_LONG', 'agenda[1]']);
  });

  it('the same record twice changes nothing; a correction is allowed until the supervisee confirms', () => {
    const first = value(recordHeld(scheduled(), held(), 'sam', NOW)).value;
    assert.equal(value(recordHeld(first, held(), 'sam', LATER)).changed, false);
    const corrected = value(recordHeld(first, held({ minutes: 100 }), 'sam', LATER));
    assert.equal(corrected.changed, true);
    assert.equal(corrected.value.minutes, 100);
    const confirmed = value(confirm(corrected.value, LATER)).value;
    assert.equal(error(recordHeld(confirmed, held({ minutes: 60 }), 'sam', LATER)).code, 'ALREADY_DONE');
    assert.equal(value(recordHeld(confirmed, held({ minutes: 100 }), 'sam', LATER)).changed, false);
  });

  it('cancels with a reason; the same press again changes nothing; a held session cannot be cancelled', () => {
    assert.equal(error(cancel(scheduled(), '  ', NOW)).field, 'reason');
    const c = value(cancel(scheduled(), 'Supervisee on a home visit', NOW)).value;
    assert.equal(c.status, 'cancelled');
    assert.equal(value(cancel(c, 'Supervisee on a home visit', LATER)).changed, false);
    assert.equal(error(cancel(c, 'Other', LATER)).code, 'ALREADY_DONE');
    const h = value(recordHeld(scheduled(), held(), 'sam', NOW)).value;
    assert.equal(error(cancel(h, 'x', LATER)).code, 'SESSION_NOT_SCHEDULED');
  });

  it('reschedules: the original points at a replacement with a deterministic id; a proposed time counts as accepted', () => {
    const proposed = value(proposeAnotherTime(scheduled(), '2026-03-05T14:00:00.000Z', NOW)).value;
    const r = value(reschedule(proposed, { newStart: '2026-03-05T14:00:00.000Z' }, LATER));
    assert.equal(r.original.status, 'rescheduled');
    assert.equal(r.original.rescheduledToId, replacementId('s1'));
    assert.equal(r.replacement.id, 's1-r');
    assert.equal(r.replacement.rescheduledFromId, 's1');
    assert.equal(r.replacement.status, 'scheduled');
    assert.equal(r.replacement.plannedMinutes, 90);
    assert.equal(r.replacement.superviseeAcceptedAt, LATER);
    const other = value(reschedule(scheduled(), { newStart: '2026-03-06T14:00:00.000Z', plannedMinutes: 120 }, LATER)).replacement;
    assert.equal(other.superviseeAcceptedAt, undefined);
    assert.equal(other.plannedMinutes, 120);
    assert.equal(error(reschedule(r.original, { newStart: '2026-03-06T14:00:00.000Z' }, LATER)).code, 'SESSION_NOT_SCHEDULED');
    assert.equal(error(reschedule(scheduled(), { newStart: '2026-03-04T10:00:00.000Z' }, LATER)).field, 'newStart');
  });

  it('confirms and rates only a held session; repeats change nothing; a different rating replaces the earlier one', () => {
    assert.equal(error(confirm(scheduled(), NOW)).code, 'SESSION_NOT_HELD');
    assert.equal(error(rate(scheduled(), 4, undefined, NOW)).code, 'SESSION_NOT_HELD');
    const h = value(recordHeld(scheduled(), held(), 'sam', NOW)).value;
    const c = value(confirm(h, NOW)).value;
    assert.equal(c.superviseeConfirmedAt, NOW);
    assert.equal(value(confirm(c, LATER)).changed, false);
    const rated = value(rate(c, 4, 'Useful', NOW)).value;
    assert.deepEqual(rated.rating, { score: 4, comment: 'Useful', ratedAt: NOW });
    const same = value(rate(rated, 4, 'Useful', LATER));
    assert.equal(same.changed, false);
    assert.equal(same.value.rating?.ratedAt, NOW);
    const changed = value(rate(rated, 5, undefined, LATER)).value;
    assert.deepEqual(changed.rating, { score: 5, ratedAt: LATER });
    for (const bad of [0, 6, 3.5, '4']) assert.equal(error(rate(c, bad, undefined, NOW)).field, 'score');
    assert.equal(error(rate(c, 3, 'x'.repeat(2001), NOW)).code, 'TEXT_TOO_LONG');
  });
});
