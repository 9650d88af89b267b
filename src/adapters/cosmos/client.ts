/**
 * One way to build the @azure/cosmos client, for a real account and for the embedded server.
 *
 * - A real account: the account key, or Microsoft Entra auth through @azure/identity when there is
 *   no key (the managed identity named by its client id, else DefaultAzureCredential's chain).
 * - The embedded server on loopback: its certificate is self-signed and expired, so certificate
 *   checks are relaxed on this client's own https.Agent only (never NODE_TLS_REJECT_UNAUTHORIZED);
 *   keep-alive (the server's default `Connection: close` makes writes 3-4x slower); endpoint
 *   discovery off (it has no regions; discovery adds account reads and a 5-minute timer).
 */
import https from 'node:https';
import { CosmosClient, type CosmosClientOptions, type Database } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { fail, ok, type Result } from '../../domain/result';
import { classify } from './errors';
import { storeDefinition, toContainerDefinition, type StoreDefinition } from './definition';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export type CosmosClientConfig =
  | {
      readonly kind: 'account';
      readonly endpoint: string;
      /** Absent: Microsoft Entra auth. */
      readonly key?: string;
      /** A user-assigned managed identity's client id; absent: DefaultAzureCredential. */
      readonly managedIdentityClientId?: string;
      /** For tests: a credential to use instead of the ones above. */
      readonly credential?: TokenCredential;
      readonly requestTimeoutMs?: number;
    }
  | {
      readonly kind: 'embedded';
      /** `https://127.0.0.1:<port>`: the same literal host the server listens on. */
      readonly endpoint: string;
      readonly key: string;
      readonly requestTimeoutMs?: number;
      /** Sent with every request (the host's snapshot client identifies itself this way). */
      readonly defaultHeaders?: Readonly<Record<string, string>>;
    };

export interface CosmosConnection {
  readonly client: CosmosClient;
  /** Stops the client's timers and closes its sockets. Call once on shutdown. */
  dispose(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]']);

export function createCosmosClient(config: CosmosClientConfig): CosmosConnection {
  const timeout = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (config.kind === 'embedded') {
    const url = new URL(config.endpoint);
    // Relaxed certificate checks are only ever acceptable for our own server on this machine.
    if (url.protocol !== 'https:' || !LOOPBACK.has(url.hostname)) {
      throw new Error(`The embedded store's endpoint must be https on a loopback literal, got ${url.origin}`);
    }
    const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
    const options: CosmosClientOptions = {
      endpoint: config.endpoint,
      key: config.key,
      agent,
      connectionPolicy: { enableEndpointDiscovery: false, requestTimeout: timeout },
      ...(config.defaultHeaders === undefined ? {} : { defaultHeaders: { ...config.defaultHeaders } }),
    };
    const client = new CosmosClient(options);
    return {
      client,
      dispose: () => {
        client.dispose();
        agent.destroy();
      },
    };
  }
  const auth: Pick<CosmosClientOptions, 'key' | 'aadCredentials'> =
    config.key !== undefined ? { key: config.key } : { aadCredentials: config.credential ?? entraCredential(config.managedIdentityClientId) };
  const client = new CosmosClient({
    endpoint: config.endpoint,
    ...auth,
    connectionPolicy: { requestTimeout: timeout },
  });
  return { client, dispose: () => client.dispose() };
}

/** Loaded only when used: the local store and key auth never need @azure/identity. */
function entraCredential(managedIdentityClientId: string | undefined): TokenCredential {
  const identity = require('@azure/identity') as typeof import('@azure/identity');
  return managedIdentityClientId !== undefined
    ? new identity.ManagedIdentityCredential({ clientId: managedIdentityClientId })
    : new identity.DefaultAzureCredential();
}

export interface EnsureOptions {
  readonly databaseName?: string;
  readonly definition?: StoreDefinition;
  /**
   * Create what is missing (key auth, the embedded server). With Entra auth the data-plane role
   * cannot create databases or containers (the infra does): then only check they exist.
   */
  readonly create: boolean;
}

/** The database with every container of containers.json, created if asked and missing. */
export async function ensureDatabase(client: CosmosClient, options: EnsureOptions): Promise<Result<Database>> {
  const definition = options.definition ?? storeDefinition;
  const databaseName = options.databaseName ?? definition.databaseName;
  try {
    if (options.create) {
      const { database } = await client.databases.createIfNotExists({ id: databaseName });
      for (const spec of definition.containers) {
        await database.containers.createIfNotExists(toContainerDefinition(spec));
      }
      return ok(database);
    }
    const database = client.database(databaseName);
    const missing: string[] = [];
    const db = await database.read();
    if (db.statusCode === 404) {
      return fail('STORE_UNAVAILABLE', `The Cosmos DB database "${databaseName}" does not exist: deploy infra/ first.`);
    }
    for (const spec of definition.containers) {
      const c = await database.container(spec.name).read();
      if (c.statusCode === 404) missing.push(spec.name);
    }
    if (missing.length > 0) {
      return fail('STORE_UNAVAILABLE', `The Cosmos DB database "${databaseName}" lacks the containers ${missing.join(', ')}: deploy infra/ first.`);
    }
    return ok(database);
  } catch (error) {
    const kind = classify(error);
    if (kind === 'not-found') {
      return fail('STORE_UNAVAILABLE', `The Cosmos DB database "${databaseName}" or one of its containers does not exist: deploy infra/ first.`);
    }
    const status = (error as { code?: unknown }).code;
    return fail('STORE_UNAVAILABLE', `Could not open the Cosmos DB database "${databaseName}" (${typeof status === 'number' || typeof status === 'string' ? status : 'no answer'}).`);
  }
}
