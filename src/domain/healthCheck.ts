/**
 * The annual health check's figures (issue 11 §3; Standard 1 gives the PSW the health check,
 * Standard 5 asks the employer to monitor actual frequency and quality): per team, per calendar
 * month, from the agreements and their sessions. Pure.
 *
 * For a team (the supervisee's `team`; "No team" when none) and a month M:
 * - periods: the required periods of the team's agreements whose last day falls in M and on or
 *   before the day the figures are as of (today, or the agreement's end): by then each is settled.
 *   `met`, `missed` and `excused` (wholly in leave) are the cadence engine's statuses;
 *   `required` = met + missed (an excused period asked for nothing); frequency met = met / required.
 * - `short`: sessions held in M (by their local start date) that did not qualify (under 90 minutes
 *   or interrupted). `averageQuality`: the mean of the supervisees' ratings of sessions held in M,
 *   one decimal, with how many were rated.
 * - staff: the supervisees with an agreed agreement (not a draft) live on some day of M that is
 *   not in a pause; `staffWithUninterrupted`: those of them who had at least one session in M of at
 *   least 1.5 hours, uninterrupted (the standard's qualifying session). A person counts once per
 *   team and month however many agreements they have.
 * Drafts (never agreed) count nowhere. An "All teams" row per month adds every team up.
 */
import { DateTime } from 'luxon';
import { dateOf, dayOf, localDayOfInstant } from './calendar';
import { isQualifying, storedPeriods, zoneClock } from './cadence';
import type { Agreement, LocalDate, PersonId, Session } from './model';
import { addDays } from './validation';

export type Month = string; // YYYY-MM

export const NO_TEAM = 'No team';
export const ALL_TEAMS = 'All teams';

export interface HealthCheckAgreement {
  readonly agreement: Agreement;
  readonly sessions: readonly Session[];
  /** The supervisee's team, or null. */
  readonly team: string | null;
}

export interface HealthCheckInput {
  readonly zone: string;
  readonly today: LocalDate;
  readonly fromMonth: Month;
  readonly toMonth: Month;
  readonly agreements: readonly HealthCheckAgreement[];
}

export interface HealthCheckRow {
  readonly month: Month;
  readonly team: string;
  readonly required: number;
  readonly met: number;
  readonly missed: number;
  readonly excused: number;
  /** met / required as a whole percentage; null when nothing was required. */
  readonly frequencyMet: number | null;
  readonly sessionsHeld: number;
  readonly short: number;
  readonly rated: number;
  readonly averageQuality: number | null;
  readonly staff: number;
  readonly staffWithUninterrupted: number;
  /** staffWithUninterrupted / staff as a whole percentage; null when no staff. */
  readonly uninterruptedShare: number | null;
}

interface Tally {
  met: number;
  missed: number;
  excused: number;
  held: number;
  short: number;
  rated: number;
  ratingTotal: number;
  staff: Set<PersonId>;
  uninterrupted: Set<PersonId>;
}

const emptyTally = (): Tally => ({ met: 0, missed: 0, excused: 0, held: 0, short: 0, rated: 0, ratingTotal: 0, staff: new Set(), uninterrupted: new Set() });

export function monthsBetween(fromMonth: Month, toMonth: Month): Month[] {
  const out: Month[] = [];
  let m = DateTime.fromISO(`${fromMonth}-01`, { zone: 'UTC' });
  const last = DateTime.fromISO(`${toMonth}-01`, { zone: 'UTC' });
  while (m <= last) {
    out.push(m.toFormat('yyyy-MM'));
    m = m.plus({ months: 1 });
  }
  return out;
}

/** The first of the twelve months that end with `toMonth`: the health check's default window, in the export and the tab alike. */
export function twelveMonthsTo(toMonth: Month): Month {
  return DateTime.fromISO(`${toMonth}-01`, { zone: 'UTC' }).minus({ months: 11 }).toFormat('yyyy-MM');
}

export function lastDayOfMonth(month: Month): LocalDate {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).endOf('month').toISODate() as LocalDate;
}

/** Some day of [from, to] (day numbers) on which the agreement is live and not paused. */
function liveUnpaused(a: Agreement, pauses: readonly (readonly [number, number])[], from: number, to: number): boolean {
  const agreed = dayOf(a.agreementStart);
  const ended = a.status === 'ended' && a.endedOn !== undefined ? dayOf(a.endedOn) : Infinity;
  const end = ended < to ? ended : to;
  for (let day = agreed > from ? agreed : from; day <= end; day++) if (!pauses.some(([f, t]) => f <= day && day <= t)) return true;
  return false;
}

