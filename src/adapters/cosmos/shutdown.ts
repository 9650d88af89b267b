import os from 'node:os';

/**
 * Signal handling for the process that owns a store. Nothing installs handlers by importing this
 * module: main (or the CLI) calls `installShutdownHandlers` with its own shutdown sequence (stop
 * taking requests, then `store.close()` so the embedded store saves and releases its folder).
 */
export interface ShutdownOptions {
  readonly signals?: readonly NodeJS.Signals[];
  /** Test seam; default process.exit. */
  readonly exit?: (code: number) => void;
}

/**
 * On the first SIGINT/SIGTERM: runs `shutdown` once, then exits 0 (1 if it threw). A second signal
 * while shutting down exits at once with 128 + signal number (the snapshot on disk stays valid: it
 * is only ever replaced atomically). Returns a function that removes the handlers.
 */
export function installShutdownHandlers(shutdown: (signal: NodeJS.Signals) => Promise<void>, options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? (['SIGINT', 'SIGTERM'] as const);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running = false;
  const handler = (signal: NodeJS.Signals) => {
    if (running) {
      exit(128 + (os.constants.signals[signal] ?? 15));
      return;
    }
    running = true;
    shutdown(signal).then(
      () => exit(0),
      () => exit(1),
    );
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
