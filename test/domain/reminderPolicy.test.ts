import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Agreement, Session } from '../../src/domain/model';
import { summarize } from '../../src/domain/compliance';
import {
  deferOutOfQuietHours,
  isInQuietHours,
  planForAgreement,
  planReminders,
  reminderMessageId,
  type PolicyPeriod,
  type ReminderSettings,
} from '../../src/domain/reminderPolicy';
import { activeAgreement, heldSession } from '../fakes/records';

const LONDON: ReminderSettings = {
  zone: 'Europe/London',
  reminderLeadDays: 2,
  escalationGraceDays: 3,
  quietHours: { start: '19:00', end: '08:00' },
};
const QUIET = LONDON.quietHours;

function agreement(over: Partial<Agreement> = {}): Agreement {
  return activeAgreement({
    id: 'agr-1',
    tenantId: 't1',
    superviseeId: 'p-ee',
    supervisorId: 'p-or',
    supervisorHistory: [{ supervisorId: 'p-or', from: '2026-03-02' }],
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...over,
  });
}

function held(start: string, minutes: number, uninterrupted = true): Session {
  return heldSession(start, minutes, { id: `s-${start}`, tenantId: 't1', agreementId: 'agr-1', supervisorId: 'p-or', superviseeId: 'p-ee', uninterrupted });
}

describe('reminder policy: quiet hours', () => {
  it('treats a span that wraps midnight as quiet from its start to its end (end excluded)', () => {
    // 2026-01 is GMT: local = UTC.
    assert.equal(isInQuietHours('2026-01-15T18:59:00.000Z', 'Europe/London', QUIET), false);
    assert.equal(isInQuietHours('2026-01-15T19:00:00.000Z', 'Europe/London', QUIET), true);
    assert.equal(isInQuietHours('2026-01-16T02:00:00.000Z', 'Europe/London', QUIET), true);
    assert.equal(isInQuietHours('2026-01-16T07:59:00.000Z', 'Europe/London', QUIET), true);
    assert.equal(isInQuietHours('2026-01-16T08:00:00.000Z', 'Europe/London', QUIET), false);
  });

  it('reads the local time in the organisation zone (BST is UTC+1)', () => {
    assert.equal(isInQuietHours('2026-07-15T07:30:00.000Z', 'Europe/London', QUIET), false); // 08:30 BST
    assert.equal(isInQuietHours('2026-07-15T18:30:00.000Z', 'Europe/London', QUIET), true); // 19:30 BST
  });

  it('defers to the end of quiet hours: the same morning, or the next one when evening', () => {
    assert.equal(deferOutOfQuietHours('2026-01-16T02:00:00.000Z', 'Europe/London', QUIET), '2026-01-16T08:00:00.000Z');
    assert.equal(deferOutOfQuietHours('2026-01-15T22:00:00.000Z', 'Europe/London', QUIET), '2026-01-16T08:00:00.000Z');
    assert.equal(deferOutOfQuietHours('2026-07-15T21:00:00.000Z', 'Europe/London', QUIET), '2026-07-16T07:00:00.000Z');
    assert.equal(deferOutOfQuietHours('2026-01-15T12:34:00.000Z', 'Europe/London', QUIET), '2026-01-15T12:34:00.000Z');
  });

  it('handles quiet hours within one day, and none at all when start equals end', () => {
    const lunch = { start: '12:00', end: '13:00' };
    assert.equal(deferOutOfQuietHours('2026-01-15T12:30:00.000Z', 'Europe/London', lunch), '2026-01-15T13:00:00.000Z');
    assert.equal(isInQuietHours('2026-01-15T13:00:00.000Z', 'Europe/London', lunch), false);
    const none = { start: '00:00', end: '00:00' };
    assert.equal(isInQuietHours('2026-01-15T03:00:00.000Z', 'Europe/London', none), false);
  });

  it('rejects a malformed time as a bug (settings are validated before they are stored)', () => {
    assert.throws(() => isInQuietHours('2026-01-15T03:00:00.000Z', 'Europe/London', { start: '7pm', end: '08:00' }), /HH:mm/);
  });
});

