/**
 * A supervision session's workflow:
 *
 *   scheduled --record held--> held --supervisee confirms / rates--> (held, confirmed, rated)
 *   scheduled --cancel (reason)--> cancelled
 *   scheduled --reschedule--> rescheduled, and a new scheduled session replaces it
 *
 * While scheduled, the supervisee accepts the time or proposes another. A qualifying session
 * (Standard 5) is held, at least 90 minutes and uninterrupted; a shorter or interrupted one is
 * recorded and flagged, and meets no period.
 *
 * Decisions (so a double press never alarms anyone):
 * - Every transition repeated with the same input gives `changed: false` and the same record.
 * - The supervisor may correct a held record until the supervisee confirms it; after that it is
 *   ALREADY_DONE (the confirmation is of what was recorded).
 * - The supervisee may change their rating: the latest rating stands (a mis-press is corrected by
 *   pressing the right score), and `ratedAt` says when it was given.
 */
import { DateTime } from 'luxon';
import type { Agreement, Instant, LocalDate, PersonId, Session, SessionAction, SessionMode } from './model';
import type { Change } from './agreement';
import { QUALIFYING_MINUTES } from './cadence';
import { fail, ok, type Result } from './result';
import { checkInteger, checkLocalDate, checkText, oneOf, parseInstant } from './validation';

export const DEFAULT_PLANNED_MINUTES = 90;
export const MAX_SESSION_MINUTES = 8 * 60;
export const AGENDA_ITEM_MAX = 500;
export const AGENDA_ITEMS_MAX = 30;
export const ACTION_TEXT_MAX = 1000;
export const ACTIONS_MAX = 30;
export const CANCEL_REASON_MAX = 1000;
export const RATING_COMMENT_MAX = 2000;
export const SESSION_MODES: readonly SessionMode[] = ['in-person', 'teams'];

/** Standard 5: held, at least an hour and a half, uninterrupted. */
export function isQualifying(session: Session): boolean {
  return (
    session.status === 'held' &&
    session.minutes !== undefined &&
    session.minutes >= QUALIFYING_MINUTES &&
    session.uninterrupted === true
  );
}

/** Why a held session does not qualify. */
export function sessionFlags(session: Session): ('short' | 'interrupted')[] {
  if (session.status !== 'held') return [];
  const flags: ('short' | 'interrupted')[] = [];
  if (session.minutes === undefined || session.minutes < QUALIFYING_MINUTES) flags.push('short');
  if (session.uninterrupted !== true) flags.push('interrupted');
  return flags;
}

export interface NewSession {
  readonly id: string;
  readonly agreement: Agreement;
  /** Who will run it: the agreement's supervisor or its professional supervisor. */
  readonly supervisorId: PersonId;
  readonly start: Instant;
  readonly plannedMinutes: unknown;
  readonly mode: unknown;
}

export function schedule(input: NewSession, now: Instant): Result<Session> {
  const { agreement } = input;
  if (agreement.status !== 'active') {
    return fail('AGREEMENT_NOT_ACTIVE', `Sessions can be scheduled only on an active agreement; this one is ${agreement.status}.`);
  }
  const fields = checkPlan(input.start, input.plannedMinutes, input.mode, now, 'start');
  if (!fields.ok) return fields;
  return ok({
    id: input.id,
    tenantId: agreement.tenantId,
    agreementId: agreement.id,
    supervisorId: input.supervisorId,
    superviseeId: agreement.superviseeId,
    status: 'scheduled',
    mode: fields.value.mode,
    scheduledStart: input.start,
    plannedMinutes: fields.value.plannedMinutes,
    agenda: [],
    actions: [],
    createdAt: now,
    updatedAt: now,
  });
}

function checkPlan(
  start: Instant,
  plannedMinutes: unknown,
  mode: unknown,
  now: Instant,
  startField: string,
): Result<{ plannedMinutes: number; mode: SessionMode }> {
  if (parseInstant(start) <= parseInstant(now)) {
    return fail('INVALID_DATE', 'Pick a time in the future.', startField);
  }
  const minutes = checkInteger(plannedMinutes, 'plannedMinutes', 'The duration in minutes', 15, MAX_SESSION_MINUTES);
  if (!minutes.ok) return minutes;
  const checkedMode = oneOf(mode, SESSION_MODES, 'mode', 'The mode');
  if (!checkedMode.ok) return checkedMode;
  return ok({ plannedMinutes: minutes.value, mode: checkedMode.value });
}

/** The supervisee accepts the scheduled time. */
export function acceptSchedule(session: Session, now: Instant): Result<Change<Session>> {
  if (session.status !== 'scheduled') return notScheduled(session);
  if (session.superviseeAcceptedAt !== undefined && session.proposedStart === undefined) {
    return ok({ value: session, changed: false });
  }
  const { proposedStart: _dropped, ...rest } = session;
  return ok({ value: { ...rest, superviseeAcceptedAt: now, updatedAt: now }, changed: true });
}

