/**
 * The local store: the embedded Cosmos-compatible server, persisted to a data folder, shared by
 * every process that opens the same folder.
 *
 * Election (see hostLock.ts): the first process to open the folder hosts the server; it loads the
 * snapshot and replays the journal (journal.ts) before anyone may connect, journals every write
 * (its own and its guests') durably before acknowledging it, and compacts the journal into the
 * snapshot on a debounce after writes and on close. Who may be a guest of whom:
 * - a `command` (CLI run) while a `service` (the bot) hosts: guest, over loopback, so its writes go
 *   into the bot's memory and the bot's saves; nothing is loaded twice, nothing saved over.
 * - a `command` while another `command` hosts: waits for it to finish, then hosts (a short-lived
 *   host must not leave a guest without a server).
 * - a `service` while a `command` hosts: waits for it to finish, then hosts.
 * - a `service` while a `service` hosts: refused (one bot per data folder).
 * A guest that outlives its host gets STORE_UNAVAILABLE on its next request (never a silent loss):
 * acceptable for a CLI command, which is short; run it again.
 *
 * A crash (SIGKILL, power loss) loses no acknowledged write: the next host replays the journal over
 * the snapshot. The snapshot file itself is never left half-written.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { CosmosClient, Database } from '@azure/cosmos';
import { fail, ok, type Result } from '../../domain/result';
import { createCosmosClient, ensureDatabase, type CosmosConnection } from './client';
import { storeDefinition } from './definition';
import { startEmbeddedServer, SNAPSHOT_HEADER, EMBEDDED_HOST, type EmbeddedServer } from './embeddedServer';
import {
  hostRecord,
  isProcessAlive,
  readLock,
  releaseLock,
  removeStaleLock,
  tryCreateLock,
  updateLock,
  type HostRecord,
  type Lifetime,
  type LockRead,
} from './hostLock';
import { SaveScheduler } from './saveScheduler';
import { foldJournal, Journal, partitionValue, readJournal, removeSegmentsThrough, segmentFileName, type JournalRead } from './journal';
import { observeChanges } from './embeddedServerChanges';
import { CoherentReadCache, type ReadCache } from './readCache';
import { dumpDatabase, readSnapshotFile, removeLeftoverTempFiles, restoreDatabase, writeSnapshotFile, type Snapshot } from './snapshot';

export interface EmbeddedStoreOptions {
  /** The data folder (the app passes DATA_DIR, default `.data/` at the repo root; tests a temp dir). */
  readonly dataDir: string;
  readonly databaseName?: string;
  /** `service` for the bot, `command` for a CLI run (default). */
  readonly lifetime?: Lifetime;
  /** How long to wait for another host to finish starting, or to finish and leave. */
  readonly waitForHostMs?: number;
  /** Compaction (journal into snapshot) this long after the last write... */
  readonly saveDebounceMs?: number;
  /** ...and no later than this after the first write not yet compacted. */
  readonly saveMaxDelayMs?: number;
  /**
   * false: no journal, writes reach the disk only with the next snapshot, so a crash loses the
   * last seconds of writes (how the store worked before the journal; kept for the benchmark).
   */
  readonly journal?: boolean;
  readonly requestTimeoutMs?: number;
  /** Background save failures (the data stays marked unsaved and is retried). */
  readonly onSaveError?: (error: unknown) => void;
}

export interface CosmosStore {
  readonly client: CosmosClient;
  readonly database: Database;
  readonly endpoint: string;
  /** host: runs the embedded server; guest: uses another process's; account: a real Cosmos DB account. */
  readonly role: 'host' | 'guest' | 'account';
  /** The host's read cache, exact through the server's change hooks (readCache.ts); absent otherwise. */
  readonly readCache?: ReadCache;
  /** Compacts the journal into the snapshot now (host); nothing to do for a guest or an account. */
  flush(): Promise<Result<void>>;
  /** Saves (host), stops accepting requests, releases the data folder, disposes the client. Idempotent. */
  close(): Promise<Result<void>>;
}

const POLL_MS = 100;
const PROBE_TIMEOUT_MS = 1_500;

