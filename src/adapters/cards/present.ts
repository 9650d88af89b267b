/**
 * Presenters: the use cases' views (src/app/views.ts) to the data each template binds. All wording,
 * dates (organisation's zone, "3 Mar 14:05") and which buttons show are decided here, from the
 * view's `youCan` (the server's decision), never from the card.
 *
 * Forms take an optional `FormState`: after a refused submission (bad input, store unavailable, a
 * conflict) the card comes back with everything the person typed in its inputs, each error under its
 * input and a banner listing them all (Adaptive Cards 1.5 has no server-side per-input error).
 */
import type {
  AgreementFormView,
  AgreementSummaryView,
  CalendarTarget,
  AgreementView,
  ConcernListView,
  ConcernSummaryView,
  ConcernView,
  Fact,
  HomeView,
  NoteListView,
  NoteView,
  PendingItem,
  PersonRef,
  SessionView,
  SettingsView,
} from '../../app/views';
import type { EscalationFacts, ProactiveMessage, ReminderFacts } from '../../app/proactiveMessages';
import type { Instant, LocalDate, Role, StricterCadence } from '../../domain/model';
import type { DomainError } from '../../domain/result';
import { TEXT_SHORTCUTS } from '../teams/shortcuts';
import type {
  ActionRowData,
  AgreementRow,
  CalendarPart,
  CardDataMap,
  Choice,
  ConcernCommonPart,
  ConcernRow,
  ErrorData,
  FactRow,
  FormPart,
  HomeAbilities,
  Line,
  NoticePart,
  ProblemsPart,
  SessionRecordPart,
  TextColor,
} from './card-data';
import { ACTION_ROWS, DEFAULT_SESSION_MINUTES, fieldsOf, NOTE_MAX_TOTAL, TARGET_IDS, type TargetId } from './fields';
import {
  AGREEMENT_STATUS_LABEL,
  CATEGORY_LABEL,
  CONCERN_STATUS_LABEL,
  firstName,
  formatDate,
  formatFact,
  formatInstant,
  localParts,
  MODE_LABEL,
  minutesText,
  preview,
  ROUTE_LABEL,
  URGENCY_LABEL,
  type FormatContext,
} from './format';
import type { FieldError, Inputs, Targets } from './parse';
import type { TemplateName } from './render';
import { isVerb, type Verb } from './verbs';

/** A template and its data: what a presenter returns and renderCard takes. */
export type CardSpec = { [N in TemplateName]: { readonly template: N; readonly data: CardDataMap[N] } }[TemplateName];

const spec = <N extends TemplateName>(template: N, data: CardDataMap[N]): { template: N; data: CardDataMap[N] } => ({ template, data });

/** The address of a session's .ics for one person (an "Add to calendar" link); undefined when none can be made. */
export type CalendarLink = (target: CalendarTarget) => string | undefined;

/** What the presenters need besides the view. */
export interface PresentContext {
  /** The current instant: dates in the current year are shown without the year. */
  readonly now?: Instant;
  /** Makes "Add to calendar" links; without it the session cards have no such button. */
  readonly calendarLink?: CalendarLink;
}

/** A form coming back after a refused submission, or with a notice after a success. */
export interface FormState {
  /** The verb that was submitted (says which part of a card the inputs belong to). */
  readonly verb?: Verb;
  /** What the person typed, by input id. */
  readonly values?: Inputs;
  readonly errors?: readonly FieldError[];
  readonly notice?: string;
}

// --- limits for what a card lists (keeps every card well under Teams' ~28 KB) ----------------

/** People offered in one choice list; the current selection is always included. */
export const MAX_PEOPLE_CHOICES = 60;
export const MAX_ROWS = 10;
export const MAX_PENDING = 8;
export const MAX_NOTES_LISTED = 20;
export const NOTE_PREVIEW_CHARS = 160;
export const MAX_CONCERNS_LISTED = 12;
const MAX_HANDOVER_SHOWN = 500;

// --- form state ------------------------------------------------------------------------------

/** Where a command's field (as a use case names it) is on the card, per verb. */
const COMMAND_FIELD_TO_INPUT: { readonly [V in Verb]?: Readonly<Record<string, string>> } = {
  'agreement.changeSupervisor': { from: 'changeFrom' },
  'agreement.pause': { from: 'pauseFrom', to: 'pauseTo' },
  'session.schedule': { start: 'scheduleDate', 'start.date': 'scheduleDate', 'start.time': 'scheduleTime' },
  'session.proposeTime': { proposedStart: 'proposedDate', 'proposedStart.date': 'proposedDate', 'proposedStart.time': 'proposedTime' },
  'session.recordHeld': { start: 'heldDate', 'start.date': 'heldDate', 'start.time': 'heldTime' },
  'session.cancel': { reason: 'cancelReason' },
  'session.reschedule': {
    newStart: 'newDate',
    'newStart.date': 'newDate',
    'newStart.time': 'newTime',
    plannedMinutes: 'newMinutes',
    mode: 'newMode',
  },
  'settings.update': { quietHours: 'quietStart', 'quietHours.start': 'quietStart', 'quietHours.end': 'quietEnd' },
};

/** The input a command field maps to on the verb's card, or undefined when it has none. */
export function inputOfField(verb: Verb, field: string): string | undefined {
  const mapped = COMMAND_FIELD_TO_INPUT[verb]?.[field];
  if (mapped !== undefined) return mapped;
  const actionRow = /^actions\.(\d+)(?:\.(text|ownerId|dueDate))?$/.exec(field);
  if (verb === 'session.recordHeld' && actionRow) {
    const n = Number(actionRow[1]) + 1;
    const part = actionRow[2] === 'ownerId' ? 'Owner' : actionRow[2] === 'dueDate' ? 'Due' : 'Text';
    return `action${n}${part}`;
  }
  if (fieldsOf(verb).some((s) => s.id === field)) return field;
  return undefined;
}

const STORE_HINT: Partial<Record<DomainError['code'], string>> = {
  STORE_UNAVAILABLE: 'Nothing was saved: the database did not answer just now. Your entries are kept here; press the button again in a moment.',
  CONFLICT: 'Nothing was saved: someone changed this at the same time. Your entries are kept here; check and press the button again.',
};

/**
 * A use case's refusal of a submission as a form state: the error next to its input, or in the
 * banner; `cuts` says which inputs could not be given back in full (parseSubmission's `cuts`).
 */
