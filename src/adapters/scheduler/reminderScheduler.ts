/**
 * The reminder tick: every `intervalMs`, the instance that holds the `reminder-sweep` lease runs the
 * reminder sweep (src/app/runReminderSweep.ts) and then, if given, the work that follows it (the
 * PSWs' weekly digests and the retention pass, composed in src/compose.ts). Several
 * instances of the bot may run (App Service scale-out); the lease (LeaseStore, on Cosmos DB) makes
 * one of them do the work, and the outbox's deterministic ids make a double run harmless anyway.
 *
 * - The timer is unref'd: it never keeps the process alive on its own.
 * - Ticks never overlap: a tick that finds the previous one still running is skipped.
 * - The holder renews the lease on every tick; the TTL (default three intervals) lets another
 *   instance take over when the holder dies. `stop()` releases the lease so a successor need not wait.
 * - A tick never throws: failures are logged (counts and codes only, never card content) and the
 *   next tick tries again.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Clock, LeaseStore } from '../../app/ports';
import type { SweepReport } from '../../app/runReminderSweep';
import type { Instant } from '../../domain/model';
import type { Result } from '../../domain/result';

export const REMINDER_LEASE = 'reminder-sweep';
export const DEFAULT_INTERVAL_MS = 60_000;

/** The logging the scheduler needs (a pino Logger fits). */
export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerDeps {
  readonly leases: LeaseStore;
  readonly clock: Clock;
  /** The sweep, bound to its repositories: `(now) => runReminderSweep(deps, now)`. */
  readonly sweep: (now: Instant) => Promise<Result<SweepReport>>;
  /** What runs after each sweep under the same lease (the weekly digests, retention). */
  readonly afterSweep?: (now: Instant) => Promise<unknown>;
  readonly log?: SchedulerLog;
  /** Default 60 s. */
  readonly intervalMs?: number;
  /** Delay before the first tick; default 1 s (lets the server finish starting). */
  readonly firstTickMs?: number;
  /** Default three intervals. */
  readonly leaseTtlMs?: number;
  /** This instance's name in the lease; default host:pid:random. */
  readonly holder?: string;
}

export type TickOutcome =
  | { readonly kind: 'swept'; readonly report: SweepReport }
  | { readonly kind: 'not-leader'; readonly heldBy: string; readonly until: Instant }
  | { readonly kind: 'busy' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

export interface Scheduler {
  readonly holder: string;
  /** Runs one tick now (also what the timer calls). */
  tick(): Promise<TickOutcome>;
  /** Stops the timer, waits for a running tick, releases the lease. Idempotent. */
  stop(): Promise<void>;
}

const silent: SchedulerLog = { info: () => {}, warn: () => {}, error: () => {} };

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const intervalMs = deps.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError(`intervalMs must be positive, got ${intervalMs}`);
  const ttlMs = deps.leaseTtlMs ?? intervalMs * 3;
  const holder = deps.holder ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const log = deps.log ?? silent;

  let running: Promise<TickOutcome> | null = null;
  let stopped = false;
  let stopping: Promise<void> | null = null;

  async function runTick(): Promise<TickOutcome> {
    const now = deps.clock.now();
    const lease = await deps.leases.tryAcquire(REMINDER_LEASE, holder, now, ttlMs);
    if (!lease.ok) {
      log.warn({ code: lease.error.code, holder }, 'reminder tick: could not take the lease');
      return { kind: 'failed', code: lease.error.code, message: lease.error.message };
    }
    if (!lease.value.acquired) {
      return { kind: 'not-leader', heldBy: lease.value.heldBy, until: lease.value.expiresAt };
    }
    const swept = await deps.sweep(now);
    if (!swept.ok) {
      log.warn({ code: swept.error.code }, 'reminder sweep failed');
      return { kind: 'failed', code: swept.error.code, message: swept.error.message };
    }
    const { problems, ...counts } = swept.value;
    const fields = { ...counts, problems: problems.map((p) => ({ tenantId: p.tenantId, agreementId: p.agreementId, code: p.code })) };
    if (problems.length > 0) log.warn(fields, 'reminder sweep done with problems');
    else if (counts.queued > 0 || counts.waitingForTeams > 0) log.info(fields, 'reminder sweep done');
    if (deps.afterSweep) await deps.afterSweep(deps.clock.now());
    return { kind: 'swept', report: swept.value };
  }

  function tick(): Promise<TickOutcome> {
    if (stopped) return Promise.resolve({ kind: 'stopped' });
    if (running) return Promise.resolve({ kind: 'busy' });
    running = runTick()
      .catch((error: unknown): TickOutcome => {
        // A bug: keep the timer alive, say what happened (the message only, no payloads).
        const message = error instanceof Error ? error.message : String(error);
        log.error({ err: error }, 'reminder tick crashed');
        return { kind: 'failed', code: 'BUG', message };
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const first = setTimeout(() => void tick(), deps.firstTickMs ?? 1_000);
  first.unref();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();

  return {
    holder,
    tick,
    stop(): Promise<void> {
      if (stopping) return stopping;
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      stopping = (async () => {
        if (running) await running;
        const released = await deps.leases.release(REMINDER_LEASE, holder, deps.clock.now());
        if (!released.ok) log.warn({ code: released.error.code }, 'reminder scheduler: could not release the lease');
      })();
      return stopping;
    },
  };
}
