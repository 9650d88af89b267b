/**
 * The repository ports of src/app/ports.ts on Cosmos DB, one container each (containers.json).
 * Every query here is parameterised, filters on the tenant (added by CosmosRecords.query) and uses
 * only what both Cosmos DB and the embedded server run: no OFFSET/LIMIT, GROUP BY, DISTINCT, LIKE
 * or IIF, no TTL, change feed or batches.
 */
import type { Container, Database } from '@azure/cosmos';
import type {
  AgreementRepository,
  AuditLogRepository,
  AuditQuery,
  ConcernRepository,
  ConversationRepository,
  NoteRepository,
  OrganisationRepository,
  OutboxEntry,
  OutboxRow,
  OutboxRepository,
  PersonRepository,
  SessionRepository,
  Versioned,
} from '../../app/ports';
import type { AuditRecord } from '../../domain/audit';
import type {
  Agreement,
  Concern,
  ConversationRecord,
  Instant,
  OrganisationSettings,
  Person,
  PersonId,
  ReflectiveNote,
  Session,
  TenantId,
} from '../../domain/model';
import { fail, ok, type Result } from '../../domain/result';
import type { ContainerName } from './definition';
import { canonicalInstant, isStorableId, isValidInstant, type RecordKind } from './documents';
import { storeError } from './errors';
import type { ReadCache } from './readCache';
import { CosmosRecords, CosmosVersionedStore } from './versionedContainer';

const byId = <T extends { id: string }>(r: T) => r.id;

export const PERSON: RecordKind<Person> = {
  type: 'person',
  what: 'person',
  idOf: byId,
  // The import key: matched case-insensitively by storing it lower-cased.
  normalize: (p) => ({ ...p, email: p.email.toLowerCase() }),
};

export const AGREEMENT: RecordKind<Agreement> = {
  type: 'agreement',
  what: 'agreement',
  idOf: byId,
  normalize: (a) =>
    a.summary.nextActionAt === null ? a : { ...a, summary: { ...a.summary, nextActionAt: canonicalInstant(a.summary.nextActionAt) } },
};

export const SESSION: RecordKind<Session> = { type: 'session', what: 'session', idOf: byId };
export const NOTE: RecordKind<ReflectiveNote> = { type: 'note', what: 'note', idOf: byId };
export const CONCERN: RecordKind<Concern> = { type: 'concern', what: 'concern', idOf: byId };

export const ORGANISATION: RecordKind<OrganisationSettings> = {
  type: 'organisation',
  what: "organisation's settings",
  // One per tenant.
  idOf: (o) => o.tenantId,
  syntheticId: true,
};

export const CONVERSATION: RecordKind<ConversationRecord> = {
  type: 'conversation',
  what: 'conversation',
  // One per person per tenant (the partition).
  idOf: (c) => c.aadObjectId,
  syntheticId: true,
};

export const OUTBOX: RecordKind<OutboxEntry> = {
  type: 'outbox',
  what: 'message',
  idOf: byId,
  normalize: (e) => ({ ...e, notBefore: canonicalInstant(e.notBefore) }),
};

function instantParameter(at: Instant): Result<string> {
  return isValidInstant(at) ? ok(canonicalInstant(at)) : fail('INVALID_DATE', `"${at}" is not a valid instant.`, 'at');
}

/**
 * Who a Teams identity is, as a document keyed by it: a point read instead of a query over every
 * person of the tenant (which the embedded server runs as a scan). It only points at the person and
 * is checked on every read: missing or stale (the person gone, or holding another identity now), the
 * query answers and the pointer is rewritten (or removed), so no write path has to be perfect.
 */
export interface PersonByAadObjectId {
  readonly tenantId: TenantId;
  readonly aadObjectId: string;
  readonly personId: PersonId;
}

