/**
 * The supervision agreement's lifecycle (Standard 5):
 *
 *   draft --(both parties agreed)--> active <--pause/resume--> paused
 *   draft | active | paused --end--> ended
 *
 * A supervisor who proposes an agreement agrees to it by proposing; an admin's proposal needs both.
 * A change of supervisor closes the current term and opens a new one, so the history is kept.
 * When the line manager is not a registered social worker, the agreement names a professional
 * supervisor who is one (Standard 5: additional professional supervision).
 *
 * Every transition is a pure function of the current record; pressing the same button twice gives
 * `changed: false` and the same record, never an error.
 */
import type { Agreement, AsyeExtension, AsyeExtensionReason, ComplianceSummary, DateRange, Instant, LocalDate, Person, PersonId, StricterCadence } from './model';
import { validateStricterCadence } from './cadence';
import { fail, ok, type Result } from './result';
import { addDays, checkLocalDate, checkText, localDateOf, longDate } from './validation';
import { dateOf, parseLocalDate, plusMonths, type CivilDate } from './calendar';

/** The outcome of a transition: the record after it, and whether anything changed. */
export interface Change<T> {
  readonly value: T;
  readonly changed: boolean;
}

export const HANDOVER_NOTE_MAX = 2000;

export interface NewAgreement {
  readonly id: string;
  readonly tenantId: string;
  readonly supervisee: Person;
  readonly supervisor: Person;
  readonly professionalSupervisor?: Person;
  readonly employmentStart: unknown;
  readonly agreementStart?: unknown;
  readonly nqsw: unknown;
  readonly lineManagerIsRegisteredSocialWorker: unknown;
  readonly pauses?: readonly DateRange[];
  readonly stricterCadence?: StricterCadence;
  /** A supervisor's proposal counts as the supervisor's agreement; an admin's does not. */
  readonly proposedBy: 'supervisor' | 'admin';
}

export function emptySummary(today: LocalDate): ComplianceSummary {
  return {
    nextDueBy: null,
    nextActionAt: null,
    met: 0,
    missed: 0,
    excused: 0,
    short: 0,
    lastSessionOn: null,
    overdueSince: null,
    evaluatedOn: today,
  };
}

export function draftAgreement(input: NewAgreement, zone: string, now: Instant): Result<Agreement> {
  const { supervisee, supervisor, professionalSupervisor } = input;
  for (const [who, field] of [
    [supervisee, 'superviseeId'],
    [supervisor, 'supervisorId'],
    [professionalSupervisor, 'professionalSupervisorId'],
  ] as const) {
    if (who !== undefined && who.tenantId !== input.tenantId) {
      return fail('WRONG_TENANT', 'That person is not in your organisation.', field);
    }
  }
  if (!supervisee.roles.includes('supervisee')) {
    return fail('INVALID_INPUT', `${supervisee.name} is not set up as a supervisee.`, 'superviseeId');
  }
  if (!supervisor.roles.includes('supervisor')) {
    return fail('INVALID_INPUT', `${supervisor.name} is not set up as a supervisor.`, 'supervisorId');
  }
  if (supervisor.id === supervisee.id) {
    return fail('INVALID_INPUT', 'A person cannot supervise themselves.', 'supervisorId');
  }
  const employmentStart = checkLocalDate(input.employmentStart, 'employmentStart', 'Employment start');
  if (!employmentStart.ok) return employmentStart;
  let agreementStart: LocalDate = employmentStart.value;
  if (input.agreementStart !== undefined && input.agreementStart !== '') {
    const checked = checkLocalDate(input.agreementStart, 'agreementStart', 'Agreement start');
    if (!checked.ok) return checked;
    if (checked.value < employmentStart.value) {
      return fail('INVALID_DATE', 'The agreement cannot start before employment starts.', 'agreementStart');
    }
    agreementStart = checked.value;
  }
  if (typeof input.nqsw !== 'boolean') return fail('INVALID_INPUT', 'Say whether this is a newly qualified social worker.', 'nqsw');
  if (typeof input.lineManagerIsRegisteredSocialWorker !== 'boolean') {
    return fail(
      'INVALID_INPUT',
      'Say whether the line manager is a registered social worker.',
      'lineManagerIsRegisteredSocialWorker',
    );
  }
  const professional = checkProfessionalSupervisor(
    input.lineManagerIsRegisteredSocialWorker,
    professionalSupervisor,
    supervisee,
  );
  if (!professional.ok) return professional;
  const pauses = checkPauses(input.pauses ?? []);
  if (!pauses.ok) return pauses;
  const cadence = checkStricterCadence(input.stricterCadence);
  if (!cadence.ok) return cadence;

  const agreement: Agreement = {
    id: input.id,
    tenantId: input.tenantId,
    superviseeId: supervisee.id,
    supervisorId: supervisor.id,
    lineManagerIsRegisteredSocialWorker: input.lineManagerIsRegisteredSocialWorker,
    ...(professionalSupervisor !== undefined ? { professionalSupervisorId: professionalSupervisor.id } : {}),
    employmentStart: employmentStart.value,
    agreementStart,
    nqsw: input.nqsw,
    pauses: pauses.value,
    ...(cadence.value !== undefined ? { stricterCadence: cadence.value } : {}),
    status: 'draft',
    ...(input.proposedBy === 'supervisor' ? { agreedBySupervisorAt: now } : {}),
    supervisorHistory: [{ supervisorId: supervisor.id, from: agreementStart }],
    summary: emptySummary(localDateOf(now, zone)),
    createdAt: now,
    updatedAt: now,
  };
  return ok(agreement);
}