export function formFromError(verb: Verb, error: DomainError, values: Inputs, cuts: readonly FieldError[] = []): FormState {
  const input = error.field === undefined ? undefined : inputOfField(verb, error.field);
  const hint = STORE_HINT[error.code];
  const message = hint === undefined ? error.message : `${error.message} ${hint}`.trim();
  return { verb, values, errors: [{ field: input ?? 'submission', code: error.code, message }, ...cuts] };
}

/** A parse failure as a form state. */
export function formFromParse(
  verb: Verb,
  failure: { readonly fieldErrors: readonly FieldError[]; readonly inputs: Inputs; readonly cuts?: readonly FieldError[] },
): FormState {
  return { verb, values: failure.inputs, errors: [...failure.fieldErrors, ...(failure.cuts ?? [])] };
}

/** Which part of a card (an Action.ShowCard) holds a verb's inputs, to point the person to it. */
const SECTION_OF_VERB: { readonly [V in Verb]?: string } = {
  'agreement.pause': 'Pause',
  'agreement.end': 'End',
  'session.proposeTime': 'Propose another time',
  'session.recordHeld': 'It was held',
  'session.cancel': 'Cancelled',
  'session.reschedule': 'Rescheduled',
  'concern.assign': 'Assign',
  'concern.resolve': 'Resolve',
};

function problemsOf(form: FormState | undefined): ProblemsPart {
  const errors = form?.errors ?? [];
  if (errors.length === 0) return { hasProblems: false, problemsTitle: '', problems: [] };
  const section = form?.verb === undefined ? undefined : SECTION_OF_VERB[form.verb];
  const problems: Line[] = errors.map((e) => ({ text: e.message }));
  if (section !== undefined) problems.push({ text: `Your entries are kept under “${section}”: open it to correct them.` });
  return { hasProblems: true, problemsTitle: 'Not saved yet. Please check:', problems };
}

function noticeOf(notice: string | undefined): NoticePart {
  return notice === undefined || notice === '' ? { hasNotice: false, notice: '' } : { hasNotice: true, notice };
}

/**
 * Values for a form's inputs: the defaults, overridden by what the person typed (only for inputs of
 * the verb that was submitted), and the error under each input ('' when none).
 */
function formPart(
  inputIds: readonly string[],
  defaults: Readonly<Record<string, string | number>>,
  form: FormState | undefined,
  numeric: readonly string[] = [],
): FormPart {
  const values: Record<string, string | number> = {};
  const errors: Record<string, string> = {};
  for (const id of inputIds) {
    values[id] = defaults[id] ?? '';
    errors[id] = '';
  }
  for (const [id, typed] of Object.entries(form?.values ?? {})) {
    if (!(id in values)) continue;
    if (numeric.includes(id)) {
      // Input.Number takes a number; anything else cannot have come from its keypad.
      const n = Number(typed);
      values[id] = typed.trim() !== '' && Number.isFinite(n) ? n : (defaults[id] ?? '');
    } else {
      values[id] = typed;
    }
  }
  // Each input's messages under it: what to fix, then (rarely) that what was sent could not all come back.
  for (const e of form?.errors ?? []) if (e.field in errors) errors[e.field] = errors[e.field] === '' ? e.message : `${errors[e.field]} ${e.message}`;
  return { values, errors };
}

const idsOf = (verb: Verb): string[] => fieldsOf(verb).map((s) => s.id);

// --- shared pieces ---------------------------------------------------------------------------

const fmt = (zone: string, ctx: PresentContext): FormatContext => (ctx.now === undefined ? { zone } : { zone, now: ctx.now });

function peopleChoices(
  people: readonly PersonRef[],
  selected: readonly string[],
): { choices: Choice[]; shown: number; total: number } {
  const sorted = [...people].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const chosen = sorted.filter((p) => selected.includes(p.id));
  const others = sorted.filter((p) => !selected.includes(p.id)).slice(0, Math.max(0, MAX_PEOPLE_CHOICES - chosen.length));
  const choices = [...chosen, ...others]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((p) => ({ title: preview(p.name, 80), value: p.id }));
  return { choices, shown: choices.length, total: people.length };
}

function choicesNote(lists: readonly { shown: number; total: number }[]): { hasChoicesNote: boolean; choicesNote: string } {
  const cut = lists.find((l) => l.shown < l.total);
  if (cut === undefined) return { hasChoicesNote: false, choicesNote: '' };
  return {
    hasChoicesNote: true,
    choicesNote: `Lists show the first ${cut.shown} of ${cut.total} people by name, and anyone already chosen.`,
  };
}

function splitIds(value: string | number | undefined): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

function factLine(what: string, fact: Fact | null, f: FormatContext): Line[] {
  return fact === null ? [] : [{ text: formatFact(what, fact, f) }];
}

function cadenceText(nqsw: boolean, stricter: StricterCadence | undefined): string {
  const base = nqsw
    ? 'Standard 5, newly qualified: supervision at least weekly for the first six weeks of employment, fortnightly for the rest of the first six months, then at least monthly.'
    : 'Standard 5: supervision at least monthly.';
  const parts: string[] = [];
  if (stricter?.weeklyPhaseDays !== undefined) parts.push(`every ${stricter.weeklyPhaseDays} days in the first six weeks`);
  if (stricter?.fortnightlyPhaseDays !== undefined) parts.push(`every ${stricter.fortnightlyPhaseDays} days to six months`);
  if (stricter?.monthlyPhaseDays !== undefined) parts.push(`every ${stricter.monthlyPhaseDays} days after that`);
  const strict = parts.length > 0 ? ` Your organisation asks for more: ${parts.join(', ')}.` : '';
  return `${base} Each session lasts at least 90 minutes, uninterrupted.${strict}`;
}

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');

// --- home and help ---------------------------------------------------------------------------

function dueDetail(a: AgreementSummaryView, f: FormatContext): { detail: string; color: TextColor } {
  if (a.status !== 'active') return { detail: AGREEMENT_STATUS_LABEL[a.status], color: a.status === 'draft' ? 'warning' : 'default' };
  if (a.overdueSince !== null) return { detail: `Overdue since ${formatDate(a.overdueSince, f)}`, color: 'attention' };
  if (a.nextDueBy !== null) return { detail: `Next due by ${formatDate(a.nextDueBy, f)}`, color: 'default' };
  return { detail: 'Nothing due', color: 'default' };
}

