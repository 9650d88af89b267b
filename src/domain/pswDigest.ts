/**
 * The PSW's weekly digest (issue 11 §1; Standard 1 gives the PSW oversight, Standard 5 asks the
 * employer to "monitor actual frequency and quality of supervision"): when it goes, and its
 * figures. Pure: time, zone and calendar are arguments.
 *
 * When: once per ISO week (Monday to Sunday), on the first working day of the week (the working
 * calendar: working weekdays less bank holidays) at the send time. An admin may choose another
 * weekday (then the first working day on or after it, in the same week) or turn it off; a week with
 * no working day from that weekday on has no digest.
 *
 * Figures, as of `today` (T), on the organisation's agreements that have been agreed (no drafts):
 * - frequency met, by team and by NQSW or experienced, over the last 4 weeks (the required periods
 *   whose last day is in the 28 days before T) and the last quarter (the 13 weeks, 91 days, before
 *   T): required = met + missed (an excused period fell wholly in leave), met % = met / required;
 * - overdue: each active agreement whose supervision is overdue today, with the days since it
 *   became overdue (the cadence engine's overdueSince), longest first;
 * - short or interrupted sessions held in the last 4 weeks (under 90 minutes or interrupted);
 * - average quality by team: the supervisees' ratings of sessions held in the last quarter;
 * - open concerns by age (days since raised: up to 7, 8 to 28, over 28), counts only: never text;
 * - the people in live agreements the bot cannot message (never talked to it, or removed it).
 */
import { DateTime } from 'luxon';
import { dateOf, dayOf, localDayOfInstant } from './calendar';
import { isQualifying, storedPeriods, zoneClock } from './cadence';
import { summarize, type SummarySettings } from './compliance';
import { NO_TEAM } from './healthCheck';
import type { Agreement, Concern, Instant, IsoWeekday, LocalDate, PersonId, Session } from './model';
import { addDays } from './validation';
import type { WorkingCalendar } from './workingCalendar';

/** The settings field: a weekday (1 Monday .. 7 Sunday), or off; absent: the first working day of the week. */
export type DigestDay = IsoWeekday | 'off';

export const DIGEST_WINDOW_DAYS = { recent: 28, quarter: 91 } as const;

/** The ISO week of a date, `YYYY-Www`: the digest's key (one per PSW per week). */
export function isoWeekOf(date: LocalDate): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
}

/** The date of this week's digest (the week of `today`), or null when off or when no working day is left in the week. */
export function digestDateOfWeek(today: LocalDate, chosen: DigestDay | undefined, calendar: WorkingCalendar): LocalDate | null {
  if (chosen === 'off') return null;
  const day = dayOf(today);
  const weekday = DateTime.fromISO(today, { zone: 'UTC' }).weekday;
  const monday = day - (weekday - 1);
  const sunday = monday + 6;
  for (let d = monday + ((chosen ?? 1) - 1); d <= sunday; d++) if (calendar.isWorkingDayNumber(d)) return dateOf(d);
  return null;
}

/** One PSW's digest of one week: the outbox id, so it goes once. */
export function digestMessageId(recipientId: PersonId, week: string): string {
  return `digest:${week}:${recipientId}`;
}

export interface DigestPerson {
  readonly id: PersonId;
  readonly name: string;
}

export interface DigestAgreement {
  readonly agreement: Agreement;
  readonly sessions: readonly Session[];
  readonly team: string | null;
  readonly supervisee: DigestPerson;
  readonly supervisor: DigestPerson;
}

/** Why the bot cannot message someone. */
export type Unreachable = 'never-talked' | 'removed-the-app';

export interface DigestInput {
  readonly now: Instant;
  readonly today: LocalDate;
  readonly settings: SummarySettings;
  readonly agreements: readonly DigestAgreement[];
  /** Only id, status and when raised are read: a concern's text never reaches the digest. */
  readonly concerns: readonly Pick<Concern, 'id' | 'status' | 'createdAt'>[];
  /** Whether the bot can message each person: absent from the map means reachable. */
  readonly unreachable: ReadonlyMap<PersonId, Unreachable>;
}

