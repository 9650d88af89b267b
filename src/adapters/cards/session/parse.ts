/** Parsers of the session family's submissions into the use cases' commands. */
import { z } from 'zod';
import type { RateSession, RecordSession, RequestSession, RespondToSchedule, ScheduleSession, SessionActionInput } from '../../../app/commands';
import type { SessionMode } from '../../../domain/model';
import { fieldOf } from '../shared/fields';
import {
  blankToUndefined,
  customIssue,
  dateSchema,
  enumSchema,
  fromSchema,
  idOnly,
  idSchema,
  intSchema,
  isIssue,
  localDateTime,
  personSchema,
  textSchema,
  timeSchema,
  yesNoSchema,
  type Issue,
} from '../shared/schema';
import {
  ACTION_ROWS,
  AGENDA_ITEMS_MAX,
  AGENDA_MAX,
  COMMENT_MAX,
  DEFAULT_SESSION_MINUTES,
  MINUTES_MAX,
  MINUTES_MIN,
  REASON_MAX,
  SESSION_FORMS,
} from './fields';

export const sessionTarget = idOnly('sessionId', 'The session');

/** Opens the schedule card, for one agreement or (none named) to choose among the actor's. */
export interface OpenScheduleForm {
  readonly agreementId?: string;
}

export const parseOpenScheduleForm = fromSchema(
  z.object({ agreementId: z.preprocess(blankToUndefined, idSchema('The agreement').optional()) }),
  (d): OpenScheduleForm => (d.agreementId !== undefined ? { agreementId: d.agreementId } : {}),
);

const SESSION_MODES = ['in-person', 'teams'] as const satisfies readonly SessionMode[];

export const parseScheduleSession = (() => {
  const f = SESSION_FORMS['session.schedule'];
  const schema = z.object({
    agreementId: personSchema(fieldOf(f, 'agreementId')),
    scheduleDate: dateSchema(fieldOf(f, 'scheduleDate')),
    scheduleTime: timeSchema(fieldOf(f, 'scheduleTime')),
    plannedMinutes: intSchema(fieldOf(f, 'plannedMinutes'), MINUTES_MIN, MINUTES_MAX),
    mode: enumSchema(fieldOf(f, 'mode'), SESSION_MODES, ['in person', 'Teams']),
  });
  return fromSchema(schema, (d, ctx): ScheduleSession | Issue[] => {
    const start = localDateTime(d.scheduleDate as string, d.scheduleTime as string, 'scheduleTime', ctx);
    if (isIssue(start)) return [start];
    return {
      agreementId: d.agreementId as string,
      start,
      plannedMinutes: d.plannedMinutes ?? DEFAULT_SESSION_MINUTES,
      mode: d.mode as SessionMode,
    };
  });
})();

export const parseRequestSession = (() => {
  const f = SESSION_FORMS['session.request'];
  const schema = z.object({
    agreementId: personSchema(fieldOf(f, 'agreementId')),
    requestDate: dateSchema(fieldOf(f, 'requestDate')),
    requestTime: timeSchema(fieldOf(f, 'requestTime')),
    requestMode: enumSchema(fieldOf(f, 'requestMode'), SESSION_MODES, ['in person', 'Teams']),
  });
  return fromSchema(schema, (d, ctx): RequestSession | Issue[] => {
    const preferredStart = localDateTime(d.requestDate as string, d.requestTime as string, 'requestTime', ctx);
    if (isIssue(preferredStart)) return [preferredStart];
    return { agreementId: d.agreementId as string, preferredStart, mode: d.requestMode as SessionMode };
  });
})();

export const parseProposeTime = (() => {
  const f = SESSION_FORMS['session.proposeTime'];
  const schema = sessionTarget.extend({
    proposedDate: dateSchema(fieldOf(f, 'proposedDate')),
    proposedTime: timeSchema(fieldOf(f, 'proposedTime')),
  });
  return fromSchema(schema, (d, ctx): RespondToSchedule | Issue[] => {
    const proposedStart = localDateTime(d.proposedDate as string, d.proposedTime as string, 'proposedTime', ctx);
    if (isIssue(proposedStart)) return [proposedStart];
    return { sessionId: d.sessionId as string, response: 'propose', proposedStart };
  });
})();