function pendingRow(item: PendingItem, f: FormatContext): CardDataMap['home']['pending'][number] {
  const base = { isAgreement: false, isSession: true, agreementId: '', sessionId: '' };
  switch (item.kind) {
    case 'agree-to-agreement':
      return {
        ...base,
        isAgreement: true,
        isSession: false,
        agreementId: item.agreementId,
        text: `A supervision agreement with ${item.with.name} is waiting for you to agree.`,
        button: 'Review',
      };
    case 'respond-to-schedule':
      return { ...base, sessionId: item.sessionId, text: `${item.with.name} scheduled supervision for ${formatInstant(item.start, f)}.`, button: 'Respond' };
    case 'record-session':
      return { ...base, sessionId: item.sessionId, text: `Record the session with ${item.with.name} on ${formatInstant(item.start, f)}.`, button: 'Record' };
    case 'confirm-session':
      return { ...base, sessionId: item.sessionId, text: `Confirm the session with ${item.with.name} on ${formatInstant(item.start, f)}.`, button: 'Confirm' };
    case 'rate-session':
      return { ...base, sessionId: item.sessionId, text: `Rate the session with ${item.with.name} on ${formatInstant(item.start, f)}.`, button: 'Rate' };
  }
}

function abilities(youCan: HomeView['youCan'] | undefined, supervises: boolean): HomeAbilities {
  return {
    scheduleSession: youCan?.scheduleSession ?? false,
    proposeAgreement: youCan?.proposeAgreement ?? false,
    writeNote: youCan?.writeNote ?? false,
    readSharedNotes: supervises,
    raiseConcern: youCan?.raiseConcern ?? false,
    editSettings: youCan?.editSettings ?? false,
    seeCompliance: youCan?.seeCompliance ?? false,
  };
}

export function presentHome(view: HomeView, ctx: PresentContext = {}, notice?: string): CardSpec {
  const f = fmt(view.zone, ctx);
  const last = view.lastSession;
  const rank = (a: AgreementSummaryView): string => (a.overdueSince !== null ? `0${a.overdueSince}` : `1${a.nextDueBy ?? '9999'}`);
  const supervised = [...view.asSupervisor].sort((a, b) => rank(a).localeCompare(rank(b)));
  const rows = (list: readonly AgreementSummaryView[], title: (a: AgreementSummaryView) => string): AgreementRow[] =>
    list.slice(0, MAX_ROWS).map((a) => ({ title: title(a), ...dueDetail(a, f), agreementId: a.agreementId }));
  const more = supervised.length - MAX_ROWS;
  return spec('home', {
    greeting: `Hello, ${firstName(view.person.name)}`,
    organisationName: view.organisationName,
    ...noticeOf(notice),
    nextDueBy:
      view.nextDueBy !== null
        ? formatDate(view.nextDueBy, f)
        : view.asSupervisee.length > 0
          ? 'Nothing due'
          : 'No supervision agreement yet',
    lastSession: last === null ? 'None recorded yet' : `${formatInstant(last.start, f)} with ${last.with.name}, ${minutesText(last.minutes)}`,
    hasLastSessionNote: last !== null && !last.qualifying,
    lastSessionNote:
      last !== null && !last.qualifying
        ? 'That session did not count towards Standard 5: it was shorter than 90 minutes or interrupted.'
        : '',
    openConcerns: view.openConcerns === 0 ? 'None' : String(view.openConcerns),
    hasOverdue: view.overdue.length > 0,
    overdue: view.overdue.slice(0, MAX_ROWS).map((o) => ({
      text:
        o.supervisee.id === view.person.id
          ? `Your supervision with ${o.supervisor.name} is overdue since ${formatDate(o.overdueSince, f)}.`
          : `${o.supervisee.name} (supervisor ${o.supervisor.name}): overdue since ${formatDate(o.overdueSince, f)}.`,
    })),
    hasPending: view.pending.length > 0,
    pending: view.pending.slice(0, MAX_PENDING).map((p) => pendingRow(p, f)),
    hasMySupervision: view.asSupervisee.length > 0,
    mySupervision: rows(view.asSupervisee, (a) =>
      a.professionalSupervisor !== undefined
        ? `Supervised by ${a.supervisor.name}, with professional supervision from ${a.professionalSupervisor.name}`
        : `Supervised by ${a.supervisor.name}`,
    ),
    hasSupervisees: supervised.length > 0,
    supervisees: rows(supervised, (a) => (a.nqsw ? `${a.supervisee.name} (NQSW)` : a.supervisee.name)),
    hasMoreSupervisees: more > 0,
    moreSupervisees: more > 0 ? `And ${more} more: see the Supervision tab.` : '',
    can: abilities(view.youCan, view.asSupervisor.length > 0),
  });
}

export interface HelpInput {
  /** Absent for someone the bot does not know yet. */
  readonly roles?: readonly Role[];
  readonly youCan?: HomeView['youCan'];
  /** What the person typed that was not understood. */
  readonly unknownText?: string;
}

export function presentHelp(input: HelpInput = {}): CardSpec {
  const unknown = input.unknownText?.trim() ?? '';
  return spec('help', {
    intro:
      'I help you keep to the supervision standards: agreements, sessions, reflective notes and concerns, with reminders when supervision is due.',
    hasUnknownText: unknown !== '',
    unknownText: unknown === '' ? '' : `I did not understand “${preview(unknown, 60)}”.`,
    shortcuts: TEXT_SHORTCUTS.map((s) => ({ command: s.command, description: s.description })),
    known: input.roles !== undefined,
    can: abilities(input.youCan, input.roles?.includes('supervisor') ?? false),
    privacy: 'Reflective notes and concerns are personal: only the people who should see them can, and they are never written to logs.',
  });
}

// --- refusals and retries --------------------------------------------------------------------

const ERROR_TITLE: Partial<Record<DomainError['code'], string>> = {
  UNKNOWN_USER: 'We do not know you yet',
  NOT_AUTHORIZED: 'You cannot do that',
  WRONG_TENANT: 'That belongs to another organisation',
  NOT_FOUND: 'We could not find that',
  ALREADY_DONE: 'That was already done',
  STORE_UNAVAILABLE: 'We could not reach the database',
  CONFLICT: 'Someone changed this at the same time',
};

const ERROR_HINT: Partial<Record<DomainError['code'], string>> = {
  UNKNOWN_USER: 'Ask your organisation’s admin to add you to the staff list, then say hello again.',
  NOT_AUTHORIZED: 'Only the people named on a record can act on it. If you think this is wrong, ask your admin.',
  STORE_UNAVAILABLE: 'Please try again in a moment.',
  CONFLICT: 'Open it again to see the latest, then try again.',
};

