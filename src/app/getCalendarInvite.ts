/**
 * The .ics behind an "Add to calendar" link: the session as it stands now, for one of its two
 * people. No Teams identity comes with the request (a calendar app fetches it): the HTTP adapter has
 * already checked the link's signature, and this checks that the link's person is the session's
 * supervisor or supervisee, in the link's tenant.
 *
 * A link made for a session that was later rescheduled gives the replacement (followed to the
 * latest one); every session of such a chain shares the first one's UID and each reschedule raises
 * SEQUENCE, so importing the newer invite moves the event instead of adding a second one. A cancelled
 * session (or a rescheduled one whose replacement is gone) gives METHOD:CANCEL / STATUS:CANCELLED.
 *
 * The invite holds only what an invite needs: the two people, the time and the mode; never the
 * agenda, actions, notes or concerns.
 */
import { sessionInvite } from '../domain/ics';
import type { Instant, PersonId, Session, TenantId } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import type { OrganisationRepository, PersonRepository, SessionRepository } from './ports';

export interface CalendarInviteDeps {
  readonly sessions: Pick<SessionRepository, 'get'>;
  readonly people: Pick<PersonRepository, 'get'>;
  readonly organisations: Pick<OrganisationRepository, 'get'>;
}

export interface CalendarInviteRequest {
  readonly tenantId: TenantId;
  readonly sessionId: string;
  readonly recipientId: PersonId;
}

/** Reschedules followed at most, either way: a longer chain is not one a person made. */
export const MAX_RESCHEDULES_FOLLOWED = 50;

const notFound = () => fail<never>('NOT_FOUND', 'That invite was not found.');

export async function getCalendarInvite(deps: CalendarInviteDeps, request: CalendarInviteRequest, now: Instant): Promise<Result<string>> {
  const { tenantId } = request;
  const named = await sessionIn(deps, tenantId, request.sessionId);
  if (!named.ok) return named;
  if (named.value === null) return notFound();
  const session = named.value;
  if (request.recipientId !== session.supervisorId && request.recipientId !== session.superviseeId) return notFound();

  // Back to the first session of the chain: its id is the event's UID.
  let first = session;
  let depth = 0;
  while (first.rescheduledFromId !== undefined && depth < MAX_RESCHEDULES_FOLLOWED) {
    const earlier = await sessionIn(deps, tenantId, first.rescheduledFromId);
    if (!earlier.ok) return earlier;
    if (earlier.value === null || earlier.value.rescheduledToId !== first.id) break;
    first = earlier.value;
    depth += 1;
  }
  // On to the session that stands now.
  let current = session;
  let cancelled = false;
  while (current.status === 'rescheduled') {
    const nextId = current.rescheduledToId;
    const later = nextId === undefined || depth >= MAX_RESCHEDULES_FOLLOWED ? undefined : await sessionIn(deps, tenantId, nextId);
    if (later !== undefined && !later.ok) return later;
    if (later === undefined || later.value === null || later.value.rescheduledFromId !== current.id) {
      // Moved to a time that cannot be found: the old time stands no more.
      cancelled = true;
      break;
    }
    current = later.value;
    depth += 1;
  }
  cancelled ||= current.status === 'cancelled';

  const supervisor = await deps.people.get(tenantId, current.supervisorId);
  if (!supervisor.ok) return supervisor;
  const supervisee = await deps.people.get(tenantId, current.superviseeId);
  if (!supervisee.ok) return supervisee;
  if (supervisor.value === null || supervisee.value === null) return notFound();
  const organisation = await deps.organisations.get(tenantId);
  if (!organisation.ok) return organisation;

  return ok(
    sessionInvite({
      session: current,
      supervisor: supervisor.value.value,
      supervisee: supervisee.value.value,
      organisationName: organisation.value?.value.name ?? '',
      now,
      method: cancelled ? 'CANCEL' : 'REQUEST',
      firstSessionId: first.id,
      // Each reschedule is a change of the event; a cancellation is one more.
      sequence: depth + (cancelled ? 1 : 0),
    }),
  );
}

/** A session of this tenant, or null (the store checks the tenant too; this is belt and braces). */
async function sessionIn(deps: CalendarInviteDeps, tenantId: TenantId, id: string): Promise<Result<Session | null>> {
  const got = await deps.sessions.get(tenantId, id);
  if (!got.ok) return got.error.code === 'NOT_FOUND' ? ok(null) : got;
  return ok(got.value !== null && got.value.value.tenantId === tenantId ? got.value.value : null);
}
