/**
 * In-memory implementations of the repository ports for the import and reminder-sweep tests: the
 * same contract as the Cosmos repositories (etag-guarded replace, CONFLICT on a duplicate create or
 * a stale etag, tenant-scoped queries), and a switch to make the store unavailable.
 */
import type { Agreement, OrganisationSettings, Person, Session, TenantId } from '../../src/domain/model';
import { fail, ok, type Result } from '../../src/domain/result';
import type {
  AgreementRepository,
  Clock,
  IdGenerator,
  OrganisationRepository,
  OutboxEntry,
  OutboxRepository,
  PersonRepository,
  SessionRepository,
  Versioned,
} from '../../src/app/ports';

class MemoryStore<T extends { id: string; tenantId: TenantId }> {
  readonly rows = new Map<string, Versioned<T>>();
  private etags = 0;
  /** When set, every call fails with STORE_UNAVAILABLE. */
  down = false;
  writes = 0;

  protected key(tenantId: string, id: string): string {
    return `${tenantId}\u0000${id}`;
  }

  protected guard(): Result<void> {
    return this.down ? fail('STORE_UNAVAILABLE', 'The store is unavailable.') : ok(undefined);
  }

  async get(tenantId: TenantId, id: string): Promise<Result<Versioned<T> | null>> {
    const g = this.guard();
    if (!g.ok) return g;
    return ok(this.rows.get(this.key(tenantId, id)) ?? null);
  }

  async create(record: T): Promise<Result<Versioned<T>>> {
    const g = this.guard();
    if (!g.ok) return g;
    const k = this.key(record.tenantId, record.id);
    if (this.rows.has(k)) return fail('CONFLICT', `${record.id} exists.`);
    const v = { value: structuredClone(record), etag: `e${++this.etags}` };
    this.rows.set(k, v);
    this.writes++;
    return ok(v);
  }

  async replace(record: T, etag: string): Promise<Result<Versioned<T>>> {
    const g = this.guard();
    if (!g.ok) return g;
    const k = this.key(record.tenantId, record.id);
    const current = this.rows.get(k);
    if (!current) return fail('NOT_FOUND', `${record.id} not found.`);
    if (current.etag !== etag) return fail('CONFLICT', `${record.id} changed.`);
    const v = { value: structuredClone(record), etag: `e${++this.etags}` };
    this.rows.set(k, v);
    this.writes++;
    return ok(v);
  }

  protected list(tenantId: TenantId, where: (v: T) => boolean): Result<Versioned<T>[]> {
    const g = this.guard();
    if (!g.ok) return g;
    return ok([...this.rows.values()].filter((v) => v.value.tenantId === tenantId && where(v.value)));
  }

  all(): T[] {
    return [...this.rows.values()].map((v) => v.value);
  }
}

export class MemoryPeople extends MemoryStore<Person> implements PersonRepository {
  async findByAadObjectId(tenantId: TenantId, aadObjectId: string) {
    const r = this.list(tenantId, (p) => p.aadObjectId === aadObjectId);
    return r.ok ? ok(r.value[0] ?? null) : r;
  }
  async findByEmail(tenantId: TenantId, email: string) {
    const r = this.list(tenantId, (p) => p.email === email.toLowerCase());
    return r.ok ? ok(r.value[0] ?? null) : r;
  }
  async listByTenant(tenantId: TenantId) {
    const r = this.list(tenantId, () => true);
    return r.ok ? ok(r.value.map((v) => v.value)) : r;
  }
}

export class MemoryAgreements extends MemoryStore<Agreement> implements AgreementRepository {
  async listForPerson(tenantId: TenantId, personId: string) {
    return this.list(tenantId, (a) => a.superviseeId === personId || a.supervisorId === personId || a.professionalSupervisorId === personId);
  }
  async listDue(tenantId: TenantId, at: string) {
    return this.list(tenantId, (a) => a.status === 'active' && a.summary.nextActionAt !== null && a.summary.nextActionAt <= at);
  }
  async listByTenant(tenantId: TenantId) {
    return this.list(tenantId, () => true);
  }
}

export class MemorySessions extends MemoryStore<Session> implements SessionRepository {
  async listByAgreement(tenantId: TenantId, agreementId: string) {
    return this.list(tenantId, (s) => s.agreementId === agreementId);
  }
}

export class MemoryOutbox extends MemoryStore<OutboxEntry> implements OutboxRepository {
  async listReady(tenantId: TenantId, at: string, max: number) {
    const r = this.list(tenantId, (e) => e.status === 'pending' && e.notBefore <= at);
    return r.ok ? ok(r.value.slice(0, max)) : r;
  }
}

export class MemoryOrganisations implements OrganisationRepository {
  readonly rows = new Map<string, Versioned<OrganisationSettings>>();
  private etags = 0;
  down = false;

  async get(tenantId: TenantId) {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The store is unavailable.');
    return ok(this.rows.get(tenantId) ?? null);
  }
  async save(settings: OrganisationSettings, etag?: string): Promise<Result<Versioned<OrganisationSettings>>> {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The store is unavailable.');
    const current = this.rows.get(settings.tenantId);
    if (etag === undefined ? current !== undefined : current?.etag !== etag) return fail('CONFLICT', 'Settings changed.');
    const v = { value: structuredClone(settings), etag: `o${++this.etags}` };
    this.rows.set(settings.tenantId, v);
    return ok(v);
  }
  async listTenants() {
    if (this.down) return fail('STORE_UNAVAILABLE', 'The store is unavailable.');
    return ok([...this.rows.keys()]);
  }
}

export class FixedClock implements Clock {
  constructor(public at: string) {}
  now(): string {
    return this.at;
  }
}

export class SequentialIds implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = 'id') {}
  next(): string {
    return `${this.prefix}-${++this.n}`;
  }
}

export function memoryPorts(now: string) {
  return {
    people: new MemoryPeople(),
    agreements: new MemoryAgreements(),
    sessions: new MemorySessions(),
    outbox: new MemoryOutbox(),
    organisations: new MemoryOrganisations(),
    clock: new FixedClock(now),
    ids: new SequentialIds(),
  };
}
