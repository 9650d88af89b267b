/**
 * The compact compliance summary kept on every agreement (next due by, next action time, counts),
 * recomputed from the cadence engine whenever a session or the agreement changes, so that dashboards
 * and the reminder sweep never scan session history.
 *
 * The rule, with T = the local date of `now` in the organisation's zone:
 * - Periods and statuses are the cadence engine's (cadence.ts). `met`, `missed`, `excused` count the
 *   required periods that have started by T. An ended agreement is evaluated as of the earlier of T
 *   and its `endedOn`, so nothing after its end counts against anyone.
 * - `short`: held sessions that do not qualify (under 90 minutes, or interrupted), all time.
 * - `lastSessionOn`: the local date of the latest held session (qualifying or not) on or before T.
 * - `overdueSince`: supervision is overdue while the periods missed since the last `met` period
 *   have not been followed by a `met` one (an `excused` period, leave, neither starts nor ends
 *   that). It is the end of the first missed period of that run, i.e. the first day supervision
 *   was overdue; null when nothing is overdue, and for an ended agreement.
 * - `nextDueBy`: the engine's; null for an ended agreement.
 * - `rated`, `ratingTotal`: the held sessions with a supervisee's quality rating and the sum of
 *   their scores, all time, so the compliance tab shows quality without reading sessions; absent
 *   when no session is rated.
 * - `nextActionAt`: when the reminder sweep should next look at this agreement. Only an `active`
 *   agreement has one (draft, paused and ended ones send nothing; their summary is recomputed when
 *   their status changes). Candidates, each at 09:00 local on its day and, if that falls in quiet
 *   hours, moved to the end of the quiet hours:
 *     the reminder, `reminderLeadDays` before nextDueBy but not before that period starts;
 *     the escalation if the period due by nextDueBy is missed, `escalationGraceDays` after its end;
 *     the escalation of each period of the current missed run, `escalationGraceDays` after its end.
 *   nextActionAt is the earliest candidate at or after `now`: once the sweep has acted on a moment
 *   and recomputed the summary, that moment is past and the next one takes its place. It is an ISO
 *   instant in UTC (`2026-03-03T09:00:00.000Z`), so stored values order as strings.
 */
import { DateTime } from 'luxon';
import { dateOf, dayOf, localDayOfInstant, type ZoneClock } from './calendar';
import { PeriodWalker, isQualifying, scheduleOf, zoneClock } from './cadence';
import type { Agreement, ComplianceSummary, Instant, LocalDate, OrganisationSettings, Session } from './model';

export type SummarySettings = Pick<OrganisationSettings, 'zone' | 'reminderLeadDays' | 'escalationGraceDays' | 'quietHours'>;

export interface SummaryInput {
  readonly agreement: Agreement;
  readonly sessions: readonly Session[];
  readonly settings: SummarySettings;
  readonly now: Instant;
}

/** The local hour at which reminders and escalations go out, before quiet hours apply. */
export const ACTION_HOUR = 9;

function minutesOf(field: string, hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (m === null) throw new RangeError(`${field} is not a time HH:mm: ${String(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 09:00 local on `day`, moved to the end of the quiet hours when it falls inside them. */
export function actionMoment(day: number, zone: ZoneClock, quietHours: SummarySettings['quietHours']): DateTime {
  const at = ACTION_HOUR * 60;
  const quietStart = minutesOf('quietHours.start', quietHours.start);
  const quietEnd = minutesOf('quietHours.end', quietHours.end);
  let moment = at;
  let shift = 0;
  if (quietStart < quietEnd ? at >= quietStart && at < quietEnd : quietStart !== quietEnd && (at >= quietStart || at < quietEnd)) {
    moment = quietEnd;
    shift = quietStart > quietEnd && at >= quietStart ? 1 : 0;
  }
  return zone.instantAt(day + shift, Math.floor(moment / 60), moment % 60);
}

export function summarize(input: SummaryInput): ComplianceSummary {
  const { agreement, settings } = input;
  const zone = zoneClock(settings.zone);
  const now = DateTime.fromISO(input.now, { zone: zone.name });
  if (!now.isValid) throw new RangeError(`now is not an ISO instant: ${input.now}`);
  const today = zone.localDayAt(now.toMillis());
  const ended = agreement.status === 'ended';
  const endedOn = ended && agreement.endedOn !== undefined ? dayOf(agreement.endedOn) : NaN;
  const asOf = endedOn < today ? endedOn : today;

  let short = 0;
  let rated = 0;
  let ratingTotal = 0;
  let lastSession = -Infinity;
  const qualifying: number[] = [];
  for (const s of input.sessions) {
    if (s.status !== 'held' || s.start === undefined) continue;
    const day = localDayOfInstant(s.start, zone);
    if (day !== day) throw new RangeError(`session ${s.id} start is not an ISO instant`);
    if (isQualifying({ held: true, minutes: s.minutes ?? 0, uninterrupted: s.uninterrupted ?? false })) qualifying.push(day);
    else short++;
    if (day <= today && day > lastSession) lastSession = day;
    if (s.rating !== undefined) {
      rated++;
      ratingTotal += s.rating.score;
    }
  }
  qualifying.sort((x, y) => x - y);

  const walker = new PeriodWalker(scheduleOf(agreement), qualifying, asOf);
  let met = 0;
  let missed = 0;
  let excused = 0;
  let missedRun: number[] = []; // ends of the periods missed since the last met one
  let nextDueStart = NaN;
  let nextDueEnd = NaN;
  for (;;) {
    walker.next();
    if (walker.start <= asOf) {
      if (walker.status === 'met') {
        met++;
        missedRun = [];
      } else if (walker.status === 'missed') {
        missed++;
        missedRun.push(walker.end);
      } else if (walker.status === 'excused') excused++;
    }
    if (nextDueEnd !== nextDueEnd && (walker.status === 'due' || walker.status === 'upcoming')) {
      nextDueStart = walker.start;
      nextDueEnd = walker.end;
    }
    if (walker.start > asOf && (ended || nextDueEnd === nextDueEnd)) break;
  }

  let nextActionAt: Instant | null = null;
  if (agreement.status === 'active') {
    const lead = Math.max(0, settings.reminderLeadDays);
    const grace = Math.max(0, settings.escalationGraceDays);
    const candidateDays = [
      Math.max(nextDueStart, nextDueEnd - 1 - lead),
      nextDueEnd + grace,
      ...missedRun.map((end) => end + grace),
    ]
      .filter((d) => d >= today - 1) // a moment on an earlier day is past whatever quiet hours do
      .sort((x, y) => x - y);
    for (const d of candidateDays) {
      const moment = actionMoment(d, zone, settings.quietHours);
      if (moment.toMillis() >= now.toMillis()) {
        nextActionAt = moment.toUTC().toISO() as Instant;
        break;
      }
    }
  }

  const date = (d: number): LocalDate | null => (Number.isFinite(d) ? dateOf(d) : null);
  return {
    nextDueBy: ended ? null : date(nextDueEnd - 1),
    nextActionAt,
    met,
    missed,
    excused,
    short,
    lastSessionOn: date(lastSession),
    overdueSince: ended || missedRun.length === 0 ? null : dateOf(missedRun[0]),
    evaluatedOn: dateOf(today),
    ...(rated > 0 ? { rated, ratingTotal } : {}),
  };
}