export const PERSON_BY_AAD: RecordKind<PersonByAadObjectId> = {
  type: 'person-by-aad',
  what: "person's Teams identity",
  // People's ids are generated (UUIDs): none starts with "~", so a pointer never takes a person's id.
  idOf: (p) => `~aad:${p.aadObjectId}`,
  syntheticId: true,
};

export class CosmosPersonRepository extends CosmosVersionedStore<Person> implements PersonRepository {
  private readonly pointers: CosmosRecords<PersonByAadObjectId>;

  constructor(container: Container, cache?: ReadCache) {
    super(container, PERSON, cache);
    this.pointers = new CosmosRecords(container, PERSON_BY_AAD, cache);
  }

  async findByAadObjectId(tenantId: TenantId, aadObjectId: string): Promise<Result<Versioned<Person> | null>> {
    const pointerId = PERSON_BY_AAD.idOf({ tenantId, aadObjectId, personId: '' });
    if (isStorableId(pointerId)) {
      const pointer = await this.pointers.read(tenantId, pointerId);
      if (!pointer.ok) return pointer;
      if (pointer.value !== null) {
        const person = await this.records.read(tenantId, pointer.value.value.personId);
        if (!person.ok) return person;
        if (person.value !== null && person.value.value.aadObjectId === aadObjectId) return person;
      }
    }
    const found = await this.records.first(tenantId, { where: 'c.aadObjectId = @aadObjectId', parameters: [{ name: '@aadObjectId', value: aadObjectId }] });
    if (found.ok) await this.repoint(tenantId, aadObjectId, found.value?.value ?? null);
    return found;
  }

  findByEmail(tenantId: TenantId, email: string): Promise<Result<Versioned<Person> | null>> {
    return this.records.first(tenantId, { where: 'c.email = @email', parameters: [{ name: '@email', value: email.trim().toLowerCase() }] });
  }

  listByTenant(tenantId: TenantId): Promise<Result<readonly Person[]>> {
    return this.values(this.records.query(tenantId));
  }

  override async create(record: Person): Promise<Result<Versioned<Person>>> {
    const created = await super.create(record);
    if (created.ok && created.value.value.aadObjectId !== undefined) await this.repoint(record.tenantId, created.value.value.aadObjectId, created.value.value);
    return created;
  }

  override async replace(record: Person, etag: string): Promise<Result<Versioned<Person>>> {
    const replaced = await super.replace(record, etag);
    if (replaced.ok && replaced.value.value.aadObjectId !== undefined) await this.repoint(record.tenantId, replaced.value.value.aadObjectId, replaced.value.value);
    return replaced;
  }

  /** The person goes, and so does the pointer naming their Teams identity (nothing of them is left). */
  override async delete(tenantId: TenantId, id: string, etag: string): Promise<Result<void>> {
    const before = await this.records.read(tenantId, id);
    const deleted = await super.delete(tenantId, id, etag);
    const aadObjectId = before.ok ? before.value?.value.aadObjectId : undefined;
    if (deleted.ok && aadObjectId !== undefined) await this.repoint(tenantId, aadObjectId, null);
    return deleted;
  }

  /**
   * Points the identity at `person` (null: at no one). Best effort: the pointer is checked on every
   * read, so a failed or raced write costs one query later, never a wrong answer.
   */
  private async repoint(tenantId: TenantId, aadObjectId: string, person: Person | null): Promise<void> {
    const pointer: PersonByAadObjectId = { tenantId, aadObjectId, personId: person?.id ?? '' };
    const id = PERSON_BY_AAD.idOf(pointer);
    if (!isStorableId(id)) return;
    if (person !== null) {
      await this.pointers.upsert(pointer);
      return;
    }
    const stale = await this.pointers.read(tenantId, id);
    if (stale.ok && stale.value !== null) await this.pointers.delete(tenantId, id, stale.value.etag);
  }
}