/** A refused action or an unknown user: what happened in plain words, and that nothing changed. */
export function presentError(error: DomainError, opts: { readonly known?: boolean } = {}): CardSpec {
  const hint = ERROR_HINT[error.code] ?? '';
  return spec('error', {
    title: ERROR_TITLE[error.code] ?? 'That could not be done',
    message: error.message,
    outcome: error.code === 'ALREADY_DONE' ? 'Nothing more was changed.' : 'Nothing was changed.',
    hasHint: hint !== '',
    hint,
    code: error.code,
    hasKept: false,
    kept: [],
    hasRetry: false,
    retry: { verb: 'home.show', data: {} },
    showHome: (opts.known ?? true) && error.code !== 'UNKNOWN_USER',
  });
}

/**
 * When the form itself cannot be shown again (its view could not be loaded, e.g. the store is
 * down): a card that gives back everything the person typed, in inputs with the same ids, and a
 * "Try again" button that submits the same verb for the same record. People chosen from a list
 * are not repeated (their names are not known here); the form asks for them again.
 */
export function presentRetry(
  verb: Verb,
  targets: Targets,
  inputs: Inputs,
  error: DomainError,
  cuts: readonly FieldError[] = [],
): CardSpec {
  const kept: ErrorData['kept'][number][] = [];
  for (const s of fieldsOf(verb)) {
    const value = inputs[s.id] ?? '';
    if (s.kind === 'people' || value.trim() === '') continue;
    // An input's label is what sits next to it: the notice that it was cut goes there.
    const cut = cuts.find((c) => c.field === s.id);
    const label = cut === undefined ? s.label : cut.message;
    kept.push({ id: s.id, label, value, isMultiline: s.kind === 'longText', maxLength: Math.max(s.max ?? 200, value.length) });
  }
  const data: Record<string, string> = {};
  for (const key of TARGET_IDS) if (targets[key as TargetId] !== undefined) data[key] = targets[key as TargetId] as string;
  const base = presentError(error).data as ErrorData;
  return spec('error', {
    ...base,
    outcome: 'Nothing was saved.',
    hasKept: kept.length > 0,
    kept,
    hasRetry: isVerb(verb),
    retry: { verb, data },
  });
}

// --- agreements ------------------------------------------------------------------------------

export function presentAgreementSetup(view: AgreementFormView, form?: FormState): CardSpec {
  const part = formPart(
    idsOf('agreement.propose'),
    { supervisorId: view.defaultSupervisorId ?? '', nqsw: 'false', lineManagerIsRegisteredSocialWorker: 'true' },
    form,
  );
  const supervisees = peopleChoices(view.supervisees, splitIds(part.values.superviseeId));
  const supervisors = peopleChoices(view.supervisors, splitIds(part.values.supervisorId));
  const professional = peopleChoices(view.professionalSupervisors, splitIds(part.values.professionalSupervisorId));
  return spec('agreement-setup', {
    zone: view.zone,
    ...problemsOf(form),
    ...part,
    supervisees: supervisees.choices,
    supervisors: supervisors.choices,
    professionalSupervisors: professional.choices,
    ...choicesNote([supervisees, supervisors, professional]),
  });
}

function agreementFacts(view: AgreementView, f: FormatContext): FactRow[] {
  const facts: FactRow[] = [
    { title: 'Supervisee', value: view.nqsw ? `${view.supervisee.name} (NQSW)` : view.supervisee.name },
    { title: 'Supervisor', value: view.supervisor.name },
  ];
  if (view.professionalSupervisor !== undefined) facts.push({ title: 'Professional supervisor', value: view.professionalSupervisor.name });
  facts.push(
    { title: 'Line manager is a registered social worker', value: yesNo(view.lineManagerIsRegisteredSocialWorker) },
    { title: 'Employment start', value: formatDate(view.employmentStart, f) },
    { title: 'Agreement start', value: formatDate(view.agreementStart, f) },
  );
  if (view.pauses.length > 0) {
    facts.push({ title: 'Paused', value: view.pauses.map((p) => `${formatDate(p.from, f)} to ${formatDate(p.to, f)}`).join('; ') });
  }
  if (view.endedOn !== undefined) facts.push({ title: 'Ended on', value: formatDate(view.endedOn, f) });
  return facts;
}

function waitingFor(view: AgreementView): string {
  if (view.status !== 'draft') return view.status === 'active' ? 'Both have agreed: the agreement is active.' : '';
  const missing: string[] = [];
  if (view.agreedBySupervisor === null) missing.push(view.supervisor.name);
  if (view.agreedBySupervisee === null) missing.push(view.supervisee.name);
  return missing.length === 0 ? '' : `Waiting for ${missing.join(' and ')} to agree.`;
}

function agreedLines(view: AgreementView, f: FormatContext): Line[] {
  return [...factLine('Agreed', view.agreedBySupervisor, f), ...factLine('Agreed', view.agreedBySupervisee, f)];
}

export function presentAgreementAgree(view: AgreementView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('agreement-agree', {
    agreementId: view.agreementId,
    intro: `Please check this supervision agreement between ${view.supervisor.name} and ${view.supervisee.name}. It becomes active when both have agreed.`,
    ...problemsOf(form),
    facts: agreementFacts(view, f),
    cadence: cadenceText(view.nqsw, view.stricterCadence),
    agreedLines: agreedLines(view, f),
    waitingFor: waitingFor(view),
  });
}

export function presentAgreementStatus(view: AgreementView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  const statusColor: TextColor = view.status === 'active' ? 'good' : view.status === 'draft' ? 'warning' : 'default';
  const waiting = waitingFor(view);
  const facts = agreementFacts(view, f);
  facts.push(
    { title: 'Next due by', value: view.nextDueBy === null ? 'Nothing due' : formatDate(view.nextDueBy, f) },
    { title: 'Last session', value: view.lastSessionOn === null ? 'None yet' : formatDate(view.lastSessionOn, f) },
    { title: 'Periods met / missed', value: `${view.met} / ${view.missed}${view.excused > 0 ? ` (${view.excused} excused)` : ''}` },
    { title: 'Sessions that did not count', value: String(view.short) },
  );
  const history = view.supervisorHistory.map((t) => {
    const range = t.to === undefined ? `since ${formatDate(t.from, f)}` : `${formatDate(t.from, f)} to ${formatDate(t.to, f)}`;
    const note = t.handoverNote !== undefined && t.handoverNote !== '' ? `. Handover: ${preview(t.handoverNote, MAX_HANDOVER_SHOWN)}` : '';
    return { text: `${t.supervisor.name}, ${range}${note}` };
  });
  return spec('agreement-status', {
    agreementId: view.agreementId,
    supervisee: view.supervisee.name,
    status: view.status === 'ended' && view.endedOn !== undefined ? `Ended on ${formatDate(view.endedOn, f)}` : AGREEMENT_STATUS_LABEL[view.status],
    statusColor,
    ...noticeOf(form?.notice),
    ...problemsOf(form),
    outcomeLines: [...agreedLines(view, f), ...(view.status === 'draft' && waiting !== '' ? [{ text: waiting }] : [])],
    facts,
    cadence: cadenceText(view.nqsw, view.stricterCadence),
    hasOverdue: view.overdueSince !== null,
    overdue: view.overdueSince === null ? '' : `Supervision is overdue since ${formatDate(view.overdueSince, f)}.`,
    hasHistory: history.length > 1,
    history,
    hasUpcoming: view.upcomingSessions.length > 0,
    upcoming: view.upcomingSessions.slice(0, 5).map((s) => ({ text: formatInstant(s.start, f), sessionId: s.sessionId })),
    can: {
      scheduleSession: view.youCan.scheduleSession,
      changeSupervisor: view.youCan.changeSupervisor,
      // Pause and resume exclude each other, which keeps the card within five buttons.
      pause: view.youCan.pause && view.status !== 'paused',
      resume: view.youCan.resume && view.status === 'paused',
      end: view.youCan.end,
    },
    ...formPart([...idsOf('agreement.pause'), ...idsOf('agreement.end')], {}, form),
  });
}

