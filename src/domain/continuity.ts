/**
 * Continuity of a supervisee's record (issue 9, part 5). A new agreement for someone whose agreement
 * ended (with the same or another supervisor) carries on where the old one stood instead of starting
 * over at the employment start: by default it starts at the start of the current period, counted from
 * the employment start (an NQSW's weeks, fortnights and months, everyone else's months), with the
 * employment start and NQSW taken from the person's record; and the qualifying sessions the person
 * already had in that period count for it. Pure.
 */
import { dateOf, dayOf, localDayOfInstant } from './calendar';
import { PeriodWalker, SCHEDULE_END, scheduleOf, zoneClock, type CadenceAgreement } from './cadence';
import type { Agreement, LocalDate, Person, Session } from './model';

/**
 * The start of the period of the schedule counted from `employmentStart` that contains `today`
 * (the employment start itself when today is before it). Pauses do not move period boundaries, so
 * they are not needed here.
 */
export function currentPeriodStart(schedule: Pick<CadenceAgreement, 'employmentStart' | 'nqsw' | 'stricterCadence'>, today: LocalDate): LocalDate {
  const day = dayOf(today);
  if (day !== day) throw new RangeError(`today is not a real date: ${JSON.stringify(today)}`);
  const { employmentStart, nqsw, stricterCadence } = schedule;
  const walker = new PeriodWalker(
    scheduleOf({ employmentStart, agreementStart: employmentStart, nqsw, ...(stricterCadence ? { stricterCadence } : {}) }),
    [],
    day,
  );
  for (;;) {
    walker.next();
    if (walker.start > day) return employmentStart; // today is before the employment start
    if (walker.end > day || walker.end >= SCHEDULE_END) return dateOf(walker.start);
  }
}

export interface ContinuityDefaults {
  readonly employmentStart: LocalDate;
  readonly nqsw: boolean;
  readonly agreementStart: LocalDate;
}

/**
 * What a new agreement for `person` starts with by default: the employment start and NQSW from the
 * person's record, else from their latest ended agreement; and, when they had an agreement before,
 * the start of the current period. Null when neither tells the employment start (the form asks).
 * Someone who never had an agreement starts at the employment start, as before.
 */
export function continuityDefaults(
  person: Pick<Person, 'employmentStart' | 'nqsw'>,
  previous: Pick<Agreement, 'employmentStart' | 'nqsw' | 'stricterCadence'> | null,
  today: LocalDate,
): ContinuityDefaults | null {
  const employmentStart = person.employmentStart ?? previous?.employmentStart;
  if (employmentStart === undefined) return null;
  const nqsw = person.nqsw ?? previous?.nqsw ?? false;
  if (previous === null) return { employmentStart, nqsw, agreementStart: employmentStart };
  const stricterCadence = previous.stricterCadence;
  return { employmentStart, nqsw, agreementStart: currentPeriodStart({ employmentStart, nqsw, ...(stricterCadence ? { stricterCadence } : {}) }, today) };
}

/**
 * The sessions of the person's earlier agreements that count for a new one starting on
 * `agreementStart`: those held on or after that day (local, in `zone`). With the new agreement's
 * own sessions they are what its summary and plan are computed from.
 */
export function sessionsCarriedOver(earlier: readonly Session[], agreementStart: LocalDate, zone: string): Session[] {
  const clock = zoneClock(zone);
  const from = dayOf(agreementStart);
  if (from !== from) throw new RangeError(`agreementStart is not a real date: ${JSON.stringify(agreementStart)}`);
  return earlier.filter((s) => s.status === 'held' && s.start !== undefined && localDayOfInstant(s.start, clock) >= from);
}
