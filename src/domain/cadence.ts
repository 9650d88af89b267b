/**
 * The cadence engine: Standard 5 of the Standards for employers of social workers in England, as the
 * normative rule in SPEC.md states it.
 *
 * Dates are calendar dates in the organisation's zone (default Europe/London); a session belongs to
 * the local date on which it starts. Periods are half-open `[start, end)`. With S = employmentStart,
 * A = agreementStart (default S):
 * - NQSW: six weekly periods `[S + 7k, S + 7k + 7)`; then fortnightly periods of 14 days from S + 42,
 *   the last cut short at M6 = S plus 6 months; then monthly periods `[S + (6+i) months, S + (7+i)
 *   months)`, every boundary counted from S (never chained, so month ends do not drift).
 * - Everyone else: monthly periods `[A + i months, A + (i+1) months)`.
 * - Only periods that start on or after A are required; only required periods are ever reported.
 * - A qualifying session was held, lasted at least 90 minutes and was uninterrupted.
 * - Status on date T, first that applies: `met` (a qualifying session in the period, whenever it
 *   was recorded), `excused` (every day of the period lies in a pause; pauses are inclusive and may
 *   overlap or abut), `upcoming` (start > T), `due` (start <= T < end), `missed` (end <= T). So a
 *   period wholly inside leave is `excused` even while it is upcoming or due, and a partly paused
 *   period is required in full.
 * - nextDueBy: the last day (end - 1) of the earliest period whose status is `due` or `upcoming`,
 *   over the whole (endless) schedule; pauses and sessions are finite, so there always is one,
 *   except when a pause runs to the end of the calendar (`SCHEDULE_END`, the last year a date
 *   `YYYY-MM-DD` can name): then nextDueBy is null, which is what the CLI contract allows.
 *
 * A stricter cadence (`StricterCadence`: the longest period allowed in a phase, in days) divides
 * each standard period longer than that into the fewest sub-periods that fit, of as equal length as
 * possible (the longer ones first): a 31-day month under a 14-day maximum becomes 11 + 10 + 10 days.
 * Every standard boundary stays a boundary, so no required period is ever longer than the standard
 * one, and no stub of a day or two is left at a month's end. A sub-period keeps its phase's name and
 * is required when it starts on or after A, like any period.
 *
 * Evaluation works on integer day numbers (see calendar.ts) and walks sessions and pauses once,
 * in step with the periods, so that 100,000 agreements evaluate in well under a second.
 */
import * as calendar from './calendar';
import { dayOf, parseLocalDate, ZoneClock, type CivilDate } from './calendar';
import { DEFAULT_ZONE, type DateRange, type Instant, type LocalDate, type StricterCadence } from './model';
import { fail, ok, type Result } from './result';

export type Phase = 'weekly' | 'fortnightly' | 'monthly';
export type PeriodStatus = 'met' | 'excused' | 'upcoming' | 'due' | 'missed';

/** Standard 5: a session of at least an hour and a half of uninterrupted time. */
export const QUALIFYING_MINUTES = 90;

/**
 * The longest value a stricter cadence may set per phase: the shortest standard period of that
 * phase (a week, a fortnight, the 28 days of the shortest month). Equal is allowed: it never makes
 * a period longer than the standard's.
 */
export const STANDARD_PHASE_DAYS: Readonly<Record<Phase, number>> = { weekly: 7, fortnightly: 14, monthly: 28 };

export interface CadenceSession {
  readonly start: Instant;
  readonly minutes: number;
  readonly held: boolean;
  readonly uninterrupted: boolean;
}

export const isQualifying = (s: { readonly held: boolean; readonly minutes: number; readonly uninterrupted: boolean }): boolean =>
  s.held === true && s.minutes >= QUALIFYING_MINUTES && s.uninterrupted === true;

/** What of an agreement the schedule depends on. */
export interface CadenceAgreement {
  readonly employmentStart: LocalDate;
  readonly agreementStart?: LocalDate;
  readonly nqsw: boolean;
  readonly pauses?: readonly DateRange[];
  readonly stricterCadence?: StricterCadence;
}

export interface CadenceCase extends CadenceAgreement {
  /** IANA zone; default Europe/London. */
  readonly zone?: string;
  readonly today: LocalDate;
  /** List the required periods that start before this date. */
  readonly until: LocalDate;
  readonly sessions: readonly CadenceSession[];
}

export interface CadencePeriod {
  readonly start: LocalDate;
  /** Exclusive. */
  readonly end: LocalDate;
  readonly phase: Phase;
  readonly status: PeriodStatus;
}