describe('reminder policy: planReminders', () => {
  const week = (start: string, end: string, status: PolicyPeriod['status']): PolicyPeriod => ({ start, end, status });

  it('reminds lead days before the last day, at 09:00 local, and not before', () => {
    const periods = [week('2026-01-05', '2026-01-12', 'due'), week('2026-01-12', '2026-01-19', 'upcoming')];
    const before = planReminders({ periods, settings: LONDON, now: '2026-01-09T08:59:00.000Z' });
    assert.deepEqual(before.sendNow, []);
    assert.equal(before.nextActionAt, '2026-01-09T09:00:00.000Z'); // last day 11th, minus 2 days

    const at = planReminders({ periods, settings: LONDON, now: '2026-01-09T09:00:00.000Z' });
    assert.deepEqual(at.sendNow, [
      {
        kind: 'reminder',
        audience: 'parties',
        periodStart: '2026-01-05',
        periodEnd: '2026-01-12',
        dueBy: '2026-01-11',
        at: '2026-01-09T09:00:00.000Z',
      },
    ]);
    // Next: this week's escalation (12th + 3 = 15th) or next week's reminder (16th): the 15th.
    assert.equal(at.nextActionAt, '2026-01-15T09:00:00.000Z');
  });

  it('never reminds before the period starts, even with a long lead', () => {
    const periods = [week('2026-01-12', '2026-01-19', 'upcoming')];
    const plan = planReminders({ periods, settings: { ...LONDON, reminderLeadDays: 30 }, now: '2026-01-10T12:00:00.000Z' });
    assert.deepEqual(plan.sendNow, []);
    assert.equal(plan.nextActionAt, '2026-01-12T09:00:00.000Z');
  });

  it('sends a late reminder at once when the agreement arrives after the reminder time', () => {
    const plan = planReminders({ periods: [week('2026-01-05', '2026-01-12', 'due')], settings: LONDON, now: '2026-01-11T15:00:00.000Z' });
    assert.equal(plan.sendNow.length, 1);
    assert.equal(plan.sendNow[0].kind, 'reminder');
  });

  it('does not remind about a met period: the next unmet period is the one', () => {
    const periods = [week('2026-01-05', '2026-01-12', 'met'), week('2026-01-12', '2026-01-19', 'upcoming')];
    const plan = planReminders({ periods, settings: LONDON, now: '2026-01-10T12:00:00.000Z' });
    assert.deepEqual(plan.sendNow, []);
    assert.equal(plan.nextActionAt, '2026-01-16T09:00:00.000Z');
  });

  it('skips excused periods', () => {
    const periods = [week('2026-01-05', '2026-01-12', 'excused'), week('2026-01-12', '2026-01-19', 'upcoming')];
    const plan = planReminders({ periods, settings: LONDON, now: '2026-01-10T12:00:00.000Z' });
    assert.deepEqual(plan.sendNow, []);
    assert.equal(plan.nextActionAt, '2026-01-16T09:00:00.000Z');
  });

  it('escalates each missed period of the run once its grace days have passed, with the count missed', () => {
    const periods = [
      week('2025-12-15', '2025-12-22', 'missed'),
      week('2025-12-22', '2025-12-29', 'met'),
      week('2025-12-29', '2026-01-05', 'missed'),
      week('2026-01-05', '2026-01-12', 'due'),
    ];
    const during = planReminders({ periods, settings: LONDON, now: '2026-01-07T12:00:00.000Z' });
    assert.deepEqual(during.sendNow, []); // 5th + 3 = 8th; the miss before the met week is not in the run
    assert.equal(during.nextActionAt, '2026-01-08T09:00:00.000Z');

    const after = planReminders({ periods, settings: LONDON, now: '2026-01-08T09:00:00.000Z' });
    assert.deepEqual(
      after.sendNow.map((m) => [m.kind, m.audience, m.periodStart, m.dueBy, m.missedCount]),
      [['escalation', 'psw', '2025-12-29', '2026-01-04', 1]],
    );
  });

  it('after an outage sends one escalation, for the latest missed period past its grace', () => {
    const periods = [
      week('2025-12-15', '2025-12-22', 'missed'),
      week('2025-12-22', '2025-12-29', 'missed'),
      week('2025-12-29', '2026-01-05', 'missed'),
      week('2026-01-05', '2026-01-12', 'due'),
    ];
    const plan = planReminders({ periods, settings: LONDON, now: '2026-01-07T12:00:00.000Z' });
    assert.deepEqual(
      plan.sendNow.map((m) => [m.kind, m.periodStart, m.missedCount]),
      [['escalation', '2025-12-22', 3]], // 29 Dec + 3 days has passed; 5 Jan + 3 days has not
    );
    assert.equal(plan.nextActionAt, '2026-01-08T09:00:00.000Z');
  });

  it('moves a moment that falls in quiet hours to their end', () => {
    const periods = [week('2026-01-05', '2026-01-12', 'due')];
    const settings = { ...LONDON, quietHours: { start: '18:00', end: '09:30' } };
    const plan = planReminders({ periods, settings, now: '2026-01-09T09:15:00.000Z' });
    assert.deepEqual(plan.sendNow, []);
    assert.equal(plan.nextActionAt, '2026-01-09T09:30:00.000Z');
  });

  it('sets nothing ahead when nothing is in view', () => {
    assert.deepEqual(planReminders({ periods: [], settings: LONDON, now: '2026-01-07T12:00:00.000Z' }), { sendNow: [], nextActionAt: null });
  });

  it('names each message deterministically', () => {
    assert.equal(reminderMessageId('agr-1', 'reminder', '2026-01-05', 'p-ee'), 'agr-1:reminder:2026-01-05:p-ee');
  });
});