/** The supervisee proposes another time; the supervisor may then reschedule to it. */
export function proposeAnotherTime(session: Session, proposedStart: Instant, now: Instant): Result<Change<Session>> {
  if (session.status !== 'scheduled') return notScheduled(session);
  if (session.proposedStart !== undefined && sameInstant(session.proposedStart, proposedStart)) {
    return ok({ value: session, changed: false });
  }
  if (parseInstant(proposedStart) <= parseInstant(now)) return fail('INVALID_DATE', 'Pick a time in the future.', 'proposedStart');
  if (sameInstant(proposedStart, session.scheduledStart)) {
    return fail('INVALID_INPUT', 'That is the time already scheduled: accept it instead.', 'proposedStart');
  }
  const { superviseeAcceptedAt: _dropped, ...rest } = session;
  return ok({ value: { ...rest, proposedStart, updatedAt: now }, changed: true });
}

export interface HeldRecord {
  readonly start: Instant;
  readonly minutes: unknown;
  readonly uninterrupted: unknown;
  readonly agenda: readonly unknown[] | undefined;
  readonly actions: readonly { readonly text: unknown; readonly ownerId: unknown; readonly dueDate: unknown }[] | undefined;
}

/** The supervisor records that the session was held. */
export function recordHeld(session: Session, record: HeldRecord, recordedById: PersonId, now: Instant): Result<Change<Session>> {
  const checked = checkHeld(session, record, now);
  if (!checked.ok) return checked;
  const held = checked.value;
  if (session.status === 'held') {
    if (sameRecord(session, held)) return ok({ value: session, changed: false });
    if (session.superviseeConfirmedAt !== undefined) {
      return fail('ALREADY_DONE', 'The supervisee has already confirmed this session as recorded; it can no longer be changed.');
    }
  } else if (session.status !== 'scheduled') {
    return notScheduled(session);
  }
  return ok({
    value: {
      ...session,
      status: 'held',
      start: held.start,
      minutes: held.minutes,
      uninterrupted: held.uninterrupted,
      agenda: held.agenda,
      actions: held.actions,
      recordedById,
      recordedAt: now,
      updatedAt: now,
    },
    changed: true,
  });
}

interface CheckedHeld {
  start: Instant;
  minutes: number;
  uninterrupted: boolean;
  agenda: string[];
  actions: SessionAction[];
}

function checkHeld(session: Session, record: HeldRecord, now: Instant): Result<CheckedHeld> {
  if (parseInstant(record.start) > parseInstant(now)) {
    return fail('INVALID_DATE', 'A session can be recorded as held only once it has started.', 'start');
  }
  const minutes = checkInteger(record.minutes, 'minutes', 'The length in minutes', 1, MAX_SESSION_MINUTES);
  if (!minutes.ok) return minutes;
  if (typeof record.uninterrupted !== 'boolean') {
    return fail('INVALID_INPUT', 'Say whether the session was uninterrupted.', 'uninterrupted');
  }
  const agendaIn = record.agenda ?? [];
  if (agendaIn.length > AGENDA_ITEMS_MAX) return fail('INVALID_INPUT', `At most ${AGENDA_ITEMS_MAX} agenda items.`, 'agenda');
  const agenda: string[] = [];
  for (let i = 0; i < agendaIn.length; i++) {
    const item = checkText(agendaIn[i], `agenda[${i}]`, `Agenda item ${i + 1}`, { max: AGENDA_ITEM_MAX, required: false });
    if (!item.ok) return item;
    if (item.value !== '') agenda.push(item.value);
  }
  const actionsIn = record.actions ?? [];
  if (actionsIn.length > ACTIONS_MAX) return fail('INVALID_INPUT', `At most ${ACTIONS_MAX} actions.`, 'actions');
  const actions: SessionAction[] = [];
  for (let i = 0; i < actionsIn.length; i++) {
    const a = actionsIn[i];
    const field = `actions[${i}]`;
    const text = checkText(a.text, `${field}.text`, `Action ${i + 1}`, { max: ACTION_TEXT_MAX, required: true });
    if (!text.ok) return text;
    if (a.ownerId !== session.supervisorId && a.ownerId !== session.superviseeId) {
      return fail('INVALID_INPUT', `The owner of action ${i + 1} must be the supervisor or the supervisee.`, `${field}.ownerId`);
    }
    const due = checkLocalDate(a.dueDate, `${field}.dueDate`, `The due date of action ${i + 1}`);
    if (!due.ok) return due;
    actions.push({ text: text.value, ownerId: a.ownerId, dueDate: due.value });
  }
  return ok({ start: record.start, minutes: minutes.value, uninterrupted: record.uninterrupted, agenda, actions });
}

function sameRecord(session: Session, held: CheckedHeld): boolean {
  return (
    session.start !== undefined &&
    sameInstant(session.start, held.start) &&
    session.minutes === held.minutes &&
    session.uninterrupted === held.uninterrupted &&
    JSON.stringify(session.agenda) === JSON.stringify(held.agenda) &&
    JSON.stringify(session.actions) === JSON.stringify(held.actions)
  );
}