export interface CadenceEvaluation {
  readonly periods: CadencePeriod[];
  readonly nextDueBy: LocalDate | null;
}

// Bound once: under tsx (how the app and the bench run) an imported binding is a getter on the
// exporting module, read on every call; these three are called per session and per period.
const { dateOf, localDayOfInstant, plusMonths } = calendar;

const PHASE_FIELDS = [
  ['weeklyPhaseDays', 'weekly'],
  ['fortnightlyPhaseDays', 'fortnightly'],
  ['monthlyPhaseDays', 'monthly'],
] as const;

/** A stricter cadence may only shorten periods (Standard 5 sets the minimum frequency). */
export function validateStricterCadence(c: StricterCadence): Result<StricterCadence> {
  for (const [field, phase] of PHASE_FIELDS) {
    const days: unknown = c[field];
    if (days === undefined) continue;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
      return fail('INVALID_INPUT', `The longest period of the ${phase} phase must be a whole number of days, at least 1.`, field);
    }
    if (days > STANDARD_PHASE_DAYS[phase]) {
      return fail(
        'CADENCE_LOOSER_THAN_STANDARD',
        `A longest period of ${days} days in the ${phase} phase is looser than the standard (at most ${STANDARD_PHASE_DAYS[phase]} days).`,
        field,
      );
    }
  }
  return ok(c);
}

/** An agreement's schedule on day numbers; built once per evaluation. */
export interface Schedule {
  readonly nqsw: boolean;
  readonly employmentStart: CivilDate;
  readonly agreementStart: CivilDate;
  /** S plus 6 months: end of the fortnightly phase. */
  readonly m6: number;
  /** Longest period per phase (Infinity: the standard period). */
  readonly maxDays: readonly [number, number, number];
  /** Merged pauses: disjoint, sorted, inclusive day ranges. */
  readonly pauseFrom: readonly number[];
  readonly pauseTo: readonly number[];
}

function civil(field: string, s: LocalDate): CivilDate {
  const c = parseLocalDate(s);
  if (c === null) throw new RangeError(`${field} is not a real date: ${String(s)}`);
  return c;
}

function day(field: string, s: LocalDate): number {
  const d = dayOf(s);
  if (d !== d) throw new RangeError(`${field} is not a real date: ${String(s)}`);
  return d;
}

/** Builds the schedule; the agreement must be valid (adapters validate, so a bad one is a bug). */
export function scheduleOf(a: CadenceAgreement): Schedule {
  const employmentStart = civil('employmentStart', a.employmentStart);
  const agreementStart = a.agreementStart === undefined ? employmentStart : civil('agreementStart', a.agreementStart);
  let maxDays: [number, number, number] = [Infinity, Infinity, Infinity];
  if (a.stricterCadence !== undefined) {
    const valid = validateStricterCadence(a.stricterCadence);
    if (!valid.ok) throw new RangeError(`stricterCadence.${valid.error.field}: ${valid.error.message}`);
    const c = a.stricterCadence;
    maxDays = [c.weeklyPhaseDays ?? Infinity, c.fortnightlyPhaseDays ?? Infinity, c.monthlyPhaseDays ?? Infinity];
  }
  const pauseFrom: number[] = [];
  const pauseTo: number[] = [];
  const pauses = a.pauses ?? [];
  if (pauses.length > 0) {
    const ranges = pauses.map((p, i) => [day(`pauses[${i}].from`, p.from), day(`pauses[${i}].to`, p.to)] as const);
    ranges.sort((x, y) => x[0] - y[0]);
    for (const [from, to] of ranges) {
      if (to < from) continue; // an empty range pauses nothing
      const last = pauseTo.length - 1;
      if (last >= 0 && from <= pauseTo[last] + 1) {
        if (to > pauseTo[last]) pauseTo[last] = to;
      } else {
        pauseFrom.push(from);
        pauseTo.push(to);
      }
    }
  }
  return {
    nqsw: a.nqsw,
    employmentStart,
    agreementStart,
    m6: plusMonths(employmentStart, 6),
    maxDays,
    pauseFrom,
    pauseTo,
  };
}

