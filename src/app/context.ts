/**
 * What every use case does first and last: resolve the actor to their stored Person (the only source
 * of who acts), load the organisation's settings, name people, update records under ETag guard with
 * a bounded retry, and keep each agreement's compliance summary current.
 */
import { createHash } from 'node:crypto';
import type { Change } from '../domain/agreement';
import type { Viewer } from '../domain/authorization';
import { summarize } from '../domain/compliance';
import type { Agreement, Instant, LocalDate, OrganisationSettings, Person, PersonId, Session, TenantId } from '../domain/model';
import { defaultOrganisationSettings } from '../domain/organisationDefaults';
import { fail, ok, type Result } from '../domain/result';
import { localDateOf } from '../domain/validation';
import type { Actor } from './commands';
import type { UseCaseDeps } from './deps';
import type { Versioned, VersionedStore } from './ports';
import type { Notification, PersonRef } from './views';

/** Attempts for an update that is a pure function of the current record (CONFLICT -> re-read -> re-apply). */
export const MAX_ATTEMPTS = 4;

export interface Ctx {
  readonly deps: UseCaseDeps;
  readonly tenantId: TenantId;
  readonly me: Person;
  readonly settings: OrganisationSettings;
  readonly viewer: Viewer;
  readonly zone: string;
  readonly now: Instant;
  readonly today: LocalDate;
  readonly people: Directory;
}

export function unknownUser<T>(): Result<T> {
  return fail(
    'UNKNOWN_USER',
    "I can't find you on your organisation's staff list yet. Ask your admin to import you, then say hello to me again.",
  );
}

export function validActor(actor: Actor | undefined): boolean {
  return (
    actor !== undefined &&
    typeof actor.tenantId === 'string' &&
    actor.tenantId.trim() !== '' &&
    typeof actor.aadObjectId === 'string' &&
    actor.aadObjectId.trim() !== ''
  );
}

/** The organisation's settings, or the defaults until an admin saves them. */
export async function loadSettings(
  deps: UseCaseDeps,
  tenantId: TenantId,
): Promise<Result<{ settings: OrganisationSettings; etag?: string }>> {
  const got = await deps.organisations.get(tenantId);
  if (!got.ok) return got;
  if (got.value === null) return ok({ settings: defaultOrganisationSettings(tenantId, 'Your organisation') });
  return ok({ settings: got.value.value, etag: got.value.etag });
}

/** Resolves the actor (by tenant + AAD object id only) and loads what every use case needs. */
export async function begin(deps: UseCaseDeps, actor: Actor, now: Instant): Promise<Result<Ctx>> {
  if (!validActor(actor)) return unknownUser();
  const found = await deps.people.findByAadObjectId(actor.tenantId, actor.aadObjectId);
  if (!found.ok) return found;
  if (found.value === null) return unknownUser();
  const me = found.value.value;
  if (me.tenantId !== actor.tenantId) return fail('WRONG_TENANT', 'Your account belongs to another organisation.');
  const loaded = await loadSettings(deps, actor.tenantId);
  if (!loaded.ok) return loaded;
  const { settings } = loaded.value;
  const people = new Directory(deps, actor.tenantId);
  people.seed(me);
  return ok({
    deps,
    tenantId: actor.tenantId,
    me,
    settings,
    viewer: { person: me, settings },
    zone: settings.zone,
    now,
    today: localDateOf(now, settings.zone),
    people,
  });
}

/** People by id, loaded once per use case, so every view names people instead of showing ids. */
export class Directory {
  private readonly cache = new Map<PersonId, Person | null>();

  constructor(
    private readonly deps: UseCaseDeps,
    private readonly tenantId: TenantId,
  ) {}

  seed(person: Person): void {
    if (person.tenantId === this.tenantId) this.cache.set(person.id, person);
  }

