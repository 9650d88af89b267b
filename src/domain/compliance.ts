/**
 * The compact compliance summary kept on every agreement (next due by, next action time, counts),
 * recomputed from the cadence engine whenever a session or the agreement changes, so that dashboards
 * and the reminder sweep never scan session history; and the one rule for what the reminder sweep
 * sends about an agreement and when (`planActions`), from which both the sweep's messages
 * (reminderPolicy.ts) and the summary's `nextActionAt` come, so the two can never disagree.
 *
 * The summary, with T = the local date of `now` in the organisation's zone:
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
 * - `nextActionAt`: when the sweep must next look at the agreement; null unless it is `active`
 *   (draft, paused and ended ones send nothing; their summary is recomputed when their status
 *   changes). It is the earliest moment of `planActions` still to come, and, unless the summary is
 *   computed by the sweep that has just sent what was due (`acted`), the moment of any message due
 *   now: a change to an agreement between a reminder's moment and the sweep never loses that
 *   reminder (the sweep's outbox ids are deterministic, so looking twice sends once). An ISO
 *   instant in UTC (`2026-03-03T09:00:00.000Z`), so stored values order as strings.
 *
 * The action rule (`planActions`), on the required periods with their status on T. Every moment
 * is 09:00 local on its day, moved to the end of quiet hours when it falls in them:
 * - the reminder (to both parties) for the earliest period that is `due` or `upcoming` (the one
 *   nextDueBy names), `reminderLeadDays` before its last day, never before it starts;
 * - the escalation (to the PSW) of each period of the current missed run (missed since the last
 *   met period), `escalationGraceDays` after its end; when several are past their moment at once
 *   (after an outage) only the latest goes, with the count of periods in the run.
 * Each `due` or `upcoming` period will have its reminder when it becomes the earliest one, and its
 * escalation if it ends unmet; those moments are what lies ahead, and the earliest one after now is
 * when the agreement must next be looked at (a new session changes the summary anyway).
 */
import { DateTime } from 'luxon';
import { dateOf, dayOf, localDayOfInstant, type ZoneClock } from './calendar';
import { PeriodWalker, SCHEDULE_END, isQualifying, scheduleOf, zoneClock, type PeriodStatus } from './cadence';
import type { Agreement, ComplianceSummary, Instant, LocalDate, OrganisationSettings, Session } from './model';

export type SummarySettings = Pick<OrganisationSettings, 'zone' | 'reminderLeadDays' | 'escalationGraceDays' | 'quietHours'>;

