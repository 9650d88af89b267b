/**
 * Card submissions to commands. A submission is the Action.Execute `data` merged with the card's
 * inputs (what Teams sends in `value.action.data`); it is untrusted: every field is checked for type,
 * real dates, ranges and lengths on the server (an Input's `maxLength` is only a hint to the client).
 *
 * - Unknown extra fields are ignored; nothing in a submission ever says who is acting.
 * - On error the result carries every field error (stable code, the input's id, a sentence naming
 *   the input's label) AND the raw inputs, so the card comes back with everything the person typed.
 * - Dates stay local (`LocalDate`, `LocalDateTime`): the use case combines them with the
 *   organisation's zone. When the caller passes the zone, a time skipped by the clocks going forward
 *   is refused here already, next to the time input.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type {
  AcknowledgeConcern,
  AgreeToAgreement,
  AssignConcern,
  ChangeSupervisor,
  ConfirmSession,
  EndAgreement,
  GetAgreement,
  GetAgreementForm,
  GetConcern,
  GetHome,
  GetSession,
  GetSettings,
  ListConcerns,
  ListMyNotes,
  ListSharedNotes,
  LocalDateTime,
  PauseAgreement,
  ProposeAgreement,
  RaiseConcern,
  RateSession,
  ReadNote,
  RecordSession,
  ResolveConcern,
  RespondToSchedule,
  ResumeAgreement,
  ScheduleSession,
  SessionActionInput,
  UpdateSettings,
  WriteNote,
} from '../../app/commands';
import type { ConcernCategory, ConcernRoute, ConcernUrgency, LocalDate, SessionMode } from '../../domain/model';
import type { DomainError, ErrorCode } from '../../domain/result';
// Characters as a person counts them (code points: an emoji is one), as the use cases count them.
import { textLength } from '../../domain/validation';
import {
  ACTION_ROWS,
  AGENDA_ITEMS_MAX,
  AGENDA_MAX,
  CONCERN_MAX,
  COMMENT_MAX,
  CPD_TAG_MAX,
  DEFAULT_SESSION_MINUTES,
  fieldsOf,
  GRACE_DAYS_MAX,
  HANDOVER_MAX,
  LEAD_DAYS_MAX,
  MINUTES_MAX,
  MINUTES_MIN,
  NOTE_MAX_TOTAL,
  ORG_NAME_MAX,
  REASON_MAX,
  RESOLUTION_MAX,
  TARGET_IDS,
  type FieldSpec,
  type TargetId,
} from './fields';
import type { Verb } from './verbs';

// --- what parsing yields ---------------------------------------------------------------------

/** Opening a form or a list: nothing to parse. */
export type NoInput = Record<string, never>;

/** Opens the schedule card, for one agreement or (none named) to choose among the actor's. */
export interface OpenScheduleForm {
  readonly agreementId?: string;
}

/** The command each verb parses into (types from src/app/commands.ts, plus the two above). */
export interface CommandOf {
  'home.show': GetHome;
  'help.show': NoInput;
  'agreement.propose.form': GetAgreementForm;
  'agreement.propose': ProposeAgreement;
  'agreement.show': GetAgreement;
  'agreement.agree': AgreeToAgreement;
  'agreement.changeSupervisor.form': GetAgreement;
  'agreement.changeSupervisor': ChangeSupervisor;
  'agreement.pause': PauseAgreement;
  'agreement.resume': ResumeAgreement;
  'agreement.end': EndAgreement;
  'session.schedule.form': OpenScheduleForm;
  'session.schedule': ScheduleSession;
  'session.show': GetSession;
  'session.accept': RespondToSchedule;
  'session.proposeTime': RespondToSchedule;
  'session.recordHeld': RecordSession;
  'session.cancel': RecordSession;
  'session.reschedule': RecordSession;
  'session.confirm': ConfirmSession;
  'session.rate': RateSession;
  'note.write.form': NoInput;
  'note.write': WriteNote;
  'note.list': ListMyNotes;
  'note.listShared': ListSharedNotes;
  'note.read': ReadNote;
  'concern.raise.form': NoInput;
  'concern.raise': RaiseConcern;
  'concern.list': ListConcerns;
  'concern.show': GetConcern;
  'concern.acknowledge': AcknowledgeConcern;
  'concern.assign': AssignConcern;
  'concern.resolve': ResolveConcern;
  'settings.show': GetSettings;
  'settings.update': UpdateSettings;
}

