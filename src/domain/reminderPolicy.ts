/**
 * Who should be told what, and when, about an agreement's supervision periods: the reminder before a
 * period's last day (to the supervisor and the supervisee) and the escalation to the Principal Social
 * Worker when a period was missed (Standards 1 and 5: the employer monitors actual frequency, the PSW
 * has oversight). Pure: the periods come from the cadence engine, `now` and the zone are arguments.
 *
 * Rules:
 * - The reminder concerns the earliest period that is `due` or `upcoming` (the one `nextDueBy`
 *   names). It goes out `reminderLeadDays` days before that period's last day, never before the
 *   period starts, at 09:00 local.
 * - Escalation: each period of the current missed run (missed since the last met period) is
 *   escalated `escalationGraceDays` days after it ended. When several are past that moment at once
 *   (after an outage) only the latest is sent, with the count of periods missed in the run: the PSW
 *   hears once, not once per period.
 * - Nothing goes out in quiet hours: a moment that falls in them is deferred to their end, in the
 *   organisation's zone. Moments are those of `summarize` (compliance.ts: 09:00 local).
 * - `nextActionAt` is the earliest of those moments still in the future for any period in view,
 *   so the sweep does not look at the agreement again before something could be sent.
 */
import { DateTime } from 'luxon';
import { dayOf } from './calendar';
import { evaluateCadence, zoneClock, type CadenceSession, type PeriodStatus } from './cadence';
import { actionMoment, summarize } from './compliance';
import type { Agreement, ComplianceSummary, Instant, LocalDate, OrganisationSettings, Session } from './model';

export type ReminderSettings = Pick<OrganisationSettings, 'zone' | 'reminderLeadDays' | 'escalationGraceDays' | 'quietHours'>;

/** A required supervision period as the cadence engine reports it (`end` exclusive). */
export interface PolicyPeriod {
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly status: PeriodStatus;
}

export type PlannedKind = 'reminder' | 'escalation';

export interface PlannedMessage {
  readonly kind: PlannedKind;
  /** `reminder`: the supervisor and the supervisee; `escalation`: the PSW(s). */
  readonly audience: 'parties' | 'psw';
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  /** The period's last day (end - 1 day). */
  readonly dueBy: LocalDate;
  /** When the message should go out (already outside quiet hours). */
  readonly at: Instant;
  /** For an escalation: how many periods have been missed since the last met one. */
  readonly missedCount?: number;
}

export interface ReminderPlan {
  /** Messages whose time has come (at <= now). */
  readonly sendNow: readonly PlannedMessage[];
  /** The next moment something could be sent for this agreement, or null when nothing is ahead. */
  readonly nextActionAt: Instant | null;
}