/** The agreement as its viewer should see it: the card to agree when they still may, else its status. */
export function presentAgreement(view: AgreementView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  return view.youCan.agree ? presentAgreementAgree(view, ctx, form) : presentAgreementStatus(view, ctx, form);
}

export function presentChangeSupervisor(view: AgreementView, supervisors: readonly PersonRef[], form?: FormState): CardSpec {
  const part = formPart(idsOf('agreement.changeSupervisor'), {}, form);
  const list = peopleChoices(
    supervisors.filter((p) => p.id !== view.supervisor.id),
    splitIds(part.values.newSupervisorId),
  );
  return spec('change-supervisor', {
    agreementId: view.agreementId,
    supervisee: view.supervisee.name,
    currentSupervisor: view.supervisor.name,
    ...problemsOf(form),
    ...part,
    supervisors: list.choices,
    ...choicesNote([list]),
  });
}

// --- sessions --------------------------------------------------------------------------------

/** The agreements a schedule card offers: the viewer's active ones as supervisor. */
export interface ScheduleFormInput {
  readonly zone: string;
  readonly agreements: readonly Pick<AgreementSummaryView, 'agreementId' | 'supervisee' | 'status'>[];
  /** Preselect this agreement (the card was opened from it). */
  readonly agreementId?: string;
}

export function presentSessionSchedule(input: ScheduleFormInput, form?: FormState): CardSpec {
  const active = input.agreements.filter((a) => a.status === 'active');
  const only = active.length === 1 ? active[0].agreementId : '';
  const part = formPart(
    idsOf('session.schedule'),
    { agreementId: input.agreementId ?? only, plannedMinutes: DEFAULT_SESSION_MINUTES, mode: '' },
    form,
    ['plannedMinutes'],
  );
  return spec('session-schedule', {
    zone: input.zone,
    ...problemsOf(form),
    ...part,
    agreements: [...active]
      .sort((a, b) => a.supervisee.name.localeCompare(b.supervisee.name, 'en-GB'))
      .slice(0, MAX_PEOPLE_CHOICES)
      .map((a) => ({ title: a.supervisee.name, value: a.agreementId })),
  });
}

function sessionLines(view: SessionView, f: FormatContext): Line[] {
  const lines: Line[] = [...factLine('Accepted', view.accepted, f)];
  if (view.proposedStart !== undefined) {
    lines.push({ text: `${view.supervisee.name} proposed another time: ${formatInstant(view.proposedStart, f)}.` });
  }
  if (view.rescheduledFrom !== undefined) lines.push({ text: `Replaces the session of ${formatInstant(view.rescheduledFrom.start, f)}.` });
  lines.push(...factLine('Recorded', view.recorded, f));
  if (view.status === 'cancelled') {
    lines.push({ text: view.cancelReason !== undefined && view.cancelReason !== '' ? `Cancelled: ${view.cancelReason}` : 'Cancelled.' });
  }
  if (view.rescheduledTo !== undefined) lines.push({ text: `Moved to ${formatInstant(view.rescheduledTo.start, f)}.` });
  lines.push(...factLine('Confirmed', view.confirmed, f));
  if (view.rating !== null) lines.push({ text: `Rated ${view.rating.score} out of 5 by ${view.rating.by.name}, ${formatInstant(view.rating.at, f)}` });
  return lines;
}

function sessionDetail(view: SessionView): string {
  // "On Teams" -> "on Teams": only the first letter, Teams keeps its capital.
  return `${minutesText(view.plannedMinutes)}, ${MODE_LABEL[view.mode].replace(/^./, (c) => c.toLowerCase())}.`;
}

function flagText(view: SessionView): string {
  const short = view.flags.includes('short');
  const interrupted = view.flags.includes('interrupted');
  const what = short && interrupted ? 'shorter than 90 minutes and interrupted' : short ? 'shorter than 90 minutes' : 'interrupted';
  return `Flagged: this session was ${what}, so it does not count towards Standard 5. It is recorded and reported.`;
}

function recordPart(view: SessionView, f: FormatContext): SessionRecordPart {
  const when = formatInstant(view.scheduledStart, f);
  let headline: string;
  switch (view.status) {
    case 'held':
      headline =
        `Held ${formatInstant(view.start ?? view.scheduledStart, f)}, ${minutesText(view.minutes ?? 0)}` +
        (view.uninterrupted === false ? ', interrupted' : ', uninterrupted');
      break;
    case 'cancelled':
      headline = `Cancelled (was ${when})`;
      break;
    case 'rescheduled':
      headline = view.rescheduledTo !== undefined ? `Rescheduled to ${formatInstant(view.rescheduledTo.start, f)}` : `Rescheduled (was ${when})`;
      break;
    case 'scheduled':
      headline = `Scheduled for ${when}`;
      break;
  }
  const flagged = view.status === 'held' && view.flags.length > 0;
  return {
    sessionId: view.sessionId,
    agreementId: view.agreementId,
    supervisor: view.supervisor.name,
    supervisee: view.supervisee.name,
    headline,
    isFlagged: flagged,
    flagText: flagged ? flagText(view) : '',
    hasAgenda: view.agenda.length > 0,
    agenda: view.agenda.map((text) => ({ text })),
    hasActions: view.actions.length > 0,
    actions: view.actions.map((a) => ({ text: `${a.text} (${a.owner.name}, due ${formatDate(a.dueDate, f)})` })),
    outcomeLines: sessionLines(view, f),
  };
}

