/**
 * Which process hosts the embedded server for a data folder. One lock file in the folder records the
 * host ({pid, port, key, state}); the bot and the CLI both go through it, so a CLI command run while
 * the bot is up talks to the bot's server instead of loading its own copy (two copies would each
 * save over the other's writes).
 *
 * - The lock is created complete and atomically: written to a temp file, then hard-linked to its
 *   name (link fails if the name exists), so a reader never sees a half-written lock.
 * - Updates (starting -> ready -> closing) replace it by rename, also atomic.
 * - A lock whose process is dead is stale: it is removed under a short-lived takeover mutex, after
 *   checking it is still the same stale lock (two processes racing to take over cannot remove a
 *   lock someone else has just created).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'host.lock';
const TAKEOVER_FILE = 'host.lock.takeover';
/** A takeover mutex older than this was left by a crash in the middle of a takeover. */
const TAKEOVER_STALE_MS = 10_000;

export type HostState = 'starting' | 'ready' | 'closing';
/** `service`: the bot, long-lived; `command`: a CLI run, short-lived. */
export type Lifetime = 'service' | 'command';

export interface HostRecord {
  readonly pid: number;
  readonly hostname: string;
  /** Distinguishes two hosts that had the same pid (after a reboot or pid reuse). */
  readonly instanceId: string;
  readonly state: HostState;
  readonly lifetime: Lifetime;
  readonly startedAt: string;
  readonly port?: number;
  /** The key clients present (the embedded server accepts any; kept so the lock is all a guest needs). */
  readonly key?: string;
}

export function newInstanceId(): string {
  return randomBytes(12).toString('hex');
}

export function hostRecord(lifetime: Lifetime): HostRecord {
  return {
    pid: process.pid,
    hostname: os.hostname(),
    instanceId: newInstanceId(),
    state: 'starting',
    lifetime,
    startedAt: new Date().toISOString(),
  };
}

const lockPath = (dataDir: string) => path.join(dataDir, LOCK_FILE);

async function writeTemp(dataDir: string, record: HostRecord): Promise<string> {
  const temp = path.join(dataDir, `${LOCK_FILE}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(record), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** true: the lock is ours. false: someone holds it. */
export async function tryCreateLock(dataDir: string, record: HostRecord): Promise<boolean> {
  const temp = await writeTemp(dataDir, record);
  try {
    await fs.link(temp, lockPath(dataDir));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

export type LockRead = { readonly kind: 'none' } | { readonly kind: 'held'; readonly record: HostRecord } | { readonly kind: 'malformed'; readonly text: string };

export async function readLock(dataDir: string): Promise<LockRead> {
  let text: string;
  try {
    text = await fs.readFile(lockPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  try {
    const record = JSON.parse(text) as HostRecord;
    if (typeof record.pid !== 'number' || typeof record.instanceId !== 'string' || typeof record.state !== 'string') {
      return { kind: 'malformed', text };
    }
    return { kind: 'held', record };
  } catch {
    return { kind: 'malformed', text };
  }
}

/** Replaces our own lock with a new state. */
export async function updateLock(dataDir: string, record: HostRecord): Promise<void> {
  const temp = await writeTemp(dataDir, record);
  try {
    await fs.rename(temp, lockPath(dataDir));
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Removes the lock only if it is still ours. */
export async function releaseLock(dataDir: string, instanceId: string): Promise<void> {
  const current = await readLock(dataDir);
  if (current.kind === 'held' && current.record.instanceId === instanceId) {
    await fs.rm(lockPath(dataDir), { force: true });
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `seen` (a lock judged stale) if it is still what the lock file holds. Returns false when
 * another process is mid-takeover (the caller simply looks again).
 */
export async function removeStaleLock(dataDir: string, seen: LockRead): Promise<boolean> {
  const mutex = path.join(dataDir, TAKEOVER_FILE);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(mutex, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const stat = await fs.stat(mutex).catch(() => undefined);
    if (stat !== undefined && Date.now() - stat.mtimeMs > TAKEOVER_STALE_MS) await fs.rm(mutex, { force: true });
    return false;
  }
  try {
    await handle.close();
    const now = await readLock(dataDir);
    const same =
      (now.kind === 'held' && seen.kind === 'held' && now.record.instanceId === seen.record.instanceId) ||
      (now.kind === 'malformed' && seen.kind === 'malformed' && now.text === seen.text);
    if (same) await fs.rm(lockPath(dataDir), { force: true });
    return same;
  } finally {
    await fs.rm(mutex, { force: true });
  }
}
