/**
 * The embedded store's snapshot: every container's documents, read and reloaded through the SDK
 * (so the file format does not depend on the server's internals), written to one JSON file
 * atomically (temp file, fsync, rename, fsync the folder): a crash at any point leaves either the
 * previous snapshot or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Database, JSONObject, OperationInput } from '@azure/cosmos';
import { storeDefinition, toContainerDefinition, type StoreDefinition } from './definition';

export const SNAPSHOT_FILE = 'store.json';
const FORMAT = 'supervision-bot/embedded-store';
const VERSION = 1;

/** Assigned by the server on every write; a reload assigns new ones (so etags change: harmless). */
const SYSTEM_FIELDS = ['_rid', '_self', '_ts', '_etag', '_attachments'] as const;

export type StoredDocument = Record<string, unknown> & { readonly id: string };

export interface ContainerSnapshot {
  readonly name: string;
  readonly partitionKeyPath: string;
  readonly documents: readonly StoredDocument[];
}

export interface Snapshot {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly savedAt: string;
  readonly databaseName: string;
  /** The last journal segment this snapshot includes (journal.ts); absent in snapshots saved without one. */
  readonly journalThrough?: number;
  readonly containers: readonly ContainerSnapshot[];
}

export function stripSystemFields(doc: Record<string, unknown>): StoredDocument {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy as StoredDocument;
}

/** Reads every container of the database (the one cross-partition read we do: it copies all tenants). */
export async function dumpDatabase(database: Database): Promise<Snapshot> {
  const { resources: containers } = await database.containers.readAll().fetchAll();
  const result: ContainerSnapshot[] = [];
  for (const c of [...containers].sort((a, b) => a.id.localeCompare(b.id))) {
    const { resources } = await database
      .container(c.id)
      .items.query<Record<string, unknown>>('SELECT * FROM c', { maxItemCount: -1 })
      .fetchAll();
    result.push({
      name: c.id,
      partitionKeyPath: c.partitionKey?.paths?.[0] ?? '/id',
      documents: resources.map(stripSystemFields),
    });
  }
  return { format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), databaseName: database.id, containers: result };
}

function valueAt(doc: Record<string, unknown>, keyPath: string): unknown {
  let value: unknown = doc;
  for (const key of keyPath.split('/').filter((k) => k !== '')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/**
 * Up to this many documents a container is reloaded by concurrent single upserts; above it, by one
 * bulk call (FACTS: 20,000 documents in ~2 s; sequential 1,000-document chunks took ten times
 * longer). A bulk call never takes less than about a second (the SDK flushes its last partial batch
 * on a 1 s timer), which would make every restart of a small store slow.
 */
export const BULK_THRESHOLD = 1_000;
const UPSERT_CONCURRENCY = 32;

/**
 * Loads a snapshot into the (fresh) database, all containers at once. Containers come from
 * containers.json when known, else from the partition key the snapshot recorded.
 */
export async function restoreDatabase(database: Database, snapshot: Snapshot, definition: StoreDefinition = storeDefinition): Promise<number> {
  const counts = await Promise.all(
    snapshot.containers.map(async (saved) => {
      const spec = definition.containers.find((c) => c.name === saved.name);
      const { container } = await database.containers.createIfNotExists(toContainerDefinition(spec ?? saved));
      const docs = saved.documents;
      if (docs.length > BULK_THRESHOLD) {
        const operations: OperationInput[] = docs.map((doc) => ({
          operationType: 'Upsert',
          partitionKey: valueAt(doc, saved.partitionKeyPath) as string,
          resourceBody: doc as JSONObject,
        }));
        const results = await container.items.executeBulkOperations(operations);
        const failed = results.filter((r) => r.error !== undefined || (r.response !== undefined && r.response.statusCode >= 300));
        if (failed.length > 0) {
          throw new Error(`reloading the snapshot failed for ${failed.length} of ${operations.length} documents in "${saved.name}"`);
        }
      } else {
        let next = 0;
        const worker = async () => {
          while (next < docs.length) {
            const doc = docs[next];
            next += 1;
            await container.items.upsert(doc);
          }
        };
        await Promise.all(Array.from({ length: Math.min(UPSERT_CONCURRENCY, docs.length) }, worker));
      }
      return docs.length;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** One document per line: still one JSON value, but readable and diffable. */
export function serializeSnapshot(snapshot: Snapshot): string {
  const containers = snapshot.containers.map((c) => {
    const docs = c.documents.map((d) => JSON.stringify(d)).join(',\n');
    return `{"name":${JSON.stringify(c.name)},"partitionKeyPath":${JSON.stringify(c.partitionKeyPath)},"documents":[${docs.length > 0 ? `\n${docs}\n` : ''}]}`;
  });
  return (
    `{"format":${JSON.stringify(snapshot.format)},"version":${snapshot.version},"savedAt":${JSON.stringify(snapshot.savedAt)},` +
    `"databaseName":${JSON.stringify(snapshot.databaseName)},` +
    (snapshot.journalThrough === undefined ? '' : `"journalThrough":${snapshot.journalThrough},`) +
    `"containers":[\n${containers.join(',\n')}\n]}\n`
  );
}

export function parseSnapshot(text: string): Snapshot {
  const value = JSON.parse(text) as Partial<Snapshot>;
  if (value.format !== FORMAT || value.version !== VERSION || !Array.isArray(value.containers)) {
    throw new Error(`not a ${FORMAT} v${VERSION} file`);
  }
  if (value.journalThrough !== undefined && !Number.isSafeInteger(value.journalThrough)) throw new Error('its journalThrough is not a whole number');
  for (const c of value.containers) {
    if (typeof c?.name !== 'string' || typeof c.partitionKeyPath !== 'string' || !Array.isArray(c.documents)) {
      throw new Error('a container entry is malformed');
    }
  }
  return value as Snapshot;
}

export interface AtomicWriteHooks {
  /** Test seam: runs after the temp file is written and synced, before the rename. */
  readonly beforeRename?: (tempPath: string) => Promise<void> | void;
}

/** Writes `data` to `filePath` so that readers see the old content or the new, never a mix. */
export async function writeFileAtomic(filePath: string, data: string, hooks: AtomicWriteHooks = {}): Promise<void> {
  const dir = path.dirname(filePath);
  const temp = path.join(dir, `${path.basename(filePath)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await hooks.beforeRename?.(temp);
    await fs.rename(temp, filePath);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes a rename, create or unlink in `dir` durable. Not possible on every platform (Windows): best effort. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function writeSnapshotFile(dataDir: string, snapshot: Snapshot, hooks?: AtomicWriteHooks): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  await writeFileAtomic(path.join(dataDir, SNAPSHOT_FILE), serializeSnapshot(snapshot), hooks);
}

/** null when there is no snapshot yet; throws with the reason when the file cannot be used. */
export async function readSnapshotFile(dataDir: string): Promise<Snapshot | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, SNAPSHOT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseSnapshot(text);
}

/** Temp files a crashed save left behind. Only the host calls this, while it holds the lock. */
export async function removeLeftoverTempFiles(dataDir: string): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dataDir);
  } catch {
    return 0;
  }
  const leftovers = names.filter((n) => n.startsWith(`${SNAPSHOT_FILE}.tmp-`));
  await Promise.all(leftovers.map((n) => fs.rm(path.join(dataDir, n), { force: true })));
  return leftovers.length;
}