export const parseRecordHeld = (() => {
  const f = SESSION_FORMS['session.recordHeld'];
  const shape: Record<string, z.ZodType> = {
    heldDate: dateSchema(fieldOf(f, 'heldDate')),
    heldTime: timeSchema(fieldOf(f, 'heldTime')),
    minutes: intSchema(fieldOf(f, 'minutes'), MINUTES_MIN, MINUTES_MAX),
    uninterrupted: yesNoSchema(fieldOf(f, 'uninterrupted')),
    agenda: textSchema(fieldOf(f, 'agenda'), AGENDA_MAX),
  };
  for (let i = 1; i <= ACTION_ROWS; i++) {
    shape[`action${i}Text`] = textSchema(fieldOf(f, `action${i}Text`), fieldOf(f, `action${i}Text`).max as number);
    shape[`action${i}Owner`] = personSchema(fieldOf(f, `action${i}Owner`));
    shape[`action${i}Due`] = dateSchema(fieldOf(f, `action${i}Due`));
  }
  const schema = sessionTarget.extend(shape);
  return fromSchema(schema, (d, ctx): RecordSession | Issue[] => {
    const raw = d as Record<string, unknown>;
    const issues: Issue[] = [];
    const agenda = ((raw.agenda as string | undefined) ?? '')
      .split(/\r?\n/)
      .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
      .filter((line) => line !== '');
    if (agenda.length > AGENDA_ITEMS_MAX) {
      issues.push(customIssue('agenda', `The agenda has ${agenda.length} items; the limit is ${AGENDA_ITEMS_MAX}.`, 'INVALID_INPUT'));
    }
    const actions: SessionActionInput[] = [];
    for (let i = 1; i <= ACTION_ROWS; i++) {
      const text = raw[`action${i}Text`] as string | undefined;
      const ownerId = raw[`action${i}Owner`] as string | undefined;
      const dueDate = raw[`action${i}Due`] as string | undefined;
      if (text === undefined || text === '') {
        // An owner or date without the action's text is a half-filled row: say so rather than drop it.
        if (ownerId !== undefined || dueDate !== undefined) {
          issues.push(customIssue(`action${i}Text`, `Action ${i}: describe the action, or clear its owner and date.`, 'INVALID_INPUT'));
        }
        continue;
      }
      if (ownerId === undefined) issues.push(customIssue(`action${i}Owner`, `Action ${i}: choose who owns it.`, 'INVALID_INPUT'));
      if (dueDate === undefined) issues.push(customIssue(`action${i}Due`, `Action ${i}: choose a due date.`, 'INVALID_DATE'));
      if (ownerId !== undefined && dueDate !== undefined) actions.push({ text, ownerId, dueDate });
    }
    const start = localDateTime(raw.heldDate as string, raw.heldTime as string, 'heldTime', ctx);
    if (isIssue(start)) issues.push(start);
    if (issues.length > 0 || isIssue(start)) return issues;
    return {
      kind: 'held',
      sessionId: raw.sessionId as string,
      start,
      minutes: raw.minutes as number,
      uninterrupted: raw.uninterrupted as boolean,
      agenda,
      actions,
    };
  });
})();

export const parseCancelSession = fromSchema(
  sessionTarget.extend({ cancelReason: textSchema(fieldOf(SESSION_FORMS['session.cancel'], 'cancelReason'), REASON_MAX) }),
  (d): RecordSession => ({ kind: 'cancelled', sessionId: d.sessionId as string, reason: d.cancelReason as string }),
);

export const parseRescheduleSession = (() => {
  const f = SESSION_FORMS['session.reschedule'];
  const schema = sessionTarget.extend({
    newDate: dateSchema(fieldOf(f, 'newDate')),
    newTime: timeSchema(fieldOf(f, 'newTime')),
    newMinutes: intSchema(fieldOf(f, 'newMinutes'), MINUTES_MIN, MINUTES_MAX),
    newMode: enumSchema(fieldOf(f, 'newMode'), SESSION_MODES, ['in person', 'Teams']),
  });
  return fromSchema(schema, (d, ctx): RecordSession | Issue[] => {
    const newStart = localDateTime(d.newDate as string, d.newTime as string, 'newTime', ctx);
    if (isIssue(newStart)) return [newStart];
    return {
      kind: 'rescheduled',
      sessionId: d.sessionId as string,
      newStart,
      ...(d.newMinutes !== undefined ? { plannedMinutes: d.newMinutes } : {}),
      ...(d.newMode !== undefined ? { mode: d.newMode } : {}),
    };
  });
})();

export const parseRateSession = (() => {
  const f = SESSION_FORMS['session.rate'];
  const schema = sessionTarget.extend({
    score: intSchema(fieldOf(f, 'score'), 1, 5),
    comment: textSchema(fieldOf(f, 'comment'), COMMENT_MAX),
  });
  return fromSchema(schema, (d): RateSession => ({
    sessionId: d.sessionId as string,
    score: d.score as number,
    ...(d.comment !== undefined && d.comment !== '' ? { comment: d.comment } : {}),
  }));
})();
