/**
 * Guarded writes: every update re-reads the record and saves it under its ETag, retrying a bounded
 * number of times on CONFLICT; every create a button press makes has an id derived from the press,
 * so the same press arriving twice makes one record.
 */
import { createHash } from 'node:crypto';
import type { Change } from '../domain/agreement';
import type { TenantId } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import type { Versioned, VersionedStore } from './ports';

/** Attempts for an update that is a pure function of the current record (CONFLICT -> re-read -> re-apply). */
export const MAX_ATTEMPTS = 4;

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