export interface ReminderPolicyInput {
  /** Required periods in order, covering at least today and the period after it. */
  readonly periods: readonly PolicyPeriod[];
  readonly settings: ReminderSettings;
  readonly now: Instant;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new Error(`quiet hours must be HH:mm, got ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when the local time of `at` in `zone` lies in quiet hours `[start, end)` (which may wrap midnight). */
export function isInQuietHours(at: Instant, zone: string, quietHours: ReminderSettings['quietHours']): boolean {
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return false;
  const local = DateTime.fromISO(at, { zone });
  const t = local.hour * 60 + local.minute;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/** `at` itself when outside quiet hours, else the moment quiet hours end (local, in `zone`). */
export function deferOutOfQuietHours(at: Instant, zone: string, quietHours: ReminderSettings['quietHours']): Instant {
  if (!isInQuietHours(at, zone, quietHours)) return toInstant(DateTime.fromISO(at, { zone }));
  const end = minutesOf(quietHours.end);
  const local = DateTime.fromISO(at, { zone });
  const t = local.hour * 60 + local.minute;
  // In quiet hours and past the end time today means the quiet spell wraps midnight: it ends tomorrow.
  const day = t >= end ? local.plus({ days: 1 }) : local;
  const endAt = day.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  return toInstant(endAt);
}

function toInstant(dt: DateTime): Instant {
  const iso = dt.toUTC().toISO();
  if (iso === null) throw new Error(`invalid instant: ${dt.invalidReason ?? 'unknown'}`);
  return iso;
}

function localDate(at: Instant, zone: string): LocalDate {
  const d = DateTime.fromISO(at, { zone }).toISODate();
  if (d === null) throw new Error(`invalid instant ${JSON.stringify(at)}`);
  return d;
}

function plusDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate;
}

/**
 * The moment of an action on a local date: the same moment `summarize` uses for nextActionAt
 * (09:00 local, moved to the end of quiet hours when it falls in them), so the two never disagree.
 */
function actionAt(date: LocalDate, settings: ReminderSettings): Instant {
  return toInstant(actionMoment(dayOf(date), zoneClock(settings.zone), settings.quietHours));
}

function reminderAt(p: PolicyPeriod, settings: ReminderSettings): Instant {
  const lastDay = plusDays(p.end, -1);
  const leadDay = plusDays(lastDay, -Math.max(0, settings.reminderLeadDays));
  return actionAt(leadDay > p.start ? leadDay : p.start, settings);
}

function escalationAt(p: PolicyPeriod, settings: ReminderSettings): Instant {
  return actionAt(plusDays(p.end, Math.max(0, settings.escalationGraceDays)), settings);
}

const cmp = (a: Instant, b: Instant): number => Date.parse(a) - Date.parse(b);

export function planReminders(input: ReminderPolicyInput): ReminderPlan {
  const { periods, settings, now } = input;
  const today = localDate(now, settings.zone);
  const sendNow: PlannedMessage[] = [];
  const ahead: Instant[] = [];

  const message = (kind: PlannedKind, p: PolicyPeriod, at: Instant, missedCount?: number): PlannedMessage => ({
    kind,
    audience: kind === 'reminder' ? 'parties' : 'psw',
    periodStart: p.start,
    periodEnd: p.end,
    dueBy: plusDays(p.end, -1),
    at,
    ...(missedCount === undefined ? {} : { missedCount }),
  });

  const target = periods.find((p) => p.status === 'due' || p.status === 'upcoming');
  if (target) {
    const at = reminderAt(target, settings);
    if (cmp(at, now) <= 0) sendNow.push(message('reminder', target, at));
    else ahead.push(at);
  }

  // The current missed run: periods missed since the last met one (an excused period neither
  // starts nor ends it), as `overdueSince` in compliance.ts.
  let run: PolicyPeriod[] = [];
  for (const p of periods) {
    if (p.status === 'met') run = [];
    else if (p.status === 'missed') run.push(p);
  }
  let latestEligible: PolicyPeriod | undefined;
  let latestEligibleAt: Instant | undefined;
  for (const p of run) {
    const at = escalationAt(p, settings);
    if (cmp(at, now) <= 0) {
      latestEligible = p;
      latestEligibleAt = at;
    } else ahead.push(at);
  }
  if (latestEligible && latestEligibleAt) sendNow.push(message('escalation', latestEligible, latestEligibleAt, run.length));

  // Periods not yet over may still be missed or need their reminder: their moments lie ahead.
  for (const p of periods) {
    if (p.status === 'met' || p.status === 'excused' || p.status === 'missed') continue;
    if (p.end <= today) continue;
    for (const at of [reminderAt(p, settings), escalationAt(p, settings)]) {
      if (cmp(at, now) > 0) ahead.push(at);
    }
  }

  ahead.sort(cmp);
  return { sendNow, nextActionAt: ahead[0] ?? null };
}

/**
 * How far ahead the plan looks: two of the longest periods (31 days) and a margin for the lead and
 * grace days. When nothing falls inside it (a long pause, an agreement starting later) the agreement
 * is looked at again at its end, so it is never forgotten.
 */
export const PLANNING_HORIZON_DAYS = 70;

/** What the cadence engine needs of a stored session. */
export function cadenceSessionOf(s: Session): CadenceSession {
  return {
    start: s.start ?? s.scheduledStart,
    minutes: s.minutes ?? 0,
    held: s.status === 'held',
    uninterrupted: s.uninterrupted === true,
  };
}

/** The reminder plan of one stored agreement: its periods from the cadence engine, then `planReminders`. */
export function planForAgreement(
  agreement: Agreement,
  sessions: readonly Session[],
  settings: ReminderSettings,
  now: Instant,
): ReminderPlan {
  // Draft, paused and ended agreements send nothing (as in summarize).
  if (agreement.status !== 'active') return { sendNow: [], nextActionAt: null };
  const today = localDate(now, settings.zone);
  const until = plusDays(today, PLANNING_HORIZON_DAYS);
  const { periods } = evaluateCadence({
    zone: settings.zone,
    employmentStart: agreement.employmentStart,
    agreementStart: agreement.agreementStart,
    nqsw: agreement.nqsw,
    pauses: agreement.pauses,
    ...(agreement.stricterCadence !== undefined ? { stricterCadence: agreement.stricterCadence } : {}),
    today,
    until,
    sessions: sessions.filter((s) => s.agreementId === agreement.id).map(cadenceSessionOf),
  });
  const plan = planReminders({ periods, settings, now });
  return plan.nextActionAt !== null ? plan : { ...plan, nextActionAt: actionAt(until, settings) };
}

/**
 * The outbox id of one message to one person: deterministic, so a sweep run twice (or by two
 * instances) writes the same entry once. Cosmos ids may not contain `/ \ ? #`; ours never do.
 */
export function reminderMessageId(agreementId: string, kind: PlannedKind, periodStart: LocalDate, recipientId: string): string {
  return `${agreementId}:${kind}:${periodStart}:${recipientId}`;
}

/**
 * The agreement's compliance summary (compliance.ts) with `nextActionAt` taken from both rules, so
 * the sweep wakes for whichever comes first: `summarize`'s moment and this policy's (which also
 * sees the reminders of periods after the one due now).
 * - `acted: false` (an import, the demo seed, any change): a message due now keeps nextActionAt at
 *   its moment (at or before now), so the next sweep sends it.
 * - `acted: true` (the sweep, having written what was due): only moments after now count, so the
 *   agreement is not picked again until its next action.
 */
export function summaryWithPlan(
  agreement: Agreement,
  sessions: readonly Session[],
  settings: ReminderSettings,
  now: Instant,
  acted: boolean,
): { readonly summary: ComplianceSummary; readonly plan: ReminderPlan } {
  const own = sessions.filter((s) => s.agreementId === agreement.id);
  const summary = summarize({ agreement, sessions: own, settings, now });
  const plan = planForAgreement(agreement, own, settings, now);
  if (agreement.status !== 'active') return { summary: { ...summary, nextActionAt: null }, plan };
  const candidates: Instant[] = [];
  if (!acted) candidates.push(...plan.sendNow.map((m) => m.at));
  if (plan.nextActionAt !== null) candidates.push(plan.nextActionAt);
  if (summary.nextActionAt !== null && (!acted || cmp(summary.nextActionAt, now) > 0)) candidates.push(summary.nextActionAt);
  candidates.sort(cmp);
  return { summary: { ...summary, nextActionAt: candidates[0] ?? null }, plan };
}
