/** The session family's forms: the inputs each submitting verb reads, and where a refusal shows. */
import { field, renamed, type FieldSpec, type VerbForms } from '../shared/fields';

export const COMMENT_MAX = 2_000;
export const REASON_MAX = 1_000;
export const AGENDA_MAX = 2_000;
export const AGENDA_ITEMS_MAX = 20;
export const ACTION_TEXT_MAX = 500;
/** Rows for session actions on the record card. */
export const ACTION_ROWS = 3;
export const MINUTES_MIN = 1;
export const MINUTES_MAX = 600;
/** Standard 5: at least an hour and a half. */
export const DEFAULT_SESSION_MINUTES = 90;

const actionRows: FieldSpec[] = [];
for (let i = 1; i <= ACTION_ROWS; i++) {
  actionRows.push(
    field(`action${i}Text`, `Action ${i}`, 'text', false, ACTION_TEXT_MAX),
    field(`action${i}Owner`, `Action ${i}: owner`, 'people', false),
    field(`action${i}Due`, `Action ${i}: due date`, 'date', false),
  );
}

const heldInputs = renamed({ start: 'heldDate', 'start.date': 'heldDate', 'start.time': 'heldTime' });

/** A held session's command fields: its start, and `actions.<i>.<part>` for the action rows. */
function heldInputOf(commandField: string): string | undefined {
  const mapped = heldInputs(commandField);
  if (mapped !== undefined) return mapped;
  const actionRow = /^actions\.(\d+)(?:\.(text|ownerId|dueDate))?$/.exec(commandField);
  if (actionRow === null) return undefined;
  const n = Number(actionRow[1]) + 1;
  const part = actionRow[2] === 'ownerId' ? 'Owner' : actionRow[2] === 'dueDate' ? 'Due' : 'Text';
  return `action${n}${part}`;
}

export const SESSION_FORMS = {
  'session.schedule': {
    fields: [
      field('agreementId', 'Supervisee', 'choice', true),
      field('scheduleDate', 'Date', 'date', true),
      field('scheduleTime', 'Start time', 'time', true),
      field('plannedMinutes', 'Length in minutes', 'number', false),
      field('mode', 'Where', 'choice', true),
    ],
    inputOf: renamed({ start: 'scheduleDate', 'start.date': 'scheduleDate', 'start.time': 'scheduleTime' }),
  },
  'session.proposeTime': {
    fields: [field('proposedDate', 'Proposed date', 'date', true), field('proposedTime', 'Proposed start time', 'time', true)],
    inputOf: renamed({ proposedStart: 'proposedDate', 'proposedStart.date': 'proposedDate', 'proposedStart.time': 'proposedTime' }),
    section: 'Propose another time',
  },
  'session.recordHeld': {
    fields: [
      field('heldDate', 'Date held', 'date', true),
      field('heldTime', 'Start time', 'time', true),
      field('minutes', 'Minutes', 'number', true),
      field('uninterrupted', 'Uninterrupted', 'yesNo', true),
      field('agenda', 'Agenda (one item per line)', 'longText', false, AGENDA_MAX),
      ...actionRows,
    ],
    inputOf: heldInputOf,
    section: 'It was held',
  },
  'session.cancel': {
    fields: [field('cancelReason', 'Reason', 'longText', true, REASON_MAX)],
    inputOf: renamed({ reason: 'cancelReason' }),
    section: 'Cancelled',
  },
  'session.reschedule': {
    fields: [
      field('newDate', 'New date', 'date', true),
      field('newTime', 'New start time', 'time', true),
      field('newMinutes', 'Length in minutes', 'number', false),
      field('newMode', 'Where', 'choice', false),
    ],
    inputOf: renamed({
      newStart: 'newDate',
      'newStart.date': 'newDate',
      'newStart.time': 'newTime',
      plannedMinutes: 'newMinutes',
      mode: 'newMode',
    }),
    section: 'Rescheduled',
  },
  'session.request': {
    fields: [
      field('agreementId', 'Supervisor', 'choice', true),
      field('requestDate', 'Date you would like', 'date', true),
      field('requestTime', 'Start time you would like', 'time', true),
      field('requestMode', 'Where', 'choice', true),
    ],
    inputOf: renamed({ preferredStart: 'requestDate', 'preferredStart.date': 'requestDate', 'preferredStart.time': 'requestTime', mode: 'requestMode' }),
  },
  'session.rate': { fields: [field('score', 'Quality (1-5)', 'choice', true), field('comment', 'Comment', 'longText', false, COMMENT_MAX)] },
} satisfies VerbForms;
