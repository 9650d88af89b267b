/**
 * In-memory fakes of the ports in src/app/ports.ts for the use-case tests. They keep the contract
 * of the Cosmos repositories: every write returns a new etag; replace with a stale etag -> CONFLICT;
 * create of an existing id -> CONFLICT; reads and queries are scoped to the tenant. They can be
 * told to fail (`down`: every call STORE_UNAVAILABLE; `failNext`: one call with a chosen code), to
 * let someone else write first (`beforeReplace`), and to ignore the tenant on reads
 * (`leakAcrossTenants`) so tests can prove the use cases still refuse another tenant's record.
 */
import type { Agreement, Concern, ConversationRecord, Instant, OrganisationSettings, Person, PersonId, ReflectiveNote, Session, TenantId } from '../../src/domain/model';
import { fail, ok, type ErrorCode, type Result } from '../../src/domain/result';
import type { AuditRecord } from '../../src/domain/audit';
import type {
  AgreementRepository,
  AuditLogRepository,
  AuditQuery,
  Clock,
  ConcernRepository,
  ConversationRepository,
  IdGenerator,
  NoteRepository,
  Notifier,
  OrganisationRepository,
  OutboxEntry,
  OutboxRow,
  OutboxRepository,
  PersonRepository,
  SessionRepository,
  SigningKeyStore,
  Versioned,
  VersionedStore,
} from '../../src/app/ports';
import type { Notification } from '../../src/app/proactiveMessages';

type Method = 'get' | 'create' | 'replace' | 'delete' | 'list';

let etagCounter = 0;
const nextEtag = (): string => `"etag-${++etagCounter}"`;

export class FakeStore<T extends { id: string; tenantId: TenantId }> implements VersionedStore<T> {
  readonly rows = new Map<string, Versioned<T>>();
  /** Every call fails with STORE_UNAVAILABLE. */
  down = false;
  /** Reads return a record whatever its tenant (a store bug the use cases must survive). */
  leakAcrossTenants = false;
  /** Called before a replace is checked: a test writes here to play "someone else at the same moment". */
  beforeReplace?: (record: T, etag: string) => Promise<void> | void;
  readonly calls: Record<Method, number> = { get: 0, create: 0, replace: 0, delete: 0, list: 0 };
  /** Successful creates and replaces (set-up through `seed`/`overwrite` does not count). */
  writes = 0;
  private readonly failures: { method: Method; code: ErrorCode }[] = [];

  failNext(method: Method, code: ErrorCode = 'STORE_UNAVAILABLE'): void {
    this.failures.push({ method, code });
  }

  protected check(method: Method): Result<void> {
    this.calls[method]++;
    if (this.down) return fail('STORE_UNAVAILABLE', 'The database is unavailable just now. Please try again in a moment.');
    const i = this.failures.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      return fail(f.code, f.code === 'STORE_UNAVAILABLE' ? 'The database is unavailable just now. Please try again in a moment.' : `Injected ${f.code}.`);
    }
    return ok(undefined);
  }

  private key(tenantId: TenantId, id: string): string {
    return `${tenantId}\u0000${id}`;
  }

  /** Puts a record straight in (test set-up). */
  seed(record: T): Versioned<T> {
    const v = { value: structuredClone(record), etag: nextEtag() };
    this.rows.set(this.key(record.tenantId, record.id), v);
    return v;
  }

  /** The stored record, read directly (assertions). */
  peek(tenantId: TenantId, id: string): T | undefined {
    return this.rows.get(this.key(tenantId, id))?.value;
  }

  all(): T[] {
    return [...this.rows.values()].map((v) => v.value);
  }

  async get(tenantId: TenantId, id: string): Promise<Result<Versioned<T> | null>> {
    const c = this.check('get');
    if (!c.ok) return c;
    const own = this.rows.get(this.key(tenantId, id));
    if (own !== undefined) return ok(structuredClone(own));
    if (this.leakAcrossTenants) {
      const other = [...this.rows.values()].find((v) => v.value.id === id);
      if (other !== undefined) return ok(structuredClone(other));
    }
    return ok(null);
  }

  async create(record: T): Promise<Result<Versioned<T>>> {
    const c = this.check('create');
    if (!c.ok) return c;
    const k = this.key(record.tenantId, record.id);
    if (this.rows.has(k)) return fail('CONFLICT', 'That record already exists.');
    const v = { value: structuredClone(record), etag: nextEtag() };
    this.rows.set(k, v);
    this.writes++;
    return ok(structuredClone(v));
  }

  async replace(record: T, etag: string): Promise<Result<Versioned<T>>> {
    const c = this.check('replace');
    if (!c.ok) return c;
    if (this.beforeReplace !== undefined) await this.beforeReplace(record, etag);
    const k = this.key(record.tenantId, record.id);
    const current = this.rows.get(k);
    if (current === undefined) return fail('NOT_FOUND', 'That record no longer exists.');
    if (current.etag !== etag) return fail('CONFLICT', 'Someone else changed this record.');
    const v = { value: structuredClone(record), etag: nextEtag() };
    this.rows.set(k, v);
    this.writes++;
    return ok(structuredClone(v));
  }

  async delete(tenantId: TenantId, id: string, etag: string): Promise<Result<void>> {
    const c = this.check('delete');
    if (!c.ok) return c;
    const k = this.key(tenantId, id);
    const current = this.rows.get(k);
    if (current === undefined) return fail('NOT_FOUND', 'That record no longer exists.');
    if (current.etag !== etag) return fail('CONFLICT', 'Someone else changed this record.');
    this.rows.delete(k);
    this.writes++;
    return ok(undefined);
  }

  /** Replaces a record outside the use cases (someone else's write): a new etag. */
  overwrite(record: T): void {
    this.rows.set(this.key(record.tenantId, record.id), { value: structuredClone(record), etag: nextEtag() });
  }

  protected async query(tenantId: TenantId, where: (t: T) => boolean): Promise<Result<Versioned<T>[]>> {
    const c = this.check('list');
    if (!c.ok) return c;
    return ok(
      [...this.rows.values()]
        .filter((v) => (this.leakAcrossTenants || v.value.tenantId === tenantId) && where(v.value))
        .map((v) => structuredClone(v)),
    );
  }
}

