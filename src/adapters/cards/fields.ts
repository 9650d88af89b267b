/**
 * The inputs of every card form, by the verb that submits them: id (as in the template), label (as
 * the person reads it), kind and limits. One catalogue for the parsers (messages name the label),
 * the templates (a test checks each form's inputs against it) and the retry card (which gives a
 * person back what they typed when the store was unavailable).
 *
 * Limits are the server's: an Input's `maxLength` in a template is only a hint to the client.
 */
import type { Verb } from './verbs';

/** Issue 3: a reflective note up to 10,000 characters in all (the four prompts together). */
export const NOTE_MAX_TOTAL = 10_000;
/** Issue 3: a concern up to 4,000 characters. */
export const CONCERN_MAX = 4_000;
export const RESOLUTION_MAX = 4_000;
export const COMMENT_MAX = 2_000;
export const REASON_MAX = 1_000;
export const HANDOVER_MAX = 2_000;
export const AGENDA_MAX = 2_000;
export const AGENDA_ITEMS_MAX = 20;
export const ACTION_TEXT_MAX = 500;
/** Rows for session actions on the record card. */
export const ACTION_ROWS = 3;
export const CPD_TAG_MAX = 100;
export const ORG_NAME_MAX = 200;
export const MINUTES_MIN = 1;
export const MINUTES_MAX = 600;
/** Standard 5: at least an hour and a half. */
export const DEFAULT_SESSION_MINUTES = 90;
export const LEAD_DAYS_MAX = 30;
export const GRACE_DAYS_MAX = 60;

/**
 * text: one line; longText: multi-line; date: YYYY-MM-DD (Input.Date); time: HH:mm (Input.Time);
 * number: whole number (Input.Number); choice: one of fixed words; people: person ids (ChoiceSet of
 * names, single or multi); yesNo: 'true'/'false' (Input.Toggle or a Yes/No ChoiceSet).
 */
export type FieldKind = 'text' | 'longText' | 'date' | 'time' | 'number' | 'choice' | 'people' | 'yesNo';

export interface FieldSpec {
  readonly id: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** Characters (text kinds). */
  readonly max?: number;
}

const f = (id: string, label: string, kind: FieldKind, required: boolean, max?: number): FieldSpec =>
  max === undefined ? { id, label, kind, required } : { id, label, kind, required, max };

const actionRows: FieldSpec[] = [];
for (let i = 1; i <= ACTION_ROWS; i++) {
  actionRows.push(
    f(`action${i}Text`, `Action ${i}`, 'text', false, ACTION_TEXT_MAX),
    f(`action${i}Owner`, `Action ${i}: owner`, 'people', false),
    f(`action${i}Due`, `Action ${i}: due date`, 'date', false),
  );
}

/** The inputs each submitting verb reads, besides the ids in the action's data. */
export const FORM_FIELDS: { readonly [V in Verb]?: readonly FieldSpec[] } = {
  'agreement.propose': [
    f('superviseeId', 'Supervisee', 'people', true),
    f('supervisorId', 'Supervisor', 'people', false),
    f('employmentStart', 'Employment start', 'date', true),
    f('agreementStart', 'Agreement start', 'date', false),
    f('nqsw', 'Newly qualified (NQSW, ASYE)', 'yesNo', false),
    f('lineManagerIsRegisteredSocialWorker', 'The line manager is a registered social worker', 'yesNo', false),
    f('professionalSupervisorId', 'Professional supervisor', 'people', false),
  ],
  'agreement.changeSupervisor': [
    f('newSupervisorId', 'New supervisor', 'people', true),
    f('changeFrom', 'From', 'date', false),
    f('handoverNote', 'Handover note', 'longText', false, HANDOVER_MAX),
  ],
  'agreement.pause': [f('pauseFrom', 'Paused from', 'date', true), f('pauseTo', 'Paused until (inclusive)', 'date', true)],
  'agreement.end': [f('endedOn', 'Ended on', 'date', false)],
  'session.schedule': [
    f('agreementId', 'Supervisee', 'choice', true),
    f('scheduleDate', 'Date', 'date', true),
    f('scheduleTime', 'Start time', 'time', true),
    f('plannedMinutes', 'Length in minutes', 'number', false),
    f('mode', 'Where', 'choice', true),
  ],
  'session.proposeTime': [f('proposedDate', 'Proposed date', 'date', true), f('proposedTime', 'Proposed start time', 'time', true)],
  'session.recordHeld': [
    f('heldDate', 'Date held', 'date', true),
    f('heldTime', 'Start time', 'time', true),
    f('minutes', 'Minutes', 'number', true),
    f('uninterrupted', 'Uninterrupted', 'yesNo', true),
    f('agenda', 'Agenda (one item per line)', 'longText', false, AGENDA_MAX),
    ...actionRows,
  ],
  'session.cancel': [f('cancelReason', 'Reason', 'longText', true, REASON_MAX)],
  'session.reschedule': [
    f('newDate', 'New date', 'date', true),
    f('newTime', 'New start time', 'time', true),
    f('newMinutes', 'Length in minutes', 'number', false),
    f('newMode', 'Where', 'choice', false),
  ],
  'session.rate': [f('score', 'Quality (1-5)', 'choice', true), f('comment', 'Comment', 'longText', false, COMMENT_MAX)],
  'note.write': [
    f('whatHappened', 'What happened', 'longText', true, NOTE_MAX_TOTAL),
    f('howIFelt', 'How I felt', 'longText', false, NOTE_MAX_TOTAL),
    f('whatILearned', 'What I learned, and what it draws on', 'longText', false, NOTE_MAX_TOTAL),
    f('whatNext', 'What I will do next', 'longText', false, NOTE_MAX_TOTAL),
    f('cpdTag', 'CPD tag', 'text', false, CPD_TAG_MAX),
    f('visibility', 'Who can read it', 'choice', true),
  ],
  'concern.raise': [
    f('category', 'Category', 'choice', true),
    f('description', 'Description', 'longText', true, CONCERN_MAX),
    f('urgency', 'Urgency', 'choice', true),
    f('route', 'Send it to', 'choice', true),
  ],
  'concern.assign': [f('assigneeId', 'Assign to', 'people', true)],
  'concern.resolve': [f('resolution', 'How it was resolved', 'longText', true, RESOLUTION_MAX)],
  'settings.update': [
    f('name', 'Organisation name', 'text', true, ORG_NAME_MAX),
    f('zone', 'Time zone', 'text', true, 64),
    f('pswIds', 'Principal Social Workers', 'people', false),
    f('adminIds', 'Admins', 'people', false),
    f('reminderLeadDays', 'Remind this many days before the due date', 'number', true),
    f('escalationGraceDays', 'Escalate this many days after a missed period', 'number', true),
    f('quietStart', 'Quiet hours start', 'time', true),
    f('quietEnd', 'Quiet hours end', 'time', true),
  ],
};

/** What an action's `data` may name: the thing to act on. Never who is acting. */
export const TARGET_IDS = ['agreementId', 'sessionId', 'noteId', 'concernId'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

export function fieldsOf(verb: Verb): readonly FieldSpec[] {
  return FORM_FIELDS[verb] ?? [];
}
