/**
 * The one place stored documents and domain records meet.
 *
 * A document is the record plus `type` (what it is) and `schemaVersion` (for a later migration),
 * and an `id` for records that have none of their own (a tenant's settings, a conversation
 * reference). Coming back, the server's fields (`_etag`, `_rid`, ...) and ours are removed; the etag
 * travels beside the value in `Versioned`.
 *
 * Instants the store compares as strings (`summary.nextActionAt`, the outbox's `notBefore`) are
 * stored in one canonical form, UTC with milliseconds, so that string order is time order.
 */
import { DateTime } from 'luxon';
import type { Versioned } from '../../app/ports';

export const SCHEMA_VERSION = 1;

const SERVER_FIELDS = ['_rid', '_self', '_ts', '_etag', '_attachments', '_lsn'] as const;

export interface RecordKind<T> {
  /** The `type` field of the document. */
  readonly type: string;
  /** How messages name one record ("agreement"). */
  readonly what: string;
  readonly idOf: (record: T) => string;
  /** True when `id` is ours (derived by idOf), not a field of the record: removed on the way back. */
  readonly syntheticId?: boolean;
  /** Canonicalises fields the store compares (see above). */
  readonly normalize?: (record: T) => T;
}

export type Document = Record<string, unknown> & { readonly id: string; readonly tenantId: string; readonly _etag?: string };

export function toDocument<T extends object>(kind: RecordKind<T>, record: T): Document {
  const value = kind.normalize !== undefined ? kind.normalize(record) : record;
  return { ...(value as Record<string, unknown>), id: kind.idOf(record), type: kind.type, schemaVersion: SCHEMA_VERSION } as unknown as Document;
}

export function fromDocument<T>(kind: RecordKind<T>, doc: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of SERVER_FIELDS) delete copy[field];
  delete copy.type;
  delete copy.schemaVersion;
  if (kind.syntheticId === true) delete copy.id;
  return copy as T;
}

export function toVersioned<T>(kind: RecordKind<T>, doc: Record<string, unknown>): Versioned<T> {
  return { value: fromDocument(kind, doc), etag: String(doc._etag ?? '') };
}

/** `2026-03-03T14:05:00.000Z` for any valid ISO instant; anything else unchanged (validation is the domain's job). */
export function canonicalInstant(value: string): string {
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? value) : value;
}

export function isValidInstant(value: string): boolean {
  return DateTime.fromISO(value, { setZone: true }).isValid;
}

/** Cosmos DB forbids these in ids; such an id can name no stored record. */
export function isStorableId(id: string): boolean {
  return id.length > 0 && id.length <= 255 && !/[/\\?#]/.test(id);
}