/** Local day numbers of the qualifying sessions, ascending. */
export function qualifyingDays(sessions: readonly CadenceSession[], zone: ZoneClock): number[] {
  const days: number[] = [];
  let sorted = true;
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i];
    if (!isQualifying(s)) continue;
    const d = localDayOfInstant(s.start, zone);
    if (d !== d) throw new RangeError(`session start is not an ISO instant: ${String(s.start)}`);
    if (days.length > 0 && d < days[days.length - 1]) sorted = false;
    days.push(d);
  }
  if (!sorted) days.sort((x, y) => x - y);
  return days;
}

const PHASE_NAMES: readonly Phase[] = ['weekly', 'fortnightly', 'monthly'];

/**
 * Walks the required periods of a schedule in order, for ever, with their status on `today`.
 * `next()` moves to the following period and sets `start`, `end` (day numbers), `phase`, `status`;
 * no allocation per period.
 */
export class PeriodWalker {
  start = 0;
  end = 0;
  phase: Phase = 'weekly';
  status: PeriodStatus = 'upcoming';

  // the standard period being walked
  private phaseIndex: number;
  private count = 0; // periods of this phase generated so far
  private stdStart = 0;
  private stdEnd = 0;
  // its sub-periods under a stricter cadence
  private parts = 0;
  private part = 0;
  private partLength = 0;
  private longerParts = 0;
  // cursors into sessions and pauses
  private q = 0;
  private p = 0;
  private readonly anchor: CivilDate;
  private readonly monthOffset: number;
  private readonly a: number;

  constructor(
    private readonly schedule: Schedule,
    private readonly qualifying: readonly number[],
    private readonly today: number,
  ) {
    this.phaseIndex = schedule.nqsw ? 0 : 2;
    this.anchor = schedule.nqsw ? schedule.employmentStart : schedule.agreementStart;
    this.monthOffset = schedule.nqsw ? 6 : 0;
    this.a = schedule.agreementStart.day;
  }

  /** Next standard period into stdStart/stdEnd. */
  private nextStandard(): void {
    const s = this.schedule;
    const S = s.employmentStart.day;
    if (this.phaseIndex === 0) {
      if (this.count < 6) {
        this.stdStart = S + 7 * this.count;
        this.stdEnd = this.stdStart + 7;
        this.count++;
        return;
      }
      this.phaseIndex = 1;
      this.count = 0;
    }
    if (this.phaseIndex === 1) {
      const start = S + 42 + 14 * this.count;
      if (start < s.m6) {
        this.stdStart = start;
        this.stdEnd = start + 14 < s.m6 ? start + 14 : s.m6;
        this.count++;
        return;
      }
      this.phaseIndex = 2;
      this.count = 0;
    }
    const i = this.monthOffset + this.count;
    this.stdStart = this.count === 0 ? plusMonths(this.anchor, i) : this.stdEnd;
    this.stdEnd = plusMonths(this.anchor, i + 1);
    this.count++;
  }

  /** Next period, before the `agreementStart` filter. */
  private nextAny(): void {
    if (this.part < this.parts) {
      this.start = this.end;
    } else {
      this.nextStandard();
      const length = this.stdEnd - this.stdStart;
      const max = this.schedule.maxDays[this.phaseIndex];
      this.parts = length > max ? Math.ceil(length / max) : 1;
      this.partLength = Math.floor(length / this.parts);
      this.longerParts = length - this.partLength * this.parts;
      this.part = 0;
      this.start = this.stdStart;
      this.phase = PHASE_NAMES[this.phaseIndex];
    }
    this.end = this.start + this.partLength + (this.part < this.longerParts ? 1 : 0);
    this.part++;
  }

  next(): void {
    do this.nextAny();
    while (this.start < this.a);
    const start = this.start;
    const end = this.end;
    const q = this.qualifying;
    while (this.q < q.length && q[this.q] < start) this.q++;
    if (this.q < q.length && q[this.q] < end) {
      this.status = 'met';
      return;
    }
    const { pauseFrom, pauseTo } = this.schedule;
    while (this.p < pauseTo.length && pauseTo[this.p] < start) this.p++;
    if (this.p < pauseTo.length && pauseFrom[this.p] <= start && pauseTo[this.p] >= end - 1) this.status = 'excused';
    else if (start > this.today) this.status = 'upcoming';
    else if (end > this.today) this.status = 'due';
    else this.status = 'missed';
  }
}

/**
 * Periods are followed until one ends on or after this day (1 Jan 9999): the next one still ends
 * within the calendar's last year, so a walk that stops here never asks for a date past 9999.
 */
export const SCHEDULE_END = dayOf('9999-01-01');