/** What the person typed, by input id, exactly as submitted (strings), for re-rendering the card. */
export type Inputs = Readonly<Record<string, string>>;

/** The ids the submission named to act on, those that are well-formed (to re-fetch the view). */
export type Targets = Readonly<Partial<Record<TargetId, string>>>;

export interface FieldError {
  /** The input's id on the card, or a name for the whole form (e.g. `note` for its total length). */
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface Parsed<C> {
  readonly command: C;
  readonly inputs: Inputs;
  readonly targets: Targets;
  /** A notice for each input too long to give back in full (see ECHO_BUDGET_BYTES); usually none. */
  readonly cuts: readonly FieldError[];
}

/** Compatible with `Result<Parsed<C>>`; the failure also carries every field error and the inputs. */
export type ParseResult<C> =
  | { readonly ok: true; readonly value: Parsed<C> }
  | {
      readonly ok: false;
      readonly error: DomainError;
      readonly fieldErrors: readonly FieldError[];
      readonly inputs: Inputs;
      readonly targets: Targets;
      readonly cuts: readonly FieldError[];
    };

export interface ParseContext {
  /** The organisation's IANA zone; when given, local times that do not exist in it are refused. */
  readonly zone?: string;
}

// --- field schemas ---------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

const blankToUndefined = (v: unknown): unknown => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const codeParam = (code: ErrorCode) => ({ params: { code } });

const thousands = (n: number): string => n.toLocaleString('en-GB');

function typeError(spec: FieldSpec, what: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? `${spec.label} is required.` : `${spec.label} must be ${what}.`);
}

/** An id naming what to act on (or a person chosen on the card). Opaque; no whitespace, <= 128. */
const ID = /^[^\s\u0000-\u001f]{1,128}$/;
function idSchema(label: string, missing = `${label} is missing.`) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: (iss) => (iss.input === undefined ? missing : `${label} is not valid.`) })
      .trim()
      .regex(ID, { message: `${label} is not valid.` }),
  );
}

function textSchema(spec: FieldSpec, max: number) {
  const s = z
    .string({ error: typeError(spec, 'text') })
    .transform((v) => v.trim())
    .check((ctx) => {
      const n = textLength(ctx.value);
      if (n > max) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `${spec.label} is ${thousands(n)} characters; the limit is ${thousands(max)}.`,
          ...codeParam('TEXT_TOO_LONG'),
        });
      }
    });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isRealDate(v: string): boolean {
  return LOCAL_DATE.test(v) && DateTime.fromISO(v, { zone: 'UTC' }).isValid;
}

