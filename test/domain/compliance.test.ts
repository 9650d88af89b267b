import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { actionMoment, summarize, type SummarySettings } from '../../src/domain/compliance';
import { dayOf, ZoneClock } from '../../src/domain/calendar';
import type { Agreement, Session } from '../../src/domain/model';
import { planForAgreement, type PlannedMessage } from '../../src/domain/reminderPolicy';
import { emptySummary, heldSession } from '../fakes/records';

const settings: SummarySettings = {
  zone: 'Europe/London',
  reminderLeadDays: 3,
  escalationGraceDays: 2,
  quietHours: { start: '20:00', end: '08:00' },
};

const EMPTY_SUMMARY = emptySummary('2000-01-01');

// An NQSW from Mon 5 Jan 2026: weeks [5, 12), [12, 19), [19, 26), [26 Jan, 2 Feb) ...
function agreement(over: Partial<Agreement> = {}): Agreement {
  return {
    id: 'a1',
    tenantId: 't1',
    superviseeId: 'p-sw',
    supervisorId: 'p-sup',
    lineManagerIsRegisteredSocialWorker: true,
    employmentStart: '2026-01-05',
    agreementStart: '2026-01-05',
    nqsw: true,
    pauses: [],
    status: 'active',
    supervisorHistory: [{ supervisorId: 'p-sup', from: '2026-01-05' }],
    summary: EMPTY_SUMMARY,
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    ...over,
  };
}

let n = 0;
function session(start: string, minutes = 90, over: Partial<Session> = {}): Session {
  n++;
  return heldSession(start, minutes, { id: `s${n}`, tenantId: 't1', agreementId: 'a1', supervisorId: 'p-sup', superviseeId: 'p-sw', ...over });
}

const run = (now: string, sessions: Session[], over: Partial<Agreement> = {}, s: SummarySettings = settings, acted = false) =>
  summarize({ agreement: agreement(over), sessions, settings: s, now, acted });
const afterSweep = (now: string, sessions: Session[], over: Partial<Agreement> = {}, s: SummarySettings = settings) => run(now, sessions, over, s, true);

