/**
 * Property-based tests of the cadence engine. The first property compares the engine with a
 * reference written straight from the SPEC's words in luxon (slow and obvious: luxon objects per
 * period and per session, day-by-day pause checks); the others check invariants that hold with or
 * without a stricter cadence.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { evaluateCadence, STANDARD_PHASE_DAYS, type CadenceCase, type CadenceEvaluation, type Phase } from '../../src/domain/cadence';

const ZONES = ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC', 'Australia/Lord_Howe', 'America/St_Johns'];

const utcDate = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const iso = (dt: DateTime) => dt.toISODate() as string;
const plusDays = (d: string, n: number) => iso(utcDate(d).plus({ days: n }));

interface RefPeriod {
  readonly start: string;
  readonly end: string;
  readonly phase: Phase;
}

/** The standard schedule as the SPEC words it, lazily, in luxon. */
function* referenceSchedule(c: CadenceCase): Generator<RefPeriod> {
  const S = utcDate(c.employmentStart);
  if (c.nqsw) {
    for (let k = 0; k < 6; k++) yield { start: iso(S.plus({ days: 7 * k })), end: iso(S.plus({ days: 7 * (k + 1) })), phase: 'weekly' };
    const m6 = S.plus({ months: 6 });
    for (let s = S.plus({ days: 42 }); s < m6; s = s.plus({ days: 14 })) {
      const e = s.plus({ days: 14 });
      yield { start: iso(s), end: iso(e < m6 ? e : m6), phase: 'fortnightly' };
    }
    for (let i = 0; ; i++) yield { start: iso(S.plus({ months: 6 + i })), end: iso(S.plus({ months: 7 + i })), phase: 'monthly' };
  } else {
    const A = utcDate(c.agreementStart ?? c.employmentStart);
    for (let i = 0; ; i++) yield { start: iso(A.plus({ months: i })), end: iso(A.plus({ months: i + 1 })), phase: 'monthly' };
  }
}

function referenceStatus(c: CadenceCase, p: RefPeriod): string {
  const zone = c.zone ?? 'Europe/London';
  const met = c.sessions.some((s) => {
    if (!(s.held && s.minutes >= 90 && s.uninterrupted)) return false;
    const day = DateTime.fromISO(s.start, { zone }).toISODate() as string;
    return day >= p.start && day < p.end;
  });
  if (met) return 'met';
  let everyDayPaused = true;
  for (let d = p.start; d < p.end; d = plusDays(d, 1)) {
    if (!(c.pauses ?? []).some((r) => r.from <= d && d <= r.to)) everyDayPaused = false;
  }
  if (everyDayPaused) return 'excused';
  if (p.start > c.today) return 'upcoming';
  if (p.end > c.today) return 'due';
  return 'missed';
}

function reference(c: CadenceCase): CadenceEvaluation {
  const a = c.agreementStart ?? c.employmentStart;
  const periods = [];
  let nextDueBy: string | null = null;
  for (const p of referenceSchedule(c)) {
    if (p.start < a) continue;
    const status = referenceStatus(c, p);
    if (p.start < c.until) periods.push({ ...p, status });
    if (nextDueBy === null && (status === 'due' || status === 'upcoming')) nextDueBy = plusDays(p.end, -1);
    if (p.start >= c.until && nextDueBy !== null) break;
  }
  return { periods: periods as CadenceEvaluation['periods'], nextDueBy };
}

const BASE = utcDate('1995-01-01');
const dayArb = fc.integer({ min: 0, max: 40 * 365 }).map((n) => iso(BASE.plus({ days: n })));

/** An instant written in one of the ways the engine reads: UTC, with an offset, or local wall time. */
const instantArb = (zone: string, from: string) =>
  fc
    .tuple(fc.integer({ min: -15 * 1440, max: 800 * 1440 }), fc.constantFrom('utc', 'offset', 'local', 'ms'))
    .map(([minutes, style]) => {
      const t = utcDate(from).plus({ minutes });
      if (style === 'utc') return t.toISO({ suppressMilliseconds: true }) as string;
      if (style === 'ms') return t.toISO() as string;
      const local = t.setZone(zone);
      return style === 'offset' ? (local.toISO() as string) : local.toFormat("yyyy-MM-dd'T'HH:mm");
    });

