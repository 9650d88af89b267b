/**
 * Who may do what: pure decisions from the actor's stored Person, the organisation's settings and
 * the stored records (never from anything a card carried back). Issue 3 §5:
 * - only the supervisor records a session; only the supervisee accepts, confirms and rates it;
 * - only the author reads a private note; a shared note also its supervisor; the PSW never reads
 *   private notes;
 * - the PSW sees concerns routed to them and compliance; a concern routed to the PSW is never seen
 *   by the raiser's supervisor;
 * - admins set up agreements and settings;
 * - nothing crosses tenants.
 */
import type { AgreementParty } from './agreement';
import type { Agreement, Concern, OrganisationSettings, Person, PersonId, ReflectiveNote, Session, TenantId } from './model';
import { fail, ok, type Result } from './result';

export interface Viewer {
  readonly person: Person;
  readonly settings: OrganisationSettings;
}

export type Decision = Result<void>;

const ALLOWED: Decision = ok(undefined);
const refuse = (message: string): Decision => fail('NOT_AUTHORIZED', message);

export const allowed = (d: Result<unknown>): boolean => d.ok;

export function isAdmin(v: Viewer): boolean {
  return v.person.roles.includes('admin') || v.settings.adminIds.includes(v.person.id);
}

export function isPsw(v: Viewer): boolean {
  return v.person.roles.includes('psw') || v.settings.pswIds.includes(v.person.id);
}

export function sameTenant(v: Viewer, record: { readonly tenantId: TenantId }): Decision {
  if (record.tenantId !== v.person.tenantId || v.settings.tenantId !== v.person.tenantId) {
    return fail('WRONG_TENANT', 'That record belongs to another organisation.');
  }
  return ALLOWED;
}

function both(...decisions: Decision[]): Decision {
  return decisions.find((d) => !d.ok) ?? ALLOWED;
}

// --- settings and compliance -----------------------------------------------------------------

export function mayEditSettings(v: Viewer): Decision {
  return isAdmin(v) ? ALLOWED : refuse('Only an admin of your organisation can change its settings.');
}

export function maySeeDelivery(v: Viewer): Decision {
  return isAdmin(v) ? ALLOWED : refuse('Only an admin of your organisation sees how its messages are delivered.');
}

export function maySeeCompliance(v: Viewer): Decision {
  return isPsw(v) || isAdmin(v) ? ALLOWED : refuse('Only the Principal Social Worker and admins see compliance across the organisation.');
}

// --- agreements ------------------------------------------------------------------------------

/** A supervisor proposes agreements they will run; an admin sets up any. */
export function mayProposeAgreement(v: Viewer, supervisorId: PersonId): Decision {
  if (isAdmin(v)) return ALLOWED;
  if (v.person.roles.includes('supervisor') && supervisorId === v.person.id) return ALLOWED;
  if (v.person.roles.includes('supervisor')) return refuse('A supervisor can set up only agreements they supervise themselves.');
  return refuse('Only a supervisor or an admin can set up a supervision agreement.');
}

export function agreementRole(personId: PersonId, a: Agreement): 'supervisee' | 'supervisor' | 'professional-supervisor' | null {
  if (a.superviseeId === personId) return 'supervisee';
  if (a.supervisorId === personId) return 'supervisor';
  if (a.professionalSupervisorId === personId) return 'professional-supervisor';
  return null;
}

export function mayViewAgreement(v: Viewer, a: Agreement): Decision {
  return both(
    sameTenant(v, a),
    agreementRole(v.person.id, a) !== null || isAdmin(v) || isPsw(v) ? ALLOWED : refuse('You are not a party to this agreement.'),
  );
}

/** Returns which party the actor agrees as. */
export function mayAgree(v: Viewer, a: Agreement): Result<AgreementParty> {
  const tenant = sameTenant(v, a);
  if (!tenant.ok) return tenant;
  if (a.superviseeId === v.person.id) return ok('supervisee');
  if (a.supervisorId === v.person.id) return ok('supervisor');
  return fail('NOT_AUTHORIZED', 'Only the supervisee and the supervisor named in this agreement can agree to it.');
}

/** Change of supervisor, pause, resume, end: the current supervisor or an admin. */
export function mayManageAgreement(v: Viewer, a: Agreement): Decision {
  return both(
    sameTenant(v, a),
    a.supervisorId === v.person.id || isAdmin(v) ? ALLOWED : refuse('Only the supervisor or an admin can change this agreement.'),
  );
}

/** An ASYE extension is a portfolio fact the Principal Social Worker or an admin records: whether this viewer ever may. */
export function mayRecordAsyeExtensions(v: Viewer): Decision {
  return isPsw(v) || isAdmin(v) ? ALLOWED : refuse('Only the Principal Social Worker or an admin can record an extension of an ASYE.');
}

/** ... and on this agreement. */
export function mayRecordAsyeExtension(v: Viewer, a: Agreement): Decision {
  return both(sameTenant(v, a), mayRecordAsyeExtensions(v));
}