const NO_CALENDAR: CalendarPart = { hasCalendar: false, calendarTitle: '', calendarUrl: '' };

/** The "Add to calendar" button for the view's viewer, when the view names a link for them and one can be made. */
function calendarPart(view: SessionView, ctx: PresentContext): CalendarPart {
  if (view.calendar === undefined || ctx.calendarLink === undefined) return NO_CALENDAR;
  const url = ctx.calendarLink(view.calendar);
  if (url === undefined) return NO_CALENDAR;
  // The link gives the session as it stands when opened; a cancelled one's invite withdraws the event.
  return { hasCalendar: true, calendarTitle: view.status === 'cancelled' ? 'Remove from calendar' : 'Add to calendar', calendarUrl: url };
}

export function presentSessionInvite(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('session-invite', {
    sessionId: view.sessionId,
    zone: view.zone,
    supervisor: view.supervisor.name,
    when: formatInstant(view.scheduledStart, f),
    detail: sessionDetail(view),
    ...noticeOf(form?.notice),
    ...problemsOf(form),
    outcomeLines: sessionLines(view, f),
    can: { respond: view.youCan.respond, accept: view.youCan.respond && view.accepted === null },
    ...formPart(idsOf('session.proposeTime'), {}, form),
    ...calendarPart(view, ctx),
  });
}

export function presentSessionRecord(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  // Recorded as held but not confirmed yet: the supervisor may still correct it, starting from what was recorded.
  const held = view.status === 'held';
  const record = recordPart(view, f);
  const start = localParts(view.start ?? view.scheduledStart, view.zone);
  const recorded: Record<string, string> = {};
  if (held) {
    recorded.uninterrupted = view.uninterrupted === false ? 'no' : 'yes';
    recorded.agenda = view.agenda.join('\n');
    view.actions.slice(0, ACTION_ROWS).forEach((a, i) => {
      recorded[`action${i + 1}Text`] = a.text;
      recorded[`action${i + 1}Owner`] = a.owner.id;
      recorded[`action${i + 1}Due`] = a.dueDate;
    });
  }
  const proposed = view.proposedStart === undefined ? undefined : localParts(view.proposedStart, view.zone);
  const part = formPart(
    [...idsOf('session.recordHeld'), ...idsOf('session.cancel'), ...idsOf('session.reschedule')],
    {
      heldDate: start.date,
      heldTime: start.time,
      minutes: view.minutes ?? view.plannedMinutes,
      ...recorded,
      newDate: proposed?.date ?? '',
      newTime: proposed?.time ?? '',
      newMinutes: view.plannedMinutes,
      newMode: view.mode,
    },
    form,
    ['minutes', 'newMinutes'],
  );
  const actionRows: ActionRowData[] = [];
  for (let n = 1; n <= ACTION_ROWS; n++) {
    actionRows.push({
      n,
      text: String(part.values[`action${n}Text`] ?? ''),
      owner: String(part.values[`action${n}Owner`] ?? ''),
      due: String(part.values[`action${n}Due`] ?? ''),
      errText: part.errors[`action${n}Text`] ?? '',
      errOwner: part.errors[`action${n}Owner`] ?? '',
      errDue: part.errors[`action${n}Due`] ?? '',
    });
  }
  return spec('session-record', {
    sessionId: view.sessionId,
    zone: view.zone,
    supervisee: view.supervisee.name,
    headline: held ? record.headline : `Scheduled for ${formatInstant(view.scheduledStart, f)}. ${sessionDetail(view)}`,
    isFlagged: record.isFlagged,
    flagText: record.flagText,
    prompt: held
      ? `Until ${view.supervisee.name} confirms it, you can correct the record under “It was held”. Times are in ${view.zone}.`
      : `What happened? Times are in ${view.zone}.`,
    scheduled: !held,
    outcomeLines: sessionLines(view, f),
    hasProposed: view.proposedStart !== undefined,
    proposed:
      view.proposedStart === undefined ? '' : `${view.supervisee.name} proposed ${formatInstant(view.proposedStart, f)} instead; it is filled in below.`,
    ...noticeOf(form?.notice),
    ...problemsOf(form),
    ...part,
    owners: [
      { title: `${view.supervisor.name} (supervisor)`, value: view.supervisor.id },
      { title: `${view.supervisee.name} (supervisee)`, value: view.supervisee.id },
    ],
    actionRows,
    ...(held ? NO_CALENDAR : calendarPart(view, ctx)),
  });
}

export function presentSessionConfirmRate(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('session-confirm-rate', {
    ...recordPart(view, f),
    ...noticeOf(form?.notice),
    ...problemsOf(form),
    // Rated already: the form starts from that rating, to change it.
    ...formPart(idsOf('session.rate'), view.rating === null ? {} : { score: String(view.rating.score), comment: view.rating.comment ?? '' }, form),
    can: { confirm: view.youCan.confirm, rate: view.youCan.rate },
  });
}

export function presentSessionOutcome(view: SessionView, ctx: PresentContext = {}, notice?: string): CardSpec {
  const f = fmt(view.zone, ctx);
  const comment = view.rating?.comment ?? '';
  const headlineColor: TextColor =
    view.status === 'held' ? (view.qualifying ? 'good' : 'warning') : view.status === 'cancelled' ? 'attention' : 'default';
  return spec('session-outcome', {
    ...recordPart(view, f),
    headlineColor,
    ...noticeOf(notice),
    hasRatingComment: comment !== '',
    ratingComment: comment === '' ? '' : `Comment: ${comment}`,
    hasReplacement: view.rescheduledTo !== undefined,
    replacementId: view.rescheduledTo?.sessionId ?? '',
    ...calendarPart(view, ctx),
  });
}

/**
 * A session as its viewer should see it: the form for what they may do now (record, respond,
 * confirm or rate), otherwise its outcome.
 */
export function presentSession(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  if (view.youCan.record) return presentSessionRecord(view, ctx, form);
  if (view.youCan.respond) return presentSessionInvite(view, ctx, form);
  if (view.youCan.confirm || view.youCan.rate) return presentSessionConfirmRate(view, ctx, form);
  if (view.status === 'scheduled') return presentSessionInvite(view, ctx, form);
  return presentSessionOutcome(view, ctx, form?.notice);
}

// --- reflective notes ------------------------------------------------------------------------

export function presentNoteWrite(form?: FormState): CardSpec {
  return spec('note-write', { ...problemsOf(form), ...formPart(idsOf('note.write'), { visibility: 'private' }, form) });
}

