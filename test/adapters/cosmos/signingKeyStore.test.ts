import { strict as assert } from 'node:assert';
import { CosmosSigningKeyStore, SIGNING_KEY_TENANT } from '../../../src/adapters/cosmos/signingKeyStore';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { must, removeDir, tempDataDir } from './support';

/** A random source that says which instance made the key. */
const filled = (byte: number) => (bytes: number) => new Uint8Array(bytes).fill(byte);

describe('Cosmos signing keys (embedded server, real SDK)', () => {
  let dir: string;
  let store: CosmosStore;

  before(async () => {
    dir = await tempDataDir('keys');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
  });

  after(async () => {
    await store?.close();
    await removeDir(dir);
  });

  const leases = () => store.database.container('leases');

  it('makes a random 32-byte key on first use, keeps it in the system partition, and every later instance reads the same', async () => {
    const first = must(await new CosmosSigningKeyStore(leases()).getOrCreate('first-use'));
    assert.equal(first.length, 32);
    assert.ok(first.some((b) => b !== 0));
    const { resource } = await leases().item('signing-key.first-use', SIGNING_KEY_TENANT).read<{ key: string; tenantId: string; type: string }>();
    assert.equal(resource?.tenantId, '_system');
    assert.equal(resource?.type, 'signing-key');
    assert.deepEqual(new Uint8Array(Buffer.from(resource!.key, 'base64')), first);
    const later = must(await new CosmosSigningKeyStore(leases(), filled(9)).getOrCreate('first-use'));
    assert.deepEqual(later, first);
    // Another name is another key.
    const other = must(await new CosmosSigningKeyStore(leases()).getOrCreate('another-use'));
    assert.notDeepEqual(other, first);
  });

  it('two instances using a missing key at the same moment end with one key', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const a = new CosmosSigningKeyStore(leases(), filled(1));
      const b = new CosmosSigningKeyStore(leases(), filled(2));
      const [ka, kb] = (await Promise.all([a.getOrCreate(name), b.getOrCreate(name)])).map(must);
      assert.deepEqual(ka, kb, `round ${round}`);
      assert.ok(ka.every((x) => x === ka[0]) && (ka[0] === 1 || ka[0] === 2));
      // And what each instance keeps is what the store keeps.
      assert.deepEqual(must(await new CosmosSigningKeyStore(leases(), filled(3)).getOrCreate(name)), ka);
    }
  });

  it('ten callers at once on one instance get the same key, which is kept in memory after the first read', async () => {
    const keys = new CosmosSigningKeyStore(leases(), filled(7));
    const all = (await Promise.all(Array.from({ length: 10 }, () => keys.getOrCreate('cached')))).map(must);
    for (const k of all) assert.deepEqual(k, all[0]);
    // Gone from the store: this instance still has it; a new one makes a new key.
    await leases().item('signing-key.cached', SIGNING_KEY_TENANT).delete();
    assert.deepEqual(must(await keys.getOrCreate('cached')), all[0]);
    assert.deepEqual(must(await new CosmosSigningKeyStore(leases(), filled(8)).getOrCreate('cached')), new Uint8Array(32).fill(8));
  });

  it('a stored key that is not 32 bytes is refused, not used', async () => {
    await leases().items.create({ id: 'signing-key.short', tenantId: SIGNING_KEY_TENANT, type: 'signing-key', schemaVersion: 1, name: 'short', key: Buffer.alloc(8).toString('base64') });
    const got = await new CosmosSigningKeyStore(leases()).getOrCreate('short');
    assert.ok(!got.ok);
    assert.equal(got.error.code, 'STORE_UNAVAILABLE');
  });
  it('a load that throws (a bug, not an outage) reaches the caller, leaves no unhandled rejection, and the next call asks again', async () => {
    let calls = 0;
    const keys = new CosmosSigningKeyStore(leases(), (bytes) => {
      calls++;
      if (calls === 1) throw new Error('random source failed');
      return new Uint8Array(bytes).fill(5);
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await assert.rejects(keys.getOrCreate('throws-once'), /random source failed/);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(must(await keys.getOrCreate('throws-once')), new Uint8Array(32).fill(5));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