export class CosmosAgreementRepository extends CosmosVersionedStore<Agreement> implements AgreementRepository {
  constructor(container: Container, cache?: ReadCache) {
    super(container, AGREEMENT, cache);
  }

  listForPerson(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Agreement>[]>> {
    return this.records.query(tenantId, {
      where: 'c.superviseeId = @personId OR c.supervisorId = @personId OR c.professionalSupervisorId = @personId',
      parameters: [{ name: '@personId', value: personId }],
    });
  }

  /** The reminder sweep's input: reads only the compact summary's index, never session history. */
  async listDue(tenantId: TenantId, at: Instant): Promise<Result<readonly Versioned<Agreement>[]>> {
    const atParam = instantParameter(at);
    if (!atParam.ok) return atParam;
    return this.records.query(tenantId, {
      where: 'c.summary.nextActionAt <= @at AND c.status = @status',
      parameters: [
        { name: '@at', value: atParam.value },
        { name: '@status', value: 'active' },
      ],
    });
  }

  listByTenant(tenantId: TenantId): Promise<Result<readonly Versioned<Agreement>[]>> {
    return this.records.query(tenantId);
  }
}

export class CosmosSessionRepository extends CosmosVersionedStore<Session> implements SessionRepository {
  constructor(container: Container, cache?: ReadCache) {
    super(container, SESSION, cache);
  }

  listByAgreement(tenantId: TenantId, agreementId: string): Promise<Result<readonly Versioned<Session>[]>> {
    return this.records.query(tenantId, {
      where: 'c.agreementId = @agreementId',
      parameters: [{ name: '@agreementId', value: agreementId }],
    });
  }

  async listByAgreements(tenantId: TenantId, agreementIds: readonly string[]): Promise<Result<readonly Versioned<Session>[]>> {
    const ids = [...new Set(agreementIds)];
    const found: Versioned<Session>[] = [];
    // In slices, so a query's text and parameters stay far below Cosmos DB's request limits.
    for (let i = 0; i < ids.length; i += SESSION_AGREEMENTS_PER_QUERY) {
      const slice = await this.records.query(tenantId, {
        where: 'ARRAY_CONTAINS(@agreementIds, c.agreementId)',
        parameters: [{ name: '@agreementIds', value: ids.slice(i, i + SESSION_AGREEMENTS_PER_QUERY) }],
      });
      if (!slice.ok) return slice;
      found.push(...slice.value);
    }
    return ok(found);
  }
}

/** Agreement ids per session query: a supervisor has tens of supervisees, so usually one query. */
const SESSION_AGREEMENTS_PER_QUERY = 100;

export class CosmosNoteRepository extends CosmosVersionedStore<ReflectiveNote> implements NoteRepository {
  constructor(container: Container) {
    super(container, NOTE);
  }

  listByAuthor(tenantId: TenantId, authorId: PersonId): Promise<Result<readonly Versioned<ReflectiveNote>[]>> {
    return this.records.query(tenantId, { where: 'c.authorId = @authorId', parameters: [{ name: '@authorId', value: authorId }] });
  }

  /** Only notes their author chose to share: a private note is never returned here. */
  listSharedWith(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<ReflectiveNote>[]>> {
    return this.records.query(tenantId, {
      where: 'c.sharedWithId = @personId AND c.visibility = @shared',
      parameters: [
        { name: '@personId', value: personId },
        { name: '@shared', value: 'shared' },
      ],
    });
  }

  listByTenant(tenantId: TenantId): Promise<Result<readonly Versioned<ReflectiveNote>[]>> {
    return this.records.query(tenantId);
  }
}

export class CosmosConcernRepository extends CosmosVersionedStore<Concern> implements ConcernRepository {
  constructor(container: Container, cache?: ReadCache) {
    super(container, CONCERN, cache);
  }