  async load(ids: Iterable<PersonId | undefined>): Promise<Result<void>> {
    const missing = [...new Set([...ids].filter((id): id is PersonId => id !== undefined && !this.cache.has(id)))];
    const results = await Promise.all(missing.map((id) => this.deps.people.get(this.tenantId, id)));
    for (let i = 0; i < missing.length; i++) {
      const r = results[i];
      if (!r.ok) return r;
      const person = r.value?.value ?? null;
      this.cache.set(missing[i], person !== null && person.tenantId === this.tenantId ? person : null);
    }
    return ok(undefined);
  }

  get(id: PersonId | undefined): Person | undefined {
    return id === undefined ? undefined : (this.cache.get(id) ?? undefined);
  }

  ref(id: PersonId): PersonRef {
    return { id, name: this.cache.get(id)?.name ?? 'Someone no longer on the staff list' };
  }
}

export async function getOrNotFound<T extends { id: string; tenantId: TenantId }>(
  store: VersionedStore<T>,
  tenantId: TenantId,
  id: unknown,
  what: string,
): Promise<Result<Versioned<T>>> {
  if (typeof id !== 'string' || id.trim() === '') return fail('INVALID_INPUT', `Which ${what}? None was named.`);
  const got = await store.get(tenantId, id);
  if (!got.ok) return got;
  if (got.value === null) return fail('NOT_FOUND', `I can't find that ${what}. It may have been removed.`);
  return ok(got.value);
}

export function conflictExhausted<T>(): Result<T> {
  return fail('CONFLICT', 'Someone else changed this at the same moment. Please try again.');
}

/**
 * Re-reads the record, applies `apply` (authorization + transition, a pure function of the current
 * record) and saves it guarded by its ETag; on CONFLICT starts again, at most MAX_ATTEMPTS times.
 * An unchanged record is not written.
 */
export async function updateWithRetry<T extends { id: string; tenantId: TenantId }>(
  store: VersionedStore<T>,
  tenantId: TenantId,
  id: unknown,
  what: string,
  apply: (current: T) => Result<Change<T>> | Promise<Result<Change<T>>>,
): Promise<Result<Change<Versioned<T>>>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getOrNotFound(store, tenantId, id, what);
    if (!current.ok) return current;
    const next = await apply(current.value.value);
    if (!next.ok) return next;
    if (!next.value.changed) return ok({ value: current.value, changed: false });
    const saved = await store.replace(next.value.value, current.value.etag);
    if (saved.ok) return ok({ value: saved.value, changed: true });
    if (saved.error.code !== 'CONFLICT') return saved;
  }
  return conflictExhausted();
}

/**
 * The id of a record one button press creates, derived from who pressed and what they submitted:
 * the same press arriving twice at once (a double click, two instances) names the same record, so
 * the store refuses the second create. A digest only: note or concern text cannot be read from it.
 */
export function pressId(kind: string, parts: readonly unknown[]): string {
  return `${kind}-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40)}`;
}

/**
 * Creates `record` under `stableId` (see pressId). When that id exists and `isSame` says it is this
 * press (same content, moments ago), that record is the answer and nothing new is made (`created`
 * false); otherwise (the same content long after) the record is created under its own id.
 */
export async function createOnce<T extends { id: string; tenantId: TenantId }>(
  store: VersionedStore<T>,
  record: T,
  stableId: string,
  isSame: (existing: T) => boolean,
): Promise<Result<{ value: T; created: boolean }>> {
  const first = await store.create({ ...record, id: stableId });
  if (first.ok) return ok({ value: first.value.value, created: true });
  if (first.error.code !== 'CONFLICT') return first;
  const existing = await store.get(record.tenantId, stableId);
  if (!existing.ok) return existing;
  if (existing.value !== null && isSame(existing.value.value)) return ok({ value: existing.value.value, created: false });
  const fresh = await store.create(record);
  return fresh.ok ? ok({ value: fresh.value.value, created: true }) : fresh;
}