const caseArb = (withStricter: boolean): fc.Arbitrary<CadenceCase> =>
  fc
    .record({ S: dayArb, zone: fc.constantFrom(...ZONES), nqsw: fc.boolean() })
    .chain(({ S, zone, nqsw }) =>
      fc.record({
        zone: fc.constant(zone),
        employmentStart: fc.constant(S),
        agreementStart: fc.option(fc.integer({ min: -30, max: 400 }).map((n) => plusDays(S, n)), { nil: undefined }),
        nqsw: fc.constant(nqsw),
        today: fc.integer({ min: -40, max: 800 }).map((n) => plusDays(S, n)),
        until: fc.integer({ min: -40, max: 800 }).map((n) => plusDays(S, n)),
        pauses: fc.array(
          fc.tuple(fc.integer({ min: -20, max: 700 }), fc.integer({ min: 0, max: 45 })).map(([from, len]) => ({ from: plusDays(S, from), to: plusDays(S, from + len) })),
          { maxLength: 4 },
        ),
        sessions: fc.array(
          fc.record({
            start: instantArb(zone, S),
            minutes: fc.oneof(fc.constantFrom(89, 90, 91), fc.integer({ min: 0, max: 200 })),
            held: fc.boolean(),
            uninterrupted: fc.boolean(),
          }),
          { maxLength: 25 },
        ),
        stricterCadence: withStricter
          ? fc.record(
              {
                weeklyPhaseDays: fc.integer({ min: 1, max: STANDARD_PHASE_DAYS.weekly }),
                fortnightlyPhaseDays: fc.integer({ min: 1, max: STANDARD_PHASE_DAYS.fortnightly }),
                monthlyPhaseDays: fc.integer({ min: 1, max: STANDARD_PHASE_DAYS.monthly }),
              },
              { requiredKeys: [] },
            )
          : fc.constant(undefined),
      }),
    )
    .map((c) => {
      // leave out absent optional fields, as a caller would
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c)) if (v !== undefined) out[k] = v;
      return out as unknown as CadenceCase;
    });

const days = (from: string, to: string) => utcDate(to).diff(utcDate(from), 'days').days;
const PHASE_ORDER: Record<Phase, number> = { weekly: 0, fortnightly: 1, monthly: 2 };

describe('cadence engine properties', () => {
  it('equals a reference written from the SPEC in luxon (periods, statuses, nextDueBy)', () => {
    fc.assert(
      fc.property(caseArb(false), (c) => {
        assert.deepEqual(evaluateCadence(c), reference(c));
      }),
      { numRuns: 300 },
    );
  });

  it('periods are contiguous, non-empty, in phase order, start on or after A; statuses agree with today; nextDueBy with statuses', () => {
    fc.assert(
      fc.property(caseArb(true), (c) => {
        const { periods, nextDueBy } = evaluateCadence(c);
        const a = c.agreementStart ?? c.employmentStart;
        periods.forEach((p, i) => {
          assert.ok(p.start < p.end, 'non-empty');
          assert.ok(p.start >= a, 'required periods start on or after A');
          assert.ok(p.start < c.until, 'listed periods start before until');
          if (i > 0) {
            assert.equal(p.start, periods[i - 1].end, 'contiguous and non-overlapping');
            assert.ok(PHASE_ORDER[p.phase] >= PHASE_ORDER[periods[i - 1].phase], 'weekly < fortnightly < monthly');
          }
          if (!c.nqsw) assert.equal(p.phase, 'monthly');
          if (p.status === 'upcoming') assert.ok(p.start > c.today);
          if (p.status === 'due') assert.ok(p.start <= c.today && c.today < p.end);
          if (p.status === 'missed') assert.ok(p.end <= c.today);
        });
        assert.ok(nextDueBy !== null && nextDueBy >= c.today, 'nextDueBy is today or later');
        const firstOpen = periods.find((p) => p.status === 'due' || p.status === 'upcoming');
        if (firstOpen) assert.equal(nextDueBy, plusDays(firstOpen.end, -1));
        else assert.ok(periods.length === 0 || nextDueBy >= periods[periods.length - 1].end, 'beyond every listed period');
      }),
      { numRuns: 300 },
    );
  });

  it('a stricter cadence never yields a period longer than its maximum or than the standard period it divides', () => {
    fc.assert(
      fc.property(caseArb(true), (c) => {
        const strict = evaluateCadence(c).periods;
        const { stricterCadence: _dropped, ...rest } = c;
        const standard = evaluateCadence({ ...rest, agreementStart: c.agreementStart ?? c.employmentStart, until: plusDays(c.until, 62) }).periods;
        const max: Record<Phase, number | undefined> = {
          weekly: c.stricterCadence?.weeklyPhaseDays,
          fortnightly: c.stricterCadence?.fortnightlyPhaseDays,
          monthly: c.stricterCadence?.monthlyPhaseDays,
        };
        for (const p of strict) {
          const limit = max[p.phase];
          if (limit !== undefined) assert.ok(days(p.start, p.end) <= limit, `${p.start}..${p.end} longer than ${limit}`);
          // inside one standard period of the same phase (or inside the one whose start precedes A)
          const container = standard.find((s) => s.start <= p.start && p.end <= s.end);
          if (container) assert.equal(container.phase, p.phase);
          else assert.ok(standard.length === 0 || p.end <= standard[0].start, `${p.start}..${p.end} straddles a standard boundary`);
          assert.ok(days(p.start, p.end) <= 31);
        }
        // every standard boundary stays a boundary
        const boundaries = new Set(strict.flatMap((p) => [p.start, p.end]));
        for (const s of standard) if (strict.length > 0 && s.start > strict[0].start && s.start < strict[strict.length - 1].end) assert.ok(boundaries.has(s.start));
      }),
      { numRuns: 300 },
    );
  });
});