export class FakePeople extends FakeStore<Person> implements PersonRepository {
  async findByAadObjectId(tenantId: TenantId, aadObjectId: string): Promise<Result<Versioned<Person> | null>> {
    const r = await this.query(tenantId, (p) => p.aadObjectId === aadObjectId);
    return r.ok ? ok(r.value[0] ?? null) : r;
  }
  async findByEmail(tenantId: TenantId, email: string): Promise<Result<Versioned<Person> | null>> {
    const r = await this.query(tenantId, (p) => p.email === email.toLowerCase());
    return r.ok ? ok(r.value[0] ?? null) : r;
  }
  async listByTenant(tenantId: TenantId): Promise<Result<readonly Person[]>> {
    const r = await this.query(tenantId, () => true);
    return r.ok ? ok(r.value.map((v) => v.value)) : r;
  }
}

export class FakeAgreements extends FakeStore<Agreement> implements AgreementRepository {
  listForPerson(tenantId: TenantId, personId: PersonId) {
    return this.query(tenantId, (a) => a.superviseeId === personId || a.supervisorId === personId || a.professionalSupervisorId === personId);
  }
  listDue(tenantId: TenantId, at: Instant) {
    return this.query(tenantId, (a) => a.status === 'active' && a.summary.nextActionAt !== null && a.summary.nextActionAt <= at);
  }
  listByTenant(tenantId: TenantId) {
    return this.query(tenantId, () => true);
  }
}

export class FakeSessions extends FakeStore<Session> implements SessionRepository {
  listByAgreement(tenantId: TenantId, agreementId: string) {
    return this.query(tenantId, (s) => s.agreementId === agreementId);
  }
  listByAgreements(tenantId: TenantId, agreementIds: readonly string[]) {
    const wanted = new Set(agreementIds);
    return this.query(tenantId, (s) => wanted.has(s.agreementId));
  }
}

export class FakeNotes extends FakeStore<ReflectiveNote> implements NoteRepository {
  listByAuthor(tenantId: TenantId, authorId: PersonId) {
    return this.query(tenantId, (n) => n.authorId === authorId);
  }
  listSharedWith(tenantId: TenantId, personId: PersonId) {
    return this.query(tenantId, (n) => n.visibility === 'shared' && n.sharedWithId === personId);
  }
  listByTenant(tenantId: TenantId) {
    return this.query(tenantId, () => true);
  }
}

export class FakeConcerns extends FakeStore<Concern> implements ConcernRepository {
  listRaisedBy(tenantId: TenantId, personId: PersonId) {
    return this.query(tenantId, (c) => c.raisedById === personId);
  }
  listHandledBy(tenantId: TenantId, personId: PersonId) {
    return this.query(tenantId, (c) => c.handlerId === personId);
  }
  listInvolving(tenantId: TenantId, personId: PersonId) {
    return this.query(tenantId, (c) => c.raisedById === personId || c.handlerId === personId);
  }
  listOpen(tenantId: TenantId) {
    return this.query(tenantId, (c) => c.status === 'raised' || c.status === 'assigned');
  }
  listByTenant(tenantId: TenantId) {
    return this.query(tenantId, () => true);
  }
}

/** The audit trail in memory: append-only (CONFLICT on an existing id), listed newest first within the tenant. */
export class FakeAuditLog implements AuditLogRepository {
  readonly rows: AuditRecord[] = [];
  down = false;

  async append(record: AuditRecord): Promise<Result<AuditRecord>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The database is unavailable just now.');
    if (this.rows.some((r) => r.tenantId === record.tenantId && r.id === record.id)) return fail('CONFLICT', 'That audit record already exists.');
    this.rows.push(structuredClone(record));
    return ok(structuredClone(record));
  }

  async list(tenantId: TenantId, query: AuditQuery): Promise<Result<readonly AuditRecord[]>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The database is unavailable just now.');
    return ok(
      this.rows
        .filter((r) => r.tenantId === tenantId && r.at >= query.from && r.at < query.to)
        .sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0))
        .slice(0, query.max)
        .map((r) => structuredClone(r)),
    );
  }

  of(tenantId: TenantId): AuditRecord[] {
    return this.rows.filter((r) => r.tenantId === tenantId);
  }
}