  listRaisedBy(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Concern>[]>> {
    return this.records.query(tenantId, { where: 'c.raisedById = @personId', parameters: [{ name: '@personId', value: personId }] });
  }

  listHandledBy(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Concern>[]>> {
    return this.records.query(tenantId, { where: 'c.handlerId = @personId', parameters: [{ name: '@personId', value: personId }] });
  }

  listInvolving(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Concern>[]>> {
    return this.records.query(tenantId, { where: 'c.raisedById = @personId OR c.handlerId = @personId', parameters: [{ name: '@personId', value: personId }] });
  }

  listOpen(tenantId: TenantId): Promise<Result<readonly Versioned<Concern>[]>> {
    return this.records.query(tenantId, { where: 'c.status = @raised OR c.status = @assigned', parameters: [{ name: '@raised', value: 'raised' }, { name: '@assigned', value: 'assigned' }] });
  }

  listByTenant(tenantId: TenantId): Promise<Result<readonly Versioned<Concern>[]>> {
    return this.records.query(tenantId);
  }
}

export const AUDIT: RecordKind<AuditRecord> = {
  type: 'audit',
  what: 'audit record',
  idOf: byId,
  normalize: (r) => ({ ...r, at: canonicalInstant(r.at) }),
};

/** The audit trail: append-only (no replace, no delete), queried by time. */
export class CosmosAuditLogRepository implements AuditLogRepository {
  private readonly records: CosmosRecords<AuditRecord>;

  constructor(container: Container) {
    this.records = new CosmosRecords(container, AUDIT);
  }

  async append(record: AuditRecord): Promise<Result<AuditRecord>> {
    const created = await this.records.create(record);
    return created.ok ? ok(created.value.value) : created;
  }

  async list(tenantId: TenantId, query: AuditQuery): Promise<Result<readonly AuditRecord[]>> {
    const from = instantParameter(query.from);
    if (!from.ok) return from;
    const to = instantParameter(query.to);
    if (!to.ok) return to;
    if (!Number.isInteger(query.max) || query.max < 1) return fail('INVALID_INPUT', 'max must be a whole number of at least 1.', 'max');
    const found = await this.records.query(tenantId, {
      top: query.max,
      where: 'c.at >= @from AND c.at < @to',
      parameters: [
        { name: '@from', value: from.value },
        { name: '@to', value: to.value },
      ],
      orderBy: 'c.at DESC',
    });
    return found.ok ? ok(found.value.map((v) => v.value)) : found;
  }
}

export class CosmosOrganisationRepository implements OrganisationRepository {
  private readonly records: CosmosRecords<OrganisationSettings>;

  constructor(
    private readonly container: Container,
    cache?: ReadCache,
  ) {
    this.records = new CosmosRecords(container, ORGANISATION, cache);
  }

  get(tenantId: TenantId): Promise<Result<Versioned<OrganisationSettings> | null>> {
    return this.records.read(tenantId, tenantId);
  }

  save(settings: OrganisationSettings, etag?: string): Promise<Result<Versioned<OrganisationSettings>>> {
    return etag === undefined ? this.records.create(settings) : this.records.replace(settings, etag);
  }

  /**
   * The one query across tenants, by nature: the scheduler's list of organisations to sweep. It
   * returns tenant ids only, never another tenant's records.
   */
  async listTenants(): Promise<Result<readonly TenantId[]>> {
    try {
      const { resources } = await this.container.items
        .query<string>('SELECT VALUE c.tenantId FROM c', { maxItemCount: -1 })
        .fetchAll();
      return ok([...new Set(resources.filter((t): t is string => typeof t === 'string'))].sort());
    } catch (error) {
      return storeError(error, ORGANISATION.what);
    }
  }
}

export class CosmosConversationRepository implements ConversationRepository {
  private readonly records: CosmosRecords<ConversationRecord>;

  constructor(container: Container, cache?: ReadCache) {
    this.records = new CosmosRecords(container, CONVERSATION, cache);
  }

  get(tenantId: TenantId, aadObjectId: string): Promise<Result<Versioned<ConversationRecord> | null>> {
    return this.records.read(tenantId, aadObjectId);
  }

  async upsert(record: ConversationRecord): Promise<Result<ConversationRecord>> {
    const saved = await this.records.upsert(record);
    return saved.ok ? ok(saved.value.value) : saved;
  }

  replace(record: ConversationRecord, etag: string): Promise<Result<Versioned<ConversationRecord>>> {
    return this.records.replace(record, etag);
  }
}

export const OUTBOX_MAX_BATCH = 1_000;

export class CosmosOutboxRepository extends CosmosVersionedStore<OutboxEntry> implements OutboxRepository {
  constructor(private readonly container: Container) {
    super(container, OUTBOX);
  }

  /** Pending entries due at `at`, oldest first, at most `max` (1..1000). */
  async listReady(tenantId: TenantId, at: Instant, max: number): Promise<Result<readonly Versioned<OutboxEntry>[]>> {
    const atParam = instantParameter(at);
    if (!atParam.ok) return atParam;
    if (!Number.isInteger(max) || max < 1) return fail('INVALID_INPUT', 'max must be a whole number of at least 1.', 'max');
    return this.records.query(tenantId, {
      top: Math.min(max, OUTBOX_MAX_BATCH),
      where: 'c.status = @status AND c.notBefore <= @at',
      parameters: [
        { name: '@status', value: 'pending' },
        { name: '@at', value: atParam.value },
      ],
      orderBy: 'c.notBefore',
    });
  }

  async listForReport(tenantId: TenantId, since: Instant): Promise<Result<readonly OutboxRow[]>> {
    const sinceParam = instantParameter(since);
    if (!sinceParam.ok) return sinceParam;
    try {
      const { resources } = await this.container.items
        .query<OutboxRow>(
          {
            query:
              'SELECT c.status, c.notBefore, c.updatedAt, c.retries FROM c WHERE c.tenantId = @tenantId AND c.type = @type AND (c.status = @pending OR c.updatedAt >= @since)',
            parameters: [
              { name: '@tenantId', value: tenantId },
              { name: '@type', value: OUTBOX.type },
              { name: '@pending', value: 'pending' },
              { name: '@since', value: sinceParam.value },
            ],
          },
          { partitionKey: tenantId, maxItemCount: -1 },
        )
        .fetchAll();
      return ok(resources);
    } catch (error) {
      return storeError(error, 'outbox entry');
    }
  }
}

export interface CosmosRepositories {
  readonly people: CosmosPersonRepository;
  readonly agreements: CosmosAgreementRepository;
  readonly sessions: CosmosSessionRepository;
  readonly notes: CosmosNoteRepository;
  readonly concerns: CosmosConcernRepository;
  readonly organisations: CosmosOrganisationRepository;
  readonly conversations: CosmosConversationRepository;
  readonly outbox: CosmosOutboxRepository;
  readonly audit: CosmosAuditLogRepository;
}

/**
 * `cache`: the embedded store's read cache (CosmosStore.readCache), for what a message turn reads;
 * notes, the outbox and the audit log always go to the store.
 */
export function createCosmosRepositories(database: Database, cache?: ReadCache): CosmosRepositories {
  const c = (name: ContainerName) => database.container(name);
  return {
    people: new CosmosPersonRepository(c('people'), cache),
    agreements: new CosmosAgreementRepository(c('agreements'), cache),
    sessions: new CosmosSessionRepository(c('sessions'), cache),
    notes: new CosmosNoteRepository(c('notes')),
    concerns: new CosmosConcernRepository(c('concerns'), cache),
    organisations: new CosmosOrganisationRepository(c('organisations'), cache),
    conversations: new CosmosConversationRepository(c('conversations'), cache),
    outbox: new CosmosOutboxRepository(c('outbox')),
    audit: new CosmosAuditLogRepository(c('audit')),
  };
}
