/**
 * The embedded store's write-ahead journal: every document write the server applies is appended,
 * in the order the server applied it, to `journal.<n>.ndjson` beside the snapshot, and made durable
 * (written with O_DSYNC, or fdatasync'd) before the server answers the request. So a write the SDK saw succeed
 * survives `kill -9` or a power cut, not only a clean exit.
 *
 * - One JSON line per change, holding the document's whole new state (or its deletion), never a
 *   delta: replaying any tail of the journal over a snapshot taken at or after the tail's start gives
 *   the latest state of every document.
 * - Group commit: writes that arrive while a sync is under way go to disk together in the next one.
 * - Segments: compaction seals the current segment and opens the next, dumps the database into the
 *   snapshot (which records the last sealed segment as `journalThrough`), then deletes the sealed
 *   segments. Replay skips segments the snapshot already covers.
 * - A line cut short by a crash (no newline at its end) is the last line of its segment: ignored.
 *   A complete line that does not parse is damage the journal cannot explain: the store refuses to
 *   start rather than guess.
 */
import { promises as fsp } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { syncDirectory, type StoredDocument } from './snapshot';

const SEGMENT_PATTERN = /^journal\.(\d+)\.ndjson$/;

export function segmentFileName(segment: number): string {
  return `journal.${segment}.ndjson`;
}

/** A partition key value as the store compares it (Cosmos partition keys are JSON scalars). */
export type PartitionValue = string | number | boolean | null;

/**
 * One journal line. `c`: the container; `k`: its partition key path (so a container created at run
 * time can be recreated on replay).
 */
export type JournalEntry =
  | { readonly c: string; readonly k: string; readonly put: StoredDocument }
  | { readonly c: string; readonly k: string; readonly del: { readonly id: string; readonly pk: PartitionValue } }
  | { readonly c: string; readonly drop: true };

/** The value at a partition key path ("/tenantId", "/a/b"); null when absent. */
export function partitionValue(doc: Record<string, unknown>, keyPath: string): PartitionValue {
  let value: unknown = doc;
  for (const key of keyPath.split('/').filter((k) => k !== '')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value === undefined || (typeof value === 'object' && value !== null) ? null : (value as PartitionValue);
}

/** Identity of a document within its container. */
export function documentKey(pk: PartitionValue, id: string): string {
  return JSON.stringify([pk, id]);
}

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.c !== 'string') return false;
  if (v.drop === true) return true;
  if (typeof v.k !== 'string') return false;
  if (typeof v.put === 'object' && v.put !== null) return typeof (v.put as Record<string, unknown>).id === 'string';
  if (typeof v.del === 'object' && v.del !== null) return typeof (v.del as Record<string, unknown>).id === 'string';
  return false;
}

export interface JournalRead {
  /** Entries of every segment after `journalThrough`, oldest first. */
  readonly entries: readonly JournalEntry[];
  /** The highest segment number on disk (or `journalThrough` when higher): the next one is this + 1. */
  readonly lastSegment: number;
  /** Segments read (those not covered by the snapshot). */
  readonly segments: number;
  /** Lines cut short by a crash, ignored (at most one per segment). */
  readonly tornLines: number;
}