function checkProfessionalSupervisor(
  lineManagerIsRegisteredSocialWorker: boolean,
  professionalSupervisor: Person | undefined,
  supervisee: Person,
): Result<void> {
  if (professionalSupervisor !== undefined && professionalSupervisor.id === supervisee.id) {
    return fail('INVALID_INPUT', 'A person cannot be their own professional supervisor.', 'professionalSupervisorId');
  }
  if (lineManagerIsRegisteredSocialWorker) return ok(undefined);
  if (professionalSupervisor === undefined) {
    return fail(
      'PROFESSIONAL_SUPERVISOR_REQUIRED',
      'The line manager is not a registered social worker, so name a professional supervisor who is (Standard 5).',
      'professionalSupervisorId',
    );
  }
  if (professionalSupervisor.isRegisteredSocialWorker !== true) {
    return fail(
      'PROFESSIONAL_SUPERVISOR_REQUIRED',
      `${professionalSupervisor.name} is not recorded as a registered social worker; the professional supervisor must be one (Standard 5).`,
      'professionalSupervisorId',
    );
  }
  return ok(undefined);
}

function checkPauses(pauses: readonly DateRange[]): Result<DateRange[]> {
  const out: DateRange[] = [];
  for (let i = 0; i < pauses.length; i++) {
    const range = checkRange(pauses[i], `pauses[${i}]`);
    if (!range.ok) return range;
    out.push(range.value);
  }
  return ok(out);
}

function checkRange(range: { from: unknown; to: unknown } | undefined, field: string): Result<DateRange> {
  const from = checkLocalDate(range?.from, `${field}.from`, 'The first day');
  if (!from.ok) return from;
  const to = checkLocalDate(range?.to, `${field}.to`, 'The last day');
  if (!to.ok) return to;
  if (to.value < from.value) return fail('INVALID_DATE', 'The last day cannot be before the first day.', `${field}.to`);
  return ok({ from: from.value, to: to.value });
}

/** An organisation may set a stricter cadence, never a looser one (the cadence engine's rule). */
export function checkStricterCadence(cadence: StricterCadence | undefined): Result<StricterCadence | undefined> {
  if (cadence === undefined) return ok(undefined);
  const checked = validateStricterCadence(cadence);
  if (!checked.ok) {
    const { code, message, field } = checked.error;
    return fail(code, message, field === undefined ? 'stricterCadence' : `stricterCadence.${field}`);
  }
  return checked;
}

export type AgreementParty = 'supervisee' | 'supervisor';

/** One party agrees. Active once both have. Agreeing again changes nothing. */
export function agree(agreement: Agreement, party: AgreementParty, now: Instant): Result<Change<Agreement>> {
  const already = party === 'supervisor' ? agreement.agreedBySupervisorAt : agreement.agreedBySuperviseeAt;
  if (already !== undefined) return ok({ value: agreement, changed: false });
  if (agreement.status !== 'draft') {
    return fail('AGREEMENT_NOT_DRAFT', `This agreement is ${agreement.status}; there is nothing to agree to.`);
  }
  const agreed: Agreement =
    party === 'supervisor' ? { ...agreement, agreedBySupervisorAt: now } : { ...agreement, agreedBySuperviseeAt: now };
  const both = agreed.agreedBySupervisorAt !== undefined && agreed.agreedBySuperviseeAt !== undefined;
  return ok({ value: { ...agreed, status: both ? 'active' : 'draft', updatedAt: now }, changed: true });
}