/** Does something answer HTTPS on the host's port? (Any HTTP status counts: it is alive.) */
export function probeEndpoint(endpoint: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    // Loopback only, to our own server with its self-signed certificate: relaxed on this request alone.
    const req = https.request(endpoint, { method: 'GET', agent: false, rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

type Election =
  | { readonly role: 'host'; readonly record: HostRecord }
  | { readonly role: 'guest'; readonly host: HostRecord }
  | { readonly role: 'refused'; readonly reason: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(record: HostRecord): string {
  return `process ${record.pid} (${record.lifetime === 'service' ? 'the bot' : 'a CLI command'}, since ${record.startedAt})`;
}

async function elect(dataDir: string, lifetime: Lifetime, waitMs: number): Promise<Election> {
  const me = hostRecord(lifetime);
  const deadline = Date.now() + waitMs;
  let lastSeen: LockRead = { kind: 'none' };
  for (;;) {
    if (await tryCreateLock(dataDir, me)) return { role: 'host', record: me };
    const seen = await readLock(dataDir);
    lastSeen = seen;
    if (seen.kind === 'none') continue;
    if (seen.kind === 'malformed') {
      if (!(await removeStaleLock(dataDir, seen))) await sleep(POLL_MS);
      continue;
    }
    const host = seen.record;
    if (host.hostname !== os.hostname()) {
      return { role: 'refused', reason: `the data folder ${dataDir} is in use by ${describe(host)} on another machine (${host.hostname})` };
    }
    if (!isProcessAlive(host.pid)) {
      // false: another process is taking it over right now; look again shortly.
      if (!(await removeStaleLock(dataDir, seen))) await sleep(POLL_MS);
      continue;
    }
    if (host.lifetime === 'service' && host.state === 'ready') {
      if (lifetime === 'service') {
        return { role: 'refused', reason: `the data folder ${dataDir} is already served by ${describe(host)}: one bot per data folder` };
      }
      if (host.port !== undefined && (await probeEndpoint(`https://${EMBEDDED_HOST}:${host.port}`))) return { role: 'guest', host };
    }
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  const host = lastSeen.kind === 'held' ? lastSeen.record : undefined;
  if (host === undefined) return { role: 'refused', reason: `could not take the lock on ${dataDir}` };
  if (host.state === 'ready' && host.lifetime === 'service') {
    return {
      role: 'refused',
      reason: `${describe(host)} holds the data folder ${dataDir} but its store on port ${host.port} does not answer; if that process is not this bot, delete ${dataDir}/host.lock`,
    };
  }
  return { role: 'refused', reason: `the data folder ${dataDir} is busy: ${describe(host)} is ${host.state === 'ready' ? 'using' : host.state} it; try again when it has finished` };
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Result<CosmosStore>> {
  const lifetime = options.lifetime ?? 'command';
  const databaseName = options.databaseName ?? storeDefinition.databaseName;
  let election: Election;
  try {
    await fs.mkdir(options.dataDir, { recursive: true });
    election = await elect(options.dataDir, lifetime, options.waitForHostMs ?? (lifetime === 'service' ? 60_000 : 30_000));
  } catch (error) {
    // e.g. the folder is not writable
    return fail('STORE_UNAVAILABLE', `The local store cannot use the data folder ${options.dataDir}: ${(error as Error).message}.`);
  }
  if (election.role === 'refused') return fail('STORE_UNAVAILABLE', `The local store is not available: ${election.reason}.`);
  if (election.role === 'guest') return openGuest(election.host, databaseName, options);
  return openHost(election.record, databaseName, options);
}

async function openGuest(host: HostRecord, databaseName: string, options: EmbeddedStoreOptions): Promise<Result<CosmosStore>> {
  const endpoint = `https://${EMBEDDED_HOST}:${host.port}`;
  const connection = createCosmosClient({ kind: 'embedded', endpoint, key: host.key ?? '', requestTimeoutMs: options.requestTimeoutMs });
  // The host created everything before it said "ready": only check.
  const database = await ensureDatabase(connection.client, { databaseName, create: false });
  if (!database.ok) {
    connection.dispose();
    return fail(database.error.code, `The local store hosted by process ${host.pid} did not answer: ${database.error.message}`);
  }
  let closed = false;
  return ok({
    client: connection.client,
    database: database.value,
    endpoint,
    role: 'guest',
    flush: async () => ok(undefined),
    close: async () => {
      if (!closed) connection.dispose();
      closed = true;
      return ok(undefined);
    },
  });
}

/** The snapshot and the journal segments it does not cover, as one snapshot to load. */
function withJournal(snapshot: Snapshot | null, journaled: JournalRead, databaseName: string): Snapshot | null {
  if (journaled.entries.length === 0) return snapshot;
  return {
    format: 'supervision-bot/embedded-store',
    version: 1,
    savedAt: snapshot?.savedAt ?? new Date().toISOString(),
    databaseName: snapshot?.databaseName ?? databaseName,
    containers: foldJournal(snapshot?.containers ?? [], journaled.entries),
  };
}

async function openHost(me: HostRecord, databaseName: string, options: EmbeddedStoreOptions): Promise<Result<CosmosStore>> {
  const { dataDir } = options;
  let server: EmbeddedServer | undefined;
  let app: CosmosConnection | undefined;
  let snapshotClient: CosmosConnection | undefined;
  let scheduler: SaveScheduler | undefined;
  let journal: Journal | undefined;
  try {
    await removeLeftoverTempFiles(dataDir);
    let snapshot: Snapshot | null;
    try {
      snapshot = await readSnapshotFile(dataDir);
    } catch (error) {
      await releaseLock(dataDir, me.instanceId);
      return fail(
        'STORE_UNAVAILABLE',
        `The local store's snapshot ${dataDir}/store.json cannot be read (${(error as Error).message}); it was left untouched: move it away to start empty.`,
      );
    }
    let journaled: JournalRead;
    try {
      journaled = await readJournal(dataDir, snapshot?.journalThrough ?? 0);
    } catch (error) {
      await releaseLock(dataDir, me.instanceId);
      return fail(
        'STORE_UNAVAILABLE',
        `The local store's journal in ${dataDir} cannot be read (${(error as Error).message}); it was left untouched: the writes it holds are not in store.json.`,
      );
    }
    server = await startEmbeddedServer({ onWrite: () => scheduler?.markDirty() });
    const key = randomBytes(32).toString('base64');
    app = createCosmosClient({ kind: 'embedded', endpoint: server.endpoint, key, requestTimeoutMs: options.requestTimeoutMs });
    snapshotClient = createCosmosClient({
      kind: 'embedded',
      endpoint: server.endpoint,
      key,
      requestTimeoutMs: options.requestTimeoutMs,
      defaultHeaders: { [SNAPSHOT_HEADER]: me.instanceId },
    });
    const database = await ensureDatabase(app.client, { databaseName, create: true });
    if (!database.ok) throw new Error(database.error.message);
    const snapshotDatabase = snapshotClient.client.database(databaseName);
    const loaded = withJournal(snapshot, journaled, databaseName);
    if (loaded !== null) await restoreDatabase(snapshotDatabase, loaded);

    // Segments up to this one are in the snapshot or were just replayed; new writes go after it.
    let covered = journaled.lastSegment;
    if (options.journal !== false) {
      journal = Journal.open(dataDir, covered + 1);
      server.attachJournal(journal, databaseName);
    }
    const activeJournal = journal;
    const save = async () => {
      // Seal the segment first: everything in it is applied, so the dump below includes it.
      const through = activeJournal === undefined ? covered : await activeJournal.rotate();
      await writeSnapshotFile(dataDir, { ...(await dumpDatabase(snapshotDatabase)), journalThrough: through });
      covered = through;
      await removeSegmentsThrough(dataDir, through);
    };
    scheduler = new SaveScheduler(save, {
      debounceMs: options.saveDebounceMs ?? 5_000,
      maxDelayMs: options.saveMaxDelayMs ?? 60_000,
      onError: options.onSaveError,
    });
    // A replayed journal is compacted soon, so the next start has less to read.
    if (journaled.segments > 0) scheduler.markDirty();
    // From here every change the server makes voids what the cache kept of its partition.
    const readCache = new CoherentReadCache(undefined, () => activeJournal?.failure === undefined);
    const stopCaching = observeChanges(server.port, (name, entry) => {
      if (name !== databaseName) return;
      if ('drop' in entry) readCache.dropped();
      else readCache.changed(entry.c, 'put' in entry ? partitionValue(entry.put, entry.k) : entry.del.pk);
    });
    const ready: HostRecord = { ...me, state: 'ready', port: server.port, key };
    await updateLock(dataDir, ready);

    const started = { server, app, snapshotClient, scheduler };
    let closing: Promise<Result<void>> | undefined;
    const close = async (): Promise<Result<void>> => {
      readCache.disable();
      stopCaching();
      started.scheduler.stop();
      let result: Result<void> = ok(undefined);
      try {
        await updateLock(dataDir, { ...ready, state: 'closing' });
        await started.server.beginClosing(me.instanceId);
        await started.scheduler.flush();
        if (activeJournal !== undefined) {
          // Nothing was written since the flush (the server refuses all but our reads): the last
          // segment is empty, and the snapshot holds everything.
          const last = await activeJournal.close();
          if (last.empty) await fs.rm(path.join(dataDir, segmentFileName(last.segment)), { force: true });
        }
      } catch (error) {
        result = fail('STORE_UNAVAILABLE', `The local store could not be saved on close: ${(error as Error).message}`);
      }
      started.app.dispose();
      started.snapshotClient.dispose();
      await started.server.close();
      await releaseLock(dataDir, me.instanceId);
      return result;
    };
    return ok({
      client: app.client,
      database: database.value,
      endpoint: server.endpoint,
      role: 'host',
      readCache,
      flush: async () => {
        try {
          await started.scheduler.flush();
          return ok(undefined);
        } catch (error) {
          return fail('STORE_UNAVAILABLE', `The local store could not be saved: ${(error as Error).message}`);
        }
      },
      close: () => (closing ??= close()),
    });
  } catch (error) {
    scheduler?.stop();
    await journal?.close().catch(() => undefined);
    app?.dispose();
    snapshotClient?.dispose();
    await server?.close();
    await releaseLock(dataDir, me.instanceId);
    return fail('STORE_UNAVAILABLE', `The local store could not start: ${(error as Error).message}`);
  }
}