describe('compliance summary (fixed clock)', () => {
  const week1Met = session('2026-01-06T10:00:00Z');
  const week2Short = session('2026-01-13T10:00:00Z', 60);
  const notHeld = [
    session('2026-01-21T10:00:00Z', 90, { status: 'scheduled', start: undefined, minutes: undefined, uninterrupted: undefined }),
    session('2026-01-14T10:00:00Z', 90, { status: 'cancelled', cancelReason: 'ill', start: undefined }),
  ];

  it('counts periods up to today, short sessions, the last session, what is overdue and the next action', () => {
    assert.deepEqual(run('2026-01-20T10:00:00Z', [week1Met, week2Short, ...notHeld]), {
      nextDueBy: '2026-01-25',
      // week 2 was missed (ended 19 Jan): escalation 2 days later at 09:00 (GMT) comes before the reminder on 22 Jan
      nextActionAt: '2026-01-21T09:00:00.000Z',
      met: 1,
      missed: 1,
      excused: 0,
      short: 1,
      lastSessionOn: '2026-01-13',
      overdueSince: '2026-01-19',
      evaluatedOn: '2026-01-20',
    });
  });

  it('after the sweep has acted, moves nextActionAt on to the next moment after now', () => {
    const sessions = [week1Met, week2Short];
    assert.equal(afterSweep('2026-01-21T09:00:00.000Z', sessions).nextActionAt, '2026-01-22T09:00:00.000Z'); // the reminder: 25 Jan - 3 days
    assert.equal(afterSweep('2026-01-21T08:59:59.999Z', sessions).nextActionAt, '2026-01-21T09:00:00.000Z');
    // after the reminder: the escalation if week 3 is missed, 26 Jan + 2 days
    assert.equal(afterSweep('2026-01-22T09:00:00.000Z', sessions).nextActionAt, '2026-01-28T09:00:00.000Z');
  });

  it('any other recompute keeps a message that is due and maybe not sent yet: nextActionAt stays at its moment', () => {
    const sessions = [week1Met, week2Short];
    // 09:30: the week-2 escalation (09:00) may not have been swept; a change now must not skip it.
    assert.equal(run('2026-01-21T09:30:00.000Z', sessions).nextActionAt, '2026-01-21T09:00:00.000Z');
    assert.equal(run('2026-01-22T09:00:00.000Z', sessions).nextActionAt, '2026-01-21T09:00:00.000Z');
    // nothing due now (week 2 met): the next moment ahead, the week-3 reminder
    assert.equal(run('2026-01-21T09:30:00.000Z', [week1Met, session('2026-01-13T10:00:00Z')]).nextActionAt, '2026-01-22T09:00:00.000Z');
  });

  it('a met period ends the overdue run; the reminder is for the next period, never before it starts', () => {
    const summary = run('2026-01-20T10:00:00Z', [week1Met, week2Short, session('2026-01-20T08:00:00Z')]);
    assert.equal(summary.overdueSince, null);
    assert.equal(summary.met, 2);
    assert.equal(summary.missed, 1);
    assert.equal(summary.nextDueBy, '2026-02-01');
    assert.equal(summary.lastSessionOn, '2026-01-20');
    assert.equal(summary.nextActionAt, '2026-01-29T09:00:00.000Z');
    // a lead longer than the period: not before the period starts (26 Jan)
    assert.equal(run('2026-01-20T10:00:00Z', [week1Met, session('2026-01-20T08:00:00Z')], {}, { ...settings, reminderLeadDays: 10 }).nextActionAt, '2026-01-26T09:00:00.000Z');
  });

  it('overdueSince is the end of the first period of the missed run, and each missed period escalates', () => {
    const summary = run('2026-01-27T12:00:00Z', [week1Met]);
    assert.equal(summary.missed, 2);
    assert.equal(summary.overdueSince, '2026-01-19');
    // escalations of week 2 (21 Jan, past: still due to the PSW) and week 3 (28 Jan); the reminder for week 4 on 29 Jan
    assert.equal(summary.nextActionAt, '2026-01-21T09:00:00.000Z');
    assert.equal(afterSweep('2026-01-27T12:00:00Z', [week1Met]).nextActionAt, '2026-01-28T09:00:00.000Z');
  });

  it('an agreement paused to the end of the calendar has nothing due, and still escalates the run before the pause', () => {
    const summary = run('2026-01-27T12:00:00Z', [week1Met], { pauses: [{ from: '2026-01-19', to: '9999-12-31' }] });
    assert.equal(summary.nextDueBy, null);
    assert.equal(summary.overdueSince, '2026-01-19');
    assert.equal(summary.nextActionAt, '2026-01-21T09:00:00.000Z'); // week 2's escalation, due and kept
    assert.equal(afterSweep('2026-01-27T12:00:00Z', [week1Met], { pauses: [{ from: '2026-01-19', to: '9999-12-31' }] }).nextActionAt, null);
  });

  it('an excused period (leave) neither ends nor starts the overdue run', () => {
    const summary = run('2026-01-27T12:00:00Z', [week1Met], { pauses: [{ from: '2026-01-19', to: '2026-01-25' }] });
    assert.equal(summary.excused, 1);
    assert.equal(summary.missed, 1);
    assert.equal(summary.overdueSince, '2026-01-19');
    assert.equal(summary.nextDueBy, '2026-02-01');
  });

  it('counts only required periods: none before agreementStart', () => {
    const summary = run('2026-01-27T12:00:00Z', [], { agreementStart: '2026-01-14' });
    assert.deepEqual([summary.met, summary.missed, summary.overdueSince], [0, 1, '2026-01-26']);
  });

  it('moves a 09:00 moment out of quiet hours, in local time (BST in summer)', () => {
    const summer = run('2026-06-10T12:00:00Z', [], { nqsw: false, employmentStart: '2026-06-01', agreementStart: '2026-06-01' }, {
      ...settings,
      quietHours: { start: '08:00', end: '10:30' },
    });
    assert.equal(summer.nextDueBy, '2026-06-30');
    assert.equal(summer.nextActionAt, '2026-06-27T09:30:00.000Z'); // 10:30 BST
    const plain = run('2026-06-10T12:00:00Z', [], { nqsw: false, employmentStart: '2026-06-01', agreementStart: '2026-06-01' });
    assert.equal(plain.nextActionAt, '2026-06-27T08:00:00.000Z'); // 09:00 BST
  });

  it('actionMoment: quiet hours that wrap midnight end on the same morning or the next', () => {
    const london = ZoneClock.of('Europe/London') as ZoneClock;
    const at = (start: string, end: string) => actionMoment(dayOf('2026-01-10'), london, { start, end }).toUTC().toISO();
    assert.equal(at('21:00', '09:30'), '2026-01-10T09:30:00.000Z');
    assert.equal(at('08:30', '07:00'), '2026-01-11T07:00:00.000Z');
    assert.equal(at('22:00', '07:00'), '2026-01-10T09:00:00.000Z');
    assert.equal(at('09:00', '09:00'), '2026-01-10T09:00:00.000Z'); // empty quiet hours
    assert.equal(at('09:00', '09:01'), '2026-01-10T09:01:00.000Z');
  });

  it('draft and paused agreements have no next action; their schedule is still reported', () => {
    for (const status of ['draft', 'paused'] as const) {
      const summary = run('2026-01-20T10:00:00Z', [week1Met], { status });
      assert.equal(summary.nextActionAt, null, status);
      assert.equal(summary.nextDueBy, '2026-01-25', status);
      assert.equal(summary.met, 1, status);
    }
  });

  it('an ended agreement is counted as of its end, with nothing due or overdue', () => {
    const summary = run('2026-03-01T10:00:00Z', [week1Met], { status: 'ended', endedOn: '2026-01-20' });
    assert.deepEqual(summary, {
      nextDueBy: null,
      nextActionAt: null,
      met: 1,
      missed: 1,
      excused: 0,
      short: 0,
      lastSessionOn: '2026-01-06',
      overdueSince: null,
      evaluatedOn: '2026-03-01',
    });
  });

  it('takes today in the organisation zone, and ignores held sessions after today for lastSessionOn', () => {
    const ny = { ...settings, zone: 'America/New_York' };
    const summary = run('2026-03-02T03:00:00Z', [session('2026-03-02T02:00:00Z'), session('2026-03-05T15:00:00Z')], { nqsw: false, employmentStart: '2026-02-01', agreementStart: '2026-02-01' }, ny);
    assert.equal(summary.evaluatedOn, '2026-03-01');
    assert.equal(summary.lastSessionOn, '2026-03-01');
    // 21:00 EST on 1 Mar meets [1 Mar, 1 Apr) (in London it would be 2 Mar); [1 Feb, 1 Mar) was missed
    assert.equal(summary.met, 1);
    assert.equal(summary.missed, 1);
    assert.equal(summary.nextDueBy, '2026-04-30');
  });

  it('counts interrupted sessions as short, and not-held ones not at all', () => {
    const summary = run('2026-01-20T10:00:00Z', [session('2026-01-06T10:00:00Z', 120, { uninterrupted: false }), week2Short, ...notHeld]);
    assert.equal(summary.short, 2);
    assert.equal(summary.met, 0);
    assert.equal(summary.missed, 2);
  });

  it('wakes the sweep for the next period\'s reminder when it comes before this period\'s escalation (lead 4, grace 3)', () => {
    // Weeks [5, 12) and [12, 19) Jan. Week 1: reminder 7 Jan, escalation 15 Jan; week 2: reminder 14 Jan.
    const s = { ...settings, reminderLeadDays: 4, escalationGraceDays: 3 };
    for (const now of ['2026-01-07T09:00:00.000Z', '2026-01-08T10:00:00Z', '2026-01-13T09:00:00Z']) {
      assert.equal(afterSweep(now, [], {}, s).nextActionAt, '2026-01-14T09:00:00.000Z', now);
    }
    assert.equal(afterSweep('2026-01-14T09:00:00.000Z', [], {}, s).nextActionAt, '2026-01-15T09:00:00.000Z');
  });
});