/** Leave or sickness: records the inclusive range (its periods are excused) and pauses the agreement. */
export function pause(agreement: Agreement, range: { from: unknown; to: unknown }, now: Instant): Result<Change<Agreement>> {
  const checked = checkRange(range, 'pause');
  if (!checked.ok) return checked;
  const last = agreement.pauses[agreement.pauses.length - 1];
  if (agreement.status === 'paused' && last !== undefined && last.from === checked.value.from && last.to === checked.value.to) {
    return ok({ value: agreement, changed: false });
  }
  if (agreement.status !== 'active') {
    return fail('AGREEMENT_NOT_ACTIVE', `Only an active agreement can be paused; this one is ${agreement.status}.`);
  }
  if (checked.value.to < agreement.agreementStart) {
    return fail('INVALID_DATE', 'The pause ends before the agreement starts.', 'pause.to');
  }
  return ok({
    value: { ...agreement, status: 'paused', pauses: [...agreement.pauses, checked.value], updatedAt: now },
    changed: true,
  });
}

/**
 * Back from leave. A pause still running (or not yet begun) is cut to end yesterday, so from today
 * supervision is expected again.
 */
export function resume(agreement: Agreement, today: LocalDate, now: Instant): Result<Change<Agreement>> {
  if (agreement.status === 'active') return ok({ value: agreement, changed: false });
  if (agreement.status !== 'paused') {
    return fail('INVALID_TRANSITION', `Only a paused agreement can be resumed; this one is ${agreement.status}.`);
  }
  const yesterday = addDays(today, -1);
  const pauses: DateRange[] = [];
  for (const p of agreement.pauses) {
    if (p.to < today) pauses.push(p);
    else if (p.from <= yesterday) pauses.push({ from: p.from, to: yesterday });
    // a pause that has not begun is dropped
  }
  return ok({ value: { ...agreement, status: 'active', pauses, updatedAt: now }, changed: true });
}

export function end(agreement: Agreement, endedOn: unknown, now: Instant): Result<Change<Agreement>> {
  const date = checkLocalDate(endedOn, 'endedOn', 'The end date');
  if (!date.ok) return date;
  if (agreement.status === 'ended') {
    if (agreement.endedOn === date.value) return ok({ value: agreement, changed: false });
    return fail('ALREADY_DONE', `This agreement already ended on ${agreement.endedOn}.`, 'endedOn');
  }
  return ok({ value: { ...agreement, status: 'ended', endedOn: date.value, updatedAt: now }, changed: true });
}

/**
 * Hands the agreement to a new supervisor from `from` (a day up to today): the current term closes
 * (exclusive end `from`), a new term opens with the handover note. Sessions and agreement history
 * stay with the agreement. In a draft the supervisor is simply replaced, and must agree afresh.
 */
export function handOver(
  agreement: Agreement,
  input: { readonly newSupervisor: Person; readonly from: unknown; readonly handoverNote?: unknown; readonly by?: PersonId },
  today: LocalDate,
  now: Instant,
): Result<Change<Agreement>> {
  const { newSupervisor } = input;
  if (newSupervisor.tenantId !== agreement.tenantId) {
    return fail('WRONG_TENANT', 'That person is not in your organisation.', 'newSupervisorId');
  }
  if (agreement.status === 'ended') {
    return fail('INVALID_TRANSITION', 'This agreement has ended; set up a new one instead.');
  }
  if (newSupervisor.id === agreement.supervisorId) return ok({ value: agreement, changed: false });
  if (newSupervisor.id === agreement.superviseeId) {
    return fail('INVALID_INPUT', 'A person cannot supervise themselves.', 'newSupervisorId');
  }
  if (!newSupervisor.roles.includes('supervisor')) {
    return fail('INVALID_INPUT', `${newSupervisor.name} is not set up as a supervisor.`, 'newSupervisorId');
  }
  const note = checkText(input.handoverNote, 'handoverNote', 'The handover note', { max: HANDOVER_NOTE_MAX, required: false });
  if (!note.ok) return note;
  const handover = note.value === '' ? {} : { handoverNote: note.value, ...(input.by !== undefined ? { handoverById: input.by } : {}) };

  if (agreement.status === 'draft') {
    const { agreedBySupervisorAt: _dropped, ...rest } = agreement;
    return ok({
      value: {
        ...rest,
        supervisorId: newSupervisor.id,
        supervisorHistory: [{ supervisorId: newSupervisor.id, from: agreement.agreementStart, ...handover }],
        updatedAt: now,
      },
      changed: true,
    });
  }

  const from = checkLocalDate(input.from ?? today, 'from', 'The handover date');
  if (!from.ok) return from;
  if (from.value > today) return fail('INVALID_DATE', 'A handover can be recorded from today or an earlier day.', 'from');
  const history = [...agreement.supervisorHistory];
  const current = history[history.length - 1];
  if (current !== undefined && from.value < current.from) {
    return fail('INVALID_DATE', `The handover cannot be before the current supervisor's term began (${current.from}).`, 'from');
  }
  if (current !== undefined) history[history.length - 1] = { ...current, to: from.value };
  history.push({ supervisorId: newSupervisor.id, from: from.value, ...handover });
  return ok({
    value: { ...agreement, supervisorId: newSupervisor.id, supervisorHistory: history, updatedAt: now },
    changed: true,
  });
}

