/**
 * What every repository does the same way: point reads, creates, ETag-guarded replaces and
 * tenant-scoped queries on one container partitioned by /tenantId.
 *
 * Tenant isolation does not rest on the partition key alone: the embedded server ignores the
 * partitionKey option of queries, so every query also says `c.tenantId = @tenantId` (added here,
 * never left to the caller), and point reads check the tenant of what came back.
 */
import type { Container, SqlParameter } from '@azure/cosmos';
import type { Versioned, VersionedStore } from '../../app/ports';
import type { TenantId } from '../../domain/model';
import { fail, ok, type Result } from '../../domain/result';
import { isStorableId, toDocument, toVersioned, type RecordKind } from './documents';
import { storeError } from './errors';
import type { ReadCache } from './readCache';

export interface TenantQuery {
  /** Conditions after `c.tenantId = @tenantId AND`, written with `c.` and `@` parameters only. */
  readonly where?: string;
  readonly parameters?: readonly SqlParameter[];
  /** e.g. `c.notBefore`: an indexed path. */
  readonly orderBy?: string;
  /** `TOP @top` when set. */
  readonly top?: number;
}

/** Query answers longer than this are not kept by a read cache (organisation-wide lists). */
const CACHED_QUERY_MAX_ROWS = 50;

export class CosmosRecords<T extends object> {
  constructor(
    readonly container: Container,
    readonly kind: RecordKind<T>,
    /** The embedded store's, in the process that runs it (readCache.ts); none for Cosmos DB. */
    private readonly cache?: ReadCache,
  ) {}

  async read(tenantId: TenantId, id: string): Promise<Result<Versioned<T> | null>> {
    if (!isStorableId(id) || tenantId === '') return ok(null);
    // The kind too: one container holds more than one (a person and their identity's pointer).
    return this.cached(tenantId, `read\u0000${this.kind.type}\u0000${id}`, () => this.readFromStore(tenantId, id));
  }

  /**
   * The kept answer for `key`, else `fetch`'s, kept when `keep` says so. The generation is taken
   * before the fetch is sent, so an answer that a write overtook is never kept.
   */
  private async cached<V>(tenantId: TenantId, key: string, fetch: () => Promise<Result<V>>, keep: (value: V) => boolean = () => true): Promise<Result<V>> {
    const cache = this.cache;
    if (cache === undefined) return fetch();
    const kept = cache.get<V>(this.container.id, tenantId, key);
    if (kept !== undefined) return ok(kept);
    const generation = cache.generation(this.container.id, tenantId);
    const fetched = await fetch();
    if (fetched.ok && keep(fetched.value)) cache.put(this.container.id, tenantId, key, generation, fetched.value);
    return fetched;
  }

  private async readFromStore(tenantId: TenantId, id: string): Promise<Result<Versioned<T> | null>> {
    try {
      const { resource, statusCode } = await this.container.item(id, tenantId).read<Record<string, unknown>>();
      if (statusCode === 404 || resource === undefined || resource.tenantId !== tenantId || resource.id !== id) return ok(null);
      // Another kind that shares the container (an identity's pointer beside people) is not this one.
      if (resource.type !== this.kind.type) return ok(null);
      return ok(toVersioned(this.kind, resource));
    } catch (error) {
      const result = storeError<Versioned<T> | null>(error, this.kind.what);
      return !result.ok && result.error.code === 'NOT_FOUND' ? ok(null) : result;
    }
  }

  async create(record: T): Promise<Result<Versioned<T>>> {
    const doc = toDocument(this.kind, record);
    if (!isStorableId(doc.id)) return fail('INVALID_INPUT', `That ${this.kind.what} has an id the store cannot hold.`, 'id');
    try {
      const { resource } = await this.container.items.create(doc);
      return ok(toVersioned(this.kind, resource as Record<string, unknown>));
    } catch (error) {
      return storeError(error, this.kind.what);
    }
  }

  async replace(record: T, etag: string): Promise<Result<Versioned<T>>> {
    const doc = toDocument(this.kind, record);
    if (!isStorableId(doc.id)) return fail('NOT_FOUND', `That ${this.kind.what} was not found.`);
    try {
      const { resource } = await this.container
        .item(doc.id, doc.tenantId)
        .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return ok(toVersioned(this.kind, resource as Record<string, unknown>));
    } catch (error) {
      return storeError(error, this.kind.what);
    }
  }