export function presentNoteList(view: NoteListView, opts: { readonly shared?: boolean } & PresentContext = {}): CardSpec {
  const f = fmt(view.zone, opts);
  const shared = opts.shared ?? false;
  const notes = view.notes.slice(0, MAX_NOTES_LISTED).map((n) => {
    const parts = [formatInstant(n.createdAt, f)];
    if (shared) parts.unshift(n.author.name);
    if (n.cpdTag !== undefined && n.cpdTag !== '') parts.push(n.cpdTag);
    if (!shared) parts.push(n.visibility === 'private' ? 'Private' : `Shared with ${n.sharedWith?.name ?? 'your supervisor'}`);
    return { noteId: n.noteId, heading: parts.join(' · '), preview: preview(n.preview, NOTE_PREVIEW_CHARS) };
  });
  const total = view.notes.length;
  const summary =
    total === 0
      ? shared
        ? 'No one has shared a note with you yet.'
        : 'You have not written a note yet.'
      : total > notes.length
        ? `The latest ${notes.length} of ${total}, newest first.`
        : `${total} ${total === 1 ? 'note' : 'notes'}, newest first.`;
  return spec('note-list', {
    title: shared ? 'Notes shared with you' : 'Your reflective notes',
    summary,
    notes,
    canWrite: !shared,
  });
}

/** Read-only note text beyond this is cut for display (a note holds at most 10,000 in all). */
const NOTE_DISPLAY_MAX = NOTE_MAX_TOTAL;

export function presentNoteRead(
  view: NoteView,
  opts: { readonly audience?: 'author' | 'reader'; readonly notice?: string } & PresentContext = {},
): CardSpec {
  const f = fmt(view.zone, opts);
  const author = (opts.audience ?? 'author') === 'author';
  const who = view.visibility === 'private' ? 'Private: only the author can read it' : `Shared with ${view.sharedWith?.name ?? 'the supervisor'}`;
  const bylineParts = [`Written by ${view.author.name}, ${formatInstant(view.createdAt, f)}`, who];
  if (view.cpdTag !== undefined && view.cpdTag !== '') bylineParts.push(`CPD: ${view.cpdTag}`);
  let budget = NOTE_DISPLAY_MAX;
  let cut = false;
  const sections = (
    [
      ['What happened', view.whatHappened],
      ['How I felt', view.howIFelt],
      ['What I learned, and what it draws on', view.whatILearned],
      ['What I will do next', view.whatNext],
    ] as const
  )
    .filter(([, body]) => body.trim() !== '')
    .map(([heading, body]) => {
      const chars = [...body];
      if (chars.length > budget) {
        cut = true;
        const shown = chars.slice(0, budget).join('');
        budget = 0;
        return { heading, body: `${shown}…` };
      }
      budget -= chars.length;
      return { heading, body };
    });
  return spec('note-read', {
    byline: bylineParts.join(' · '),
    ...noticeOf(opts.notice),
    sections,
    hasTruncated: cut,
    truncated: cut ? 'This note is longer than a card can show; the rest is kept and included in a data export.' : '',
    isMine: author,
    isShared: !author,
  });
}

// --- concerns --------------------------------------------------------------------------------

function concernCommon(view: ConcernView, f: FormatContext): ConcernCommonPart {
  const facts: FactRow[] = [
    { title: 'Raised by', value: view.raisedBy.name },
    { title: 'Raised', value: formatInstant(view.raisedAt, f) },
    { title: 'Urgency', value: URGENCY_LABEL[view.urgency] },
    { title: 'Route', value: ROUTE_LABEL[view.route] },
    { title: 'Status', value: CONCERN_STATUS_LABEL[view.status] },
  ];
  if (view.handler !== undefined) facts.push({ title: 'Handled by', value: view.handler.name });
  const history = view.history.map((e) => {
    const at = formatInstant(e.at, f);
    if (e.status === 'assigned' && e.assignedTo !== undefined) return { text: `Assigned to ${e.assignedTo.name} by ${e.by.name}, ${at}` };
    return { text: `${CONCERN_STATUS_LABEL[e.status]} by ${e.by.name}, ${at}` };
  });
  return {
    concernId: view.concernId,
    category: CATEGORY_LABEL[view.category],
    statusColor: view.status === 'resolved' ? 'good' : view.urgency === 'high' ? 'attention' : 'default',
    facts,
    description: view.description,
    history,
    hasResolution: view.resolution !== undefined && view.resolution !== '',
    resolution: view.resolution !== undefined && view.resolution !== '' ? `Resolution: ${view.resolution}` : '',
  };
}

/** The handler's card: acknowledge, assign, resolve (as the view allows). */
export function presentConcernHandler(view: ConcernView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  const part = formPart([...idsOf('concern.assign'), ...idsOf('concern.resolve')], {}, form);
  return spec('concern-psw', {
    ...concernCommon(view, f),
    status: `${CONCERN_STATUS_LABEL[view.status]}, urgency ${URGENCY_LABEL[view.urgency].toLowerCase()}`,
    ...noticeOf(form?.notice),
    ...problemsOf(form),
    ...part,
    assignees: peopleChoices(view.assignees, splitIds(part.values.assigneeId)).choices,
    can: {
      acknowledge: view.youCan.acknowledge,
      assign: view.youCan.assign && view.assignees.length > 0,
      resolve: view.youCan.resolve,
    },
  });
}

function concernHeadline(view: ConcernView, f: FormatContext): string {
  const last = view.history[view.history.length - 1];
  if (last === undefined || view.status === 'raised') return 'Raised: waiting to be acknowledged';
  const at = formatInstant(last.at, f);
  if (last.status === 'assigned' && last.assignedTo !== undefined) return `Assigned to ${last.assignedTo.name}, ${at}`;
  return `${CONCERN_STATUS_LABEL[last.status]} by ${last.by.name}, ${at}`;
}

/** What the person who raised a concern hears at every stage. */
export function presentConcernStatus(view: ConcernView, ctx: PresentContext = {}, notice?: string): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('concern-status', {
    ...concernCommon(view, f),
    headline: concernHeadline(view, f),
    ...noticeOf(notice),
    routeText:
      view.route === 'psw'
        ? 'Sent straight to the Principal Social Worker: the supervisor cannot see it.'
        : `Sent to the supervisor${view.handler !== undefined ? `, ${view.handler.name}` : ''}.`,
  });
}

