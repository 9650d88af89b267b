/**
 * When the embedded host saves its snapshot: `debounceMs` after the last write, but no later than
 * `maxDelayMs` after the first unsaved one (a steady stream of writes still gets saved), one save at
 * a time. A write that lands while a save runs makes another save follow: the save reads container
 * by container, so that write may have been missed.
 */
export interface SaveSchedulerOptions {
  readonly debounceMs: number;
  readonly maxDelayMs: number;
  /** Called when a background save fails; the data stays marked unsaved and is retried. */
  readonly onError?: (error: unknown) => void;
}

export class SaveScheduler {
  private generation = 0;
  private savedGeneration = 0;
  private firstUnsavedAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastError: unknown;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly options: SaveSchedulerOptions,
  ) {}

  get dirty(): boolean {
    return this.generation !== this.savedGeneration;
  }

  markDirty(): void {
    this.generation += 1;
    if (this.stopped) return;
    const now = Date.now();
    this.firstUnsavedAt ??= now;
    this.schedule(Math.min(this.options.debounceMs, Math.max(0, this.firstUnsavedAt + this.options.maxDelayMs - now)));
  }

  /** Resolves once every write seen so far is saved (joining a save under way). Rejects if our own save fails. */
  async flush(): Promise<void> {
    const target = this.generation;
    while (this.savedGeneration < target) {
      const joined = this.running !== undefined;
      this.lastError = undefined;
      await this.run();
      if (!joined && this.lastError !== undefined) throw this.lastError;
    }
  }

  /** No more background saves; `flush` still works. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
    // A forgotten close() must not keep a CLI process alive; the server's own socket does that.
    this.timer.unref();
  }

  private run(): Promise<void> {
    if (this.running !== undefined) {
      // A save is under way; the write that called us is picked up by the follow-up below.
      return this.running;
    }
    const target = this.generation;
    this.running = (async () => {
      try {
        await this.save();
        this.savedGeneration = Math.max(this.savedGeneration, target);
        this.firstUnsavedAt = this.dirty ? Date.now() : undefined;
      } catch (error) {
        this.lastError = error;
        this.options.onError?.(error);
      } finally {
        this.running = undefined;
      }
      if (this.dirty && !this.stopped) this.schedule(this.lastError === undefined ? this.options.debounceMs : this.options.maxDelayMs);
    })();
    return this.running;
  }
}