export interface SummaryInput {
  readonly agreement: Agreement;
  readonly sessions: readonly Session[];
  readonly settings: SummarySettings;
  readonly now: Instant;
  /**
   * True only for the reminder sweep, once it has written every message due at `now`: then
   * nextActionAt is the next moment after now. Otherwise (any other change, an import) a message
   * due now keeps nextActionAt at its moment, so the next sweep sends it.
   */
  readonly acted?: boolean;
  /** False: the summary only, without this file's action rule (proactivePolicy.ts plans instead). */
  readonly withActions?: boolean;
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

export type ActionKind = 'reminder' | 'escalation';

/** A required period as the action rule reads it: local day numbers (`end` exclusive), status on T. */
export interface ActionPeriod {
  readonly start: number;
  readonly end: number;
  readonly status: PeriodStatus;
}

export interface PlannedAction {
  readonly kind: ActionKind;
  readonly period: ActionPeriod;
  /** Epoch milliseconds, already out of quiet hours. */
  readonly at: number;
  /** Escalation: the periods missed since the last met one. */
  readonly missedCount?: number;
}

export interface ActionPlan {
  /** What is to be sent now (moment at or before now): the reminder first, then the escalation. */
  readonly sendNow: readonly PlannedAction[];
  /** The earliest moment after now at which something would be sent (epoch ms); null: none in view. */
  readonly nextAt: number | null;
}

const whole = (days: number): number => Math.max(0, Math.floor(days));

/** The reminder's day: `leadDays` before the period's last day, never before it starts. */
export function reminderDay(p: ActionPeriod, leadDays: number): number {
  const day = p.end - 1 - whole(leadDays);
  return day > p.start ? day : p.start;
}

/** The escalation's day: `graceDays` after the period ended. */
export function escalationDay(p: ActionPeriod, graceDays: number): number {
  return p.end + whole(graceDays);
}

const isOpen = (s: PeriodStatus): boolean => s === 'due' || s === 'upcoming';

/**
 * The action rule (see the top of this file) on `periods`: the required periods in order, from the
 * first of the current missed run at least up to every `due` or `upcoming` period that starts on or
 * before the day of the earliest moment ahead (`reviewAgreement` walks exactly that far).
 */
export function planActions(periods: readonly ActionPeriod[], now: number, zone: ZoneClock, settings: SummarySettings): ActionPlan {
  const today = zone.localDayAt(now);
  const moments = new Map<number, number>();
  const moment = (day: number): number => {
    let at = moments.get(day);
    if (at === undefined) {
      at = actionMoment(day, zone, settings.quietHours).toMillis();
      moments.set(day, at);
    }
    return at;
  };
  const sendNow: PlannedAction[] = [];
  let nextAt = Infinity;
  const ahead = (at: number): void => {
    if (at > now && at < nextAt) nextAt = at;
  };

  const target = periods.find((p) => isOpen(p.status));
  if (target !== undefined) {
    const at = moment(reminderDay(target, settings.reminderLeadDays));
    if (at <= now) sendNow.push({ kind: 'reminder', period: target, at });
  }

  // The current missed run: missed since the last period met by today (as overdueSince).
  let run: ActionPeriod[] = [];
  for (const p of periods) {
    if (p.status === 'met' && p.start <= today) run = [];
    else if (p.status === 'missed') run.push(p);
  }
  let latest: PlannedAction | undefined;
  for (const p of run) {
    const at = moment(escalationDay(p, settings.escalationGraceDays));
    if (at <= now) latest = { kind: 'escalation', period: p, at, missedCount: run.length };
    else ahead(at);
  }
  if (latest !== undefined) sendNow.push(latest);

  for (const p of periods) {
    if (!isOpen(p.status)) continue;
    ahead(moment(reminderDay(p, settings.reminderLeadDays)));
    ahead(moment(escalationDay(p, settings.escalationGraceDays)));
  }
  return { sendNow, nextAt: nextAt === Infinity ? null : nextAt };
}

export interface AgreementReview {
  readonly summary: ComplianceSummary;
  /** The action rule on the agreement's periods; nothing for an agreement that is not active. */
  readonly actions: ActionPlan;
}

const NO_ACTIONS: ActionPlan = { sendNow: [], nextAt: null };

/** The summary and the action plan of one agreement, from one walk of its periods. */
export function reviewAgreement(input: SummaryInput): AgreementReview {
  const { agreement, settings } = input;
  const zone = zoneClock(settings.zone);
  const now = DateTime.fromISO(input.now, { zone: zone.name });
  if (!now.isValid) throw new RangeError(`now is not an ISO instant: ${input.now}`);
  const nowMs = now.toMillis();
  const today = zone.localDayAt(nowMs);
  const ended = agreement.status === 'ended';
  const active = agreement.status === 'active';
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

  const lead = settings.reminderLeadDays;
  const grace = settings.escalationGraceDays;
  const walker = new PeriodWalker(scheduleOf(agreement), qualifying, asOf);
  let met = 0;
  let missed = 0;
  let excused = 0;
  let run: ActionPeriod[] = []; // the periods missed since the last met one
  const open: ActionPeriod[] = []; // due and upcoming periods, in order
  // The earliest day, after today, on which an action is sure to come: a period starting later
  // cannot have an earlier moment (a period's moments are on or after its start).
  let horizon = Infinity;
  const sure = (day: number): void => {
    if (day > today && day < horizon) horizon = day;
  };
  for (;;) {
    walker.next();
    const start = walker.start;
    if (start > asOf && (ended || (open.length > 0 && (!active || start > horizon)))) break;
    const period: ActionPeriod = { start, end: walker.end, status: walker.status };
    if (start <= asOf) {
      if (period.status === 'met') {
        met++;
        run = [];
      } else if (period.status === 'missed') {
        missed++;
        run.push(period);
        sure(escalationDay(period, grace));
      } else if (period.status === 'excused') excused++;
    }
    if (isOpen(period.status)) {
      open.push(period);
      sure(reminderDay(period, lead));
      sure(escalationDay(period, grace));
    }
    if (period.end >= SCHEDULE_END) break; // paused to the end of the calendar: nothing is due
  }

  const actions = active && input.withActions !== false ? planActions([...run, ...open], nowMs, zone, settings) : NO_ACTIONS;
  let nextAction = actions.nextAt ?? Infinity;
  if (input.acted !== true) for (const m of actions.sendNow) if (m.at < nextAction) nextAction = m.at;

  const date = (d: number): LocalDate | null => (Number.isFinite(d) ? dateOf(d) : null);
  const summary: ComplianceSummary = {
    nextDueBy: ended || open.length === 0 ? null : dateOf(open[0].end - 1),
    nextActionAt: Number.isFinite(nextAction) ? (DateTime.fromMillis(nextAction, { zone: 'utc' }).toISO() as Instant) : null,
    met,
    missed,
    excused,
    short,
    lastSessionOn: date(lastSession),
    overdueSince: ended || run.length === 0 ? null : dateOf(run[0].end),
    evaluatedOn: dateOf(today),
    ...(rated > 0 ? { rated, ratingTotal } : {}),
  };
  return { summary, actions };
}

export function summarize(input: SummaryInput): ComplianceSummary {
  return reviewAgreement(input).summary;
}