export function healthCheckFigures(input: HealthCheckInput): HealthCheckRow[] {
  const months = monthsBetween(input.fromMonth, input.toMonth);
  const tallies = new Map<string, Tally>(); // `${month}\u0000${team}`
  const teams = new Set<string>();
  const tally = (month: Month, team: string): Tally => {
    const key = `${month}\u0000${team}`;
    let t = tallies.get(key);
    if (t === undefined) {
      t = emptyTally();
      tallies.set(key, t);
    }
    return t;
  };
  const first = `${months[0]}-01`;
  const last = lastDayOfMonth(months[months.length - 1]);
  const clock = zoneClock(input.zone);
  const today = dayOf(input.today);
  const monthDays = months.map((m) => [dayOf(`${m}-01`), dayOf(lastDayOfMonth(m))] as const);

  for (const { agreement: a, sessions, team: teamOf } of input.agreements) {
    if (a.status === 'draft') continue;
    const team = teamOf ?? NO_TEAM;
    const asOf = a.status === 'ended' && a.endedOn !== undefined && a.endedOn < input.today ? a.endedOn : input.today;
    const held = sessions.filter((s) => s.status === 'held' && s.start !== undefined);

    if (a.agreementStart <= asOf) {
      const periods = storedPeriods(a, held, input.zone, asOf, addDays(asOf < last ? asOf : last, 1));
      for (const p of periods) {
        const lastDay = dateOf(dayOf(p.end) - 1);
        if (lastDay > asOf || lastDay < first || lastDay > last) continue;
        const t = tally(lastDay.slice(0, 7), team);
        teams.add(team);
        if (p.status === 'met') t.met++;
        else if (p.status === 'missed') t.missed++;
        else if (p.status === 'excused') t.excused++;
      }
    }

    for (const s of held) {
      const day = dateOf(localDayOfInstant(s.start as string, clock));
      if (day < first || day > last) continue;
      const t = tally(day.slice(0, 7), team);
      teams.add(team);
      t.held++;
      const qualifying = isQualifying({ held: true, minutes: s.minutes ?? 0, uninterrupted: s.uninterrupted ?? false });
      if (!qualifying) t.short++;
      else t.uninterrupted.add(a.superviseeId);
      if (s.rating !== undefined) {
        t.rated++;
        t.ratingTotal += s.rating.score;
      }
    }

    const pauses = a.pauses.map((p) => [dayOf(p.from), dayOf(p.to)] as const);
    for (let i = 0; i < months.length; i++) {
      const [from, to] = monthDays[i];
      if (from > today) continue;
      if (liveUnpaused(a, pauses, from, to < today ? to : today)) {
        tally(months[i], team).staff.add(a.superviseeId);
        teams.add(team);
      }
    }
  }

  const rows: HealthCheckRow[] = [];
  const sortedTeams = [...teams].sort((x, y) => (x === NO_TEAM ? 1 : y === NO_TEAM ? -1 : x.localeCompare(y, 'en-GB')));
  for (const month of months) {
    const all = emptyTally();
    for (const team of sortedTeams) {
      const t = tallies.get(`${month}\u0000${team}`) ?? emptyTally();
      // Someone counted as staff only where they were staff (a qualifying session in an agreement
      // that was wholly paused that month still counts for them only if they were staff).
      for (const id of t.uninterrupted) if (!t.staff.has(id)) t.uninterrupted.delete(id);
      rows.push(row(month, team, t));
      all.met += t.met;
      all.missed += t.missed;
      all.excused += t.excused;
      all.held += t.held;
      all.short += t.short;
      all.rated += t.rated;
      all.ratingTotal += t.ratingTotal;
      for (const id of t.staff) all.staff.add(id);
      for (const id of t.uninterrupted) all.uninterrupted.add(id);
    }
    rows.push(row(month, ALL_TEAMS, all));
  }
  return rows;
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 100));

function row(month: Month, team: string, t: Tally): HealthCheckRow {
  const required = t.met + t.missed;
  return {
    month,
    team,
    required,
    met: t.met,
    missed: t.missed,
    excused: t.excused,
    frequencyMet: percent(t.met, required),
    sessionsHeld: t.held,
    short: t.short,
    rated: t.rated,
    averageQuality: t.rated === 0 ? null : Math.round((t.ratingTotal / t.rated) * 10) / 10,
    staff: t.staff.size,
    staffWithUninterrupted: t.uninterrupted.size,
    uninterruptedShare: percent(t.uninterrupted.size, t.staff.size),
  };
}
