/**
 * Who is told what, and when, about an agreement's supervision (issue 9, parts 2 and 3), counted in
 * working days of the organisation's working calendar and sent only at its send moments
 * (workingCalendar.ts). Pure: `now`, the settings (with the zone) and the calendar are arguments.
 *
 * With P the earliest open (due or upcoming) period, dueBy its last day:
 * - `reminder-due` to the supervisor and the supervisee, `reminderLeadDays` working days before dueBy,
 *   never before P starts;
 * - `reminder-due-today`, to both again, on dueBy (the last working day on or before it) when nothing
 *   qualifying is held and nothing booked by then; only one of the two when they fall on one day;
 * - when a session is booked in a period (status `scheduled`, starting on a day of it), the two give
 *   way to `reminder-session`, to both, on the working day before the session, provided the session
 *   was booked before that moment and starts after it;
 * - `escalation` to every PSW (the admins when there is none) `escalationGraceDays` working days after
 *   a period ended unmet (counted from the first working day on or after its end); for an NQSW a
 *   second (third, ...) period missed in a row escalates at once, the next send moment after it
 *   ended. With it, `escalation-notice` tells the supervisor which PSWs were informed. Escalations
 *   are of the current missed run (missed since the last met period): supervision that caught up
 *   before the moment escalates nothing. After an outage only the latest escalation due goes.
 * Each message is to one person and has a deterministic id per (agreement, kind, period, recipient),
 * so a sweep run twice, or a message planned again, is written once.
 *
 * A moment is the send time of its day when that is a working day, else of the next working day (see
 * `sendMomentOnDay`). What is due is sent only at a send moment: a sweep woken on a Saturday, or in
 * quiet hours (after an outage), sends nothing and is woken again at the next send moment.
 */
import { dateOf, dayOf, localDayOfInstant } from './calendar';
import { PeriodWalker, SCHEDULE_END, isQualifying, scheduleOf, zoneClock, type PeriodStatus } from './cadence';
import { reviewAgreement } from './compliance';
import type { Agreement, ComplianceSummary, CompleteOrganisationSettings, Instant, LocalDate, PersonId, Session } from './model';
import { pswsOrAdmins } from './organisationDefaults';
import { nextSendMoment, sendMomentOnDay, type WorkingCalendar } from './workingCalendar';

export type ProactiveSettings = Pick<
  CompleteOrganisationSettings,
  'zone' | 'reminderLeadDays' | 'escalationGraceDays' | 'quietHours' | 'sendTime' | 'pswIds' | 'adminIds'
>;

export type ReminderKind = 'reminder-due' | 'reminder-due-today' | 'reminder-session';
export type AgreementMessageKind = ReminderKind | 'escalation' | 'escalation-notice';

export const REMINDER_KINDS: readonly ReminderKind[] = ['reminder-due', 'reminder-due-today', 'reminder-session'];

/** One planned proactive message about an agreement, to one person. */
export interface AgreementMessage {
  /** Deterministic: `agreementMessageId(agreementId, kind, periodStart, recipientId)`. */
  readonly id: string;
  readonly kind: AgreementMessageKind;
  readonly agreementId: string;
  readonly supervisorId: PersonId;
  readonly superviseeId: PersonId;
  readonly recipientId: PersonId;
  readonly recipientIs: 'supervisor' | 'supervisee' | 'psw';
  readonly periodStart: LocalDate;
  /** Exclusive. */
  readonly periodEnd: LocalDate;
  /** The period's last day. */
  readonly dueBy: LocalDate;
  /** The moment the policy planned it for (a send moment; what an outage delayed goes later). */
  readonly at: Instant;
  /** `reminder-session`: the booked session it reminds of. */
  readonly session?: { readonly id: string; readonly start: Instant };
  /** Escalations: periods missed in a row up to and including this one. */
  readonly missedCount?: number;
  /** Escalations: true when sent at once (an NQSW's second period missed in a row). */
  readonly atOnce?: boolean;
  /** `escalation-notice`: the people the escalation went to ("the PSW was informed"). */
  readonly informedIds?: readonly PersonId[];
}

export interface AgreementPlan {
  /** Messages to send now (their moment has come and now is a send moment). */
  readonly sendNow: readonly AgreementMessage[];
  /** The next moment after now at which the plan must be looked at again; null: nothing ahead. */
  readonly nextActionAt: Instant | null;
}

