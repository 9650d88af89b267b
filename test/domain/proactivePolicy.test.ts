import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Agreement } from '../../src/domain/model';
import {
  groupSupervisorReminders,
  planAgreement,
  replanNextActionAt,
  summaryWithProactivePlan,
  type ProactiveSettings,
} from '../../src/domain/proactivePolicy';
import { workingCalendar } from '../../src/domain/workingCalendar';
import { activeAgreement } from '../fakes/records';
import { LONDON_SETTINGS, sessionsAt, simulate, type ScriptedSession, type Sent } from './proactiveSimulation';

const ZONE = 'Europe/London';
const SETTINGS: ProactiveSettings = LONDON_SETTINGS;
/** England and Wales over the journey, injected (bankHolidays.ts is checked against these in its own test). */
const CALENDAR = workingCalendar([1, 2, 3, 4, 5], ['2026-12-25', '2026-12-28', '2027-01-01']);

/** Noah, an NQSW from Monday 5 October 2026, supervised by Sam. */
const NOAH: Agreement = activeAgreement({
  id: 'agr-noah',
  tenantId: 't1',
  superviseeId: 'noah',
  supervisorId: 'sam',
  employmentStart: '2026-10-05',
  agreementStart: '2026-10-05',
  nqsw: true,
  supervisorHistory: [{ supervisorId: 'sam', from: '2026-10-05' }],
});

/** A local wall time in London as an instant. */
const at = (local: string): string => DateTime.fromISO(local, { zone: ZONE }).toUTC().toISO() as string;