describe('reminder policy: planForAgreement over the cadence engine', () => {
  it('an NQSW in week 3 with no sessions: escalation for week 2, reminder for week 3', () => {
    const plan = planForAgreement(agreement(), [], LONDON, '2026-03-20T10:00:00.000Z');
    assert.deepEqual(
      plan.sendNow.map((m) => [m.kind, m.periodStart, m.dueBy, m.missedCount]),
      [
        ['reminder', '2026-03-16', '2026-03-22', undefined],
        ['escalation', '2026-03-09', '2026-03-15', 2],
      ],
    );
    // Week 3's escalation (23rd + 3) comes before week 4's reminder (27th).
    assert.equal(plan.nextActionAt, '2026-03-26T09:00:00.000Z');
  });

  it('a qualifying session meets the week (no reminder, and the missed run before it is over); a short one does not', () => {
    const met = planForAgreement(agreement(), [held('2026-03-17T10:00:00.000Z', 90)], LONDON, '2026-03-20T10:00:00.000Z');
    assert.deepEqual(met.sendNow, []);
    // Week 4 [23rd, 30th): reminder on the 27th; the clocks go forward on the 29th, no matter.
    assert.equal(met.nextActionAt, '2026-03-27T09:00:00.000Z');

    const short = planForAgreement(agreement(), [held('2026-03-17T10:00:00.000Z', 60)], LONDON, '2026-03-20T10:00:00.000Z');
    assert.deepEqual(short.sendNow.map((m) => m.kind), ['reminder', 'escalation']);
  });

  it('through a long pause, looks next at the first reminder after it', () => {
    const paused = agreement({ nqsw: false, pauses: [{ from: '2026-03-01', to: '2027-03-01' }] });
    const plan = planForAgreement(paused, [], LONDON, '2026-03-20T10:00:00.000Z');
    assert.deepEqual(plan.sendNow, []);
    // Months from 2 Mar 2026 are excused through [2 Feb, 2 Mar 2027); [2 Mar, 2 Apr 2027) is the
    // first to remind about: its last day 1 Apr less 2 days, 09:00 BST.
    assert.equal(plan.nextActionAt, '2027-03-30T08:00:00.000Z');
  });

  it('plans nothing for an ended agreement', () => {
    assert.deepEqual(planForAgreement(agreement({ status: 'ended' }), [], LONDON, '2026-03-20T10:00:00.000Z'), {
      sendNow: [],
      nextActionAt: null,
    });
  });

  it('quiet hours whose end does not exist that day (the clocks go forward over it): the next day\'s end', () => {
    // New York, 9 Mar 2025: 02:00-03:00 does not exist; quiet 03:00-02:00 leaves only that hour open.
    const q = { start: '03:00', end: '02:00' };
    const at = deferOutOfQuietHours('2025-03-09T08:30:00.000Z', 'America/New_York', q);
    assert.equal(isInQuietHours(at, 'America/New_York', q), false);
    assert.equal(DateTime.fromISO(at, { zone: 'America/New_York' }).toFormat('yyyy-MM-dd HH:mm'), '2025-03-10 02:00');
  });

  it('property: messages due now are at or before now; the next action is after now, outside quiet hours, never after summarize\'s', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 }), // employment start offset (days before 2027-01-01)
        fc.integer({ min: 0, max: 60 * 24 * 400 }), // now offset (minutes after employment start)
        fc.boolean(),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 6 }), // lead: up to a week less a day, so no reminder is clamped to a period's start
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        (startBack, nowMinutes, nqsw, zone, lead, grace, qs, qe) => {
          const employmentStart = DateTime.fromISO('2027-01-01', { zone: 'UTC' }).minus({ days: startBack }).toISODate() as string;
          const now = DateTime.fromISO(employmentStart, { zone }).plus({ minutes: nowMinutes }).toUTC().toISO() as string;
          const quietHours = { start: `${String(qs).padStart(2, '0')}:00`, end: `${String(qe).padStart(2, '0')}:00` };
          const settings = { zone, reminderLeadDays: lead, escalationGraceDays: grace, quietHours };
          const a = agreement({ employmentStart, agreementStart: employmentStart, nqsw });
          const plan = planForAgreement(a, [], settings, now);
          for (const m of plan.sendNow) assert.ok(Date.parse(m.at) <= Date.parse(now));
          assert.notEqual(plan.nextActionAt, null);
          const next = Date.parse(plan.nextActionAt as string);
          assert.ok(next > Date.parse(now));
          assert.equal(isInQuietHours(plan.nextActionAt as string, zone, quietHours), false);
          // Never later than summarize's own next moment, so the sweep is never woken too late.
          const theirs = summarize({ agreement: a, sessions: [], settings, now }).nextActionAt;
          if (theirs !== null && Date.parse(theirs) > Date.parse(now)) assert.ok(next <= Date.parse(theirs), `${plan.nextActionAt} > ${theirs}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
