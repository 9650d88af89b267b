/**
 * `evaluateCadenceFrom`: the cadence engine on the periods whose last day is on or after `from`.
 * Fixed cases, and a property: it is exactly `evaluateCadence` with the periods that end before
 * `from` left out of the list and of the search for the next due one.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { evaluateCadence, evaluateCadenceFrom, type CadenceCase, type CadenceWindowCase } from '../../src/domain/cadence';

const plusDays = (d: string, n: number) => DateTime.fromISO(d, { zone: 'utc' }).plus({ days: n }).toISODate() as string;
const lines = (c: CadenceWindowCase) => evaluateCadenceFrom(c).periods.map((p) => `${p.start} ${p.end} ${p.phase} ${p.status}`);

describe('cadence engine from a day (evaluateCadenceFrom)', () => {
  const nqsw = { employmentStart: '2026-01-05', nqsw: true, today: '2026-01-20', sessions: [] } as const;

  it('lists the periods whose last day is on or after `from`: one ending the day before is left out', () => {
    // Weekly periods from Mon 5 Jan 2026: week 2 is 12-18 Jan, week 3 is 19-25 Jan.
    assert.deepEqual(lines({ ...nqsw, from: '2026-01-18', until: '2026-02-02' }), [
      '2026-01-12 2026-01-19 weekly missed',
      '2026-01-19 2026-01-26 weekly due',
      '2026-01-26 2026-02-02 weekly upcoming',
    ]);
    assert.deepEqual(lines({ ...nqsw, from: '2026-01-19', until: '2026-02-02' }), ['2026-01-19 2026-01-26 weekly due', '2026-01-26 2026-02-02 weekly upcoming']);
  });

  it('looks for the next due period from `from` on only, past until', () => {
    const c = { employmentStart: '2026-01-01', nqsw: false, today: '2026-01-10', sessions: [] };
    assert.equal(evaluateCadence({ ...c, until: '2026-01-01' }).nextDueBy, '2026-01-31', 'January, from the start');
    const r = evaluateCadenceFrom({ ...c, from: '2026-02-01', until: '2026-02-01' });
    assert.deepEqual(r.periods, []);
    assert.deepEqual(r.nextDue, { start: '2026-02-01', end: '2026-03-01', phase: 'monthly', status: 'upcoming' });
    const paused = evaluateCadenceFrom({ ...c, from: '2026-02-01', until: '2026-02-01', pauses: [{ from: '2026-02-01', to: '2026-04-30' }] });
    assert.deepEqual(paused.nextDue, { start: '2026-05-01', end: '2026-06-01', phase: 'monthly', status: 'upcoming' }, 'skips the months in leave');
  });

  it('evaluates sub-periods of a stricter cadence, with their statuses on today', () => {
    // January under a 14-day maximum: 11 + 10 + 10 days; the second part is in leave.
    const r = evaluateCadenceFrom({
      employmentStart: '2026-01-01',
      nqsw: false,
      stricterCadence: { monthlyPhaseDays: 14 },
      pauses: [{ from: '2026-01-12', to: '2026-01-21' }],
      today: '2026-01-25',
      from: '2026-01-05',
      until: '2026-02-01',
      sessions: [],
    });
    assert.deepEqual(r.periods.map((p) => `${p.start} ${p.end} ${p.status}`), ['2026-01-01 2026-01-12 missed', '2026-01-12 2026-01-22 excused', '2026-01-22 2026-02-01 due']);
    assert.equal(r.nextDue?.start, '2026-01-22');
  });

  it('stops at the end of the calendar when every later period is in leave: no next due period, no failure', () => {
    const r = evaluateCadenceFrom({ employmentStart: '2026-01-01', nqsw: false, pauses: [{ from: '2026-02-01', to: '9999-12-31' }], today: '2026-03-02', from: '2026-01-31', until: '2026-03-03', sessions: [] });
    assert.deepEqual(r.periods.map((p) => p.status), ['missed', 'excused', 'excused']);
    assert.equal(r.nextDue, null);
  });

  it('is evaluateCadence without the periods that end before `from` (property)', () => {
    const S = DateTime.fromISO('2020-01-01', { zone: 'utc' });
    const arb = fc
      .record({
        start: fc.integer({ min: 0, max: 2000 }),
        nqsw: fc.boolean(),
        delay: fc.integer({ min: 0, max: 120 }),
        today: fc.integer({ min: -30, max: 700 }),
        from: fc.integer({ min: -30, max: 700 }),
        until: fc.integer({ min: -30, max: 700 }),
        pauses: fc.array(fc.tuple(fc.integer({ min: -20, max: 600 }), fc.integer({ min: 0, max: 60 })), { maxLength: 4 }),
        sessions: fc.array(fc.tuple(fc.integer({ min: -10, max: 600 }), fc.constantFrom(60, 90, 120)), { maxLength: 20 }),
        stricter: fc.option(fc.record({ weeklyPhaseDays: fc.integer({ min: 1, max: 7 }), fortnightlyPhaseDays: fc.integer({ min: 1, max: 14 }), monthlyPhaseDays: fc.integer({ min: 1, max: 28 }) }), { nil: undefined }),
      })
      .map((r) => {
        const employmentStart = S.plus({ days: r.start }).toISODate() as string;
        const c: CadenceCase = {
          employmentStart,
          agreementStart: plusDays(employmentStart, r.delay),
          nqsw: r.nqsw,
          today: plusDays(employmentStart, r.today),
          until: plusDays(employmentStart, r.until),
          pauses: r.pauses.map(([from, length]) => ({ from: plusDays(employmentStart, from), to: plusDays(employmentStart, from + length) })),
          sessions: r.sessions.map(([day, minutes]) => ({ start: `${plusDays(employmentStart, day)}T10:00:00Z`, minutes, held: true, uninterrupted: true })),
          ...(r.stricter !== undefined ? { stricterCadence: r.stricter } : {}),
        };
        return { c, from: plusDays(employmentStart, r.from) };
      });
    fc.assert(
      fc.property(arb, ({ c, from }) => {
        const window = evaluateCadenceFrom({ ...c, from });
        const all = evaluateCadence(c);
        assert.deepEqual(window.periods, all.periods.filter((p) => p.end > from));
        // Pauses and sessions end within ~700 days: the first period due or upcoming lies before this.
        const far = evaluateCadence({ ...c, until: plusDays(c.employmentStart, 1200) }).periods;
        const next = far.find((p) => p.end > from && (p.status === 'due' || p.status === 'upcoming'));
        assert.ok(next !== undefined);
        assert.deepEqual(window.nextDue, next);
        if (!far.some((p) => p.end <= from && (p.status === 'due' || p.status === 'upcoming'))) assert.equal(plusDays(next.end, -1), all.nextDueBy);
      }),
      { numRuns: 300 },
    );
  });
});