// --- sessions --------------------------------------------------------------------------------

/** The supervisor or the professional supervisor schedules; returns who will run the session. */
export function mayScheduleSession(v: Viewer, a: Agreement): Result<PersonId> {
  const tenant = sameTenant(v, a);
  if (!tenant.ok) return tenant;
  if (a.supervisorId === v.person.id || a.professionalSupervisorId === v.person.id) return ok(v.person.id);
  return fail('NOT_AUTHORIZED', 'Only the supervisor in this agreement can schedule its sessions.');
}

export function mayViewSession(v: Viewer, s: Session, a: Agreement): Decision {
  const me = v.person.id;
  return both(
    sameTenant(v, s),
    sameTenant(v, a),
    s.supervisorId === me || s.superviseeId === me || a.supervisorId === me || isPsw(v)
      ? ALLOWED
      : refuse('You are not part of this session.'),
  );
}

export function mayRespondToSchedule(v: Viewer, s: Session): Decision {
  return both(sameTenant(v, s), s.superviseeId === v.person.id ? ALLOWED : refuse('Only the supervisee can accept or propose another time.'));
}

/** The supervisor who runs it, or the agreement's current supervisor after a handover. */
export function mayRecordSession(v: Viewer, s: Session, a: Agreement): Decision {
  const me = v.person.id;
  return both(
    sameTenant(v, s),
    sameTenant(v, a),
    s.agreementId === a.id && (s.supervisorId === me || a.supervisorId === me)
      ? ALLOWED
      : refuse('Only the supervisor can record this session.'),
  );
}

export function mayConfirmSession(v: Viewer, s: Session): Decision {
  return both(sameTenant(v, s), s.superviseeId === v.person.id ? ALLOWED : refuse('Only the supervisee can confirm this session.'));
}

export function mayRateSession(v: Viewer, s: Session): Decision {
  return both(sameTenant(v, s), s.superviseeId === v.person.id ? ALLOWED : refuse('Only the supervisee can rate this session.'));
}

// --- reflective notes ------------------------------------------------------------------------

/** The author; for a shared note also the supervisor it was shared with. Nobody else, PSW included. */
export function mayReadNote(v: Viewer, n: ReflectiveNote): Decision {
  const me = v.person.id;
  return both(
    sameTenant(v, n),
    n.authorId === me || (n.visibility === 'shared' && n.sharedWithId === me)
      ? ALLOWED
      : refuse(n.visibility === 'private' ? 'This note is private to its author.' : 'This note was not shared with you.'),
  );
}

// --- concerns --------------------------------------------------------------------------------

/**
 * `raisersSupervisorIds`: the supervisors and professional supervisors in the raiser's agreements.
 * A concern routed to the PSW is never visible to them, whatever else they are.
 */
export function mayViewConcern(v: Viewer, c: Concern, raisersSupervisorIds: readonly PersonId[]): Decision {
  const tenant = sameTenant(v, c);
  if (!tenant.ok) return tenant;
  const me = v.person.id;
  if (c.raisedById === me) return ALLOWED;
  if (c.route === 'psw' && raisersSupervisorIds.includes(me)) return refuse('You cannot see this concern.');
  if (c.handlerId === me) return ALLOWED;
  if (c.route === 'psw' && isPsw(v)) return ALLOWED;
  if (c.history.some((e) => e.byId === me || e.assignedToId === me)) return ALLOWED;
  return refuse('You cannot see this concern.');
}

/** Acknowledge, assign, resolve: its current handler, or any PSW when it was routed to the PSW. */
export function mayHandleConcern(v: Viewer, c: Concern, raisersSupervisorIds: readonly PersonId[]): Decision {
  const view = mayViewConcern(v, c, raisersSupervisorIds);
  if (!view.ok) return view;
  const me = v.person.id;
  if (c.raisedById === me && c.handlerId !== me) return refuse('The person who raised a concern cannot handle it; you will hear at every stage.');
  if (c.handlerId === me) return ALLOWED;
  if (c.route === 'psw' && isPsw(v)) return ALLOWED;
  return refuse('Only the person handling this concern can act on it.');
}

export function mayAssignConcernTo(v: Viewer, c: Concern, assignee: Person, raisersSupervisorIds: readonly PersonId[]): Decision {
  const handle = mayHandleConcern(v, c, raisersSupervisorIds);
  if (!handle.ok) return handle;
  if (assignee.tenantId !== c.tenantId) return fail('WRONG_TENANT', 'That person is not in your organisation.', 'assigneeId');
  if (assignee.id === c.raisedById) return fail('INVALID_INPUT', 'A concern cannot be assigned to the person who raised it.', 'assigneeId');
  if (c.route === 'psw' && raisersSupervisorIds.includes(assignee.id)) {
    return fail(
      'INVALID_INPUT',
      `${assignee.name} supervises the person who raised this concern, and it was sent straight to the PSW: choose someone else.`,
      'assigneeId',
    );
  }
  return ALLOWED;
}
