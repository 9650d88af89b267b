/**
 * The ports the use cases need. Adapters implement them (Cosmos DB, Teams); tests use the fakes in
 * test/fakes. Nothing here names a vendor.
 *
 * Concurrency: every read returns the record with its `etag`; every update passes that etag back and
 * gets `CONFLICT` when someone else changed the record in between, so no one's change is lost.
 * Store outages come back as `STORE_UNAVAILABLE`, never as a throw, so the caller can keep what the
 * person typed.
 */
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
} from '../domain/model';
import type { AuditRecord } from '../domain/audit';
import type { Result } from '../domain/result';
import type { Notification, ProactiveKind, ProactiveMessage, SpentMessage } from './proactiveMessages';

export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

/** Create fails with CONFLICT when the id exists; replace fails with CONFLICT when the etag is stale. */
export interface VersionedStore<T extends { id: string; tenantId: TenantId }> {
  get(tenantId: TenantId, id: string): Promise<Result<Versioned<T> | null>>;
  create(record: T): Promise<Result<Versioned<T>>>;
  replace(record: T, etag: string): Promise<Result<Versioned<T>>>;
  /**
   * Deletes the record while its etag is still `etag` (the retention pass deletes only what it
   * read): CONFLICT when it changed since, NOT_FOUND when it is gone.
   */
  delete(tenantId: TenantId, id: string, etag: string): Promise<Result<void>>;
}

export interface PersonRepository extends VersionedStore<Person> {
  findByAadObjectId(tenantId: TenantId, aadObjectId: string): Promise<Result<Versioned<Person> | null>>;
  findByEmail(tenantId: TenantId, email: string): Promise<Result<Versioned<Person> | null>>;
  listByTenant(tenantId: TenantId): Promise<Result<readonly Person[]>>;
}