export interface Frequency {
  readonly required: number;
  readonly met: number;
  readonly missed: number;
  readonly excused: number;
  /** met / required, whole percent; null when nothing was required. */
  readonly percent: number | null;
}

export type Group = 'nqsw' | 'experienced';

export interface TeamFrequency {
  readonly team: string;
  readonly group: Group;
  readonly recent: Frequency;
  readonly quarter: Frequency;
}

export interface OverdueLine {
  readonly agreementId: string;
  readonly supervisee: DigestPerson;
  readonly supervisor: DigestPerson;
  readonly team: string;
  readonly nqsw: boolean;
  readonly overdueSince: LocalDate;
  readonly daysOverdue: number;
}

export interface ShortSessionLine {
  readonly agreementId: string;
  readonly supervisee: DigestPerson;
  readonly supervisor: DigestPerson;
  readonly date: LocalDate;
  readonly minutes: number;
  readonly uninterrupted: boolean;
}

export interface TeamQuality {
  readonly team: string;
  readonly rated: number;
  /** Mean score 1-5, one decimal; null when nothing was rated. */
  readonly average: number | null;
}

export interface ConcernAges {
  readonly upToAWeek: number;
  readonly upToFourWeeks: number;
  readonly older: number;
  /** Days since the oldest open concern was raised; null when none is open. */
  readonly oldestDays: number | null;
}

export interface UnreachableLine {
  readonly person: DigestPerson;
  readonly reason: Unreachable;
}

export interface DigestFigures {
  readonly today: LocalDate;
  /** First days of the two windows (each ends the day before `today`). */
  readonly recentFrom: LocalDate;
  readonly quarterFrom: LocalDate;
  /** By team (teams in order, "No team" last), NQSW before experienced; only groups with agreements. */
  readonly frequency: readonly TeamFrequency[];
  readonly overdue: readonly OverdueLine[];
  readonly shortSessions: readonly ShortSessionLine[];
  /** By team, then every team together ("All teams") last. */
  readonly quality: readonly TeamQuality[];
  readonly concerns: ConcernAges;
  readonly unreachable: readonly UnreachableLine[];
}

interface Tally {
  met: number;
  missed: number;
  excused: number;
}

const frequencyOf = (t: Tally): Frequency => {
  const required = t.met + t.missed;
  return { required, met: t.met, missed: t.missed, excused: t.excused, percent: required === 0 ? null : Math.round((t.met / required) * 100) };
};

export const compareTeams = (x: string, y: string): number => (x === NO_TEAM ? (y === NO_TEAM ? 0 : 1) : y === NO_TEAM ? -1 : x.localeCompare(y, 'en-GB'));