function dateSchema(spec: FieldSpec) {
  const s = z
    .string({ error: (iss) => (iss.input === undefined ? `${spec.label} is required.` : `${spec.label} must be a date.`) })
    .transform((v) => v.trim())
    .refine(isRealDate, { message: `${spec.label} must be a real date (YYYY-MM-DD).`, ...codeParam('INVALID_DATE') });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** Input.Time gives HH:mm; some clients add seconds. */
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;
function timeSchema(spec: FieldSpec) {
  const s = z
    .string({ error: (iss) => (iss.input === undefined ? `${spec.label} is required.` : `${spec.label} must be a time.`) })
    .transform((v) => v.trim())
    .refine((v) => LOCAL_TIME.test(v), { message: `${spec.label} must be a time of day (HH:mm).`, ...codeParam('INVALID_DATE') })
    .transform((v) => v.slice(0, 5));
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** Input.Number arrives as a string in Teams; a forged one may be anything. */
function intSchema(spec: FieldSpec, min: number, max: number) {
  const s = z
    .union([z.number(), z.string().trim().regex(/^[+-]?\d+(\.\d+)?$/).transform(Number)], {
      error: typeError(spec, 'a whole number'),
    })
    .refine((n) => Number.isInteger(n), { message: `${spec.label} must be a whole number.` })
    .refine((n) => n >= min && n <= max, { message: `${spec.label} must be between ${min} and ${max}.` });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** Input.Toggle gives 'true'/'false'; a Yes/No ChoiceSet 'yes'/'no'. */
function yesNoSchema(spec: FieldSpec) {
  const s = z
    .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no'])], { error: typeError(spec, 'yes or no') })
    .transform((v) => v === true || v === 'true' || v === 'yes');
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

function enumSchema<T extends string>(spec: FieldSpec, values: readonly [T, ...T[]], labels?: readonly string[]) {
  const s = z.enum(values, { error: typeError(spec, `one of: ${(labels ?? values).join(', ')}`) });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** A multi-select ChoiceSet gives ids separated by commas. */
function idListSchema(spec: FieldSpec) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .union([z.string(), z.array(z.string())], { error: typeError(spec, 'a list of people') })
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''))
      .refine((ids) => ids.every((id) => ID.test(id)), { message: `${spec.label} names someone who is not valid.` })
      .refine((ids) => ids.length <= 50, { message: `${spec.label}: choose at most 50 people.` })
      .transform((ids) => [...new Set(ids)]),
  );
}

function spec(verb: Verb, id: string): FieldSpec {
  const found = fieldsOf(verb).find((s) => s.id === id);
  if (!found) throw new Error(`no field ${id} for ${verb}`); // a bug: the catalogue and the parser disagree
  return found;
}

function personSchema(s: FieldSpec) {
  const inner = idSchema(s.label, `${s.label} is required.`);
  return s.required ? inner : z.preprocess(blankToUndefined, inner.optional());
}

/** A required id naming the thing to act on, from the action's data. */
const target = (label: string) => idSchema(label);

// --- per verb --------------------------------------------------------------------------------

type Raw = Record<string, unknown>;
/** Parses the merged submission; returns the command or adds issues. */
type VerbParser<C> = (raw: Raw, ctx: ParseContext) => { ok: true; command: C } | { ok: false; issues: readonly Issue[] };

function fromSchema<S extends z.ZodType, C>(schema: S, build: (v: z.output<S>, ctx: ParseContext) => C | Issue[]): VerbParser<C> {
  return (raw, ctx) => {
    const r = schema.safeParse(raw);
    if (!r.success) return { ok: false, issues: r.error.issues };
    const built = build(r.data, ctx);
    return Array.isArray(built) ? { ok: false, issues: built } : { ok: true, command: built as C };
  };
}

const none: VerbParser<NoInput> = () => ({ ok: true, command: {} });

function customIssue(field: string, message: string, code: ErrorCode): Issue {
  return { code: 'custom', path: [field], message, input: undefined, params: { code } } as Issue;
}

/**
 * A local date and time. When the zone is known, refuse a wall-clock time that does not exist on
 * that date (the hour skipped when the clocks go forward), rather than let it move silently.
 */
function localDateTime(date: LocalDate, time: string, timeField: string, ctx: ParseContext): LocalDateTime | Issue {
  if (ctx.zone !== undefined) {
    const local = DateTime.fromISO(`${date}T${time}`, { zone: ctx.zone });
    if (local.isValid && local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) {
      return customIssue(timeField, `${time} does not exist on ${date}: the clocks go forward then. Pick another time.`, 'INVALID_DATE');
    }
  }
  return { date, time };
}

const isIssue = (v: unknown): v is Issue => typeof v === 'object' && v !== null && 'code' in v && 'message' in v && 'path' in v;

const idOnly = <K extends string>(key: K, label: string) => z.object({ [key]: target(label) } as Record<K, ReturnType<typeof target>>);

const agreementTarget = idOnly('agreementId', 'The agreement');
const sessionTarget = idOnly('sessionId', 'The session');
const noteTarget = idOnly('noteId', 'The note');
const concernTarget = idOnly('concernId', 'The concern');

const proposeAgreement = (() => {
  const v: Verb = 'agreement.propose';
  const schema = z.object({
    superviseeId: personSchema(spec(v, 'superviseeId')),
    supervisorId: personSchema(spec(v, 'supervisorId')),
    employmentStart: dateSchema(spec(v, 'employmentStart')),
    agreementStart: dateSchema(spec(v, 'agreementStart')),
    nqsw: yesNoSchema(spec(v, 'nqsw')),
    lineManagerIsRegisteredSocialWorker: yesNoSchema(spec(v, 'lineManagerIsRegisteredSocialWorker')),
    professionalSupervisorId: personSchema(spec(v, 'professionalSupervisorId')),
  });
  return fromSchema(schema, (d): ProposeAgreement | Issue[] => {
    const issues: Issue[] = [];
    const employmentStart = d.employmentStart as string;
    if (d.agreementStart !== undefined && d.agreementStart < employmentStart) {
      issues.push(customIssue('agreementStart', 'Agreement start cannot be before employment start.', 'INVALID_DATE'));
    }
    const lineManagerIsRegisteredSocialWorker = d.lineManagerIsRegisteredSocialWorker ?? false;
    // Standard 5: a practitioner whose line manager is not a social worker gets professional supervision.
    if (!lineManagerIsRegisteredSocialWorker && d.professionalSupervisorId === undefined) {
      issues.push(
        customIssue(
          'professionalSupervisorId',
          'Choose a professional supervisor (a registered social worker): the line manager is not one.',
          'INVALID_INPUT',
        ),
      );
    }
    if (issues.length > 0) return issues;
    return {
      superviseeId: d.superviseeId as string,
      ...(d.supervisorId !== undefined ? { supervisorId: d.supervisorId } : {}),
      employmentStart,
      ...(d.agreementStart !== undefined ? { agreementStart: d.agreementStart } : {}),
      nqsw: d.nqsw ?? false,
      lineManagerIsRegisteredSocialWorker,
      ...(d.professionalSupervisorId !== undefined ? { professionalSupervisorId: d.professionalSupervisorId } : {}),
    };
  });
})();

const changeSupervisor = (() => {
  const v: Verb = 'agreement.changeSupervisor';
  const schema = agreementTarget.extend({
    newSupervisorId: personSchema(spec(v, 'newSupervisorId')),
    changeFrom: dateSchema(spec(v, 'changeFrom')),
    handoverNote: textSchema(spec(v, 'handoverNote'), HANDOVER_MAX),
  });
  return fromSchema(schema, (d): ChangeSupervisor => ({
    agreementId: d.agreementId as string,
    newSupervisorId: d.newSupervisorId as string,
    ...(d.changeFrom !== undefined ? { from: d.changeFrom } : {}),
    ...(d.handoverNote !== undefined && d.handoverNote !== '' ? { handoverNote: d.handoverNote } : {}),
  }));
})();

const pauseAgreement = (() => {
  const v: Verb = 'agreement.pause';
  const schema = agreementTarget.extend({ pauseFrom: dateSchema(spec(v, 'pauseFrom')), pauseTo: dateSchema(spec(v, 'pauseTo')) });
  return fromSchema(schema, (d): PauseAgreement | Issue[] => {
    if ((d.pauseTo as string) < (d.pauseFrom as string)) {
      return [customIssue('pauseTo', 'The pause cannot end before it starts.', 'INVALID_DATE')];
    }
    return { agreementId: d.agreementId as string, from: d.pauseFrom as string, to: d.pauseTo as string };
  });
})();

const endAgreement = (() => {
  const schema = agreementTarget.extend({ endedOn: dateSchema(spec('agreement.end', 'endedOn')) });
  return fromSchema(schema, (d): EndAgreement => ({
    agreementId: d.agreementId as string,
    ...(d.endedOn !== undefined ? { endedOn: d.endedOn } : {}),
  }));
})();

const SESSION_MODES = ['in-person', 'teams'] as const satisfies readonly SessionMode[];

const scheduleSession = (() => {
  const v: Verb = 'session.schedule';
  const schema = z.object({
    agreementId: personSchema(spec(v, 'agreementId')),
    scheduleDate: dateSchema(spec(v, 'scheduleDate')),
    scheduleTime: timeSchema(spec(v, 'scheduleTime')),
    plannedMinutes: intSchema(spec(v, 'plannedMinutes'), MINUTES_MIN, MINUTES_MAX),
    mode: enumSchema(spec(v, 'mode'), SESSION_MODES, ['in person', 'Teams']),
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

const proposeTime = (() => {
  const v: Verb = 'session.proposeTime';
  const schema = sessionTarget.extend({
    proposedDate: dateSchema(spec(v, 'proposedDate')),
    proposedTime: timeSchema(spec(v, 'proposedTime')),
  });
  return fromSchema(schema, (d, ctx): RespondToSchedule | Issue[] => {
    const proposedStart = localDateTime(d.proposedDate as string, d.proposedTime as string, 'proposedTime', ctx);
    if (isIssue(proposedStart)) return [proposedStart];
    return { sessionId: d.sessionId as string, response: 'propose', proposedStart };
  });
})();

const recordHeld = (() => {
  const v: Verb = 'session.recordHeld';
  const shape: Record<string, z.ZodType> = {
    heldDate: dateSchema(spec(v, 'heldDate')),
    heldTime: timeSchema(spec(v, 'heldTime')),
    minutes: intSchema(spec(v, 'minutes'), MINUTES_MIN, MINUTES_MAX),
    uninterrupted: yesNoSchema(spec(v, 'uninterrupted')),
    agenda: textSchema(spec(v, 'agenda'), AGENDA_MAX),
  };
  for (let i = 1; i <= ACTION_ROWS; i++) {
    shape[`action${i}Text`] = textSchema(spec(v, `action${i}Text`), spec(v, `action${i}Text`).max as number);
    shape[`action${i}Owner`] = personSchema(spec(v, `action${i}Owner`));
    shape[`action${i}Due`] = dateSchema(spec(v, `action${i}Due`));
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

const cancelSession = fromSchema(
  sessionTarget.extend({ cancelReason: textSchema(spec('session.cancel', 'cancelReason'), REASON_MAX) }),
  (d): RecordSession => ({ kind: 'cancelled', sessionId: d.sessionId as string, reason: d.cancelReason as string }),
);

const rescheduleSession = (() => {
  const v: Verb = 'session.reschedule';
  const schema = sessionTarget.extend({
    newDate: dateSchema(spec(v, 'newDate')),
    newTime: timeSchema(spec(v, 'newTime')),
    newMinutes: intSchema(spec(v, 'newMinutes'), MINUTES_MIN, MINUTES_MAX),
    newMode: enumSchema(spec(v, 'newMode'), SESSION_MODES, ['in person', 'Teams']),
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

const rateSession = (() => {
  const v: Verb = 'session.rate';
  const schema = sessionTarget.extend({
    score: intSchema(spec(v, 'score'), 1, 5),
    comment: textSchema(spec(v, 'comment'), COMMENT_MAX),
  });
  return fromSchema(schema, (d): RateSession => ({
    sessionId: d.sessionId as string,
    score: d.score as number,
    ...(d.comment !== undefined && d.comment !== '' ? { comment: d.comment } : {}),
  }));
})();

const writeNote = (() => {
  const v: Verb = 'note.write';
  const prompt = (id: string) => textSchema(spec(v, id), NOTE_MAX_TOTAL);
  const schema = z.object({
    whatHappened: prompt('whatHappened'),
    howIFelt: prompt('howIFelt'),
    whatILearned: prompt('whatILearned'),
    whatNext: prompt('whatNext'),
    cpdTag: textSchema(spec(v, 'cpdTag'), CPD_TAG_MAX),
    visibility: enumSchema(spec(v, 'visibility'), ['private', 'shared'] as const, ['private', 'shared with my supervisor']),
  });
  return fromSchema(schema, (d): WriteNote | Issue[] => {
    const prompts = [d.whatHappened, d.howIFelt, d.whatILearned, d.whatNext].map((p) => p ?? '');
    const total = prompts.reduce((n, p) => n + textLength(p), 0);
    if (total > NOTE_MAX_TOTAL) {
      return [
        customIssue(
          'note',
          `Your note is ${thousands(total)} characters; the limit is ${thousands(NOTE_MAX_TOTAL)} for the four answers together. ` +
            `Shorten it by ${thousands(total - NOTE_MAX_TOTAL)}.`,
          'TEXT_TOO_LONG',
        ),
      ];
    }
    return {
      whatHappened: prompts[0],
      howIFelt: prompts[1],
      whatILearned: prompts[2],
      whatNext: prompts[3],
      ...(d.cpdTag !== undefined && d.cpdTag !== '' ? { cpdTag: d.cpdTag } : {}),
      visibility: d.visibility as 'private' | 'shared',
    };
  });
})();

const CATEGORIES = ['workload', 'resources', 'safety', 'bullying', 'supervision', 'other'] as const satisfies readonly ConcernCategory[];
const URGENCIES = ['low', 'medium', 'high'] as const satisfies readonly ConcernUrgency[];
const ROUTES = ['supervisor', 'psw'] as const satisfies readonly ConcernRoute[];

const raiseConcern = (() => {
  const v: Verb = 'concern.raise';
  const schema = z.object({
    category: enumSchema(spec(v, 'category'), CATEGORIES, [
      'workload',
      'resources',
      'safety',
      'bullying or harassment',
      'supervision',
      'other',
    ]),
    description: textSchema(spec(v, 'description'), CONCERN_MAX),
    urgency: enumSchema(spec(v, 'urgency'), URGENCIES),
    route: enumSchema(spec(v, 'route'), ROUTES, ['my supervisor', 'the Principal Social Worker']),
  });
  return fromSchema(schema, (d): RaiseConcern => ({
    category: d.category as ConcernCategory,
    description: d.description as string,
    urgency: d.urgency as ConcernUrgency,
    route: d.route as ConcernRoute,
  }));
})();

const assignConcern = fromSchema(
  concernTarget.extend({ assigneeId: personSchema(spec('concern.assign', 'assigneeId')) }),
  (d): AssignConcern => ({ concernId: d.concernId as string, assigneeId: d.assigneeId as string }),
);

const resolveConcern = fromSchema(
  concernTarget.extend({ resolution: textSchema(spec('concern.resolve', 'resolution'), RESOLUTION_MAX) }),
  (d): ResolveConcern => ({ concernId: d.concernId as string, resolution: d.resolution as string }),
);

/** True for an IANA zone luxon knows (e.g. Europe/London). */
function isZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

const updateSettings = (() => {
  const v: Verb = 'settings.update';
  const schema = z.object({
    name: textSchema(spec(v, 'name'), ORG_NAME_MAX),
    zone: textSchema(spec(v, 'zone'), 64),
    pswIds: idListSchema(spec(v, 'pswIds')),
    adminIds: idListSchema(spec(v, 'adminIds')),
    reminderLeadDays: intSchema(spec(v, 'reminderLeadDays'), 0, LEAD_DAYS_MAX),
    escalationGraceDays: intSchema(spec(v, 'escalationGraceDays'), 0, GRACE_DAYS_MAX),
    quietStart: timeSchema(spec(v, 'quietStart')),
    quietEnd: timeSchema(spec(v, 'quietEnd')),
  });
  return fromSchema(schema, (d): UpdateSettings | Issue[] => {
    if (!isZone(d.zone as string)) {
      return [customIssue('zone', 'Time zone must be an IANA time zone, such as Europe/London.', 'INVALID_INPUT')];
    }
    return {
      name: d.name as string,
      zone: d.zone as string,
      pswIds: d.pswIds,
      adminIds: d.adminIds,
      reminderLeadDays: d.reminderLeadDays as number,
      escalationGraceDays: d.escalationGraceDays as number,
      quietHours: { start: d.quietStart as string, end: d.quietEnd as string },
    };
  });
})();

/** Verbs that only name what to act on. */
function withTarget<C>(schema: z.ZodType, build: (d: Readonly<Record<string, string>>) => C): VerbParser<C> {
  return fromSchema(schema, (d) => build(d as Record<string, string>));
}

const PARSERS: { readonly [V in Verb]: VerbParser<CommandOf[V]> } = {
  'home.show': none,
  'help.show': none,
  'agreement.propose.form': none,
  'agreement.propose': proposeAgreement,
  'agreement.show': withTarget(agreementTarget, (d) => ({ agreementId: d.agreementId })),
  'agreement.agree': withTarget(agreementTarget, (d) => ({ agreementId: d.agreementId })),
  'agreement.changeSupervisor.form': withTarget(agreementTarget, (d) => ({ agreementId: d.agreementId })),
  'agreement.changeSupervisor': changeSupervisor,
  'agreement.pause': pauseAgreement,
  'agreement.resume': withTarget(agreementTarget, (d) => ({ agreementId: d.agreementId })),
  'agreement.end': endAgreement,
  'session.schedule.form': fromSchema(
    z.object({ agreementId: z.preprocess(blankToUndefined, idSchema('The agreement').optional()) }),
    (d): OpenScheduleForm => (d.agreementId !== undefined ? { agreementId: d.agreementId } : {}),
  ),
  'session.schedule': scheduleSession,
  'session.show': withTarget(sessionTarget, (d) => ({ sessionId: d.sessionId })),
  'session.accept': withTarget(sessionTarget, (d) => ({ sessionId: d.sessionId, response: 'accept' })),
  'session.proposeTime': proposeTime,
  'session.recordHeld': recordHeld,
  'session.cancel': cancelSession,
  'session.reschedule': rescheduleSession,
  'session.confirm': withTarget(sessionTarget, (d) => ({ sessionId: d.sessionId })),
  'session.rate': rateSession,
  'note.write.form': none,
  'note.write': writeNote,
  'note.list': none,
  'note.listShared': none,
  'note.read': withTarget(noteTarget, (d) => ({ noteId: d.noteId })),
  'concern.raise.form': none,
  'concern.raise': raiseConcern,
  'concern.list': none,
  'concern.show': withTarget(concernTarget, (d) => ({ concernId: d.concernId })),
  'concern.acknowledge': withTarget(concernTarget, (d) => ({ concernId: d.concernId })),
  'concern.assign': assignConcern,
  'concern.resolve': resolveConcern,
  'settings.show': none,
  'settings.update': updateSettings,
};

// --- entry point -----------------------------------------------------------------------------

/**
 * Longest echo kept per input. Teams enforces an input's `maxLength`, and text inputs carry the
 * server's limit, so a person cannot type more than the limit; twice the limit still comes back in
 * full from a client that ignores the hint, while a forged megabyte does not make an unsendable card.
 */
const ECHO_FACTOR = 2;
const ECHO_SHORT = 200;
const ECHO_PEOPLE = 4_000;

/**
 * Bytes of typed text one re-rendered card gives back, shared by all its inputs, counted as the card
 * carries them (UTF-8 inside JSON strings). Sized so that anything valid comes back whole: the
 * largest valid form is the reflective note, 10,000 characters (NOTE_MAX_TOTAL) plus a 100-character
 * CPD tag, at most 4 bytes a character (emoji, supplementary CJK; CJK in the BMP is 3: 30,000 bytes),
 * i.e. 40,400 bytes, plus a choice. Every other form's valid maximum is smaller (record a session:
 * ~16 KB; settings: ~34 KB with both people lists at their echo cap). The note card refused with
 * every input forged is ~47 KB (its template and messages ~6 KB); any card is its template (each
 * under 28 KB at its fullest) plus this, so under ~70 KB: inside Teams' ~100 KB message limit, so a
 * refused submission always comes back. A lower figure (~24 KB) would keep cards nearer the ~28 KB
 * Teams handles best, but would cut a valid 10,000-character note in CJK (30 KB) or emoji (40 KB).
 * Only a forged or over-limit submission can exceed this; then the inputs share it and each cut
 * input says so next to it.
 */
export const ECHO_BUDGET_BYTES = 40_960;

/** Bytes one character takes in a JSON string of the card (escapes included). */
function jsonBytesOf(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  if (ch === '"' || ch === '\\') return 2;
  if (cp < 0x20) return '\b\f\n\r\t'.includes(ch) ? 2 : 6;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp >= 0xd800 && cp <= 0xdfff) return 6; // a lone surrogate is written as \uXXXX
  return cp < 0x10000 ? 3 : 4;
}

function jsonBytes(text: string): number {
  let n = 0;
  for (const ch of text) n += jsonBytesOf(ch);
  return n;
}

/** The longest start of `text` (whole characters) that fits in `max` bytes. */
function cutToBytes(text: string, max: number): string {
  let n = 0;
  let end = 0;
  for (const ch of text) {
    n += jsonBytesOf(ch);
    if (n > max) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** Cuts at `cap` UTF-16 units without splitting a character. */
function cutToUnits(text: string, cap: number): string {
  if (text.length <= cap) return text;
  const code = text.charCodeAt(cap - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? cap - 1 : cap);
}

function cutNotice(spec: FieldSpec, kept: string): FieldError {
  const n = textLength(kept);
  return {
    field: spec.id,
    code: 'TEXT_TOO_LONG',
    message:
      `${spec.label}: what was sent is longer than this card can show, so only its first ${thousands(n)} ` +
      `${n === 1 ? 'character is' : 'characters are'} kept here. Copy them somewhere safe before you edit.`,
  };
}

/** What the verb's inputs give back on a re-rendered card, and a notice for each input that had to be cut. */
export interface Echo {
  readonly inputs: Inputs;
  readonly cuts: readonly FieldError[];
}

/** What the person typed into the verb's inputs, as strings, for re-rendering the card. */
export function echoInputs(verb: Verb, raw: Raw): Echo {
  const specs = fieldsOf(verb);
  const sent: string[] = [];
  const texts: string[] = [];
  for (const s of specs) {
    const v = raw[s.id];
    let text: string;
    if (typeof v === 'string') text = v;
    else if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
    else if (Array.isArray(v)) text = v.filter((x) => typeof x === 'string').join(',');
    else text = '';
    const cap = s.max !== undefined ? s.max * ECHO_FACTOR : s.kind === 'people' ? ECHO_PEOPLE : ECHO_SHORT;
    sent.push(text);
    // Space around text is dropped when it is saved: it goes before any of the text itself.
    texts.push(cutToUnits(text.length > cap ? text.trim() : text, cap));
  }
  let needs = texts.map(jsonBytes);
  const total = () => needs.reduce((a, b) => a + b, 0);
  if (total() > ECHO_BUDGET_BYTES) {
    for (let i = 0; i < texts.length; i++) texts[i] = texts[i].trim();
    needs = texts.map(jsonBytes);
  }
  if (total() > ECHO_BUDGET_BYTES) {
    // A fair share each, smallest first, so one huge input does not leave the others empty.
    let remaining = ECHO_BUDGET_BYTES;
    const order = needs.map((_, i) => i).sort((a, b) => needs[a] - needs[b]);
    order.forEach((i, k) => {
      const share = Math.floor(remaining / (order.length - k));
      if (needs[i] > share) texts[i] = cutToBytes(texts[i], share);
      remaining -= Math.min(needs[i], share);
    });
  }
  const inputs: Record<string, string> = {};
  const cuts: FieldError[] = [];
  specs.forEach((s, i) => {
    inputs[s.id] = texts[i];
    if (texts[i].trim().length < sent[i].trim().length) cuts.push(cutNotice(s, texts[i]));
  });
  return { inputs, cuts };
}

/** What the person typed into the verb's inputs, as strings, for re-rendering the card. */
export function rawInputs(verb: Verb, raw: Raw): Inputs {
  return echoInputs(verb, raw).inputs;
}

function rawTargets(raw: Raw): Targets {
  const out: Partial<Record<TargetId, string>> = {};
  for (const key of TARGET_IDS) {
    const v = raw[key];
    if (typeof v === 'string' && ID.test(v.trim())) out[key] = v.trim();
  }
  return out;
}

function codeOf(issue: Issue, spec: FieldSpec | undefined): ErrorCode {
  const params = (issue as { params?: { code?: unknown } }).params;
  if (issue.code === 'custom' && typeof params?.code === 'string') return params.code as ErrorCode;
  // Any problem with a date or time input (missing, malformed) is a date problem.
  if (spec?.kind === 'date' || spec?.kind === 'time') return 'INVALID_DATE';
  return 'INVALID_INPUT';
}

function toFieldErrors(verb: Verb, issues: readonly Issue[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'submission';
    if (seen.has(field)) continue; // one message per input: the first says what to fix
    seen.add(field);
    const fieldSpec = fieldsOf(verb).find((s) => s.id === field);
    const known = field === 'note' || fieldSpec !== undefined || (TARGET_IDS as readonly string[]).includes(field);
    out.push({ field, code: codeOf(issue, fieldSpec), message: known ? issue.message : 'Something in this card was not valid.' });
  }
  return out;
}

/**
 * Validates a submission for `verb`. `data` is the Action.Execute data merged with the inputs;
 * anything that is not an object is treated as an empty submission.
 */
export function parseSubmission<V extends Verb>(verb: V, data: unknown, ctx: ParseContext = {}): ParseResult<CommandOf[V]> {
  const raw: Raw = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Raw) : {};
  const { inputs, cuts } = echoInputs(verb, raw);
  const targets = rawTargets(raw);
  const parser = PARSERS[verb] as VerbParser<CommandOf[V]>;
  const r = parser(raw, ctx);
  if (r.ok) return { ok: true, value: { command: r.command, inputs, targets, cuts } };
  const fieldErrors = toFieldErrors(verb, r.issues);
  const first = fieldErrors[0];
  return {
    ok: false,
    error: { code: first.code, message: first.message, field: first.field },
    fieldErrors,
    inputs,
    targets,
    cuts,
  };
}