  /** Guarded by the etag of the read it derives from: CONFLICT when the record changed, NOT_FOUND when it is gone. */
  async delete(tenantId: TenantId, id: string, etag: string): Promise<Result<void>> {
    if (!isStorableId(id) || tenantId === '') return fail('NOT_FOUND', `That ${this.kind.what} was not found.`);
    try {
      await this.container.item(id, tenantId).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      return ok(undefined);
    } catch (error) {
      return storeError(error, this.kind.what);
    }
  }

  /** Last write wins: only for records that are refreshed, never edited by people. */
  async upsert(record: T): Promise<Result<Versioned<T>>> {
    const doc = toDocument(this.kind, record);
    if (!isStorableId(doc.id)) return fail('INVALID_INPUT', `That ${this.kind.what} has an id the store cannot hold.`, 'id');
    try {
      const { resource } = await this.container.items.upsert(doc);
      return ok(toVersioned(this.kind, resource as Record<string, unknown>));
    } catch (error) {
      return storeError(error, this.kind.what);
    }
  }

  async query(tenantId: TenantId, q: TenantQuery = {}): Promise<Result<Versioned<T>[]>> {
    const sql =
      `SELECT ${q.top !== undefined ? 'TOP @top ' : ''}* FROM c WHERE c.tenantId = @tenantId AND c.type = @type` +
      (q.where !== undefined ? ` AND (${q.where})` : '') +
      (q.orderBy !== undefined ? ` ORDER BY ${q.orderBy}` : '');
    // The type too: a container may hold another kind beside its records (the people's identity pointers).
    const parameters: SqlParameter[] = [{ name: '@tenantId', value: tenantId }, { name: '@type', value: this.kind.type }, ...(q.parameters ?? [])];
    if (q.top !== undefined) parameters.push({ name: '@top', value: q.top });
    // Without a cache the key is never used: it is built only when there is one.
    if (this.cache === undefined) return this.queryStore(tenantId, sql, parameters);
    return this.cached(
      tenantId,
      `query\u0000${sql}\u0000${JSON.stringify(parameters)}`,
      () => this.queryStore(tenantId, sql, parameters),
      (found) => found.length <= CACHED_QUERY_MAX_ROWS,
    );
  }

  private async queryStore(tenantId: TenantId, sql: string, parameters: SqlParameter[]): Promise<Result<Versioned<T>[]>> {
    try {
      const { resources } = await this.container.items
        .query<Record<string, unknown>>({ query: sql, parameters }, { partitionKey: tenantId, maxItemCount: -1 })
        .fetchAll();
      // Belt and braces: a document of another tenant never leaves this function.
      return ok(resources.filter((doc) => doc.tenantId === tenantId).map((doc) => toVersioned(this.kind, doc)));
    } catch (error) {
      return storeError(error, this.kind.what);
    }
  }

  async first(tenantId: TenantId, q: TenantQuery): Promise<Result<Versioned<T> | null>> {
    const found = await this.query(tenantId, q);
    if (!found.ok) return found;
    return ok(found.value[0] ?? null);
  }
}

/** The VersionedStore part of a repository port, over CosmosRecords. */
export abstract class CosmosVersionedStore<T extends { id: string; tenantId: TenantId }> implements VersionedStore<T> {
  protected readonly records: CosmosRecords<T>;

  constructor(container: Container, kind: RecordKind<T>, cache?: ReadCache) {
    this.records = new CosmosRecords(container, kind, cache);
  }

  get(tenantId: TenantId, id: string): Promise<Result<Versioned<T> | null>> {
    return this.records.read(tenantId, id);
  }

  create(record: T): Promise<Result<Versioned<T>>> {
    return this.records.create(record);
  }

  replace(record: T, etag: string): Promise<Result<Versioned<T>>> {
    return this.records.replace(record, etag);
  }

  delete(tenantId: TenantId, id: string, etag: string): Promise<Result<void>> {
    return this.records.delete(tenantId, id, etag);
  }

  protected async values(result: Promise<Result<Versioned<T>[]>>): Promise<Result<readonly T[]>> {
    const found = await result;
    return found.ok ? ok(found.value.map((v) => v.value)) : found;
  }
}