/** One outbox id per (agreement, kind, period, recipient); Cosmos ids may not contain `/ \ ? #`, ours never do. */
export function agreementMessageId(agreementId: string, kind: AgreementMessageKind, periodStart: LocalDate, recipientId: PersonId): string {
  return `${agreementId}:${kind}:${periodStart}:${recipientId}`;
}

/** A period as the policy reads it: local day numbers, `end` exclusive, status as of today. */
export interface PeriodFacts {
  readonly start: number;
  readonly end: number;
  readonly status: PeriodStatus;
  /** The earliest session booked in the period, if any. */
  readonly booked: BookedSession | null;
}

export interface BookedSession {
  readonly id: string;
  /** Epoch ms. */
  readonly start: number;
  /** Epoch ms when it was booked. */
  readonly bookedAt: number;
}

/** What the policy needs to know of an agreement: everything else is settings and calendar. */
export interface AgreementFacts {
  readonly nqsw: boolean;
  /** Missed periods since the last met one (started by today), in order. */
  readonly run: readonly PeriodFacts[];
  /** The first open (due or upcoming) periods, in order; the first is the one nextDueBy names. */
  readonly open: readonly PeriodFacts[];
}

/** How many open periods the plan looks at: enough for every moment before the next one it will wake for. */
const OPEN_PERIODS_IN_VIEW = 3;

interface Moment {
  readonly kind: 'reminder-due' | 'reminder-due-today' | 'reminder-session' | 'escalation';
  readonly period: PeriodFacts;
  /** Epoch ms. */
  readonly at: number;
  readonly session?: BookedSession;
  readonly missedCount?: number;
  readonly atOnce?: boolean;
}

const whole = (n: number): number => Math.max(0, Math.floor(n));

/** Every moment the facts call for, past and future, in no particular order. */
function momentsOf(facts: AgreementFacts, settings: ProactiveSettings, calendar: WorkingCalendar): Moment[] {
  const cache = new Map<number, number>();
  const moment = (day: number): number => {
    let at = cache.get(day);
    if (at === undefined) {
      at = sendMomentOnDay(day, settings, calendar);
      cache.set(day, at);
    }
    return at;
  };
  const zone = zoneClock(settings.zone);
  const out: Moment[] = [];
  for (const period of facts.open) {
    const dueBy = period.end - 1;
    const { booked } = period;
    if (booked !== null) {
      const sessionDay = zone.localDayAt(booked.start);
      const at = moment(calendar.workingDayNumberFrom(sessionDay - 1, -1));
      if (at < booked.start && at >= booked.bookedAt) out.push({ kind: 'reminder-session', period, at, session: booked });
      continue;
    }
    const leadDay = Math.max(period.start, calendar.addWorkingDayNumbers(dueBy, -whole(settings.reminderLeadDays)));
    const lead = moment(leadDay);
    const lastWorking = calendar.workingDayNumberFrom(dueBy, -1);
    const due = lastWorking >= period.start ? moment(lastWorking) : NaN;
    const leadOn = zone.localDayAt(lead);
    if (due === due && leadOn >= lastWorking) out.push({ kind: 'reminder-due-today', period, at: due });
    else {
      if (leadOn <= dueBy) out.push({ kind: 'reminder-due', period, at: lead });
      if (due === due) out.push({ kind: 'reminder-due-today', period, at: due });
    }
  }
  const grace = whole(settings.escalationGraceDays);
  const escalate = (period: PeriodFacts, index: number): void => {
    const atOnce = facts.nqsw && index >= 1;
    const day = calendar.addWorkingDayNumbers(period.end, atOnce ? 0 : grace);
    out.push({ kind: 'escalation', period, at: moment(day), missedCount: index + 1, atOnce });
  };
  facts.run.forEach(escalate);
  // An open period that ends unmet continues the run.
  facts.open.forEach((p, k) => escalate(p, facts.run.length + k));
  return out;
}

export interface AgreementPlanInput {
  readonly agreement: Agreement;
  /** The sessions that count for the agreement (its own, and those carried over: see continuity.ts). */
  readonly sessions: readonly Session[];
  readonly settings: ProactiveSettings;
  readonly calendar: WorkingCalendar;
  readonly now: Instant;
}

