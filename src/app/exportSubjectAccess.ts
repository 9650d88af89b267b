/**
 * A subject access request (UK GDPR Article 15): one JSON document with the personal data the bot
 * keeps about one person of one organisation, found by email.
 *
 * What is in it, and why (the document's `notes` say the same to whoever reads it):
 * - the person record and their Teams conversation (installed or not);
 * - agreements: in full where they are the supervisee. Where they supervise (supervisor,
 *   professional supervisor, or a former supervisor after a handover), the arrangement and their
 *   part in it only: the supervisee's employment details, leave and sickness pauses, compliance
 *   summary and handover notes are the supervisee's data (a third party's) and stay out;
 * - sessions of those agreements in which they took part (as supervisee, as the supervisor who ran
 *   it, or as the one who recorded it), in full: agenda, actions, rating and comment concern them;
 * - every reflective note they wrote, private and shared, in full. Notes others shared with them
 *   are the authors' data and stay out;
 * - concerns they raised, in full with history and resolution. Concerns they handle as metadata
 *   only (id, category, status, dates): the text, history and who raised it belong to the person
 *   who raised it, who was promised no recrimination (Standard 4);
 * - the names of the colleagues those records refer to by id.
 * Agreements are read for the whole tenant (one single-partition query) because a former
 * supervisor appears only in an agreement's history, which `listForPerson` does not search.
 * Every record read is checked against the tenant again: nothing crosses tenants even if a query did.
 */
import { DateTime } from 'luxon';
import type {
  Agreement,
  AgreementStatus,
  Concern,
  ConcernCategory,
  ConcernStatus,
  Instant,
  LocalDate,
  Person,
  PersonId,
  ReflectiveNote,
  Session,
  TenantId,
} from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import type {
  AgreementRepository,
  ConcernRepository,
  ConversationRepository,
  NoteRepository,
  OrganisationRepository,
  PersonRepository,
  SessionRepository,
} from './ports';

export const SUBJECT_ACCESS_FORMAT = 'supervision-bot/subject-access-export';
/** Raise when a field changes meaning or goes away; adding a field keeps the version. */
export const SUBJECT_ACCESS_SCHEMA_VERSION = 1;

export interface SubjectAccessDeps {
  readonly people: PersonRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly notes: NoteRepository;
  readonly concerns: ConcernRepository;
  readonly organisations: OrganisationRepository;
  readonly conversations: ConversationRepository;
}

export interface SubjectAccessRequest {
  readonly tenantId: TenantId;
  /** Matched case-insensitively, surrounding spaces ignored. */
  readonly email: string;
}

export type RoleInAgreement = 'supervisee' | 'supervisor' | 'professional-supervisor' | 'former-supervisor';