export class FakeOutbox extends FakeStore<OutboxEntry> implements OutboxRepository {
  async listReady(tenantId: TenantId, at: Instant, max: number): Promise<Result<readonly Versioned<OutboxEntry>[]>> {
    const r = await this.query(tenantId, (e) => e.status === 'pending' && e.notBefore <= at);
    return r.ok ? ok(r.value.slice(0, max)) : r;
  }
  async listForReport(tenantId: TenantId, since: Instant): Promise<Result<readonly OutboxRow[]>> {
    const r = await this.query(tenantId, (e) => e.status === 'pending' || e.updatedAt >= since);
    if (!r.ok) return r;
    return ok(
      r.value.map(({ value: e }) => ({ status: e.status, notBefore: e.notBefore, updatedAt: e.updatedAt, ...(e.retries === undefined ? {} : { retries: e.retries }) })),
    );
  }
}

export class FakeOrganisations implements OrganisationRepository {
  readonly rows = new Map<TenantId, Versioned<OrganisationSettings>>();
  down = false;

  async get(tenantId: TenantId): Promise<Result<Versioned<OrganisationSettings> | null>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The database is unavailable just now.');
    const v = this.rows.get(tenantId);
    return ok(v === undefined ? null : structuredClone(v));
  }
  async save(settings: OrganisationSettings, etag?: string): Promise<Result<Versioned<OrganisationSettings>>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The database is unavailable just now.');
    const current = this.rows.get(settings.tenantId);
    if (etag === undefined ? current !== undefined : current?.etag !== etag) return fail('CONFLICT', 'Someone else changed the settings.');
    const v = { value: structuredClone(settings), etag: nextEtag() };
    this.rows.set(settings.tenantId, v);
    return ok(structuredClone(v));
  }
  async listTenants(): Promise<Result<readonly TenantId[]>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The database is unavailable just now.');
    return ok([...this.rows.keys()]);
  }
}

export interface SentNotification {
  readonly tenantId: TenantId;
  readonly recipientId: PersonId;
  readonly message: Notification;
}

/** Records what would be sent; can be told to fail (a failure never undoes the person's action). */
export class RecordingNotifier implements Notifier {
  readonly sent: SentNotification[] = [];
  down = false;
  async notify(tenantId: TenantId, recipientId: PersonId, message: Notification): Promise<Result<void>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The outbox is unavailable.');
    this.sent.push({ tenantId, recipientId, message: structuredClone(message) });
    return ok(undefined);
  }
  to(recipientId: PersonId): SentNotification[] {
    return this.sent.filter((n) => n.recipientId === recipientId);
  }
  clear(): void {
    this.sent.length = 0;
  }
}

/** Conversation references in memory, read-only for the use cases that only look them up (the subject access export). */
export class FakeConversations implements ConversationRepository {
  readonly rows: ConversationRecord[] = [];
  down = false;
  async get(tenantId: TenantId, aadObjectId: string): Promise<Result<Versioned<ConversationRecord> | null>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The database is unavailable just now.');
    const found = this.rows.find((r) => r.tenantId === tenantId && r.aadObjectId === aadObjectId);
    return ok(found === undefined ? null : { value: found, etag: 'fake' });
  }
  async upsert(record: ConversationRecord): Promise<Result<ConversationRecord>> {
    this.rows.push(record);
    return ok(record);
  }
  async replace(): Promise<Result<Versioned<ConversationRecord>>> {
    throw new Error('the subject access export never writes');
  }
}

export class FixedClock implements Clock {
  constructor(private instant: Instant) {}
  now(): Instant {
    return this.instant;
  }
  set(instant: Instant): void {
    this.instant = instant;
  }
}

export class SequentialIds implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = 'id') {}
  next(): string {
    return `${this.prefix}-${++this.n}`;
  }
}

/** Keys by name, made once (deterministic bytes per name, so a test can sign with the same key); `down` fails every call. */
export class FakeSigningKeyStore implements SigningKeyStore {
  private readonly keys = new Map<string, Uint8Array>();
  down = false;
  calls = 0;
  async getOrCreate(name: string): Promise<Result<Uint8Array>> {
    this.calls += 1;
    if (this.down) return fail('STORE_UNAVAILABLE', 'The store is unavailable.');
    let key = this.keys.get(name);
    if (key === undefined) {
      key = new Uint8Array(32).map((_, i) => (i * 31 + name.length * 7 + 1) & 0xff);
      this.keys.set(name, key);
    }
    return ok(key);
  }
}

/** Empty stores for the use cases that start from nothing (the staff import, the reminder sweep). */
export function emptyPorts(now: Instant) {
  return {
    people: new FakePeople(),
    agreements: new FakeAgreements(),
    sessions: new FakeSessions(),
    outbox: new FakeOutbox(),
    concerns: new FakeConcerns(),
    organisations: new FakeOrganisations(),
    clock: new FixedClock(now),
    ids: new SequentialIds(),
  };
}