/** The facts of an agreement as of `now` (the local day of now in the organisation's zone). */
export function agreementFacts(agreement: Agreement, sessions: readonly Session[], zoneName: string, now: Instant): AgreementFacts {
  const zone = zoneClock(zoneName);
  const nowMs = Date.parse(now);
  if (nowMs !== nowMs) throw new RangeError(`now is not an ISO instant: ${JSON.stringify(now)}`);
  const today = zone.localDayAt(nowMs);
  const qualifying: number[] = [];
  const booked: { day: number; session: BookedSession }[] = [];
  for (const s of sessions) {
    if (s.status === 'held' && s.start !== undefined) {
      if (isQualifying({ held: true, minutes: s.minutes ?? 0, uninterrupted: s.uninterrupted === true })) {
        qualifying.push(localDayOfInstant(s.start, zone));
      }
    } else if (s.status === 'scheduled') {
      const start = Date.parse(s.scheduledStart);
      booked.push({ day: localDayOfInstant(s.scheduledStart, zone), session: { id: s.id, start, bookedAt: Date.parse(s.createdAt) } });
    }
  }
  qualifying.sort((x, y) => x - y);
  booked.sort((x, y) => x.session.start - y.session.start);
  const walker = new PeriodWalker(scheduleOf(agreement), qualifying, today);
  let run: PeriodFacts[] = [];
  const open: PeriodFacts[] = [];
  while (open.length < OPEN_PERIODS_IN_VIEW) {
    walker.next();
    const { start, end, status } = walker;
    const inPeriod = booked.find((b) => b.day >= start && b.day < end);
    const period: PeriodFacts = { start, end, status, booked: inPeriod?.session ?? null };
    if (status === 'met' && start <= today) run = [];
    else if (status === 'missed') run.push(period);
    else if (status === 'due' || status === 'upcoming') open.push(period);
    if (end >= SCHEDULE_END) break;
  }
  return { nqsw: agreement.nqsw, run, open };
}

const instantOf = (ms: number): Instant => new Date(ms).toISOString();

/** The plan from facts: what goes now, and when to look again. */
export function planFromFacts(
  subject: Pick<Agreement, 'id' | 'supervisorId' | 'superviseeId'>,
  facts: AgreementFacts,
  settings: ProactiveSettings,
  calendar: WorkingCalendar,
  now: Instant,
): AgreementPlan {
  const nowMs = Date.parse(now);
  const moments = momentsOf(facts, settings, calendar);
  let nextAt = Infinity;
  const dueNow: Moment[] = [];
  for (const m of moments) {
    if (m.at > nowMs) nextAt = Math.min(nextAt, m.at);
    // A session is not reminded of once it has started (a sweep late after an outage).
    else if (m.session === undefined || m.session.start > nowMs) dueNow.push(m);
  }
  // Of the reminders of one period, the latest due; of the escalations, the latest due.
  const latest = new Map<string, Moment>();
  for (const m of dueNow) {
    const key = m.kind === 'escalation' ? 'escalation' : `reminder:${m.period.start}`;
    const seen = latest.get(key);
    if (seen === undefined || m.at > seen.at || (m.at === seen.at && m.period.start > seen.period.start)) latest.set(key, m);
  }
  const sendable = nextSendMoment(nowMs, settings, calendar);
  if (latest.size > 0 && sendable !== nowMs) {
    // Woken outside a send moment (after an outage): what is due goes at the next one.
    nextAt = Math.min(nextAt, sendable);
    return { sendNow: [], nextActionAt: instantOf(nextAt) };
  }
  const sendNow: AgreementMessage[] = [];
  for (const m of [...latest.values()].sort((x, y) => x.at - y.at || x.period.start - y.period.start)) {
    sendNow.push(...messagesOf(subject, m, settings));
  }
  return { sendNow, nextActionAt: nextAt === Infinity ? null : instantOf(nextAt) };
}

