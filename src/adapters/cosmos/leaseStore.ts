/**
 * Leases for work only one instance may do at a time (the scheduler's reminder tick), on the
 * `leases` container. The expiry is a field compared with `now`: TTL never expires anything on the
 * embedded server, and a lease must not depend on when a background purge runs anyway. Every change
 * is ETag-guarded, so of two instances racing for a free or expired lease exactly one wins.
 */
import type { Container } from '@azure/cosmos';
import { DateTime } from 'luxon';
import type { Lease, LeaseOutcome, LeaseStore, Versioned } from '../../app/ports';
import type { Instant } from '../../domain/model';
import { fail, ok, type Result } from '../../domain/result';
import type { RecordKind } from './documents';
import { CosmosRecords } from './versionedContainer';

/** Leases are not any organisation's data: they live in a partition of their own. */
export const LEASE_TENANT = '_system';

interface LeaseRecord extends Lease {
  readonly id: string;
  readonly tenantId: string;
}

const LEASE: RecordKind<LeaseRecord> = { type: 'lease', what: 'lease', idOf: (l) => l.id };

const millis = (instant: Instant) => DateTime.fromISO(instant, { setZone: true }).toMillis();

function toLease(record: LeaseRecord): Lease {
  return { name: record.name, holder: record.holder, acquiredAt: record.acquiredAt, expiresAt: record.expiresAt };
}

export class CosmosLeaseStore implements LeaseStore {
  private readonly records: CosmosRecords<LeaseRecord>;

  constructor(container: Container) {
    this.records = new CosmosRecords(container, LEASE);
  }

  async tryAcquire(name: string, holder: string, now: Instant, ttlMs: number): Promise<Result<LeaseOutcome>> {
    const start = DateTime.fromISO(now, { setZone: true });
    if (!start.isValid) return fail('INVALID_DATE', `"${now}" is not a valid instant.`, 'now');
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) return fail('INVALID_INPUT', 'ttlMs must be a positive number.', 'ttlMs');
    const nowIso = start.toUTC().toISO() as string;
    const expiresAt = start.plus({ milliseconds: ttlMs }).toUTC().toISO() as string;

    const current = await this.records.read(LEASE_TENANT, name);
    if (!current.ok) return current;
    if (current.value === null) {
      const created = await this.records.create({ id: name, tenantId: LEASE_TENANT, name, holder, acquiredAt: nowIso, expiresAt });
      if (created.ok) return ok({ acquired: true, lease: toLease(created.value.value) });
      return created.error.code === 'CONFLICT' ? this.heldByWhoever(name) : created;
    }
    const lease = current.value.value;
    const ours = lease.holder === holder;
    if (!ours && millis(lease.expiresAt) > start.toMillis()) {
      return ok({ acquired: false, heldBy: lease.holder, expiresAt: lease.expiresAt });
    }
    return this.write(current.value, { ...lease, holder, acquiredAt: ours ? lease.acquiredAt : nowIso, expiresAt }, name);
  }

  /** The same as tryAcquire by the holder: extends the lease, or reports who took it after it lapsed. */
  renew(name: string, holder: string, now: Instant, ttlMs: number): Promise<Result<LeaseOutcome>> {
    return this.tryAcquire(name, holder, now, ttlMs);
  }

  async release(name: string, holder: string, now: Instant): Promise<Result<boolean>> {
    const at = DateTime.fromISO(now, { setZone: true });
    if (!at.isValid) return fail('INVALID_DATE', `"${now}" is not a valid instant.`, 'now');
    const current = await this.records.read(LEASE_TENANT, name);
    if (!current.ok) return current;
    if (current.value === null || current.value.value.holder !== holder) return ok(false);
    const released = await this.records.replace({ ...current.value.value, expiresAt: at.toUTC().toISO() as string }, current.value.etag);
    if (released.ok) return ok(true);
    return released.error.code === 'CONFLICT' ? ok(false) : released;
  }

  private async write(current: Versioned<LeaseRecord>, next: LeaseRecord, name: string): Promise<Result<LeaseOutcome>> {
    const written = await this.records.replace(next, current.etag);
    if (written.ok) return ok({ acquired: true, lease: toLease(written.value.value) });
    // Someone else changed it between our read and write: they won.
    return written.error.code === 'CONFLICT' ? this.heldByWhoever(name) : written;
  }

  private async heldByWhoever(name: string): Promise<Result<LeaseOutcome>> {
    const now = await this.records.read(LEASE_TENANT, name);
    if (!now.ok) return now;
    if (now.value === null) return fail('CONFLICT', 'The lease changed while it was being taken. Try again.');
    return ok({ acquired: false, heldBy: now.value.value.holder, expiresAt: now.value.value.expiresAt });
  }
}
