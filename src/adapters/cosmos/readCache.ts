/**
 * Answers of the embedded store kept in the process that runs it, exact at every moment.
 *
 * A message turn reads the same few documents every time (the conversation reference, the person's
 * identity pointer, the person, their organisation, their agreements). Against the embedded server
 * each read is an HTTPS round trip inside this very process, and those round trips were most of a
 * turn's cost (issue 10: a "help" turn cost several times a bare echo bot's CPU). Cosmos DB offers an
 * item and query cache in its dedicated gateway, with bounded staleness; this one is never stale:
 *
 * - every change the server makes (create, replace, upsert, delete, a dropped container) bumps the
 *   generation of its (container, partition) before the server answers the write, through the same
 *   hooks the journal uses (embeddedServerChanges.ts), whoever made it (this process or a guest);
 * - an answer is kept only if its partition's generation did not move between the moment the read
 *   was sent and the moment it came back, so a read that raced a write never stores the old value;
 * - an answer is kept as its JSON text and each hit is parsed afresh (cheaper than structuredClone
 *   for these small documents), so no caller can change what the next one sees.
 *
 * Only the process hosting the server has one (a guest cannot see the host's changes). It answers
 * nothing while the store cannot serve (its journal failed) and nothing once the store begins
 * closing, so a closing or failing store is not papered over.
 */

export interface ReadCache {
  /** The partition's generation now: pass it to `put` with the answer of a read sent after this call. */
  generation(container: string, partition: string): number;
  /** A copy of the kept answer, or undefined. */
  get<T>(container: string, partition: string, key: string): T | undefined;
  /** Keeps `value` unless the partition changed since `generation`. */
  put(container: string, partition: string, key: string, generation: number, value: unknown): void;
}

/**
 * How many documents the kept answers hold at most (a point read is one, a query as many as it
 * returned); the oldest answers go first. About 40 MB at 2 KB a document.
 */
const DEFAULT_CAPACITY = 20_000;

export class CoherentReadCache implements ReadCache {
  private readonly generations = new Map<string, number>();
  private readonly answers = new Map<string, { readonly generation: number; readonly json: string; readonly documents: number }>();
  private documents = 0;
  private enabled = true;
  /** Bumped when a container is dropped: every partition's generation moves with it. */
  private epoch = 0;

  /** `serving`: whether the store answers requests now (false after its journal failed). */
  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly serving: () => boolean = () => true,
  ) {}

  generation(container: string, partition: string): number {
    return this.current(partitionKey(container, partition));
  }

  get<T>(container: string, partition: string, key: string): T | undefined {
    if (!this.enabled || !this.serving()) return undefined;
    const p = partitionKey(container, partition);
    const kept = this.answers.get(answerKey(p, key));
    if (kept === undefined || kept.generation !== this.current(p)) return undefined;
    return JSON.parse(kept.json) as T;
  }

  put(container: string, partition: string, key: string, generation: number, value: unknown): void {
    const p = partitionKey(container, partition);
    if (!this.enabled || generation !== this.current(p)) return;
    const k = answerKey(p, key);
    this.forget(k);
    const documents = Array.isArray(value) ? Math.max(1, value.length) : 1;
    // Answers are documents the store sent as JSON: their text is an exact copy.
    this.answers.set(k, { generation, json: JSON.stringify(value) ?? 'null', documents });
    this.documents += documents;
    while (this.documents > this.capacity) this.forget(this.answers.keys().next().value as string);
  }

  private forget(k: string): void {
    const kept = this.answers.get(k);
    if (kept === undefined) return;
    this.answers.delete(k);
    this.documents -= kept.documents;
  }

  /** A document of `partition` in `container` changed: every answer from that partition is void. */
  changed(container: string, partition: unknown): void {
    const p = partitionKey(container, String(partition));
    this.generations.set(p, (this.generations.get(p) ?? 0) + 1);
  }

  /** A container went (or came back empty): nothing kept holds, nor may any read in flight be kept. */
  dropped(): void {
    this.epoch += 1;
    this.answers.clear();
    this.documents = 0;
  }

  private current(p: string): number {
    return this.epoch * 2 ** 32 + (this.generations.get(p) ?? 0);
  }

  /** From now on nothing is kept or answered (the store is closing). */
  disable(): void {
    this.enabled = false;
    this.answers.clear();
    this.documents = 0;
  }
}

const partitionKey = (container: string, partition: string) => `${container}\u0000${partition}`;
const answerKey = (partition: string, key: string) => `${partition}\u0000${key}`;