function messagesOf(subject: Pick<Agreement, 'id' | 'supervisorId' | 'superviseeId'>, m: Moment, settings: ProactiveSettings): AgreementMessage[] {
  const periodStart = dateOf(m.period.start);
  const base = {
    agreementId: subject.id,
    supervisorId: subject.supervisorId,
    superviseeId: subject.superviseeId,
    periodStart,
    periodEnd: dateOf(m.period.end),
    dueBy: dateOf(m.period.end - 1),
    at: instantOf(m.at),
  };
  const to = (kind: AgreementMessageKind, recipientId: PersonId, recipientIs: AgreementMessage['recipientIs']) => ({
    id: agreementMessageId(subject.id, kind, periodStart, recipientId),
    kind,
    ...base,
    recipientId,
    recipientIs,
  });
  if (m.kind !== 'escalation') {
    const session = m.session === undefined ? {} : { session: { id: m.session.id, start: instantOf(m.session.start) } };
    return [
      { ...to(m.kind, subject.supervisorId, 'supervisor'), ...session },
      { ...to(m.kind, subject.superviseeId, 'supervisee'), ...session },
    ];
  }
  const informed = [...new Set(pswsOrAdmins(settings))];
  const facts = { missedCount: m.missedCount ?? 1, atOnce: m.atOnce === true };
  const out: AgreementMessage[] = informed.map((id) => ({ ...to('escalation', id, 'psw'), ...facts }));
  if (informed.length > 0 && !informed.includes(subject.supervisorId)) {
    out.push({ ...to('escalation-notice', subject.supervisorId, 'supervisor'), ...facts, informedIds: informed });
  }
  return out;
}

/** The plan of one agreement: draft, paused and ended agreements plan nothing. */
export function planAgreement(input: AgreementPlanInput): AgreementPlan {
  const { agreement, settings, calendar, now } = input;
  if (agreement.status !== 'active') return { sendNow: [], nextActionAt: null };
  return planFromFacts(agreement, agreementFacts(agreement, input.sessions, settings.zone, now), settings, calendar, now);
}

/**
 * The agreement's compliance summary (compliance.ts) with `nextActionAt` from this policy, and the
 * plan, from the same sessions. `acted`: true only for the sweep that writes `plan.sendNow`; any
 * other caller keeps a message due now in `nextActionAt`, so the next sweep sends it. The summary
 * also keeps `bookedSessionStart`, the session booked in the earliest open period, so the plan can
 * be made again from the stored summary alone when settings change (`replanNextActionAt`).
 */
export function summaryWithProactivePlan(
  input: AgreementPlanInput & { readonly acted: boolean },
): { readonly summary: ComplianceSummary; readonly plan: AgreementPlan } {
  const { agreement, settings, now } = input;
  const { summary } = reviewAgreement({ agreement, sessions: input.sessions, settings, now, acted: input.acted, withActions: false });
  const facts = agreement.status === 'active' ? agreementFacts(agreement, input.sessions, settings.zone, now) : null;
  const plan = facts === null ? { sendNow: [], nextActionAt: null } : planFromFacts(agreement, facts, settings, input.calendar, now);
  let next = plan.nextActionAt === null ? Infinity : Date.parse(plan.nextActionAt);
  if (!input.acted) for (const m of plan.sendNow) next = Math.min(next, Date.parse(m.at));
  const booked = facts?.open[0]?.booked ?? null;
  return {
    summary: {
      ...summary,
      nextActionAt: next === Infinity ? null : instantOf(next),
      ...(booked === null ? {} : { bookedSessionStart: instantOf(booked.start) }),
    },
    plan,
  };
}

/**
 * The facts of an agreement as its stored summary tells them, without its sessions: the earliest
 * open period is the one that ends after `summary.nextDueBy`, with the session booked in it
 * (`bookedSessionStart`); the missed run is every period from the one that ended on
 * `summary.overdueSince` to today.
 */
export function factsFromSummary(agreement: Agreement, zoneName: string, now: Instant): AgreementFacts {
  const { summary } = agreement;
  const zone = zoneClock(zoneName);
  const today = zone.localDayAt(Date.parse(now));
  const dueBy = summary.nextDueBy === null ? NaN : dayOf(summary.nextDueBy);
  const overdueSince = summary.overdueSince === null ? NaN : dayOf(summary.overdueSince);
  const booked = summary.bookedSessionStart === undefined ? NaN : Date.parse(summary.bookedSessionStart);
  // Statuses as of a day before every period: the walker then reports them all as upcoming.
  const walker = new PeriodWalker(scheduleOf({ ...agreement, pauses: [] }), [], -Infinity);
  const run: PeriodFacts[] = [];
  const open: PeriodFacts[] = [];
  const known = (d: number): boolean => d === d;
  while (open.length < OPEN_PERIODS_IN_VIEW) {
    walker.next();
    const { start, end } = walker;
    if (known(dueBy) && end - 1 >= dueBy) {
      const session = open.length === 0 && known(booked) ? { id: '', start: booked, bookedAt: -Infinity } : null;
      open.push({ start, end, status: start > today ? 'upcoming' : 'due', booked: session });
    } else if (known(overdueSince) && end >= overdueSince && end <= today) {
      run.push({ start, end, status: 'missed', booked: null });
    }
    if (end >= SCHEDULE_END || (!known(dueBy) && (!known(overdueSince) || end > today))) break;
  }
  return { nqsw: agreement.nqsw, run, open };
}

