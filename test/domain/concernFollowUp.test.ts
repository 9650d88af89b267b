import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { acknowledge, assign, raise, resolve } from '../../src/domain/concern';
import { planConcernFollowUp, type ConcernFollowUpSettings } from '../../src/domain/concernFollowUp';
import type { Concern } from '../../src/domain/model';
import { workingCalendar } from '../../src/domain/workingCalendar';

const ZONE = 'Europe/London';
const SETTINGS: ConcernFollowUpSettings = {
  zone: ZONE,
  sendTime: '09:00',
  quietHours: { start: '19:00', end: '08:00' },
  pswIds: ['priya', 'pat'],
  adminIds: ['adm'],
  seniorLeaderIds: ['director', 'priya'],
  concernAckDays: 2,
  concernResolveTargetDays: 10,
};
const CALENDAR = workingCalendar([1, 2, 3, 4, 5], ['2026-12-25', '2026-12-28', '2027-01-01']);
const at = (local: string): string => DateTime.fromISO(local, { zone: ZONE }).toUTC().toISO() as string;
const local = (instant: string): string => DateTime.fromISO(instant, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm');

function raised(when: string): Concern {
  const r = raise(
    { id: 'c1', tenantId: 't1', raisedById: 'daniel', category: 'workload', description: 'Caseload of 31.', urgency: 'high', route: 'psw' },
    { pswIds: SETTINGS.pswIds, raisersSupervisorIds: ['rachel'] },
    when,
  );
  assert.ok(r.ok);
  return r.value;
}

/** A sweep every 30 minutes from `from` to `until` over the concern as `stateAt` gives it; one outbox entry per id. */
function sweep(stateAt: (t: string) => Concern, from: string, until: string): string[] {
  const outbox = new Map<string, string>();
  for (let t = Date.parse(from); t <= Date.parse(until); t += 30 * 60_000) {
    const now = new Date(t).toISOString();
    for (const m of planConcernFollowUp(stateAt(now), SETTINGS, CALENDAR, now).sendNow) {
      if (!outbox.has(m.id)) outbox.set(m.id, `${local(now)} ${m.kind} -> ${m.recipientId} (${m.recipientIs})`);
    }
  }
  return [...outbox.values()];
}

describe('domain/concernFollowUp', () => {
  it('a concern nobody acknowledges is escalated again once, two working days on, and the raiser is told', () => {
    const concern = raised(at('2026-11-02T14:00'));
    assert.deepEqual(planConcernFollowUp(concern, SETTINGS, CALENDAR, at('2026-11-02T14:00')), { sendNow: [], nextActionAt: at('2026-11-04T14:00') });
    assert.deepEqual(sweep(() => concern, at('2026-11-02T14:00'), at('2026-11-13T18:00')), [
      'Wed 2026-11-04 14:00 concern-unacknowledged -> priya (psw)',
      'Wed 2026-11-04 14:00 concern-unacknowledged -> pat (psw)',
      'Wed 2026-11-04 14:00 concern-unacknowledged -> director (senior-leader)',
      'Wed 2026-11-04 14:00 concern-followed-up -> daniel (raiser)',
    ]);
  });

  it('counts from the first send moment after it was raised: a Saturday concern is followed up on Wednesday at 09:00', () => {
    const concern = raised(at('2026-11-07T10:00'));
    assert.equal(planConcernFollowUp(concern, SETTINGS, CALENDAR, at('2026-11-07T10:00')).nextActionAt, at('2026-11-11T09:00'));
    // Raised in the evening before Christmas: the working days are 29 and 30 December.
    const christmas = raised(at('2026-12-24T20:00'));
    assert.equal(planConcernFollowUp(christmas, SETTINGS, CALENDAR, at('2026-12-24T20:00')).nextActionAt, at('2026-12-31T09:00'));
  });

  it('an acknowledged concern is not escalated again', () => {
    const concern = raised(at('2026-11-02T14:00'));
    const ack = acknowledge(concern, 'priya', at('2026-11-03T09:30'));
    assert.ok(ack.ok);
    const stateAt = (t: string) => (Date.parse(t) >= Date.parse(at('2026-11-03T09:30')) ? ack.value.value : concern);
    assert.deepEqual(sweep(stateAt, at('2026-11-02T14:00'), at('2026-11-13T18:00')), []);
  });

  it('an assigned concern not resolved within the target reminds the assignee and the PSWs once', () => {
    const concern = raised(at('2026-12-11T11:00'));
    const assigned = assign(concern, 'priya', 'sam', at('2026-12-14T10:00'));
    assert.ok(assigned.ok);
    const stateAt = (t: string) => (Date.parse(t) >= Date.parse(at('2026-12-14T10:00')) ? assigned.value.value : concern);
    // Ten working days from Monday 14 Dec 10:00, over Christmas: Wednesday 30 Dec 10:00.
    assert.deepEqual(sweep(stateAt, at('2026-12-14T10:00'), at('2027-01-15T18:00')), [
      'Wed 2026-12-30 10:00 concern-overdue -> sam (assignee)',
      'Wed 2026-12-30 10:00 concern-overdue -> priya (psw)',
      'Wed 2026-12-30 10:00 concern-overdue -> pat (psw)',
    ]);
    const overdue = planConcernFollowUp(assigned.value.value, SETTINGS, CALENDAR, at('2026-12-30T10:00')).sendNow[0];
    assert.deepEqual([overdue.assigneeId, overdue.assignedAt, overdue.raisedAt], ['sam', at('2026-12-14T10:00'), at('2026-12-11T11:00')]);
  });

  it('a resolved concern has nothing to follow up; a follow-up due in quiet hours waits for the next send moment', () => {
    const concern = raised(at('2026-11-02T14:00'));
    const done = resolve(concern, 'priya', 'Caseload reduced.', at('2026-11-03T12:00'));
    assert.ok(done.ok);
    assert.deepEqual(planConcernFollowUp(done.value.value, SETTINGS, CALENDAR, at('2026-11-20T10:00')), { sendNow: [], nextActionAt: null });
    assert.deepEqual(planConcernFollowUp(concern, SETTINGS, CALENDAR, at('2026-11-04T20:00')), { sendNow: [], nextActionAt: at('2026-11-05T09:00') });
  });
});