export interface AgreementRepository extends VersionedStore<Agreement> {
  /** Agreements where the person is supervisee, supervisor or professional supervisor. */
  listForPerson(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Agreement>[]>>;
  /** Active agreements whose `summary.nextActionAt` is at or before `at`: the reminder sweep's input. */
  listDue(tenantId: TenantId, at: Instant): Promise<Result<readonly Versioned<Agreement>[]>>;
  listByTenant(tenantId: TenantId): Promise<Result<readonly Versioned<Agreement>[]>>;
}

export interface SessionRepository extends VersionedStore<Session> {
  listByAgreement(tenantId: TenantId, agreementId: string): Promise<Result<readonly Versioned<Session>[]>>;
  /** The sessions of several agreements in one request (a supervisor's home card: one, not one per supervisee). */
  listByAgreements(tenantId: TenantId, agreementIds: readonly string[]): Promise<Result<readonly Versioned<Session>[]>>;
}

export interface NoteRepository extends VersionedStore<ReflectiveNote> {
  listByAuthor(tenantId: TenantId, authorId: PersonId): Promise<Result<readonly Versioned<ReflectiveNote>[]>>;
  listSharedWith(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<ReflectiveNote>[]>>;
  /** Every note of the tenant: the retention pass only (it reads dates and ids, never the text). */
  listByTenant(tenantId: TenantId): Promise<Result<readonly Versioned<ReflectiveNote>[]>>;
}

export interface ConcernRepository extends VersionedStore<Concern> {
  listRaisedBy(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Concern>[]>>;
  listHandledBy(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Concern>[]>>;
  /** Raised by the person or handled by them, each concern once, in one request. */
  listInvolving(tenantId: TenantId, personId: PersonId): Promise<Result<readonly Versioned<Concern>[]>>;
  /** Concerns still raised or assigned: the sweep follows them up (concernFollowUp.ts). */
  listOpen(tenantId: TenantId): Promise<Result<readonly Versioned<Concern>[]>>;
  /** Every concern of the tenant, open and closed: the retention pass, and the PSW's history (filtered by who may see each). */
  listByTenant(tenantId: TenantId): Promise<Result<readonly Versioned<Concern>[]>>;
}

export interface AuditQuery {
  /** Inclusive. */
  readonly from: Instant;
  /** Exclusive. */
  readonly to: Instant;
  /** At most this many, the newest first. */
  readonly max: number;
}

/**
 * The audit trail (src/domain/audit.ts): append-only. `append` fails with CONFLICT when a record
 * with that id exists (a deletion record's id is derived from what was deleted, so a repeated pass
 * records it once).
 */
export interface AuditLogRepository {
  append(record: AuditRecord): Promise<Result<AuditRecord>>;
  /** The tenant's records with `from <= at < to`, newest first, at most `max`. */
  list(tenantId: TenantId, query: AuditQuery): Promise<Result<readonly AuditRecord[]>>;
}

export interface OrganisationRepository {
  get(tenantId: TenantId): Promise<Result<Versioned<OrganisationSettings> | null>>;
  /** Create when etag is absent, else replace guarded by it. */
  save(settings: OrganisationSettings, etag?: string): Promise<Result<Versioned<OrganisationSettings>>>;
  listTenants(): Promise<Result<readonly TenantId[]>>;
}

export interface ConversationRepository {
  /** With its etag, so a write derived from this read can be guarded by `replace`. */
  get(tenantId: TenantId, aadObjectId: string): Promise<Result<Versioned<ConversationRecord> | null>>;
  /**
   * Last write wins: only for a reference built wholly from an inbound activity (it carries the
   * newest facts). A write derived from an earlier read goes through `replace`.
   */
  upsert(record: ConversationRecord): Promise<Result<ConversationRecord>>;
  /** Guarded by the etag of the read it derives from: CONFLICT when someone wrote in between, NOT_FOUND when it is gone. */
  replace(record: ConversationRecord, etag: string): Promise<Result<Versioned<ConversationRecord>>>;
}

/** A proactive message waiting to go out; the id is deterministic so a sweep run twice sends once. */
export interface OutboxEntry {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly recipientAadObjectId: string;
  readonly kind: ProactiveKind;
  /**
   * The message, while it waits to go out; once finished (sent, failed, unreachable), its kind only.
   * Read back from the store it is checked first (readStoredMessage): an entry written before the
   * messages were typed is marked failed, never rendered.
   */
  readonly payload: ProactiveMessage | SpentMessage;
  readonly notBefore: Instant;
  readonly attempts: number;
  readonly status: 'pending' | 'sent' | 'failed' | 'recipient-not-found';
  readonly lastOutcome?: string;
  /** Sends that were throttled (429) or failed transiently and went back to the queue; absent: none. */
  readonly retries?: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

/** What the admins' delivery report reads of an entry: never its message. */
export interface OutboxRow {
  readonly status: OutboxEntry['status'];
  readonly notBefore: Instant;
  readonly updatedAt: Instant;
  readonly retries?: number;
}

export interface OutboxRepository extends VersionedStore<OutboxEntry> {
  listReady(tenantId: TenantId, at: Instant, max: number): Promise<Result<readonly Versioned<OutboxEntry>[]>>;
  /** Every pending entry, and every other one last changed at or after `since`: status and times only. */
  listForReport(tenantId: TenantId, since: Instant): Promise<Result<readonly OutboxRow[]>>;
}

/** Every send is classified, as in Company Communicator's send pipeline. */
export type SendOutcome =
  | { readonly kind: 'succeeded'; readonly activityId?: string }
  | { readonly kind: 'throttled'; readonly retryAfterMs: number }
  | { readonly kind: 'recipient-not-found' }
  /** `retryable`: a transient failure (5xx, network) worth another attempt later; absent = no. */
  | { readonly kind: 'failed'; readonly reason: string; readonly retryable?: boolean };

/** Sends one proactive message to one person (Teams: TeamsMessenger); it only sends and says how it went. */
export interface Messenger {
  sendToPerson(conversation: ConversationRecord, message: ProactiveMessage): Promise<SendOutcome>;
}

export interface Clock {
  now(): Instant;
}

export interface IdGenerator {
  next(): string;
}

/**
 * Tells one person something proactively (a card), e.g. the supervisee gets a card to agree, the
 * PSW a concern to handle, the raiser every stage of a concern. Implemented over the outbox
 * (OutboxNotifier); use cases call it only through `notifyEach`, which decides who is told. Called
 * after the change is saved; a failure comes back as a value and never undoes the change.
 */
export interface Notifier {
  notify(tenantId: TenantId, recipientId: PersonId, message: Notification): Promise<Result<void>>;
}

/** A named lease: only its holder does the leased work (e.g. the reminder tick) until `expiresAt`. */
export interface Lease {
  readonly name: string;
  readonly holder: string;
  readonly acquiredAt: Instant;
  readonly expiresAt: Instant;
}

export type LeaseOutcome =
  | { readonly acquired: true; readonly lease: Lease }
  | { readonly acquired: false; readonly heldBy: string; readonly expiresAt: Instant };

/**
 * Leases carry their expiry as data (the store's TTL is not relied on). Acquiring a lease one
 * already holds renews it; two instances racing for a free lease: exactly one gets it.
 */
export interface LeaseStore {
  tryAcquire(name: string, holder: string, now: Instant, ttlMs: number): Promise<Result<LeaseOutcome>>;
  renew(name: string, holder: string, now: Instant, ttlMs: number): Promise<Result<LeaseOutcome>>;
  /** Ends the lease early if `holder` still holds it; false when it did not. */
  release(name: string, holder: string, now: Instant): Promise<Result<boolean>>;
}

/**
 * Secret keys the app signs its own links with (the "Add to calendar" capability links). A key is
 * made at random on first use and kept in the store, so every instance signs and verifies with the
 * same key and no secret has to be configured; two instances asking for a missing key at once end
 * with one key.
 */
export interface SigningKeyStore {
  /** The key called `name` (32 random bytes), created when there is none yet. */
  getOrCreate(name: string): Promise<Result<Uint8Array>>;
}

/** A database health probe for /healthz. */
export interface HealthCheck {
  check(): Promise<Result<{ readonly latencyMs: number }>>;
}
