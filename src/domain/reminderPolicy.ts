/**
 * Who should be told what, and when, about an agreement's supervision periods: the reminder before a
 * period's last day (to the supervisor and the supervisee) and the escalation to the Principal Social
 * Worker when a period was missed (Standards 1 and 5: the employer monitors actual frequency, the PSW
 * has oversight). Pure: the periods come from the cadence engine, `now` and the zone are arguments.
 *
 * The rule itself (which message, at which moment, and when to look next) is one function,
 * `planActions` in compliance.ts, which also gives the compliance summary its `nextActionAt`: the
 * sweep is therefore woken exactly when this policy has something to send. Here it is put in the
 * terms of the outbox (dates, instants, audiences), and quiet hours are applied to any instant.
 */
import { DateTime } from 'luxon';
import { dateOf, dayOf } from './calendar';
import { zoneClock, type CadenceSession, type PeriodStatus } from './cadence';
import { planActions, reviewAgreement, type ActionPeriod, type ActionPlan, type PlannedAction } from './compliance';
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
  /**
   * Required periods in order with their status on today: from the first of the current missed run
   * through the `due` and `upcoming` periods that start before the next moment (see `planActions`).
   */
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
  const endAt = toInstant(day.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 }));
  // The end time may not exist that day (the clocks went forward over it) and land back in quiet
  // hours: then it is the next day's end. Bounded: the clocks change at most once a day.
  return isInQuietHours(endAt, zone, quietHours) ? deferOutOfQuietHours(endAt, zone, quietHours) : endAt;
}

function toInstant(dt: DateTime): Instant {
  const iso = dt.toUTC().toISO();
  if (iso === null) throw new Error(`invalid instant: ${dt.invalidReason ?? 'unknown'}`);
  return iso;
}

function periodDay(field: string, date: LocalDate): number {
  const day = dayOf(date);
  if (day !== day) throw new RangeError(`${field} is not a real date: ${JSON.stringify(date)}`);
  return day;
}

const instantOf = (ms: number): Instant => DateTime.fromMillis(ms, { zone: 'utc' }).toISO() as Instant;

function messageOf(action: PlannedAction): PlannedMessage {
  const { period } = action;
  return {
    kind: action.kind,
    audience: action.kind === 'reminder' ? 'parties' : 'psw',
    periodStart: dateOf(period.start),
    periodEnd: dateOf(period.end),
    dueBy: dateOf(period.end - 1),
    at: instantOf(action.at),
    ...(action.missedCount === undefined ? {} : { missedCount: action.missedCount }),
  };
}

function reminderPlanOf(actions: ActionPlan): ReminderPlan {
  return { sendNow: actions.sendNow.map(messageOf), nextActionAt: actions.nextAt === null ? null : instantOf(actions.nextAt) };
}

/** The policy on periods given as dates (`planActions` in compliance.ts on day numbers). */
export function planReminders(input: ReminderPolicyInput): ReminderPlan {
  const { settings } = input;
  const now = DateTime.fromISO(input.now);
  if (!now.isValid) throw new RangeError(`now is not an ISO instant: ${JSON.stringify(input.now)}`);
  const periods: ActionPeriod[] = input.periods.map((p, i) => ({
    start: periodDay(`periods[${i}].start`, p.start),
    end: periodDay(`periods[${i}].end`, p.end),
    status: p.status,
  }));
  return reminderPlanOf(planActions(periods, now.toMillis(), zoneClock(settings.zone), settings));
}

/** What the cadence engine needs of a stored session. */
export function cadenceSessionOf(s: Session): CadenceSession {
  return {
    start: s.start ?? s.scheduledStart,
    minutes: s.minutes ?? 0,
    held: s.status === 'held',
    uninterrupted: s.uninterrupted === true,
  };
}

/** The reminder plan of one stored agreement, from the same walk of its periods as its summary. */
export function planForAgreement(
  agreement: Agreement,
  sessions: readonly Session[],
  settings: ReminderSettings,
  now: Instant,
): ReminderPlan {
  return summaryWithPlan(agreement, sessions, settings, now, true).plan;
}

/**
 * The outbox id of one message to one person: deterministic, so a sweep run twice (or by two
 * instances) writes the same entry once. Cosmos ids may not contain `/ \ ? #`; ours never do.
 */
export function reminderMessageId(agreementId: string, kind: PlannedKind, periodStart: LocalDate, recipientId: string): string {
  return `${agreementId}:${kind}:${periodStart}:${recipientId}`;
}

/**
 * The agreement's compliance summary (compliance.ts) and its reminder plan, from one evaluation
 * (only the agreement's own sessions count). Draft, paused and ended agreements plan nothing.
 * `acted`: see `SummaryInput.acted` — true only for the sweep that writes `plan.sendNow`.
 */
export function summaryWithPlan(
  agreement: Agreement,
  sessions: readonly Session[],
  settings: ReminderSettings,
  now: Instant,
  acted: boolean,
): { readonly summary: ComplianceSummary; readonly plan: ReminderPlan } {
  const own = sessions.filter((s) => s.agreementId === agreement.id);
  const { summary, actions } = reviewAgreement({ agreement, sessions: own, settings, now, acted });
  return { summary, plan: reminderPlanOf(actions) };
}