// --- ASYE extensions -------------------------------------------------------------------------

/** The ASYE programme runs twelve months from the start of employment, unless extended. */
const ASYE_MONTHS = 12;
export const ASYE_EXTENSION_NOTE_MAX = 200;
/** An extension further than this beyond the planned end is taken for a typing slip. */
const ASYE_EXTENSION_MAX_MONTHS = 24;
const ASYE_EXTENSION_REASONS: readonly AsyeExtensionReason[] = ['absence', 'assessment', 'other'];

/** A validated local date plus whole calendar months (31 Aug + 6 months = 28/29 Feb). */
const addMonths = (date: LocalDate, months: number): LocalDate => dateOf(plusMonths(parseLocalDate(date) as CivilDate, months));

/** The extensions recorded, oldest first (none on an agreement stored before they existed). */
export function asyeExtensionsOf(a: Pick<Agreement, 'asyeExtensions'>): readonly AsyeExtension[] {
  return a.asyeExtensions ?? [];
}

export interface AsyeEnd {
  /** Twelve calendar months from employment start (31 Aug 2026 -> 31 Aug 2027; 29 Feb 2028 -> 28 Feb 2029). */
  readonly planned: LocalDate;
  /** The latest extension's new end, or the planned end. */
  readonly current: LocalDate;
}

export function asyeEnd(a: Pick<Agreement, 'employmentStart' | 'asyeExtensions'>): AsyeEnd {
  const planned = addMonths(a.employmentStart, ASYE_MONTHS);
  const last = asyeExtensionsOf(a).at(-1);
  return { planned, current: last?.newEnd ?? planned };
}

export interface AsyeExtensionInput {
  readonly newEnd: unknown;
  readonly reason: unknown;
  readonly note?: unknown;
  readonly by: PersonId;
}

/**
 * Records that an NQSW's ASYE now ends on `newEnd` (later than its current end), for absence or
 * because the assessment panel needs more time. A portfolio record: the cadence is unchanged.
 * The same extension pressed twice is recorded once.
 */
export function extendAsye(agreement: Agreement, input: AsyeExtensionInput, today: LocalDate, now: Instant): Result<Change<Agreement>> {
  if (!agreement.nqsw) return fail('NOT_NQSW', 'Only a newly qualified social worker (NQSW) has an ASYE to extend.');
  const newEnd = checkLocalDate(input.newEnd, 'newEnd', 'The new end date');
  if (!newEnd.ok) return newEnd;
  if (typeof input.reason !== 'string' || !(ASYE_EXTENSION_REASONS as readonly string[]).includes(input.reason)) {
    return fail('INVALID_INPUT', 'Choose why the ASYE is extended: absence, the assessment, or another reason.', 'reason');
  }
  const reason = input.reason as AsyeExtensionReason;
  const note = checkText(input.note, 'note', 'The note', { max: ASYE_EXTENSION_NOTE_MAX, required: false });
  if (!note.ok) return note;
  const extensions = asyeExtensionsOf(agreement);
  const last = extensions.at(-1);
  if (last !== undefined && last.newEnd === newEnd.value && last.reason === reason && (last.note ?? '') === note.value) {
    return ok({ value: agreement, changed: false });
  }
  if (agreement.status === 'ended') {
    return fail('INVALID_TRANSITION', 'This agreement has ended; its ASYE can no longer be extended.');
  }
  const { planned, current } = asyeEnd(agreement);
  if (newEnd.value <= current) {
    return fail('INVALID_DATE', `The new end must be after the ASYE's current end, ${longDate(current)}.`, 'newEnd');
  }
  const latest = addMonths(planned, ASYE_EXTENSION_MAX_MONTHS);
  if (newEnd.value > latest) {
    return fail('INVALID_DATE', `The new end can be at most ${ASYE_EXTENSION_MAX_MONTHS} months after the planned end (by ${longDate(latest)}).`, 'newEnd');
  }
  const extension: AsyeExtension = {
    newEnd: newEnd.value,
    reason,
    ...(note.value !== '' ? { note: note.value } : {}),
    recordedById: input.by,
    recordedOn: today,
  };
  return ok({ value: { ...agreement, asyeExtensions: [...extensions, extension], updatedAt: now }, changed: true });
}