/** Segment numbers present in the data folder, ascending. */
export async function listSegments(dataDir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((n) => SEGMENT_PATTERN.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** Parses one segment's text; throws with the line number on a complete line that is not an entry. */
export function parseSegment(text: string, name: string): { entries: JournalEntry[]; torn: boolean } {
  const lines = text.split('\n');
  // After the last newline: '' when the segment ends cleanly, else a line a crash cut short.
  const tail = lines.pop() ?? '';
  const entries: JournalEntry[] = [];
  lines.forEach((line, index) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (!isEntry(value)) throw new Error(`${name} line ${index + 1} is not a journal entry`);
    entries.push(value);
  });
  return { entries, torn: tail !== '' };
}

/** Reads the segments the snapshot does not cover (numbers above `journalThrough`), in order. */
export async function readJournal(dataDir: string, journalThrough = 0): Promise<JournalRead> {
  const all = await listSegments(dataDir);
  const entries: JournalEntry[] = [];
  let tornLines = 0;
  const wanted = all.filter((n) => n > journalThrough);
  for (const segment of wanted) {
    const name = segmentFileName(segment);
    const parsed = parseSegment(await fsp.readFile(path.join(dataDir, name), 'utf8'), name);
    for (const entry of parsed.entries) entries.push(entry);
    if (parsed.torn) tornLines += 1;
  }
  return { entries, lastSegment: Math.max(journalThrough, all.at(-1) ?? 0), segments: wanted.length, tornLines };
}

/** Deletes the segments a durable snapshot now covers. */
export async function removeSegmentsThrough(dataDir: string, through: number): Promise<void> {
  for (const segment of await listSegments(dataDir)) {
    if (segment <= through) await fsp.rm(path.join(dataDir, segmentFileName(segment)), { force: true });
  }
}

interface ContainerState {
  partitionKeyPath: string;
  documents: Map<string, StoredDocument>;
}

export interface FoldableContainer {
  readonly name: string;
  readonly partitionKeyPath: string;
  readonly documents: readonly StoredDocument[];
}

/** Applies the entries, in order, to the containers of a snapshot: the state the journal describes. */
export function foldJournal(containers: readonly FoldableContainer[], entries: readonly JournalEntry[]): FoldableContainer[] {
  const state = new Map<string, ContainerState>();
  for (const c of containers) {
    const documents = new Map<string, StoredDocument>();
    for (const doc of c.documents) documents.set(documentKey(partitionValue(doc, c.partitionKeyPath), doc.id), doc);
    state.set(c.name, { partitionKeyPath: c.partitionKeyPath, documents });
  }
  for (const entry of entries) {
    if ('drop' in entry) {
      state.delete(entry.c);
      continue;
    }
    let container = state.get(entry.c);
    if (container === undefined) {
      container = { partitionKeyPath: entry.k, documents: new Map() };
      state.set(entry.c, container);
    }
    if ('put' in entry) container.documents.set(documentKey(partitionValue(entry.put, entry.k), entry.put.id), entry.put);
    else container.documents.delete(documentKey(entry.del.pk, entry.del.id));
  }
  return [...state.entries()].map(([name, c]) => ({ name, partitionKeyPath: c.partitionKeyPath, documents: [...c.documents.values()] }));
}

const { O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_DSYNC } = fs.constants;
/**
 * With O_DSYNC each write returns once its data is on disk: one trip to libuv's thread pool per
 * group instead of two (write, then fdatasync), which is most of what a lone write waits for.
 * Where the platform has no O_DSYNC (Windows), an fdatasync follows each write.
 */
const SEGMENT_FLAGS = O_WRONLY | O_CREAT | O_EXCL | O_APPEND | (O_DSYNC ?? 0);
const SYNC_ON_WRITE = O_DSYNC !== undefined;

const write = (fd: number, buffer: Buffer, offset: number) =>
  new Promise<number>((resolve, reject) => fs.write(fd, buffer, offset, buffer.length - offset, null, (e, n) => (e ? reject(e) : resolve(n))));
const datasync = (fd: number) => new Promise<void>((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
const closeFd = (fd: number) => new Promise<void>((resolve, reject) => fs.close(fd, (e) => (e ? reject(e) : resolve())));

/** Writes `buffer` from `offset` to the file; resolves with the bytes written. */
export type WriteBytes = (fd: number, buffer: Buffer, offset: number) => Promise<number>;

export interface JournalOptions {
  /** Test seam: the disk write (a full disk, a failing device). */
  readonly write?: WriteBytes;
}

interface Job {
  readonly fd: number;
  readonly text: string;
  /** The sequence number of the last entry in `text`. */
  readonly seq: number;
  /** Set when the segment is sealed: close its file once written, then settle. */
  readonly sealed?: { readonly resolve: () => void; readonly reject: (error: Error) => void };
}

interface Waiter {
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export interface JournalStats {
  /** Synced writes so far (each one commits a group of appends). */
  readonly syncs: number;
  readonly entries: number;
}

/**
 * The open journal of a running host. `append` is synchronous (called while the server applies the
 * write, so the file order is the apply order); `whenDurable` says when everything appended so far
 * is on disk.
 */
export class Journal {
  private fd: number;
  private segmentNumber: number;
  private segmentBytes = 0;
  private buffer: string[] = [];
  private readonly sealed: Job[] = [];
  private appendedSeq = 0;
  private durableSeq = 0;
  private readonly waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;
  /** The file descriptor whose directory entry has been made durable. */
  private dirSyncedFd: number | undefined;
  private closed = false;
  private syncs = 0;
  /** Set when a write or sync failed: nothing after it can be promised durable. */
  failure: Error | undefined;

  private constructor(
    private readonly dataDir: string,
    segment: number,
    private readonly writeBytes: WriteBytes,
  ) {
    this.segmentNumber = segment;
    this.fd = this.openSegment(segment);
  }

  /** Starts a new, empty segment `segment` (its file must not exist yet). */
  static open(dataDir: string, segment: number, options: JournalOptions = {}): Journal {
    return new Journal(dataDir, segment, options.write ?? write);
  }

  get segment(): number {
    return this.segmentNumber;
  }

  get stats(): JournalStats {
    return { syncs: this.syncs, entries: this.appendedSeq };
  }

  append(entry: JournalEntry): void {
    if (this.closed) throw new Error('the journal is closed');
    const line = `${JSON.stringify(entry)}\n`;
    this.buffer.push(line);
    this.segmentBytes += line.length;
    this.appendedSeq += 1;
    this.kick();
  }

  /** undefined when everything appended is already durable (no wait); else resolves once it is. */
  whenDurable(): Promise<void> | undefined {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.durableSeq >= this.appendedSeq) return undefined;
    const seq = this.appendedSeq;
    return new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /**
   * Seals the current segment and starts the next; resolves with the sealed segment's number once
   * all of it is durable and its file closed. Entries appended after this call go to the new segment.
   */
  async rotate(): Promise<number> {
    const sealedNumber = this.segmentNumber;
    // Open the next file first: if that fails, nothing has changed (the compaction fails, and is retried).
    const next = this.openSegment(sealedNumber + 1);
    const done = this.seal();
    this.segmentNumber = sealedNumber + 1;
    this.fd = next;
    this.segmentBytes = 0;
    await done;
    return sealedNumber;
  }

  /** Seals the current segment and accepts no more entries; says whether that segment was empty. */
  async close(): Promise<{ readonly segment: number; readonly empty: boolean }> {
    const result = { segment: this.segmentNumber, empty: this.segmentBytes === 0 };
    if (this.closed) return result;
    this.closed = true;
    await this.seal();
    return result;
  }

  private seal(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const done = new Promise<void>((resolve, reject) => {
      this.sealed.push({ fd: this.fd, text: this.buffer.join(''), seq: this.appendedSeq, sealed: { resolve, reject } });
    });
    this.buffer = [];
    this.kick();
    return done;
  }

  private openSegment(segment: number): number {
    // O_EXCL: a segment number is never reused; an existing file means something else wrote here.
    return fs.openSync(path.join(this.dataDir, segmentFileName(segment)), SEGMENT_FLAGS);
  }

  private nextJob(): Job | undefined {
    const sealed = this.sealed.shift();
    if (sealed !== undefined) return sealed;
    if (this.buffer.length === 0) return undefined;
    const job = { fd: this.fd, text: this.buffer.join(''), seq: this.appendedSeq, seal: false };
    this.buffer = [];
    return job;
  }

  private kick(): void {
    if (this.draining !== undefined || this.failure !== undefined) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      // An append or a seal that landed after the loop's last look starts the next round.
      if (this.buffer.length > 0 || this.sealed.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    let job: Job | undefined;
    try {
      for (job = this.nextJob(); job !== undefined; job = this.nextJob()) {
        if (job.text !== '') {
          const bytes = Buffer.from(job.text, 'utf8');
          for (let offset = 0; offset < bytes.length; ) offset += await this.writeBytes(job.fd, bytes, offset);
          if (!SYNC_ON_WRITE) await datasync(job.fd);
          this.syncs += 1;
          if (this.dirSyncedFd !== job.fd) {
            // A new segment's name must survive a power cut too, once, before its first acknowledgement.
            await syncDirectory(this.dataDir);
            this.dirSyncedFd = job.fd;
          }
        }
        if (job.sealed !== undefined) await closeFd(job.fd);
        this.durableSeq = Math.max(this.durableSeq, job.seq);
        while (this.waiters.length > 0 && this.waiters[0].seq <= this.durableSeq) this.waiters.shift()!.resolve();
        job.sealed?.resolve();
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      job?.sealed?.reject(this.failure);
      for (const w of this.waiters.splice(0)) w.reject(this.failure);
      for (const s of this.sealed.splice(0)) s.sealed?.reject(this.failure);
    }
  }
}