/** A concern as its viewer should see it: the handler's card when they may act, else its status. */
export function presentConcern(view: ConcernView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const acts = view.youCan.acknowledge || view.youCan.assign || view.youCan.resolve;
  return acts ? presentConcernHandler(view, ctx, form) : presentConcernStatus(view, ctx, form?.notice);
}

export function presentConcernRaise(form?: FormState): CardSpec {
  return spec('concern-raise', { ...problemsOf(form), ...formPart(idsOf('concern.raise'), {}, form) });
}

function concernRow(c: ConcernSummaryView, f: FormatContext, withRaiser: boolean): ConcernRow {
  const detail = [CONCERN_STATUS_LABEL[c.status], `raised ${formatInstant(c.raisedAt, f)}`];
  if (withRaiser) detail.push(`by ${c.raisedBy.name}`);
  if (c.handler !== undefined && !withRaiser) detail.push(`with ${c.handler.name}`);
  return {
    concernId: c.concernId,
    heading: `${CATEGORY_LABEL[c.category]} · ${URGENCY_LABEL[c.urgency]} urgency`,
    detail: detail.join(' · '),
    color: c.status === 'resolved' ? 'good' : c.urgency === 'high' ? 'attention' : 'default',
  };
}

export function presentConcernList(view: ConcernListView, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  const open = (list: readonly ConcernSummaryView[]) =>
    [...list].sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.raisedAt.localeCompare(a.raisedAt));
  const handling = open(view.handling).slice(0, MAX_CONCERNS_LISTED);
  const raised = open(view.raised).slice(0, MAX_CONCERNS_LISTED);
  const hidden = view.handling.length - handling.length + (view.raised.length - raised.length);
  return spec('concern-list', {
    hasHandling: handling.length > 0,
    handling: handling.map((c) => concernRow(c, f, true)),
    noneRaised: raised.length === 0,
    raised: raised.map((c) => concernRow(c, f, false)),
    hasMore: hidden > 0,
    more: hidden > 0 ? `${hidden} older concerns are not listed here.` : '',
  });
}

// --- settings --------------------------------------------------------------------------------

export function presentSettings(view: SettingsView, form?: FormState): CardSpec {
  const part = formPart(
    idsOf('settings.update'),
    {
      name: view.name,
      zone: view.zone,
      pswIds: view.psws.map((p) => p.id).join(','),
      adminIds: view.admins.map((p) => p.id).join(','),
      reminderLeadDays: view.reminderLeadDays,
      escalationGraceDays: view.escalationGraceDays,
      quietStart: view.quietHours.start,
      quietEnd: view.quietHours.end,
    },
    form,
    ['reminderLeadDays', 'escalationGraceDays'],
  );
  const selected = [...splitIds(part.values.pswIds), ...splitIds(part.values.adminIds)];
  const people = peopleChoices(view.people, selected);
  return spec('settings', {
    ...noticeOf(form?.notice),
    ...problemsOf(form),
    ...part,
    people: people.choices,
    ...choicesNote([people]),
  });
}

// --- proactive messages ----------------------------------------------------------------------

/** The reminder's facts, as the sweep wrote them (src/app/proactiveMessages.ts). */
export type ReminderView = ReminderFacts;
/** The escalation's facts, as the sweep wrote them. */
export type EscalationView = EscalationFacts;

/** What the welcome on installation says above the person's home. */
export const WELCOME_NOTICE = 'Welcome! I will remind you when supervision is due and keep your records in one place.';

const lastSessionText = (on: LocalDate | null, none: string, f: FormatContext): string => (on === null ? none : formatDate(on, f));

export function presentReminder(view: ReminderView, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  const due = formatDate(view.dueBy, f);
  const toSupervisor = view.audience === 'supervisor';
  const booked = view.scheduledSession === null ? undefined : formatInstant(view.scheduledSession.start, f);
  const detail =
    booked !== undefined
      ? toSupervisor
        ? `A session is booked for ${booked}. It counts once it is recorded as held.`
        : `A session with ${view.supervisor.name} is booked for ${booked}. ${view.supervisor.name} has been reminded too.`
      : toSupervisor
        ? `No qualifying session is recorded yet for the period that started ${formatDate(view.periodStart, f)}. Schedule one if you have not.`
        : `No qualifying session with ${view.supervisor.name} is recorded yet for this period. ${view.supervisor.name} has been reminded too.`;
  return spec('reminder', {
    agreementId: view.agreementId,
    headline: toSupervisor ? `Supervision with ${view.supervisee.name} is due by ${due}` : `Your supervision is due by ${due}`,
    detail,
    facts: [
      { title: 'Supervisee', value: view.nqsw ? `${view.supervisee.name} (NQSW)` : view.supervisee.name },
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Due by', value: due },
      { title: 'Last session', value: lastSessionText(view.lastSessionOn, 'None yet', f) },
      ...(booked === undefined ? [] : [{ title: 'Booked', value: booked }]),
    ],
    canSchedule: toSupervisor && booked === undefined,
  });
}

export function presentEscalation(view: EscalationView, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('escalation', {
    agreementId: view.agreementId,
    headline: `Overdue supervision: ${view.supervisee.name}`,
    detail:
      `${view.supervisee.name}${view.nqsw ? ' (NQSW)' : ''} had no qualifying supervision with ${view.supervisor.name} ` +
      `in the period ${formatDate(view.periodStart, f)} to ${formatDate(view.dueBy, f)}.`,
    facts: [
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Periods missed', value: String(view.missedCount) },
      { title: 'Last session', value: lastSessionText(view.lastSessionOn, 'None recorded', f) },
    ],
  });
}

/**
 * The card for every proactive message the outbox carries, as its recipient may see it. Exhaustive:
 * a new kind in ProactiveMessage does not compile until it has a card here.
 */
export function presentProactive(message: ProactiveMessage, ctx: PresentContext = {}): CardSpec {
  switch (message.kind) {
    case 'agreement-to-agree':
      return presentAgreement(message.data, ctx);
    case 'agreement-updated':
      return presentAgreementStatus(message.data, ctx);
    case 'session-scheduled':
    case 'schedule-response':
    case 'session-recorded':
    case 'session-confirmed':
      return presentSession(message.data, ctx);
    case 'concern-to-handle':
      return presentConcernHandler(message.data, ctx);
    case 'concern-update':
      return presentConcernStatus(message.data, ctx);
    case 'reminder':
      return presentReminder(message.data, ctx);
    case 'escalation':
      return presentEscalation(message.data, ctx);
    case 'welcome':
      return presentHome(message.data, ctx, WELCOME_NOTICE);
    default: {
      const unknown: never = message;
      throw new Error(`no card for proactive message ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}