describe('compliance summary: nextActionAt against the reminder policy (property)', () => {
  const ZONES = ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'Australia/Lord_Howe', 'UTC'];
  const hhmm = (halfHours: number) => `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 === 0 ? '00' : '30'}`;
  const idOf = (m: PlannedMessage) => `${m.kind}:${m.periodStart}`;

  it('is never later than the first message the policy would send, and (after the sweep) no earlier either', () => {
    fc.assert(
      fc.property(
        fc.record({
          startBack: fc.integer({ min: 0, max: 900 }), // employment start: days before 2027-01-01
          nqsw: fc.boolean(),
          agreementAfter: fc.integer({ min: 0, max: 200 }), // A - S in days
          nowMinutes: fc.integer({ min: 0, max: 60 * 24 * 500 }), // now - S
          zone: fc.constantFrom(...ZONES),
          lead: fc.integer({ min: 0, max: 30 }),
          grace: fc.integer({ min: 0, max: 30 }),
          quietStart: fc.integer({ min: 0, max: 47 }),
          quietEnd: fc.integer({ min: 0, max: 47 }),
          sessions: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), minutes: fc.integer({ min: 60, max: 120 }), uninterrupted: fc.boolean() }), { maxLength: 8 }),
          pauses: fc.array(fc.record({ from: fc.integer({ min: 0, max: 500 }), days: fc.integer({ min: 0, max: 60 }) }), { maxLength: 2 }),
        }),
        (c) => {
          const S = DateTime.fromISO('2027-01-01', { zone: c.zone }).minus({ days: c.startBack });
          const iso = (d: DateTime) => d.toISODate() as string;
          const nowDt = S.plus({ minutes: c.nowMinutes });
          const now = nowDt.toUTC().toISO() as string;
          const s: SummarySettings = { zone: c.zone, reminderLeadDays: c.lead, escalationGraceDays: c.grace, quietHours: { start: hhmm(c.quietStart), end: hhmm(c.quietEnd) } };
          // Held sessions are recorded only once they have started: all before now.
          const sessions = c.sessions.map((x) => session(S.plus({ minutes: Math.floor(x.at * c.nowMinutes) }).toUTC().toISO() as string, x.minutes, { uninterrupted: x.uninterrupted }));
          const a = agreement({
            employmentStart: iso(S),
            agreementStart: iso(S.plus({ days: c.agreementAfter })),
            nqsw: c.nqsw,
            pauses: c.pauses.map((p) => ({ from: iso(S.plus({ days: p.from })), to: iso(S.plus({ days: p.from + p.days })) })),
          });
          const plan = (at: string) => planForAgreement(a, sessions, s, at);
          const nowMs = Date.parse(now);
          const dueNow = plan(now).sendNow;
          const sentNow = new Set(dueNow.map(idOf));

          const afterSweep = summarize({ agreement: a, sessions, settings: s, now, acted: true }).nextActionAt;
          assert.notEqual(afterSweep, null, 'an active agreement always has something ahead');
          const next = Date.parse(afterSweep as string);
          assert.ok(next > nowMs, `${afterSweep} is not after ${now}`);

          // Every message is sent at 09:00 local on some day (moved out of quiet hours): ask the
          // policy at each such moment up to nextActionAt whether it would send anything new.
          const clock = ZoneClock.of(c.zone) as ZoneClock;
          let firstNew = Infinity;
          for (let d = dayOf(iso(nowDt.setZone(c.zone))) - 1; ; d++) {
            const t = actionMoment(d, clock, s.quietHours).toMillis();
            if (t > next) break;
            if (t <= nowMs) continue;
            if (plan(new Date(t).toISOString()).sendNow.some((m) => !sentNow.has(idOf(m)))) {
              firstNew = t;
              break;
            }
          }
          assert.ok(firstNew >= next, `the policy sends something new at ${firstNew}, before nextActionAt ${afterSweep}`);
          // A moment moved past midnight by quiet hours may fall after the period it was for; otherwise exact.
          const nineInQuiet = c.quietStart > c.quietEnd && 18 >= c.quietStart;
          if (!nineInQuiet) assert.equal(firstNew, next, `nothing new is sent at nextActionAt ${afterSweep}`);

          // Any other recompute: no later than a message due now, else the same as after the sweep.
          const kept = summarize({ agreement: a, sessions, settings: s, now }).nextActionAt as string;
          if (dueNow.length > 0) assert.equal(Date.parse(kept), Math.min(...dueNow.map((m) => Date.parse(m.at))));
          else assert.equal(kept, afterSweep);
        },
      ),
      { numRuns: 200 },
    );
  });
});