/** Throws RangeError on an invalid zone name: adapters validate names before they get here. */
export function zoneClock(zone: string | undefined): ZoneClock {
  const clock = ZoneClock.of(zone ?? DEFAULT_ZONE);
  if (clock === null) throw new RangeError(`not an IANA time zone: ${String(zone)}`);
  return clock;
}

/** The required periods that start before `until`, with their status on `today`, and nextDueBy. */
export function evaluateCadence(c: CadenceCase): CadenceEvaluation {
  const zone = zoneClock(c.zone);
  const walker = new PeriodWalker(scheduleOf(c), qualifyingDays(c.sessions, zone), day('today', c.today));
  const until = day('until', c.until);
  const periods: CadencePeriod[] = [];
  let nextDueBy: LocalDate | null = null;
  let lastEnd = NaN;
  let lastEndDate = '';
  for (;;) {
    walker.next();
    const listed = walker.start < until;
    if (listed) {
      const start = walker.start === lastEnd ? lastEndDate : dateOf(walker.start);
      lastEnd = walker.end;
      lastEndDate = dateOf(walker.end);
      periods.push({ start, end: lastEndDate, phase: walker.phase, status: walker.status });
    }
    if (nextDueBy === null && (walker.status === 'due' || walker.status === 'upcoming')) nextDueBy = dateOf(walker.end - 1);
    if ((!listed && nextDueBy !== null) || walker.end >= SCHEDULE_END) return { periods, nextDueBy };
  }
}

/** A stretch of the schedule: the periods whose last day is on or after `from`. */
export interface CadenceWindowCase extends CadenceCase {
  readonly from: LocalDate;
}

export interface CadenceWindowEvaluation {
  /** The required periods whose last day is on or after `from` and that start before `until`. */
  readonly periods: CadencePeriod[];
  /** The earliest of the periods whose last day is on or after `from` that is due or upcoming (looked for past `until`). */
  readonly nextDue: CadencePeriod | null;
}

/**
 * `evaluateCadence` restricted to the periods whose last day is on or after `from`: the same walk,
 * statuses and end of the calendar, with the periods that end before `from` left out of both the
 * list and the search for the next due one. Lets a caller that knows how an agreement stood up to
 * some day (a stored compliance summary) evaluate only what came after, without the sessions
 * before it.
 */
export function evaluateCadenceFrom(c: CadenceWindowCase): CadenceWindowEvaluation {
  const zone = zoneClock(c.zone);
  const walker = new PeriodWalker(scheduleOf(c), qualifyingDays(c.sessions, zone), day('today', c.today));
  const from = day('from', c.from);
  const until = day('until', c.until);
  const periods: CadencePeriod[] = [];
  let nextDue: CadencePeriod | null = null;
  for (;;) {
    walker.next();
    const inWindow = walker.end > from;
    const listed = inWindow && walker.start < until;
    const open = inWindow && nextDue === null && (walker.status === 'due' || walker.status === 'upcoming');
    if (listed || open) {
      const period: CadencePeriod = { start: dateOf(walker.start), end: dateOf(walker.end), phase: walker.phase, status: walker.status };
      if (listed) periods.push(period);
      if (open) nextDue = period;
    }
    if ((inWindow && !listed && nextDue !== null) || walker.end >= SCHEDULE_END) return { periods, nextDue };
  }
}

/** What of a stored agreement and its sessions the periods depend on (model.ts `Agreement`, `Session`). */
export interface StoredSchedule extends CadenceAgreement {
  readonly agreementStart: LocalDate;
}

export interface StoredSession {
  readonly status: string;
  readonly start?: Instant;
  readonly minutes?: number;
  readonly uninterrupted?: boolean;
}

/** `evaluateCadence` for a stored agreement: its held sessions, the required periods that start before `until`. */
export function storedPeriods(a: StoredSchedule, sessions: readonly StoredSession[], zone: string, today: LocalDate, until: LocalDate): CadencePeriod[] {
  return evaluateCadence({
    zone,
    today,
    until,
    employmentStart: a.employmentStart,
    agreementStart: a.agreementStart,
    nqsw: a.nqsw,
    ...(a.pauses !== undefined ? { pauses: a.pauses } : {}),
    ...(a.stricterCadence !== undefined ? { stricterCadence: a.stricterCadence } : {}),
    sessions: sessions
      .filter((s) => s.status === 'held' && s.start !== undefined)
      .map((s) => ({ start: s.start as Instant, minutes: s.minutes ?? 0, held: true, uninterrupted: s.uninterrupted ?? false })),
  }).periods;
}