const line = (s: Sent): string => {
  const m = s.message;
  const when = DateTime.fromISO(s.sentAt, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm ZZ');
  const extra = [
    m.session ? `session ${DateTime.fromISO(m.session.start, { zone: ZONE }).toFormat('ccc dd MMM HH:mm')}` : '',
    m.missedCount !== undefined ? `missed ${m.missedCount}${m.atOnce ? ' at once' : ''}` : '',
    m.informedIds ? `informed ${m.informedIds.join(',')}` : '',
  ].filter((x) => x !== '');
  return [when, m.kind, m.periodStart, `-> ${m.recipientId}`, ...extra].join(' ');
};

describe('domain/proactivePolicy: a 14-week NQSW journey through the clock change and Christmas', () => {
  // Weeks from Mon 5 Oct, then fortnights from Mon 16 Nov. The clocks go back on Sun 25 Oct;
  // Christmas Day (Fri), Boxing Day's substitute (Mon 28 Dec) and New Year's Day (Fri) are bank holidays.
  const scripts: ScriptedSession[] = [
    // Week 1: booked on Monday for Thursday, held.
    { id: 's1', bookedAt: at('2026-10-05T10:00'), start: at('2026-10-08T14:00'), minutes: 90, recordedAt: at('2026-10-08T15:45') },
    // Week 2: held on Wednesday without being booked in the bot first.
    { id: 's2', start: at('2026-10-14T11:00'), minutes: 95, recordedAt: at('2026-10-14T12:45') },
    // Weeks 3 and 4 (across the clock change): nothing.
    // Week 5: booked on Monday, after the escalation, for Thursday; held.
    { id: 's5', bookedAt: at('2026-11-02T10:00'), start: at('2026-11-05T10:00'), minutes: 90, recordedAt: at('2026-11-05T11:40') },
    // Week 6: held on Tuesday, before its reminder.
    { id: 's6', start: at('2026-11-10T13:00'), minutes: 120, recordedAt: at('2026-11-10T15:10') },
    // Fortnight 1: booked on its first day for Monday 23rd, held.
    { id: 'f1', bookedAt: at('2026-11-16T10:00'), start: at('2026-11-23T14:00'), minutes: 90, recordedAt: at('2026-11-23T15:40') },
    // Fortnight 2: booked for Thursday 10 Dec, cancelled on the 7th; held on Friday 11th after the second reminder.
    { id: 'f2a', bookedAt: at('2026-12-01T10:00'), start: at('2026-12-10T14:00'), minutes: 90, cancelledAt: at('2026-12-07T12:00') },
    { id: 'f2b', start: at('2026-12-11T14:00'), minutes: 90, recordedAt: at('2026-12-11T15:45') },
    // Fortnight 3 (14-27 Dec): nothing. Fortnight 4 (28 Dec - 10 Jan): held on Thursday 7 January.
    { id: 'f4', start: at('2027-01-07T10:00'), minutes: 90, recordedAt: at('2027-01-07T11:45') },
  ];

  it('sends exactly these messages, at these local times', () => {
    const { sent } = simulate({ agreement: NOAH, scripts, settings: SETTINGS, calendar: CALENDAR, from: at('2026-10-05T00:00'), until: at('2027-01-11T23:59') });
    assert.deepEqual(sent.map(line), [
      'Wed 2026-10-07 09:00 +01:00 reminder-session 2026-10-05 -> sam session Thu 08 Oct 14:00',
      'Wed 2026-10-07 09:00 +01:00 reminder-session 2026-10-05 -> noah session Thu 08 Oct 14:00',
      'Wed 2026-10-14 09:00 +01:00 reminder-due 2026-10-12 -> sam',
      'Wed 2026-10-14 09:00 +01:00 reminder-due 2026-10-12 -> noah',
      'Wed 2026-10-21 09:00 +01:00 reminder-due 2026-10-19 -> sam',
      'Wed 2026-10-21 09:00 +01:00 reminder-due 2026-10-19 -> noah',
      'Fri 2026-10-23 09:00 +01:00 reminder-due-today 2026-10-19 -> sam',
      'Fri 2026-10-23 09:00 +01:00 reminder-due-today 2026-10-19 -> noah',
      'Wed 2026-10-28 09:00 +00:00 reminder-due 2026-10-26 -> sam',
      'Wed 2026-10-28 09:00 +00:00 reminder-due 2026-10-26 -> noah',
      'Fri 2026-10-30 09:00 +00:00 reminder-due-today 2026-10-26 -> sam',
      'Fri 2026-10-30 09:00 +00:00 reminder-due-today 2026-10-26 -> noah',
      // Two weeks missed in a row: the PSW at once, the first working day after, and Sam is told.
      'Mon 2026-11-02 09:00 +00:00 escalation 2026-10-26 -> priya missed 2 at once',
      'Mon 2026-11-02 09:00 +00:00 escalation-notice 2026-10-26 -> sam missed 2 at once informed priya',
      'Wed 2026-11-04 09:00 +00:00 reminder-session 2026-11-02 -> sam session Thu 05 Nov 10:00',
      'Wed 2026-11-04 09:00 +00:00 reminder-session 2026-11-02 -> noah session Thu 05 Nov 10:00',
      // Monday's session: reminded on the Friday before.
      'Fri 2026-11-20 09:00 +00:00 reminder-session 2026-11-16 -> sam session Mon 23 Nov 14:00',
      'Fri 2026-11-20 09:00 +00:00 reminder-session 2026-11-16 -> noah session Mon 23 Nov 14:00',
      // The booking was cancelled: "schedule one" three working days before Sunday 13th, and again on Friday.
      'Wed 2026-12-09 09:00 +00:00 reminder-due 2026-11-30 -> sam',
      'Wed 2026-12-09 09:00 +00:00 reminder-due 2026-11-30 -> noah',
      'Fri 2026-12-11 09:00 +00:00 reminder-due-today 2026-11-30 -> sam',
      'Fri 2026-12-11 09:00 +00:00 reminder-due-today 2026-11-30 -> noah',
      // Due by Sunday 27 Dec: three working days back from it skip Christmas Day; the last working day is the 24th.
      'Tue 2026-12-22 09:00 +00:00 reminder-due 2026-12-14 -> sam',
      'Tue 2026-12-22 09:00 +00:00 reminder-due 2026-12-14 -> noah',
      'Thu 2026-12-24 09:00 +00:00 reminder-due-today 2026-12-14 -> sam',
      'Thu 2026-12-24 09:00 +00:00 reminder-due-today 2026-12-14 -> noah',
      // Missed over Christmas: five working days after it ended (28 Dec and 1 Jan are bank holidays).
      'Tue 2027-01-05 09:00 +00:00 escalation 2026-12-14 -> priya missed 1',
      'Tue 2027-01-05 09:00 +00:00 escalation-notice 2026-12-14 -> sam missed 1 informed priya',
      'Wed 2027-01-06 09:00 +00:00 reminder-due 2026-12-28 -> sam',
      'Wed 2027-01-06 09:00 +00:00 reminder-due 2026-12-28 -> noah',
    ]);
  });

  it('what fell due while the bot was down goes when it is back, at a send moment, once', () => {
    // Down from Tuesday 22 Dec 08:00 to Wednesday 23 Dec 12:00: Tuesday's reminder goes at 12:00 on Wednesday.
    const { sent } = simulate({
      agreement: NOAH,
      scripts,
      settings: SETTINGS,
      calendar: CALENDAR,
      from: at('2026-12-20T00:00'),
      until: at('2026-12-24T23:59'),
      outages: [{ from: at('2026-12-22T08:00'), to: at('2026-12-23T12:00') }],
    });
    assert.deepEqual(sent.map(line), [
      'Wed 2026-12-23 12:00 +00:00 reminder-due 2026-12-14 -> sam',
      'Wed 2026-12-23 12:00 +00:00 reminder-due 2026-12-14 -> noah',
      'Thu 2026-12-24 09:00 +00:00 reminder-due-today 2026-12-14 -> sam',
      'Thu 2026-12-24 09:00 +00:00 reminder-due-today 2026-12-14 -> noah',
    ]);
  });

  it('back on a day off, nothing goes until the next send moment, and a reminder for a period now over is dropped', () => {
    // Down from Thursday 24 Dec 08:00 to Sunday 27 Dec 12:00: by the next send moment (Tue 29th) the
    // fortnight has ended, so its "due today" reminder no longer applies; the escalation follows in January.
    const { sent, sweeps } = simulate({
      agreement: NOAH,
      scripts,
      settings: SETTINGS,
      calendar: CALENDAR,
      from: at('2026-12-20T00:00'),
      until: at('2026-12-31T23:59'),
      outages: [{ from: at('2026-12-24T08:00'), to: at('2026-12-27T12:00') }],
    });
    assert.deepEqual(sent.map(line), [
      'Tue 2026-12-22 09:00 +00:00 reminder-due 2026-12-14 -> sam',
      'Tue 2026-12-22 09:00 +00:00 reminder-due 2026-12-14 -> noah',
    ]);
    assert.equal(sweeps, 3, 'Tuesday 22nd; Sunday 27th at noon, back up (sends nothing); Tuesday 29th at 09:00');
  });

  it('a sweep woken on a day off sends nothing and wakes again at the next send moment', () => {
    const sessions = sessionsAt(NOAH, scripts, Date.parse(at('2026-12-26T10:00')));
    const plan = planAgreement({ agreement: NOAH, sessions, settings: SETTINGS, calendar: CALENDAR, now: at('2026-12-24T20:00') });
    assert.deepEqual(plan.sendNow, []);
    assert.equal(plan.nextActionAt, at('2026-12-29T09:00'));
  });

  it('an emergency duty team working weekends is reminded on a Sunday', () => {
    const everyDay = workingCalendar([1, 2, 3, 4, 5, 6, 7], ['2026-12-25', '2026-12-26', '2026-12-28', '2027-01-01']);
    const { sent } = simulate({ agreement: NOAH, scripts: [], settings: SETTINGS, calendar: everyDay, from: at('2026-10-05T00:00'), until: at('2026-10-11T23:59') });
    // Due by Sunday 11th: three working days before is Thursday 8th; on the day itself, Sunday.
    assert.deepEqual(sent.map(line), [
      'Thu 2026-10-08 09:00 +01:00 reminder-due 2026-10-05 -> sam',
      'Thu 2026-10-08 09:00 +01:00 reminder-due 2026-10-05 -> noah',
      'Sun 2026-10-11 09:00 +01:00 reminder-due-today 2026-10-05 -> sam',
      'Sun 2026-10-11 09:00 +01:00 reminder-due-today 2026-10-05 -> noah',
    ]);
  });

  it('plans nothing for an agreement that is not active', () => {
    for (const status of ['draft', 'paused', 'ended'] as const) {
      const plan = planAgreement({ agreement: { ...NOAH, status }, sessions: [], settings: SETTINGS, calendar: CALENDAR, now: at('2026-10-21T09:00') });
      assert.deepEqual(plan, { sendNow: [], nextActionAt: null });
    }
  });

  it('escalates to the admins when there is no PSW', () => {
    const plan = planAgreement({ agreement: NOAH, sessions: [], settings: { ...SETTINGS, pswIds: [] }, calendar: CALENDAR, now: at('2026-10-19T09:00') });
    // Week 1 missed, week 2 missed: two in a row, at once on Monday 19th.
    const escalations = plan.sendNow.filter((m) => m.kind.startsWith('escalation'));
    assert.deepEqual(
      escalations.map((m) => [m.kind, m.recipientId, m.periodStart, m.missedCount]),
      [
        ['escalation', 'adm', '2026-10-12', 2],
        ['escalation-notice', 'sam', '2026-10-12', 2],
      ],
    );
  });
});

describe('domain/proactivePolicy: one card a day per supervisor', () => {
  it('gathers a supervisor’s reminders of one day into one digest, and leaves the rest alone', () => {
    const amira: Agreement = { ...NOAH, id: 'agr-amira', superviseeId: 'amira' };
    const now = at('2026-10-07T09:00');
    const messages = [NOAH, amira].flatMap(
      (agreement) => planAgreement({ agreement, sessions: [], settings: SETTINGS, calendar: CALENDAR, now }).sendNow,
    );
    const { digests, others } = groupSupervisorReminders(messages, ZONE);
    assert.equal(digests.length, 1);
    assert.equal(digests[0].id, 'reminder-digest:sam:2026-10-07');
    assert.deepEqual(
      digests[0].items.map((m) => [m.agreementId, m.kind, m.dueBy]),
      [
        ['agr-noah', 'reminder-due', '2026-10-11'],
        ['agr-amira', 'reminder-due', '2026-10-11'],
      ],
    );
    assert.deepEqual(
      others.map((m) => m.recipientId),
      ['noah', 'amira'],
    );
  });
});

describe('domain/proactivePolicy: settings take effect at once (re-plan from the stored summary)', () => {
  const before = { settings: SETTINGS, calendar: CALENDAR };

  function stored(now: string, sessions: ScriptedSession[] = []): Agreement {
    const { summary } = summaryWithProactivePlan({
      agreement: NOAH,
      sessions: sessionsAt(NOAH, sessions, Date.parse(now)),
      settings: SETTINGS,
      calendar: CALENDAR,
      now,
      acted: true,
    });
    return { ...NOAH, summary };
  }

  it('more lead days bring the reminder forward, to now when its moment has passed', () => {
    // Monday 12 Oct, 10:00: week 2's reminder is Wednesday's (3 working days before Sunday 18th).
    const agreement = stored(at('2026-10-12T10:00'));
    assert.equal(agreement.summary.nextActionAt, at('2026-10-14T09:00'));
    const four = { settings: { ...SETTINGS, reminderLeadDays: 4 }, calendar: CALENDAR };
    assert.equal(replanNextActionAt(agreement, before, four, at('2026-10-12T10:00')), at('2026-10-13T09:00'));
    const five = { settings: { ...SETTINGS, reminderLeadDays: 5 }, calendar: CALENDAR };
    assert.equal(replanNextActionAt(agreement, before, five, at('2026-10-12T10:00')), at('2026-10-12T10:00'));
  });

  it('a later send time or another calendar moves the moment; the result matches a full plan', () => {
    const agreement = stored(at('2026-10-12T10:00'));
    const later = { settings: { ...SETTINGS, sendTime: '10:30' }, calendar: CALENDAR };
    assert.equal(replanNextActionAt(agreement, before, later, at('2026-10-12T10:00')), at('2026-10-14T10:30'));
    const wednesdayOff = { settings: SETTINGS, calendar: workingCalendar([1, 2, 4, 5]) };
    const replanned = replanNextActionAt(agreement, before, wednesdayOff, at('2026-10-12T10:00'));
    const full = summaryWithProactivePlan({ agreement: NOAH, sessions: [], ...wednesdayOff, now: at('2026-10-12T10:00'), acted: true });
    assert.equal(replanned, full.summary.nextActionAt);
    assert.equal(replanned, at('2026-10-13T09:00')); // Fri, Thu, Tue: 3 working days before Sunday
  });

  it('knows a booked session from the summary and keeps its reminder', () => {
    const booked: ScriptedSession[] = [{ id: 'b', bookedAt: at('2026-10-12T09:30'), start: at('2026-10-16T14:00'), minutes: 90 }];
    const agreement = stored(at('2026-10-12T10:00'), booked);
    assert.equal(agreement.summary.bookedSessionStart, at('2026-10-16T14:00'));
    assert.equal(agreement.summary.nextActionAt, at('2026-10-15T09:00'));
    const later = { settings: { ...SETTINGS, sendTime: '11:00' }, calendar: CALENDAR };
    assert.equal(replanNextActionAt(agreement, before, later, at('2026-10-12T10:00')), at('2026-10-15T11:00'));
  });

  it('keeps a moment still pending, and plans nothing for an agreement that is not active', () => {
    const agreement = { ...stored(at('2026-10-12T10:00')), summary: { ...stored(at('2026-10-12T10:00')).summary, nextActionAt: at('2026-10-12T09:00') } };
    assert.equal(replanNextActionAt(agreement, before, before, at('2026-10-12T10:00')), at('2026-10-12T09:00'));
    assert.equal(replanNextActionAt({ ...agreement, status: 'paused' }, before, before, at('2026-10-12T10:00')), null);
  });
});