export function digestFigures(input: DigestInput): DigestFigures {
  const { today, settings } = input;
  const clock = zoneClock(settings.zone);
  const t = dayOf(today);
  const recentFrom = t - DIGEST_WINDOW_DAYS.recent;
  const quarterFrom = t - DIGEST_WINDOW_DAYS.quarter;

  const freq = new Map<string, { team: string; group: Group; recent: Tally; quarter: Tally }>();
  const quality = new Map<string, { rated: number; total: number }>();
  const overdue: OverdueLine[] = [];
  const shortSessions: ShortSessionLine[] = [];
  const live = new Map<PersonId, DigestPerson>();

  for (const { agreement: a, sessions, team: teamOf, supervisee, supervisor } of input.agreements) {
    if (a.status === 'draft') continue;
    const team = teamOf ?? NO_TEAM;
    const group: Group = a.nqsw ? 'nqsw' : 'experienced';
    const key = `${team}\u0000${group}`;
    let f = freq.get(key);
    if (f === undefined) {
      f = { team, group, recent: { met: 0, missed: 0, excused: 0 }, quarter: { met: 0, missed: 0, excused: 0 } };
      freq.set(key, f);
    }
    const held = sessions.filter((s) => s.status === 'held' && s.start !== undefined);
    const asOf = a.status === 'ended' && a.endedOn !== undefined && a.endedOn < today ? a.endedOn : today;
    if (a.agreementStart <= asOf) {
      for (const p of storedPeriods(a, held, settings.zone, asOf, addDays(asOf, 1))) {
        const last = dayOf(p.end) - 1;
        if (last >= t || last > dayOf(asOf) || last < quarterFrom) continue;
        const tallies = last >= recentFrom ? [f.recent, f.quarter] : [f.quarter];
        for (const x of tallies) {
          if (p.status === 'met') x.met++;
          else if (p.status === 'missed') x.missed++;
          else if (p.status === 'excused') x.excused++;
        }
      }
    }

    for (const s of held) {
      const day = localDayOfInstant(s.start as Instant, clock);
      if (day >= t || day < quarterFrom) continue;
      if (s.rating !== undefined) {
        const q = quality.get(team) ?? { rated: 0, total: 0 };
        q.rated++;
        q.total += s.rating.score;
        quality.set(team, q);
      }
      const minutes = s.minutes ?? 0;
      const uninterrupted = s.uninterrupted ?? false;
      if (day >= recentFrom && !isQualifying({ held: true, minutes, uninterrupted })) {
        shortSessions.push({ agreementId: a.id, supervisee, supervisor, date: dateOf(day), minutes, uninterrupted });
      }
    }

    if (a.status === 'active') {
      const summary = summarize({ agreement: a, sessions, settings, now: input.now, withActions: false });
      if (summary.overdueSince !== null && summary.overdueSince <= today) {
        overdue.push({
          agreementId: a.id,
          supervisee,
          supervisor,
          team,
          nqsw: a.nqsw,
          overdueSince: summary.overdueSince,
          daysOverdue: t - dayOf(summary.overdueSince),
        });
      }
    }
    if (a.status !== 'ended') {
      live.set(supervisee.id, supervisee);
      live.set(supervisor.id, supervisor);
    }
  }

  const frequency = [...freq.values()]
    .sort((x, y) => compareTeams(x.team, y.team) || (x.group === y.group ? 0 : x.group === 'nqsw' ? -1 : 1))
    .map((f) => ({ team: f.team, group: f.group, recent: frequencyOf(f.recent), quarter: frequencyOf(f.quarter) }));

  const teams = [...new Set([...freq.values()].map((f) => f.team))].sort(compareTeams);
  const qualityRows: TeamQuality[] = teams.map((team) => qualityRow(team, quality.get(team)));
  const all = [...quality.values()].reduce((acc, q) => ({ rated: acc.rated + q.rated, total: acc.total + q.total }), { rated: 0, total: 0 });
  qualityRows.push(qualityRow('All teams', all));

  let upToAWeek = 0;
  let upToFourWeeks = 0;
  let older = 0;
  let oldestDays: number | null = null;
  for (const c of input.concerns) {
    if (c.status === 'resolved') continue;
    const age = t - localDayOfInstant(c.createdAt, clock);
    if (age <= 7) upToAWeek++;
    else if (age <= 28) upToFourWeeks++;
    else older++;
    if (oldestDays === null || age > oldestDays) oldestDays = age;
  }

  const unreachable = [...live.values()]
    .filter((p) => input.unreachable.has(p.id))
    .map((p) => ({ person: p, reason: input.unreachable.get(p.id) as Unreachable }))
    .sort((x, y) => x.person.name.localeCompare(y.person.name, 'en-GB') || x.person.id.localeCompare(y.person.id));

  return {
    today,
    recentFrom: dateOf(recentFrom),
    quarterFrom: dateOf(quarterFrom),
    frequency,
    overdue: overdue.sort((x, y) => y.daysOverdue - x.daysOverdue || x.supervisee.name.localeCompare(y.supervisee.name, 'en-GB')),
    shortSessions: shortSessions.sort((x, y) => x.date.localeCompare(y.date) || x.supervisee.name.localeCompare(y.supervisee.name, 'en-GB')),
    quality: qualityRows,
    concerns: { upToAWeek, upToFourWeeks, older, oldestDays },
    unreachable,
  };
}

function qualityRow(team: string, q: { rated: number; total: number } | undefined): TeamQuality {
  const rated = q?.rated ?? 0;
  return { team, rated, average: rated === 0 || q === undefined ? null : Math.round((q.total / rated) * 10) / 10 };
}
