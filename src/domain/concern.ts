/**
 * A concern raised under Standard 4 (workload, resources, safety, bullying or harassment,
 * supervision, other), without fear of recrimination:
 *
 *   raised --> acknowledged --> assigned --> resolved   (assign and resolve may skip a step)
 *
 * Routed to the supervisor, or straight to the PSW: then the supervisor never sees it (see
 * authorization.ts). Every stage is kept in `history`. Sensitive: never logged; messages never quote
 * the description or the resolution.
 */
import type { Concern, ConcernCategory, ConcernEvent, ConcernRoute, ConcernUrgency, Instant, PersonId, TenantId } from './model';
import type { Change } from './agreement';
import { fail, ok, type Result } from './result';
import { checkText, oneOf } from './validation';

/** Issue 3: a concern up to 4,000 characters. */
export const CONCERN_MAX_CHARACTERS = 4000;
export const RESOLUTION_MAX_CHARACTERS = 4000;

export const CONCERN_CATEGORIES: readonly ConcernCategory[] = ['workload', 'resources', 'safety', 'bullying', 'supervision', 'other'];
export const CONCERN_URGENCIES: readonly ConcernUrgency[] = ['low', 'medium', 'high'];
export const CONCERN_ROUTES: readonly ConcernRoute[] = ['supervisor', 'psw'];

export interface NewConcern {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly raisedById: PersonId;
  readonly category: unknown;
  readonly description: unknown;
  readonly urgency: unknown;
  readonly route: unknown;
}

/** The fields of a new concern, checked; who handles it is decided from the route (see `raise`). */
export function checkNewConcern(
  input: NewConcern,
): Result<{ category: ConcernCategory; description: string; urgency: ConcernUrgency; route: ConcernRoute }> {
  const category = oneOf(input.category, CONCERN_CATEGORIES, 'category', 'The category');
  if (!category.ok) return category;
  const description = checkText(input.description, 'description', 'The description', { max: CONCERN_MAX_CHARACTERS, required: true });
  if (!description.ok) return description;
  const urgency = oneOf(input.urgency, CONCERN_URGENCIES, 'urgency', 'The urgency');
  if (!urgency.ok) return urgency;
  const route = oneOf(input.route, CONCERN_ROUTES, 'route', 'Who it goes to');
  if (!route.ok) return route;
  return ok({ category: category.value, description: description.value, urgency: urgency.value, route: route.value });
}

/**
 * Raises the concern with its first handler: the raiser's supervisor (route `supervisor`) or a PSW
 * who does not supervise the raiser (route `psw`).
 */
export function raise(
  input: NewConcern,
  candidates: { readonly supervisorId?: PersonId; readonly pswIds: readonly PersonId[]; readonly raisersSupervisorIds: readonly PersonId[] },
  now: Instant,
): Result<Concern> {
  const checked = checkNewConcern(input);
  if (!checked.ok) return checked;
  let handlerId: PersonId | undefined;
  if (checked.value.route === 'supervisor') {
    handlerId = candidates.supervisorId;
    if (handlerId === undefined) {
      return fail('INVALID_INPUT', 'You have no supervisor recorded yet: send it to the Principal Social Worker instead.', 'route');
    }
  } else {
    handlerId = candidates.pswIds.find((id) => id !== input.raisedById && !candidates.raisersSupervisorIds.includes(id));
    if (handlerId === undefined) {
      return fail('INVALID_INPUT', 'Your organisation has no Principal Social Worker set up yet to receive it: ask an admin.', 'route');
    }
  }
  return ok({
    id: input.id,
    tenantId: input.tenantId,
    raisedById: input.raisedById,
    ...checked.value,
    handlerId,
    status: 'raised',
    history: [{ at: now, byId: input.raisedById, status: 'raised' }],
    createdAt: now,
    updatedAt: now,
  });
}

export function acknowledge(concern: Concern, byId: PersonId, now: Instant): Result<Change<Concern>> {
  if (concern.status !== 'raised') return ok({ value: concern, changed: false });
  return ok({
    value: {
      ...concern,
      status: 'acknowledged',
      handlerId: byId,
      history: [...concern.history, { at: now, byId, status: 'acknowledged' }],
      updatedAt: now,
    },
    changed: true,
  });
}

/** Hands it to someone to act on (a raised concern is acknowledged by the same press). */
export function assign(concern: Concern, byId: PersonId, assigneeId: PersonId, now: Instant): Result<Change<Concern>> {
  if (concern.status === 'resolved') return fail('INVALID_TRANSITION', 'This concern is already resolved.');
  if (concern.status === 'assigned' && concern.handlerId === assigneeId) return ok({ value: concern, changed: false });
  if (assigneeId === concern.raisedById) {
    return fail('INVALID_INPUT', 'A concern cannot be assigned to the person who raised it.', 'assigneeId');
  }
  const events: ConcernEvent[] = [];
  if (concern.status === 'raised') events.push({ at: now, byId, status: 'acknowledged' });
  events.push({ at: now, byId, status: 'assigned', assignedToId: assigneeId });
  return ok({
    value: { ...concern, status: 'assigned', handlerId: assigneeId, history: [...concern.history, ...events], updatedAt: now },
    changed: true,
  });
}

export function resolve(concern: Concern, byId: PersonId, resolution: unknown, now: Instant): Result<Change<Concern>> {
  const text = checkText(resolution, 'resolution', 'The resolution', { max: RESOLUTION_MAX_CHARACTERS, required: true });
  if (!text.ok) return text;
  if (concern.status === 'resolved') {
    if (concern.resolution === text.value) return ok({ value: concern, changed: false });
    return fail('ALREADY_DONE', 'This concern is already resolved.');
  }
  return ok({
    value: {
      ...concern,
      status: 'resolved',
      resolution: text.value,
      history: [...concern.history, { at: now, byId, status: 'resolved' }],
      updatedAt: now,
    },
    changed: true,
  });
}

/** The same concern submitted twice (a double press): same raiser, same fields. */
export function sameConcernContent(a: Concern, b: Pick<Concern, 'raisedById' | 'category' | 'description' | 'urgency' | 'route'>): boolean {
  return (
    a.raisedById === b.raisedById &&
    a.category === b.category &&
    a.description === b.description &&
    a.urgency === b.urgency &&
    a.route === b.route
  );
}
