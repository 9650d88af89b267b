/**
 * `openStore`: the one entry point main and the CLI use to reach the database, whichever it is.
 * - `embedded` (no COSMOS_ENDPOINT): the local store of embeddedStore.ts, hosted or joined.
 * - `cosmos`: a real account, by key or Microsoft Entra auth.
 * The shapes match `StoreConfig` in src/config.ts, so `openStore({ ...config.store, lifetime })` works.
 */
import type { TokenCredential } from '@azure/identity';
import { fail, ok, type Result } from '../../domain/result';
import { createCosmosClient, ensureDatabase } from './client';
import { storeDefinition } from './definition';
import { openEmbeddedStore, type CosmosStore, type EmbeddedStoreOptions } from './embeddedStore';
import type { Lifetime } from './hostLock';

export type { CosmosStore } from './embeddedStore';

export type OpenStoreOptions =
  | ({ readonly kind: 'embedded' } & EmbeddedStoreOptions)
  | {
      readonly kind: 'cosmos';
      readonly endpoint: string;
      readonly databaseName?: string;
      readonly key?: string;
      readonly managedIdentityClientId?: string;
      readonly credential?: TokenCredential;
      readonly requestTimeoutMs?: number;
      /** Accepted so callers can pass one shape for both kinds; a real account has no host to elect. */
      readonly lifetime?: Lifetime;
    };

export async function openStore(options: OpenStoreOptions): Promise<Result<CosmosStore>> {
  if (options.kind === 'embedded') return openEmbeddedStore(options);
  const connection = createCosmosClient({
    kind: 'account',
    endpoint: options.endpoint,
    key: options.key,
    managedIdentityClientId: options.managedIdentityClientId,
    credential: options.credential,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  // With a key we may create what is missing; the Entra data-plane role cannot (infra/ does).
  const database = await ensureDatabase(connection.client, {
    databaseName: options.databaseName ?? storeDefinition.databaseName,
    create: options.key !== undefined,
  });
  if (!database.ok) {
    connection.dispose();
    return fail(database.error.code, database.error.message);
  }
  let closed = false;
  return ok({
    client: connection.client,
    database: database.value,
    endpoint: options.endpoint,
    role: 'account',
    flush: async () => ok(undefined),
    close: async () => {
      if (!closed) connection.dispose();
      closed = true;
      return ok(undefined);
    },
  });
}