/** The summary of `agreement` given its sessions, as of now, in the organisation's terms. */
export function withSummary(agreement: Agreement, sessions: readonly Session[], settings: OrganisationSettings, now: Instant): Agreement {
  return { ...agreement, summary: summarize({ agreement, sessions, settings, now }) };
}

function sameSummary(a: Agreement['summary'], b: Agreement['summary']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Updates an agreement (`apply` = authorization + transition) and its compliance summary in one
 * guarded write. Sessions are re-read on every attempt so a concurrent session change is never
 * summarised away.
 */
export async function updateAgreement(
  ctx: Ctx,
  agreementId: unknown,
  apply: (current: Agreement) => Result<Change<Agreement>>,
): Promise<Result<Change<Versioned<Agreement>>>> {
  const { deps, tenantId } = ctx;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getOrNotFound(deps.agreements, tenantId, agreementId, 'agreement');
    if (!current.ok) return current;
    const next = apply(current.value.value);
    if (!next.ok) return next;
    const sessions = await deps.sessions.listByAgreement(tenantId, current.value.value.id);
    if (!sessions.ok) return sessions;
    const summarised = withSummary(next.value.value, sessions.value.map((s) => s.value), ctx.settings, ctx.now);
    if (!next.value.changed && sameSummary(summarised.summary, current.value.value.summary)) {
      return ok({ value: current.value, changed: false });
    }
    const saved = await deps.agreements.replace(summarised, current.value.etag);
    if (saved.ok) return ok({ value: saved.value, changed: next.value.changed });
    if (saved.error.code !== 'CONFLICT') return saved;
  }
  return conflictExhausted();
}

/**
 * Recomputes an agreement's summary after a session change (a pure function of the stored agreement
 * and sessions, so safe to retry on CONFLICT). Run even when the session command changed nothing, so
 * pressing again after a store outage repairs a summary the first press could not save.
 */
export async function refreshSummary(ctx: Ctx, agreementId: string): Promise<Result<Versioned<Agreement>>> {
  const r = await updateAgreement(ctx, agreementId, (a) => ok({ value: a, changed: false }));
  return r.ok ? ok(r.value.value) : r;
}

/**
 * Proactive cards after the change is saved. A failure to queue one does not undo or fail the
 * person's action (the change is saved and their own card shows it).
 */
export async function notifyEach(ctx: Ctx, messages: readonly (readonly [PersonId | undefined, Notification])[]): Promise<void> {
  for (const [recipientId, message] of messages) {
    if (recipientId === undefined || recipientId === ctx.me.id) continue;
    await ctx.deps.notifier.notify(ctx.tenantId, recipientId, message);
  }
}

/** The viewer as another person would be, to build the card they are sent. */
export function viewerFor(ctx: Ctx, personId: PersonId): Viewer | undefined {
  const person = ctx.people.get(personId);
  return person === undefined ? undefined : { person, settings: ctx.settings };
}

/** The supervisors and professional supervisors in a person's agreements that are not ended. */
export async function supervisorsOf(ctx: Ctx, superviseeId: PersonId): Promise<Result<{ ids: PersonId[]; current?: PersonId }>> {
  const agreements = await ctx.deps.agreements.listForPerson(ctx.tenantId, superviseeId);
  if (!agreements.ok) return agreements;
  const mine = agreements.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === ctx.tenantId && a.superviseeId === superviseeId && a.status !== 'ended');
  const ids = new Set<PersonId>();
  for (const a of mine) {
    ids.add(a.supervisorId);
    if (a.professionalSupervisorId !== undefined) ids.add(a.professionalSupervisorId);
  }
  const live = mine.filter((a) => a.status === 'active' || a.status === 'paused').sort((x, y) => (x.agreementStart < y.agreementStart ? 1 : -1));
  return ok({ ids: [...ids], ...(live[0] !== undefined ? { current: live[0].supervisorId } : {}) });
}
