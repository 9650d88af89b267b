/**
 * Signing keys on the `leases` container, in the reserved system partition the leases use (no
 * organisation's data, so no tenant's query or export ever meets them). One document per key name,
 * created with create-if-absent: of two instances making the first key at once, the second create
 * gets 409 and both then use the key that was stored first. A key read once is kept in memory for
 * the life of the process (keys are never rotated in place).
 */
import { randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { SigningKeyStore } from '../../app/ports';
import { fail, ok, type Result } from '../../domain/result';
import type { RecordKind } from './documents';
import { LEASE_TENANT } from './leaseStore';
import { CosmosRecords } from './versionedContainer';

/** Keys live beside the leases, in the partition of no organisation. */
export const SIGNING_KEY_TENANT = LEASE_TENANT;
export const SIGNING_KEY_BYTES = 32;

interface SigningKeyRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** base64 of SIGNING_KEY_BYTES random bytes. */
  readonly key: string;
}

const SIGNING_KEY: RecordKind<SigningKeyRecord> = { type: 'signing-key', what: 'signing key', idOf: (k) => k.id };

const documentId = (name: string) => `signing-key.${name}`;

/** Create then read: a create that lost the race reads the winner's key; the read cannot miss it twice. */
const ATTEMPTS = 3;

export class CosmosSigningKeyStore implements SigningKeyStore {
  private readonly records: CosmosRecords<SigningKeyRecord>;
  private readonly cache = new Map<string, Promise<Result<Uint8Array>>>();

  constructor(
    container: Container,
    /** Where a new key's bytes come from (a test may pin them). */
    private readonly random: (bytes: number) => Uint8Array = (bytes) => randomBytes(bytes),
  ) {
    this.records = new CosmosRecords(container, SIGNING_KEY);
  }

  getOrCreate(name: string): Promise<Result<Uint8Array>> {
    let pending = this.cache.get(name);
    if (pending === undefined) {
      pending = this.load(name);
      this.cache.set(name, pending);
      // Only a key is kept: after a failure (the store was down, or a bug threw) the next call asks
      // the store again. The rejection itself still reaches the caller through `pending`.
      const forget = () => {
        if (this.cache.get(name) === pending) this.cache.delete(name);
      };
      void pending.then((result) => {
        if (!result.ok) forget();
      }, forget);
    }
    return pending;
  }

  private async load(name: string): Promise<Result<Uint8Array>> {
    const id = documentId(name);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const found = await this.records.read(SIGNING_KEY_TENANT, id);
      if (!found.ok) return found;
      if (found.value !== null) return decode(found.value.value);
      const key = this.random(SIGNING_KEY_BYTES);
      const created = await this.records.create({ id, tenantId: SIGNING_KEY_TENANT, name, key: Buffer.from(key).toString('base64') });
      if (created.ok) return decode(created.value.value);
      if (created.error.code !== 'CONFLICT') return created;
      // Another instance stored its key first: read it on the next turn of the loop.
    }
    return fail('CONFLICT', 'The signing key could not be read or created. Try again.');
  }
}

function decode(record: SigningKeyRecord): Result<Uint8Array> {
  const bytes = typeof record.key === 'string' ? Buffer.from(record.key, 'base64') : Buffer.alloc(0);
  if (bytes.length !== SIGNING_KEY_BYTES) return fail('STORE_UNAVAILABLE', 'The stored signing key is not a usable key.');
  return ok(new Uint8Array(bytes));
}