/** An agreement the person supervises in: the arrangement and their part in it. */
export interface SupervisingAgreement {
  readonly rolesInAgreement: readonly RoleInAgreement[];
  readonly id: string;
  readonly tenantId: TenantId;
  readonly status: AgreementStatus;
  readonly superviseeId: PersonId;
  readonly supervisorId: PersonId;
  readonly professionalSupervisorId?: PersonId;
  readonly agreementStart: LocalDate;
  readonly endedOn?: LocalDate;
  readonly agreedBySupervisorAt?: Instant;
  readonly agreedBySuperviseeAt?: Instant;
  readonly supervisorHistory: readonly { readonly supervisorId: PersonId; readonly from: LocalDate; readonly to?: LocalDate }[];
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export type AgreementInExport = (Agreement & { readonly rolesInAgreement: readonly RoleInAgreement[] }) | SupervisingAgreement;

export interface HandledConcern {
  readonly id: string;
  readonly category: ConcernCategory;
  readonly status: ConcernStatus;
  readonly raisedAt: Instant;
  readonly updatedAt: Instant;
  readonly resolvedAt?: Instant;
}

export interface SubjectAccessDocument {
  readonly format: typeof SUBJECT_ACCESS_FORMAT;
  readonly schemaVersion: typeof SUBJECT_ACCESS_SCHEMA_VERSION;
  readonly generatedAt: Instant;
  readonly organisation: { readonly tenantId: TenantId; readonly name: string | null };
  readonly person: Person;
  readonly teamsConversation: {
    readonly installed: boolean;
    readonly channelId: string;
    readonly conversationId: string;
    readonly updatedAt: Instant;
  } | null;
  readonly agreements: readonly AgreementInExport[];
  readonly sessions: readonly Session[];
  readonly reflectiveNotes: readonly ReflectiveNote[];
  readonly concernsRaised: readonly Concern[];
  readonly concernsHandled: readonly HandledConcern[];
  /** Colleagues the records refer to by id: id and name only. */
  readonly people: readonly { readonly id: PersonId; readonly name: string }[];
  /** What the export holds and what it leaves out, for the person and whoever answers the request. */
  readonly notes: readonly string[];
}

export interface SubjectAccessCounts {
  readonly agreements: number;
  readonly sessions: number;
  readonly reflectiveNotes: number;
  readonly concernsRaised: number;
  readonly concernsHandled: number;
}

export interface SubjectAccessExport {
  readonly document: SubjectAccessDocument;
  readonly counts: SubjectAccessCounts;
}

export const SUBJECT_ACCESS_NOTES: readonly string[] = [
  'This document holds the personal data Supervision Bot keeps about the person named in "person", for a subject access request (UK GDPR Article 15). Other records refer to people by id; "people" gives their names.',
  'agreements: in full where the person is the supervisee. Where they supervise (supervisor, professional supervisor, or former supervisor after a handover), only the arrangement and their part in it: the supervisee\'s employment details, leave and sickness pauses, compliance summary and handover notes are the supervisee\'s data and are left out.',
  'sessions: the sessions of those agreements in which the person took part (as supervisee, as the supervisor who ran it, or as the one who recorded it), in full, with agenda, actions, rating and comment.',
  'reflectiveNotes: every reflective note the person wrote, private and shared, in full. Notes other people shared with them are those authors\' data and are left out.',
  'concernsRaised: every concern the person raised, in full, with its history and resolution.',
  'concernsHandled: concerns the person currently handles, as metadata only (id, category, status and dates). Their description, resolution, history and who raised them are the data of the person who raised them and are left out.',
  'Another person\'s reflective note or concern may mention this person in its text; such text is not searched or included here. Whoever answers the request should review it separately where the request covers it.',
];

const MAX_EMAIL_LENGTH = 320;

export async function exportSubjectAccess(
  deps: SubjectAccessDeps,
  request: SubjectAccessRequest,
  now: Instant,
): Promise<Result<SubjectAccessExport>> {
  const tenantId = typeof request.tenantId === 'string' ? request.tenantId.trim() : '';
  if (tenantId === '') return fail('INVALID_INPUT', 'The tenant id of the organisation is required.', 'tenantId');
  const email = typeof request.email === 'string' ? request.email.trim().toLowerCase() : '';
  if (email === '') return fail('INVALID_INPUT', 'The email address of the person is required.', 'email');
  if (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    return fail('INVALID_INPUT', `"${request.email}" is not an email address.`, 'email');
  }
  const generated = DateTime.fromISO(now, { setZone: true });
  if (!generated.isValid) return fail('INVALID_DATE', `"${now}" is not a valid instant for the generation time.`, 'now');

  const found = await deps.people.findByEmail(tenantId, email);
  if (!found.ok) return found;
  const person = found.value?.value;
  if (person === undefined || person.tenantId !== tenantId || person.email.toLowerCase() !== email) {
    return fail('NOT_FOUND', `No one with the email ${email} is on record in tenant ${tenantId}.`, 'email');
  }
  const me = person.id;
  const inTenant = <T extends { tenantId: TenantId }>(r: T) => r.tenantId === tenantId;

  const organisation = await deps.organisations.get(tenantId);
  if (!organisation.ok) return organisation;
  const orgName = organisation.value !== null && organisation.value.value.tenantId === tenantId ? organisation.value.value.name : null;

  let teamsConversation: SubjectAccessDocument['teamsConversation'] = null;
  if (person.aadObjectId !== undefined) {
    const conversation = await deps.conversations.get(tenantId, person.aadObjectId);
    if (!conversation.ok) return conversation;
    const c = conversation.value?.value ?? null;
    if (c !== null && c.tenantId === tenantId && c.aadObjectId === person.aadObjectId) {
      teamsConversation = { installed: c.installed, channelId: c.channelId, conversationId: c.conversationId, updatedAt: c.updatedAt };
    }
  }

  const allAgreements = await deps.agreements.listByTenant(tenantId);
  if (!allAgreements.ok) return allAgreements;
  const mine = allAgreements.value
    .map((v) => v.value)
    .filter(inTenant)
    .map((a) => ({ agreement: a, roles: rolesIn(a, me) }))
    .filter((x) => x.roles.length > 0)
    .sort((x, y) => compare(x.agreement.agreementStart, y.agreement.agreementStart) || compare(x.agreement.id, y.agreement.id));

  const sessions: Session[] = [];
  for (const { agreement } of mine) {
    const listed = await deps.sessions.listByAgreement(tenantId, agreement.id);
    if (!listed.ok) return listed;
    for (const { value: s } of listed.value) {
      if (inTenant(s) && s.agreementId === agreement.id && tookPart(s, me)) sessions.push(s);
    }
  }
  sessions.sort((x, y) => compare(x.scheduledStart, y.scheduledStart) || compare(x.id, y.id));

  const notes = await deps.notes.listByAuthor(tenantId, me);
  if (!notes.ok) return notes;
  const reflectiveNotes = notes.value
    .map((v) => v.value)
    .filter((n) => inTenant(n) && n.authorId === me)
    .sort((x, y) => compare(x.createdAt, y.createdAt) || compare(x.id, y.id));

  const raised = await deps.concerns.listRaisedBy(tenantId, me);
  if (!raised.ok) return raised;
  const concernsRaised = raised.value
    .map((v) => v.value)
    .filter((c) => inTenant(c) && c.raisedById === me)
    .sort(byCreated);

  const handled = await deps.concerns.listHandledBy(tenantId, me);
  if (!handled.ok) return handled;
  const concernsHandled = handled.value
    .map((v) => v.value)
    .filter((c) => inTenant(c) && c.handlerId === me && c.raisedById !== me)
    .sort(byCreated)
    .map(handledConcern);

  const agreements = mine.map(({ agreement, roles }) => agreementInExport(agreement, roles));
  const directory = await namesOf(deps.people, tenantId, me, referencedIds(agreements, sessions, reflectiveNotes, concernsRaised));
  if (!directory.ok) return directory;

  const document: SubjectAccessDocument = {
    format: SUBJECT_ACCESS_FORMAT,
    schemaVersion: SUBJECT_ACCESS_SCHEMA_VERSION,
    generatedAt: generated.toUTC().toISO() as Instant,
    organisation: { tenantId, name: orgName },
    person,
    teamsConversation,
    agreements,
    sessions,
    reflectiveNotes,
    concernsRaised,
    concernsHandled,
    people: directory.value,
    notes: SUBJECT_ACCESS_NOTES,
  };
  return ok({
    document,
    counts: {
      agreements: agreements.length,
      sessions: sessions.length,
      reflectiveNotes: reflectiveNotes.length,
      concernsRaised: concernsRaised.length,
      concernsHandled: concernsHandled.length,
    },
  });
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function byCreated(x: Concern, y: Concern): number {
  return compare(x.createdAt, y.createdAt) || compare(x.id, y.id);
}

export function rolesIn(a: Agreement, personId: PersonId): RoleInAgreement[] {
  if (a.superviseeId === personId) return ['supervisee'];
  const roles: RoleInAgreement[] = [];
  if (a.supervisorId === personId) roles.push('supervisor');
  if (a.professionalSupervisorId === personId) roles.push('professional-supervisor');
  if (a.supervisorId !== personId && a.supervisorHistory.some((t) => t.supervisorId === personId)) roles.push('former-supervisor');
  return roles;
}

function tookPart(s: Session, personId: PersonId): boolean {
  return s.superviseeId === personId || s.supervisorId === personId || s.recordedById === personId;
}

function agreementInExport(a: Agreement, roles: readonly RoleInAgreement[]): AgreementInExport {
  if (roles.includes('supervisee')) return { rolesInAgreement: roles, ...a };
  return {
    rolesInAgreement: roles,
    id: a.id,
    tenantId: a.tenantId,
    status: a.status,
    superviseeId: a.superviseeId,
    supervisorId: a.supervisorId,
    ...(a.professionalSupervisorId !== undefined ? { professionalSupervisorId: a.professionalSupervisorId } : {}),
    agreementStart: a.agreementStart,
    ...(a.endedOn !== undefined ? { endedOn: a.endedOn } : {}),
    ...(a.agreedBySupervisorAt !== undefined ? { agreedBySupervisorAt: a.agreedBySupervisorAt } : {}),
    ...(a.agreedBySuperviseeAt !== undefined ? { agreedBySuperviseeAt: a.agreedBySuperviseeAt } : {}),
    supervisorHistory: a.supervisorHistory.map((t) => ({ supervisorId: t.supervisorId, from: t.from, ...(t.to !== undefined ? { to: t.to } : {}) })),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function handledConcern(c: Concern): HandledConcern {
  const resolved = c.status === 'resolved' ? [...c.history].reverse().find((e) => e.status === 'resolved') : undefined;
  return {
    id: c.id,
    category: c.category,
    status: c.status,
    raisedAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(resolved !== undefined ? { resolvedAt: resolved.at } : {}),
  };
}

function referencedIds(
  agreements: readonly AgreementInExport[],
  sessions: readonly Session[],
  notes: readonly ReflectiveNote[],
  concerns: readonly Concern[],
): Set<PersonId> {
  const ids = new Set<PersonId>();
  const add = (id: PersonId | undefined) => {
    if (id !== undefined) ids.add(id);
  };
  for (const a of agreements) {
    add(a.superviseeId);
    add(a.supervisorId);
    add(a.professionalSupervisorId);
    for (const t of a.supervisorHistory) add(t.supervisorId);
  }
  for (const s of sessions) {
    add(s.superviseeId);
    add(s.supervisorId);
    add(s.recordedById);
    for (const action of s.actions) add(action.ownerId);
  }
  for (const n of notes) add(n.sharedWithId);
  for (const c of concerns) {
    add(c.handlerId);
    for (const e of c.history) {
      add(e.byId);
      add(e.assignedToId);
    }
  }
  return ids;
}

/** Names of the colleagues referred to, in this tenant only; the person themselves is in `person`. */
async function namesOf(
  people: PersonRepository,
  tenantId: TenantId,
  me: PersonId,
  ids: ReadonlySet<PersonId>,
): Promise<Result<{ id: PersonId; name: string }[]>> {
  const out: { id: PersonId; name: string }[] = [];
  for (const id of [...ids].filter((x) => x !== me).sort()) {
    const found = await people.get(tenantId, id);
    if (!found.ok) return found;
    const p = found.value?.value;
    if (p !== undefined && p.tenantId === tenantId) out.push({ id: p.id, name: p.name });
  }
  return ok(out);
}