export function cancel(session: Session, reason: unknown, now: Instant): Result<Change<Session>> {
  const text = checkText(reason, 'reason', 'The reason', { max: CANCEL_REASON_MAX, required: true });
  if (!text.ok) return text;
  if (session.status === 'cancelled') {
    if (session.cancelReason === text.value) return ok({ value: session, changed: false });
    return fail('ALREADY_DONE', 'This session is already cancelled.');
  }
  if (session.status !== 'scheduled') return notScheduled(session);
  return ok({ value: { ...session, status: 'cancelled', cancelReason: text.value, updatedAt: now }, changed: true });
}

/**
 * Marks the session rescheduled and builds its replacement. The replacement's id is derived from the
 * original's, so a retry after a failure finds the replacement it already created instead of making
 * a second one. If the new time is the one the supervisee proposed, it counts as accepted.
 */
export function reschedule(
  session: Session,
  input: { readonly newStart: Instant; readonly plannedMinutes?: unknown; readonly mode?: unknown },
  now: Instant,
): Result<{ readonly original: Session; readonly replacement: Session }> {
  if (session.status !== 'scheduled') return notScheduled(session);
  const plan = checkPlan(input.newStart, input.plannedMinutes ?? session.plannedMinutes, input.mode ?? session.mode, now, 'newStart');
  if (!plan.ok) return plan;
  if (sameInstant(input.newStart, session.scheduledStart)) {
    return fail('INVALID_INPUT', 'That is the time already scheduled.', 'newStart');
  }
  const acceptedProposal = session.proposedStart !== undefined && sameInstant(session.proposedStart, input.newStart);
  const replacement: Session = {
    id: replacementId(session.id),
    tenantId: session.tenantId,
    agreementId: session.agreementId,
    supervisorId: session.supervisorId,
    superviseeId: session.superviseeId,
    status: 'scheduled',
    mode: plan.value.mode,
    scheduledStart: input.newStart,
    plannedMinutes: plan.value.plannedMinutes,
    agenda: [],
    actions: [],
    rescheduledFromId: session.id,
    ...(acceptedProposal ? { superviseeAcceptedAt: now } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const original: Session = { ...session, status: 'rescheduled', rescheduledToId: replacement.id, updatedAt: now };
  return ok({ original, replacement });
}

/** Deterministic: the same original always gets the same replacement id. */
export function replacementId(originalId: string): string {
  return `${originalId}-r`;
}

/** The supervisee confirms the session took place as recorded. */
export function confirm(session: Session, now: Instant): Result<Change<Session>> {
  if (session.status !== 'held') return notHeld(session);
  if (session.superviseeConfirmedAt !== undefined) return ok({ value: session, changed: false });
  return ok({ value: { ...session, superviseeConfirmedAt: now, updatedAt: now }, changed: true });
}

/** The supervisee rates the session's quality 1-5; see the module comment on changing a rating. */
export function rate(session: Session, score: unknown, comment: unknown, now: Instant): Result<Change<Session>> {
  if (session.status !== 'held') return notHeld(session);
  const checkedScore = checkInteger(score, 'score', 'The rating', 1, 5);
  if (!checkedScore.ok) return checkedScore;
  const checkedComment = checkText(comment, 'comment', 'The comment', { max: RATING_COMMENT_MAX, required: false });
  if (!checkedComment.ok) return checkedComment;
  const current = session.rating;
  if (current !== undefined && current.score === checkedScore.value && (current.comment ?? '') === checkedComment.value) {
    return ok({ value: session, changed: false });
  }
  const rating = {
    score: checkedScore.value,
    ...(checkedComment.value !== '' ? { comment: checkedComment.value } : {}),
    ratedAt: now,
  };
  return ok({ value: { ...session, rating, updatedAt: now }, changed: true });
}

export function sameInstant(a: Instant, b: Instant): boolean {
  return parseInstant(a).toMillis() === parseInstant(b).toMillis();
}

function notScheduled<T>(session: Session): Result<T> {
  const what =
    session.status === 'held'
      ? 'has already been recorded as held'
      : session.status === 'cancelled'
        ? 'was cancelled'
        : 'was rescheduled';
  return fail('SESSION_NOT_SCHEDULED', `This session ${what}.`);
}

function notHeld<T>(session: Session): Result<T> {
  return fail('SESSION_NOT_HELD', `This session is ${session.status}, not held: there is nothing to confirm or rate yet.`);
}


/** Why a booked session was cancelled when its agreement ended (the supervisee reads it). */
export const ENDED_AGREEMENT_REASON = 'The supervision agreement ended.';

/**
 * Ending an agreement cancels what was booked under it: the sessions still scheduled that are yet to
 * come, or that fall after its last day. One that was due before the end and is not recorded yet is
 * left for the supervisor to record (it may have been held).
 */
export function cancelledByEnd(session: Session, endedOn: LocalDate, zone: string, now: Instant): boolean {
  if (session.status !== 'scheduled') return false;
  const start = DateTime.fromISO(session.scheduledStart, { setZone: true });
  if (!start.isValid) return false;
  return start > DateTime.fromISO(now) || (start.setZone(zone).toISODate() ?? '') > endedOn;
}