/**
 * When an agreement must next be looked at after its organisation's settings changed from `before`
 * to `after` (issue 9 part 4: settings take effect at once), from its stored summary alone, so
 * every agreement of an organisation is re-planned in one bounded pass that reads no session:
 * - a moment still pending under the stored summary (`nextActionAt` at or before now) stays;
 * - a message whose moment the change moved to now or earlier, though it was still ahead (or not
 *   planned) before, is due at the next send moment;
 * - else the earliest moment after now under the new settings.
 * Never later than the full plan would say (a looked-at agreement is planned exactly by the sweep).
 */
export function replanNextActionAt(
  agreement: Agreement,
  before: { readonly settings: ProactiveSettings; readonly calendar: WorkingCalendar },
  after: { readonly settings: ProactiveSettings; readonly calendar: WorkingCalendar },
  now: Instant,
): Instant | null {
  if (agreement.status !== 'active') return null;
  const nowMs = Date.parse(now);
  const stored = agreement.summary.nextActionAt;
  if (stored !== null && Date.parse(stored) <= nowMs) return stored;
  const keyOf = (m: Moment) => `${m.kind}:${m.period.start}`;
  const old = new Map(momentsOf(factsFromSummary(agreement, before.settings.zone, now), before.settings, before.calendar).map((m) => [keyOf(m), m.at]));
  let next = Infinity;
  for (const m of momentsOf(factsFromSummary(agreement, after.settings.zone, now), after.settings, after.calendar)) {
    if (m.at > nowMs) next = Math.min(next, m.at);
    else if (!((old.get(keyOf(m)) ?? Infinity) <= nowMs)) next = Math.min(next, nextSendMoment(nowMs, after.settings, after.calendar));
  }
  return next === Infinity ? null : instantOf(next);
}

/** A supervisor's reminders of one local day, sent as one card. */
export interface SupervisorDigest {
  /** Deterministic: one card per supervisor per local day. */
  readonly id: string;
  readonly supervisorId: PersonId;
  readonly date: LocalDate;
  /** Every reminder to the supervisor that day (each once), in the order given. */
  readonly items: readonly AgreementMessage[];
}

/**
 * A day's planned messages with the supervisors' reminders gathered into one digest per supervisor
 * per local day (issue 9: at most one reminder card a day, listing every supervisee due); every other
 * message is returned as it was. Each item keeps its own id, which the wiring records so an item is
 * never listed twice.
 */
export function groupSupervisorReminders(
  messages: readonly AgreementMessage[],
  zoneName: string,
): { readonly digests: readonly SupervisorDigest[]; readonly others: readonly AgreementMessage[] } {
  const zone = zoneClock(zoneName);
  const digests = new Map<string, { supervisorId: PersonId; date: LocalDate; items: AgreementMessage[] }>();
  const others: AgreementMessage[] = [];
  for (const m of messages) {
    if (m.recipientIs !== 'supervisor' || !(REMINDER_KINDS as readonly string[]).includes(m.kind)) {
      others.push(m);
      continue;
    }
    const date = dateOf(zone.localDayAt(Date.parse(m.at)));
    const key = `${m.recipientId}:${date}`;
    let digest = digests.get(key);
    if (digest === undefined) {
      digest = { supervisorId: m.recipientId, date, items: [] };
      digests.set(key, digest);
    }
    if (!digest.items.some((i) => i.id === m.id)) digest.items.push(m);
  }
  return {
    digests: [...digests.values()].map((d) => ({ id: supervisorDigestId(d.supervisorId, d.date), ...d })),
    others,
  };
}

export function supervisorDigestId(supervisorId: PersonId, date: LocalDate): string {
  return `reminder-digest:${supervisorId}:${date}`;
}
