import assert from 'node:assert/strict';
import {
  evaluateCadence,
  isQualifying,
  validateStricterCadence,
  type CadenceCase,
  type CadenceSession,
} from '../../src/domain/cadence';

/** A held, uninterrupted session of `minutes` starting at `start`. */
const held = (start: string, minutes = 90): CadenceSession => ({ start, minutes, held: true, uninterrupted: true });

type Case = Omit<CadenceCase, 'sessions'> & { sessions?: readonly CadenceSession[] };

const evaluate = (c: Case) => evaluateCadence({ sessions: [], ...c });

/** Periods as `start end phase status` lines: a failing table shows exactly which period differs. */
const lines = (c: Case): string[] => evaluate(c).periods.map((p) => `${p.start} ${p.end} ${p.phase} ${p.status}`);

/** The status of the period that starts on `start`. */
const statusOf = (c: Case, start: string): string | undefined => evaluate(c).periods.find((p) => p.start === start)?.status;

describe('cadence engine (Standard 5, SPEC normative rule)', () => {
  describe('NQSW schedule anchored at employmentStart', () => {
    it('lists six weekly, fortnightly to six months (the last cut at M6), then monthly periods', () => {
      // S = Mon 5 Jan 2026; S + 42 = 16 Feb; M6 = 5 Jul 2026 (181 days: nine fortnights and 13 days)
      assert.deepEqual(lines({ employmentStart: '2026-01-05', nqsw: true, today: '2026-01-04', until: '2026-08-06' }), [
        '2026-01-05 2026-01-12 weekly upcoming',
        '2026-01-12 2026-01-19 weekly upcoming',
        '2026-01-19 2026-01-26 weekly upcoming',
        '2026-01-26 2026-02-02 weekly upcoming',
        '2026-02-02 2026-02-09 weekly upcoming',
        '2026-02-09 2026-02-16 weekly upcoming',
        '2026-02-16 2026-03-02 fortnightly upcoming',
        '2026-03-02 2026-03-16 fortnightly upcoming',
        '2026-03-16 2026-03-30 fortnightly upcoming',
        '2026-03-30 2026-04-13 fortnightly upcoming',
        '2026-04-13 2026-04-27 fortnightly upcoming',
        '2026-04-27 2026-05-11 fortnightly upcoming',
        '2026-05-11 2026-05-25 fortnightly upcoming',
        '2026-05-25 2026-06-08 fortnightly upcoming',
        '2026-06-08 2026-06-22 fortnightly upcoming',
        '2026-06-22 2026-07-05 fortnightly upcoming',
        '2026-07-05 2026-08-05 monthly upcoming',
        '2026-08-05 2026-09-05 monthly upcoming',
      ]);
    });

    const S = '2026-01-05';
    const at = (day: string) => ({ employmentStart: S, nqsw: true, today: '2026-09-30', until: '2026-10-01', sessions: [held(`${day}T10:00:00Z`)] });
    const boundaryTable: [string, string, string][] = [
      // session day, period it meets, why
      ['2026-02-15', '2026-02-09', 'S + 41 days: last day of the weekly phase'],
      ['2026-02-16', '2026-02-16', 'S + 42 days: first day of the fortnightly phase'],
      ['2026-07-04', '2026-06-22', 'M6 - 1 day: last day of the cut fortnight'],
      ['2026-07-05', '2026-07-05', 'M6: first day of the monthly phase'],
      ['2026-08-04', '2026-07-05', 'last day of the first month'],
      ['2026-08-05', '2026-08-05', 'first day of the second month'],
    ];
    for (const [day, period, why] of boundaryTable) {
      it(`a session on ${day} meets the period starting ${period} (${why})`, () => {
        const periods = evaluate(at(day)).periods;
        assert.deepEqual(
          periods.filter((p) => p.status === 'met').map((p) => p.start),
          [period],
        );
      });
    }

    it('cuts the last fortnight short at M6 even to two days', () => {
      // S = 1 Mar 2026: M6 = 1 Sep (184 days), S + 42 = 12 Apr, ten full fortnights end 30 Aug
      const periods = lines({ employmentStart: '2026-03-01', nqsw: true, today: '2026-01-01', until: '2026-09-02' }).slice(-3);
      assert.deepEqual(periods, [
        '2026-08-16 2026-08-30 fortnightly upcoming',
        '2026-08-30 2026-09-01 fortnightly upcoming',
        '2026-09-01 2026-10-01 monthly upcoming',
      ]);
    });
  });

  describe('month ends and 29 February: each boundary counted from the anchor, never chained', () => {
    const monthly = (c: Case): string[] => evaluate(c).periods.filter((p) => p.phase === 'monthly').map((p) => `${p.start}..${p.end}`);

    it('S = 31 Aug 2025 (NQSW): 28 Feb, 31 Mar, 30 Apr, 31 May ...', () => {
      assert.deepEqual(monthly({ employmentStart: '2025-08-31', nqsw: true, today: '2025-08-31', until: '2026-08-01' }), [
        '2026-02-28..2026-03-31',
        '2026-03-31..2026-04-30',
        '2026-04-30..2026-05-31',
        '2026-05-31..2026-06-30',
        '2026-06-30..2026-07-31',
        '2026-07-31..2026-08-31',
      ]);
    });

    it('S = 31 Aug 2023 (NQSW): M6 is 29 Feb 2024 in a leap year', () => {
      const r = lines({ employmentStart: '2023-08-31', nqsw: true, today: '2023-08-31', until: '2024-04-01' });
      assert.deepEqual(r.slice(-3), [
        '2024-02-15 2024-02-29 fortnightly upcoming',
        '2024-02-29 2024-03-31 monthly upcoming',
        '2024-03-31 2024-04-30 monthly upcoming',
      ]);
    });

    it('S = 29 Feb 2024 (NQSW): M6 = 29 Aug, then 29th of each month and 28 Feb 2025, back to 29 Mar', () => {
      assert.deepEqual(monthly({ employmentStart: '2024-02-29', nqsw: true, today: '2024-02-29', until: '2025-04-01' }), [
        '2024-08-29..2024-09-29',
        '2024-09-29..2024-10-29',
        '2024-10-29..2024-11-29',
        '2024-11-29..2024-12-29',
        '2024-12-29..2025-01-29',
        '2025-01-29..2025-02-28',
        '2025-02-28..2025-03-29',
        '2025-03-29..2025-04-29',
      ]);
    });

    it('non-NQSW from A = 31 Jan: 28 Feb, 31 Mar, 30 Apr, 31 May', () => {
      assert.deepEqual(monthly({ employmentStart: '2020-05-01', agreementStart: '2026-01-31', nqsw: false, today: '2026-01-31', until: '2026-05-01' }), [
        '2026-01-31..2026-02-28',
        '2026-02-28..2026-03-31',
        '2026-03-31..2026-04-30',
        '2026-04-30..2026-05-31',
      ]);
    });

    it('non-NQSW from A = 29 Feb 2024: 29 Mar ... 28 Feb 2025, 29 Mar 2025', () => {
      const r = monthly({ employmentStart: '2024-02-29', nqsw: false, today: '2024-02-29', until: '2025-03-02' });
      assert.equal(r[0], '2024-02-29..2024-03-29');
      assert.deepEqual(r.slice(-2), ['2025-01-29..2025-02-28', '2025-02-28..2025-03-29']);
      assert.equal(r.length, 13);
    });

    it('a session on 29 Feb meets the period that contains it', () => {
      const c = { employmentStart: '2024-01-29', nqsw: false, today: '2024-04-01', until: '2024-04-01', sessions: [held('2024-02-29T12:00:00Z')] };
      assert.deepEqual(lines(c), ['2024-01-29 2024-02-29 monthly missed', '2024-02-29 2024-03-29 monthly met', '2024-03-29 2024-04-29 monthly due']);
    });
  });

  describe('status on today T: met, excused, upcoming (start > T), due (start <= T < end), missed (end <= T)', () => {
    // non-NQSW, first period [15 Jan, 15 Feb 2026)
    const base = { employmentStart: '2026-01-15', nqsw: false, until: '2026-01-16' };
    const table: [string, string, string][] = [
      ['2026-01-14', 'upcoming', '2026-02-14'],
      ['2026-01-15', 'due', '2026-02-14'],
      ['2026-02-14', 'due', '2026-02-14'],
      ['2026-02-15', 'missed', '2026-03-14'],
    ];
    for (const [today, status, nextDueBy] of table) {
      it(`on ${today} the period is ${status} and next due by ${nextDueBy}`, () => {
        const r = evaluate({ ...base, today });
        assert.equal(r.periods[0].status, status);
        assert.equal(r.nextDueBy, nextDueBy);
      });
    }

    it('a met period is met whether upcoming, due or past; nextDueBy moves to the next unmet period', () => {
      const sessions = [held('2026-01-20T09:00:00Z')];
      for (const today of ['2026-01-10', '2026-01-20', '2026-03-01']) {
        assert.equal(evaluate({ ...base, today, sessions }).periods[0].status, 'met', today);
      }
      assert.equal(evaluate({ ...base, today: '2026-01-20', sessions }).nextDueBy, '2026-03-14');
    });
  });

  describe('qualifying sessions: held, at least 90 minutes, uninterrupted', () => {
    const c = (s: CadenceSession) => ({ employmentStart: '2026-01-01', nqsw: false, today: '2026-03-01', until: '2026-01-02', sessions: [s] });
    const table: [string, CadenceSession, string][] = [
      ['90 minutes', held('2026-01-10T10:00:00Z', 90), 'met'],
      ['89 minutes (short)', held('2026-01-10T10:00:00Z', 89), 'missed'],
      ['89.5 minutes (short)', held('2026-01-10T10:00:00Z', 89.5), 'missed'],
      ['180 minutes interrupted', { start: '2026-01-10T10:00:00Z', minutes: 180, held: true, uninterrupted: false }, 'missed'],
      ['not held', { start: '2026-01-10T10:00:00Z', minutes: 120, held: false, uninterrupted: true }, 'missed'],
    ];
    for (const [what, session, status] of table) {
      it(`${what}: ${status}`, () => {
        assert.equal(evaluate(c(session)).periods[0].status, status);
        assert.equal(isQualifying(session), status === 'met');
      });
    }

    it('two short sessions never add up to a qualifying one', () => {
      const r = evaluate({ ...c(held('2026-01-10T10:00:00Z', 60)), sessions: [held('2026-01-10T10:00:00Z', 60), held('2026-01-10T11:00:00Z', 60)] });
      assert.equal(r.periods[0].status, 'missed');
    });

    it('sessions in any order are matched to their periods', () => {
      const r = evaluate({
        employmentStart: '2026-01-01',
        nqsw: false,
        today: '2026-05-01',
        until: '2026-05-01',
        sessions: [held('2026-04-02T10:00:00Z'), held('2026-01-05T10:00:00Z'), held('2026-03-31T10:00:00Z')],
      });
      assert.deepEqual(
        r.periods.map((p) => p.status),
        ['met', 'missed', 'met', 'met'],
      );
    });
  });

  describe('a session belongs to the local date on which it starts', () => {
    // NQSW from Mon 23 Mar 2026: week 1 [23 Mar, 30 Mar), week 2 [30 Mar, 6 Apr); clocks go forward 29 Mar 01:00 UTC
    const spring = (start: string, zone?: string) =>
      evaluate({ employmentStart: '2026-03-23', nqsw: true, today: '2026-04-10', until: '2026-04-06', sessions: [held(start)], ...(zone ? { zone } : {}) }).periods.map(
        (p) => p.status,
      );
    // NQSW from Mon 19 Oct 2026: week 1 [19 Oct, 26 Oct), week 2 [26 Oct, 2 Nov); clocks go back 25 Oct 01:00 UTC
    const autumn = (start: string) =>
      evaluate({ employmentStart: '2026-10-19', nqsw: true, today: '2026-11-10', until: '2026-11-02', sessions: [held(start)] }).periods.map((p) => p.status);

    const table: [string, () => string[], string[]][] = [
      ['00:30 GMT on the Sunday clocks go forward is that Sunday', () => spring('2026-03-29T00:30:00Z'), ['met', 'missed']],
      ['23:59 BST that Sunday (22:59 UTC) is still that Sunday', () => spring('2026-03-29T22:59:00Z'), ['met', 'missed']],
      ['23:30 UTC that Sunday is 00:30 BST on Monday: next period', () => spring('2026-03-29T23:30:00Z'), ['missed', 'met']],
      ['an offset written as +01:00 reads the same instant', () => spring('2026-03-30T00:30:00+01:00'), ['missed', 'met']],
      ['a basic offset (+0100) too', () => spring('2026-03-30T00:30:00+0100'), ['missed', 'met']],
      ['a date-time without offset is local wall time', () => spring('2026-03-29T23:30'), ['met', 'missed']],
      ['in UTC the same instant stays on Sunday', () => spring('2026-03-29T23:30:00Z', 'UTC'), ['met', 'missed']],
      ['00:30 BST on the Sunday clocks go back (23:30 UTC Saturday) is that Sunday', () => autumn('2026-10-24T23:30:00Z'), ['met', 'missed']],
      ['01:30 BST that Sunday (00:30 UTC) is that Sunday', () => autumn('2026-10-25T00:30:00Z'), ['met', 'missed']],
      ['23:30 UTC that Sunday is 23:30 GMT: still Sunday', () => autumn('2026-10-25T23:30:00Z'), ['met', 'missed']],
      ['00:30 UTC on Monday is Monday', () => autumn('2026-10-26T00:30:00.000Z'), ['missed', 'met']],
    ];
    for (const [what, run, expected] of table) it(what, () => assert.deepEqual(run(), expected));

    const monthlyFrom = (agreementStart: string, start: string, zone?: string) =>
      evaluate({ employmentStart: agreementStart, nqsw: false, today: '2026-12-31', until: '2026-12-31', sessions: [held(start)], ...(zone ? { zone } : {}) })
        .periods.filter((p) => p.status === 'met')
        .map((p) => p.start);

    it('in summer 23:30 UTC is the next local day (London)', () => {
      assert.deepEqual(monthlyFrom('2026-06-02', '2026-07-01T23:30:00Z'), ['2026-07-02']);
    });
    it('in winter 23:30 UTC is the same local day (London)', () => {
      assert.deepEqual(monthlyFrom('2026-06-02', '2026-01-01T23:30:00Z'), []);
      assert.deepEqual(monthlyFrom('2025-12-02', '2026-01-01T23:30:00Z'), ['2025-12-02']);
    });
    it('America/New_York: 03:00 UTC on 2 March is 1 March local', () => {
      assert.deepEqual(monthlyFrom('2026-02-02', '2026-03-02T03:00:00Z', 'America/New_York'), ['2026-02-02']);
      assert.deepEqual(monthlyFrom('2026-02-02', '2026-03-02T03:00:00Z'), ['2026-03-02']);
    });
    it('Pacific/Auckland: 12:30 UTC on 1 March is 2 March local', () => {
      assert.deepEqual(monthlyFrom('2026-02-02', '2026-03-01T12:30:00Z', 'Pacific/Auckland'), ['2026-03-02']);
      assert.deepEqual(monthlyFrom('2026-02-02', '2026-03-01T12:30:00Z'), ['2026-02-02']);
    });
    it('Pacific/Auckland on the night its clocks go back (5 Apr 2026, 03:00 NZDT)', () => {
      // [5 Mar, 5 Apr) and [5 Apr, 5 May): 10:30 UTC 4 Apr = 23:30 NZDT 4 Apr; 11:30 UTC = 00:30 NZDT 5 Apr
      assert.deepEqual(monthlyFrom('2026-03-05', '2026-04-04T10:30:00Z', 'Pacific/Auckland'), ['2026-03-05']);
      assert.deepEqual(monthlyFrom('2026-03-05', '2026-04-04T11:30:00Z', 'Pacific/Auckland'), ['2026-04-05']);
      assert.deepEqual(monthlyFrom('2026-03-05', '2026-04-04T14:30:00Z', 'Pacific/Auckland'), ['2026-04-05']);
    });
  });

  describe('pauses (inclusive date ranges): excused only when every day of the period is paused', () => {
    // NQSW from Mon 5 Jan 2026: week 2 is 12-18 Jan
    const week2 = (pauses: { from: string; to: string }[], sessions: CadenceSession[] = []) =>
      statusOf({ employmentStart: '2026-01-05', nqsw: true, today: '2026-02-20', until: '2026-02-20', pauses, sessions }, '2026-01-12');
    const table: [string, { from: string; to: string }[], string][] = [
      ['the whole week', [{ from: '2026-01-12', to: '2026-01-18' }], 'excused'],
      ['a longer pause around it', [{ from: '2026-01-01', to: '2026-01-31' }], 'excused'],
      ['all but its last day', [{ from: '2026-01-12', to: '2026-01-17' }], 'missed'],
      ['all but its first day', [{ from: '2026-01-13', to: '2026-01-18' }], 'missed'],
      ['two abutting pauses', [{ from: '2026-01-12', to: '2026-01-14' }, { from: '2026-01-15', to: '2026-01-18' }], 'excused'],
      ['two overlapping pauses, listed out of order', [{ from: '2026-01-14', to: '2026-01-20' }, { from: '2026-01-10', to: '2026-01-15' }], 'excused'],
      ['two pauses with a day between', [{ from: '2026-01-12', to: '2026-01-14' }, { from: '2026-01-16', to: '2026-01-18' }], 'missed'],
    ];
    for (const [what, pauses, status] of table) it(`${what}: ${status}`, () => assert.equal(week2(pauses), status));

    it('met beats excused: a qualifying session during a pause meets the period', () => {
      assert.equal(week2([{ from: '2026-01-12', to: '2026-01-18' }], [held('2026-01-14T10:00:00Z')]), 'met');
    });

    it('excused applies to due and upcoming periods too, and nextDueBy skips them', () => {
      // fortnights [16 Feb, 2 Mar), [2 Mar, 16 Mar), [16 Mar, 30 Mar); the current one met, the next paused
      const c = {
        employmentStart: '2026-01-05',
        nqsw: true,
        today: '2026-02-20',
        until: '2026-03-30',
        pauses: [{ from: '2026-03-02', to: '2026-03-15' }],
        sessions: [held('2026-02-18T10:00:00Z')],
      };
      const r = evaluate(c);
      assert.deepEqual(r.periods.slice(-3).map((p) => p.status), ['met', 'excused', 'upcoming']);
      assert.equal(r.nextDueBy, '2026-03-29');
      const paused = evaluate({ ...c, sessions: [], pauses: [{ from: '2026-02-16', to: '2026-03-01' }] });
      assert.deepEqual(paused.periods.slice(-3).map((p) => p.status), ['excused', 'upcoming', 'upcoming']);
      assert.equal(paused.nextDueBy, '2026-03-15');
    });
  });

  describe('agreementStart after employmentStart: only periods starting on or after A are required', () => {
    const first = (agreementStart: string, nqsw = true) =>
      evaluate({ employmentStart: '2026-01-05', agreementStart, nqsw, today: '2026-01-01', until: '2027-01-01' }).periods[0];
    const table: [string, string, string, string][] = [
      ['2026-01-05', '2026-01-05', '2026-01-12', 'weekly'],
      ['2026-01-14', '2026-01-19', '2026-01-26', 'weekly'], // mid week 2: week 2 is not required
      ['2026-01-12', '2026-01-12', '2026-01-19', 'weekly'], // on a boundary
      ['2026-03-10', '2026-03-16', '2026-03-30', 'fortnightly'],
      ['2026-07-05', '2026-07-05', '2026-08-05', 'monthly'],
      ['2026-07-20', '2026-08-05', '2026-09-05', 'monthly'],
    ];
    for (const [a, start, end, phase] of table) {
      it(`NQSW, A = ${a}: first required period ${start}..${end} (${phase})`, () => {
        assert.deepEqual(first(a), { start, end, phase, status: 'upcoming' });
      });
    }

    it('non-NQSW periods are anchored at A', () => {
      assert.deepEqual(
        lines({ employmentStart: '2026-01-05', agreementStart: '2026-02-10', nqsw: false, today: '2026-03-01', until: '2026-04-11' }),
        ['2026-02-10 2026-03-10 monthly due', '2026-03-10 2026-04-10 monthly upcoming', '2026-04-10 2026-05-10 monthly upcoming'],
      );
    });

    it('a session in the part of a period before A meets nothing', () => {
      const r = evaluate({
        employmentStart: '2026-01-05',
        agreementStart: '2026-01-14',
        nqsw: true,
        today: '2026-01-27',
        until: '2026-01-27',
        sessions: [held('2026-01-13T10:00:00Z')],
      });
      assert.deepEqual(r.periods.map((p) => p.status), ['missed', 'due']);
    });
  });

  describe('until and nextDueBy', () => {
    const c = { employmentStart: '2026-01-05', nqsw: true, today: '2026-01-20' };
    it('lists the periods that start before until (a period starting on until is not listed)', () => {
      assert.deepEqual(evaluate({ ...c, until: '2026-01-19' }).periods.map((p) => p.start), ['2026-01-05', '2026-01-12']);
      assert.deepEqual(evaluate({ ...c, until: '2026-01-20' }).periods.map((p) => p.start), ['2026-01-05', '2026-01-12', '2026-01-19']);
    });
    it('computes nextDueBy over the whole schedule, even when until lists nothing', () => {
      const r = evaluate({ ...c, until: '2025-01-01' });
      assert.deepEqual(r.periods, []);
      assert.equal(r.nextDueBy, '2026-01-25');
    });
    it('is null when a pause runs to the end of the calendar (nothing is ever due again), without failing', () => {
      const r = evaluate({ ...c, until: '2026-02-01', pauses: [{ from: '2026-01-19', to: '9999-12-31' }] });
      assert.deepEqual(r.periods.map((p) => p.status), ['missed', 'missed', 'excused', 'excused']);
      assert.equal(r.nextDueBy, null);
      assert.equal(evaluate({ ...c, until: '2026-02-01', pauses: [{ from: '2026-01-19', to: '9998-12-31' }] }).nextDueBy, '9999-01-04');
    });
    it('looks past met and excused periods for nextDueBy, beyond until', () => {
      const r = evaluate({
        ...c,
        until: '2026-01-20',
        pauses: [{ from: '2026-01-26', to: '2026-02-01' }],
        sessions: [held('2026-01-21T10:00:00Z')],
      });
      assert.equal(r.nextDueBy, '2026-02-08');
    });
  });

  describe('stricter cadence', () => {
    it('accepts values up to the shortest standard period of each phase', () => {
      for (const c of [{}, { weeklyPhaseDays: 7 }, { fortnightlyPhaseDays: 14 }, { monthlyPhaseDays: 28 }, { weeklyPhaseDays: 1, fortnightlyPhaseDays: 10, monthlyPhaseDays: 21 }]) {
        assert.deepEqual(validateStricterCadence(c), { ok: true, value: c });
      }
    });
    const refused: [object, string, string][] = [
      [{ weeklyPhaseDays: 8 }, 'CADENCE_LOOSER_THAN_STANDARD', 'weeklyPhaseDays'],
      [{ fortnightlyPhaseDays: 15 }, 'CADENCE_LOOSER_THAN_STANDARD', 'fortnightlyPhaseDays'],
      [{ monthlyPhaseDays: 29 }, 'CADENCE_LOOSER_THAN_STANDARD', 'monthlyPhaseDays'],
      [{ monthlyPhaseDays: 31 }, 'CADENCE_LOOSER_THAN_STANDARD', 'monthlyPhaseDays'],
      [{ weeklyPhaseDays: 0 }, 'INVALID_INPUT', 'weeklyPhaseDays'],
      [{ fortnightlyPhaseDays: -3 }, 'INVALID_INPUT', 'fortnightlyPhaseDays'],
      [{ monthlyPhaseDays: 2.5 }, 'INVALID_INPUT', 'monthlyPhaseDays'],
      [{ monthlyPhaseDays: Number.NaN }, 'INVALID_INPUT', 'monthlyPhaseDays'],
      [{ weeklyPhaseDays: '7' }, 'INVALID_INPUT', 'weeklyPhaseDays'],
    ];
    for (const [c, code, field] of refused) {
      it(`refuses ${JSON.stringify(c)} with ${code}`, () => {
        const r = validateStricterCadence(c as never);
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.equal(r.error.code, code);
          assert.equal(r.error.field, field);
          assert.match(r.error.message, /\S/);
        }
      });
    }

    it('divides each standard month into the fewest near-equal parts no longer than the maximum', () => {
      // Feb 2026 (28 days) -> 14 + 14; Mar (31 days) -> 11 + 10 + 10; boundaries of months kept
      assert.deepEqual(
        lines({ employmentStart: '2026-01-31', nqsw: false, today: '2026-01-01', until: '2026-03-31', stricterCadence: { monthlyPhaseDays: 14 } }),
        [
          '2026-01-31 2026-02-14 monthly upcoming',
          '2026-02-14 2026-02-28 monthly upcoming',
          '2026-02-28 2026-03-11 monthly upcoming',
          '2026-03-11 2026-03-21 monthly upcoming',
          '2026-03-21 2026-03-31 monthly upcoming',
        ],
      );
    });

    it('weekly 3 days: each week becomes 3 + 2 + 2; the cut fortnight under 7 days becomes 7 + 6', () => {
      const r = lines({ employmentStart: '2026-01-05', nqsw: true, today: '2026-01-01', until: '2026-07-06', stricterCadence: { weeklyPhaseDays: 3, fortnightlyPhaseDays: 7 } });
      assert.deepEqual(r.slice(0, 4), [
        '2026-01-05 2026-01-08 weekly upcoming',
        '2026-01-08 2026-01-10 weekly upcoming',
        '2026-01-10 2026-01-12 weekly upcoming',
        '2026-01-12 2026-01-15 weekly upcoming',
      ]);
      assert.deepEqual(r.slice(-3), [
        '2026-06-22 2026-06-29 fortnightly upcoming',
        '2026-06-29 2026-07-05 fortnightly upcoming',
        '2026-07-05 2026-08-05 monthly upcoming',
      ]);
    });

    it('a sub-period is required when it starts on or after A', () => {
      const r = evaluate({ employmentStart: '2026-01-05', agreementStart: '2026-01-09', nqsw: true, today: '2026-01-01', until: '2026-01-13', stricterCadence: { weeklyPhaseDays: 3 } });
      assert.deepEqual(r.periods.map((p) => `${p.start}..${p.end}`), ['2026-01-10..2026-01-12', '2026-01-12..2026-01-15']);
    });

    it('needs a session in each sub-period', () => {
      const r = evaluate({
        employmentStart: '2026-02-01',
        nqsw: false,
        today: '2026-03-05',
        until: '2026-03-01',
        stricterCadence: { monthlyPhaseDays: 14 },
        sessions: [held('2026-02-03T10:00:00Z')],
      });
      assert.deepEqual(r.periods.map((p) => p.status), ['met', 'missed']);
    });

    it('an unvalidated looser cadence is a bug: evaluation throws', () => {
      assert.throws(() => evaluate({ employmentStart: '2026-01-05', nqsw: false, today: '2026-01-05', until: '2026-02-01', stricterCadence: { monthlyPhaseDays: 40 } }), RangeError);
    });
  });

  it('throws on input an adapter should have refused (a bug, not a value)', () => {
    assert.throws(() => evaluate({ employmentStart: '2026-02-30', nqsw: false, today: '2026-03-01', until: '2026-04-01' }), RangeError);
    assert.throws(() => evaluate({ employmentStart: '2026-02-01', nqsw: false, today: '2026-03-01', until: '2026-04-01', zone: 'Mars/Olympus' }), RangeError);
    assert.throws(() => evaluate({ employmentStart: '2026-02-01', nqsw: false, today: '2026-03-01', until: '2026-04-01', sessions: [held('yesterday')] }), RangeError);
  });
});
