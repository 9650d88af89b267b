/**
 * The outbox sender: drains the outbox continuously, tenant by tenant, as fast as Teams allows.
 *
 * - One sender per tenant across every instance: an instance sends for a tenant only while it holds
 *   that tenant's lease (`outbox-sender:<tenant>`, LeaseStore on Cosmos DB), renewed every third of
 *   its TTL. So the tenant's whole budget (50/s) lives in one process's pacer and the sum of sends
 *   stays within it however many instances run. A shared budget in Cosmos DB was the alternative:
 *   one ETag-guarded write on one document per send (50 contended writes a second per tenant, most
 *   of them retried), and it still could not see the other instances' sends in flight. The lease
 *   costs one write per tenant per renewal. No message goes twice either way: every send is claimed
 *   first by an ETag-guarded write (app/outboxDelivery.ts).
 * - Fair: every tenant has its own loop, its own budget (the pacer's tenant windows) and its own
 *   limit of sends in flight; one organisation's backlog or throttling never holds back another's.
 * - Continuous: the loop reads ready entries in batches (a new batch is read while the last is still
 *   being sent), claims and reads a few ahead (app: OutboxDelivery.prepare), starts each send the
 *   moment the pacer lets it, several in flight at once, and when the outbox is empty looks again
 *   every `idlePollMs` (a notification is sent at once by the turn that made it; this is for
 *   reminders, retries and whatever a turn left to the pacer).
 * - The pacing policy is the app's (app/sendPacer.ts); this adapter only owns the timers.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { EntryResult, OutboxDelivery, Pacing, ReadyToSend } from '../../app/outboxDelivery';
import type { Clock, LeaseStore, OutboxEntry, OutboxRepository, Versioned } from '../../app/ports';
import type { TenantId } from '../../domain/model';
import type { Result } from '../../domain/result';

export const SENDER_LEASE_PREFIX = 'outbox-sender:';

export interface OutboxSenderLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxSenderOptions {
  /** Sends in flight per tenant at most. Default 16 (at 50/s and 20-300 ms answers, 1-15 are needed). */
  readonly concurrency?: number;
  /** Ready entries read per tenant at a time. Default 200. */
  readonly batch?: number;
  /** How often an idle tenant's outbox is looked at again (one query each). Default 2 s. */
  readonly idlePollMs?: number;
  /** How often the tenants are listed and their leases taken or renewed. Default a third of leaseTtlMs. */
  readonly surveyEveryMs?: number;
  /** Default 30 s: how long a dead instance's tenants wait for another to take them over. */
  readonly leaseTtlMs?: number;
  /** This instance's name in the leases; default host:pid:random. */
  readonly holder?: string;
  /**
   * How long a newly taken tenant waits before its first send: the previous holder's last sends are
   * still in the service's windows, which this instance's pacer never saw. Default: the longest of
   * the tenant windows and the conversation windows up to 10 s (Teams: 2 s).
   */
  readonly takeoverWaitMs?: number;
}

export interface OutboxSenderDeps extends OutboxSenderOptions {
  readonly leases: LeaseStore;
  readonly tenants: () => Promise<Result<readonly TenantId[]>>;
  readonly outbox: Pick<OutboxRepository, 'listReady'>;
  readonly delivery: Pick<OutboxDelivery, 'prepare' | 'sendPrepared'>;
  readonly pacing: Pacing;
  /** The app's clock: what a claim and the lease are dated with. */
  readonly clock: Clock;
  readonly log?: OutboxSenderLog;
}

export interface OutboxSender {
  readonly holder: string;
  /** The tenants this instance sends for now. */
  tenants(): readonly TenantId[];
  /** Lists the tenants and takes or renews their leases now (also what the timer does). */
  survey(): Promise<void>;
  /** Stops taking new work, waits for the sends in flight, releases the leases. Idempotent. */
  stop(): Promise<void>;
}

const silent: OutboxSenderLog = { info: () => {}, warn: () => {}, error: () => {} };

/** The sender of one tenant, while this instance holds its lease. */
class TenantDrain {
  private readonly queue: Versioned<OutboxEntry>[] = [];
  /** Ids queued or being sent: a fresh read of the outbox skips them. */
  private readonly known = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly preparations = new Set<Promise<void>>();
  /** Claimed and read, waiting for the pacer. */
  private readonly prepared: ReadyToSend[] = [];
  private preparing = 0;
  private refilling: Promise<void> | null = null;
  /** Set while the loop sleeps: ends the sleep early. */
  private wakeUp: (() => void) | null = null;
  private stopped = false;
  readonly done: Promise<void>;
  leaseUntilMs: number;

  constructor(
    readonly tenantId: TenantId,
    private readonly deps: OutboxSenderDeps,
    private readonly settings: Required<Pick<OutboxSenderOptions, 'concurrency' | 'batch' | 'idlePollMs'>>,
    leaseUntilMs: number,
    private readonly takeoverWaitMs: number,
  ) {
    this.leaseUntilMs = leaseUntilMs;
    this.done = this.run();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    return this.done;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, Math.min(ms, 60_000)));
      this.wakeUp = done;
    });
  }

  private async run(): Promise<void> {
    const { pacer, nowMs } = this.deps.pacing;
    try {
      if (this.takeoverWaitMs > 0) await this.sleep(this.takeoverWaitMs);
      // Stopping takes no new work but sends what is already claimed (its claim would otherwise hold it for claimMs).
      while (!(this.stopped && this.prepared.length === 0 && this.preparing === 0)) {
        if (Date.parse(this.deps.clock.now()) >= this.leaseUntilMs) break; // the lease lapsed unrenewed: another may send now
        if (!this.stopped) {
          if (this.queue.length < this.settings.batch / 2) this.startRefill();
          // Claim and read ahead, so a send's place in the service's windows is only its HTTP request.
          while (this.preparing + this.prepared.length < this.settings.concurrency && this.queue.length > 0) this.prepare(this.queue.shift() as Versioned<OutboxEntry>);
        }
        if (this.prepared.length === 0 || this.inFlight.size >= this.settings.concurrency) {
          if (this.queue.length === 0 && this.preparing === 0 && this.inFlight.size === 0 && this.refilling !== null) await this.refilling;
          else await this.sleep(this.settings.idlePollMs); // a prepared entry, a finished send or a refill wakes it sooner
          continue;
        }
        const now = nowMs();
        const tenantWait = pacer.tenantWaitMs(this.tenantId, now);
        if (tenantWait > 0) {
          await this.sleep(Number.isFinite(tenantWait) ? tenantWait : this.settings.idlePollMs);
          continue;
        }
        // The first entry whose conversation has room: one busy person does not hold back the rest.
        let pick = -1;
        let soonest = Infinity;
        for (let i = 0; i < this.prepared.length; i++) {
          const wait = pacer.waitMs(this.tenantId, this.prepared[i].claimed.value.recipientAadObjectId, now);
          if (wait === 0) {
            pick = i;
            break;
          }
          soonest = Math.min(soonest, wait);
        }
        if (pick < 0) {
          await this.sleep(Number.isFinite(soonest) ? soonest : this.settings.idlePollMs);
          continue;
        }
        const [ready] = this.prepared.splice(pick, 1);
        const ticket = pacer.begin(this.tenantId, ready.claimed.value.recipientAadObjectId, now);
        this.track(ready.claimed.value.id, this.deps.delivery.sendPrepared(ready, ticket), true);
      }
    } finally {
      this.stopped = true;
      await Promise.all([...this.preparations]);
      // Sends started from entries prepared while stopping would outlive the lease: they wait for their claim to lapse.
      await Promise.all([...this.inFlight]);
      if (this.refilling !== null) await this.refilling;
      // Prepared but never sent (the lease lapsed): its claim lapses after claimMs and whoever holds the tenant sends it.
    }
  }

  private prepare(item: Versioned<OutboxEntry>): void {
    this.preparing++;
    const preparing = this.deps.delivery.prepare(item, this.deps.clock.now()).then((prepared) => {
      this.preparing--;
      // Its id is known since the refill that listed it.
      if (prepared.kind === 'ready') {
        this.prepared.push(prepared);
        return prepared.kind;
      }
      return prepared.result;
    });
    this.track(item.value.id, preparing, false);
  }

  /** Keeps a send (or a preparation) in flight until it settles; logs what the store could not do. */
  private track(id: string, work: Promise<EntryResult | 'ready'>, isSend: boolean): void {
    const log = this.deps.log ?? silent;
    const settled: Promise<void> = work
      .then((result) => {
        if (result === 'store-unavailable') log.warn({ event: 'outbox.sender.store_unavailable', tenantId: this.tenantId }, 'outbox: store unavailable');
        if (result !== 'ready') this.known.delete(id);
      })
      .catch((error: unknown) => {
        // A bug in one send: the claim expires and the entry is tried again; the loop goes on.
        this.known.delete(id);
        log.error({ event: 'outbox.sender.crashed', tenantId: this.tenantId, err: error }, 'outbox send crashed');
      })
      .finally(() => {
        if (isSend) this.inFlight.delete(settled);
        else this.preparations.delete(settled);
        this.wakeUp?.();
      });
    if (isSend) this.inFlight.add(settled);
    else this.preparations.add(settled);
  }

  private startRefill(): void {
    if (this.refilling !== null || this.stopped) return;
    this.refilling = (async () => {
      const listed = await this.deps.outbox.listReady(this.tenantId, this.deps.clock.now(), this.settings.batch);
      if (!listed.ok) {
        (this.deps.log ?? silent).warn({ event: 'outbox.sender.list_failed', tenantId: this.tenantId, code: listed.error.code }, 'could not read the outbox');
        return;
      }
      for (const item of listed.value) {
        if (this.known.has(item.value.id)) continue;
        this.known.add(item.value.id);
        this.queue.push(item);
      }
    })().finally(() => {
      this.refilling = null;
      this.wakeUp?.();
    });
  }
}

export function startOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const settings = {
    concurrency: deps.concurrency ?? 16,
    batch: deps.batch ?? 200,
    idlePollMs: deps.idlePollMs ?? 2_000,
  };
  const ttlMs = deps.leaseTtlMs ?? 30_000;
  const surveyEveryMs = deps.surveyEveryMs ?? Math.floor(ttlMs / 3);
  const holder = deps.holder ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const log = deps.log ?? silent;
  const limits = deps.pacing.pacer.limits;
  const takeoverWaitMs =
    deps.takeoverWaitMs ?? Math.max(0, ...limits.perTenant.map((w) => w.ms), ...limits.perConversation.map((w) => w.ms).filter((ms) => ms <= 10_000));
  const drains = new Map<TenantId, TenantDrain>();
  let stopped = false;
  let surveying: Promise<void> | null = null;

  async function surveyOnce(): Promise<void> {
    const tenants = await deps.tenants();
    if (!tenants.ok) {
      log.warn({ event: 'outbox.sender.tenants_failed', code: tenants.error.code }, 'could not list the tenants');
      return;
    }
    for (const tenantId of tenants.value) {
      if (stopped) return;
      const now = deps.clock.now();
      const lease = await deps.leases.tryAcquire(`${SENDER_LEASE_PREFIX}${tenantId}`, holder, now, ttlMs);
      const drain = drains.get(tenantId);
      if (!lease.ok) continue; // the drain (if any) stops by itself when its lease runs out unrenewed
      if (!lease.value.acquired) {
        if (drain !== undefined) {
          drains.delete(tenantId);
          await drain.stop();
        }
        continue;
      }
      const until = Date.parse(lease.value.lease.expiresAt);
      if (drain !== undefined) drain.leaseUntilMs = until;
      else {
        const started = new TenantDrain(tenantId, deps, settings, until, takeoverWaitMs);
        drains.set(tenantId, started);
        void started.done.then(() => {
          if (drains.get(tenantId) === started) drains.delete(tenantId);
        });
        log.info({ event: 'outbox.sender.tenant_taken', tenantId, holder }, 'sending for a tenant');
      }
    }
  }

  const survey = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    surveying ??= surveyOnce()
      .catch((error: unknown) => log.error({ event: 'outbox.sender.survey_crashed', err: error }, 'outbox sender survey crashed'))
      .finally(() => {
        surveying = null;
      });
    return surveying;
  };

  void survey();
  const timer = setInterval(() => void survey(), surveyEveryMs);
  timer.unref();

  let stopping: Promise<void> | null = null;
  return {
    holder,
    tenants: () => [...drains.keys()],
    survey,
    stop: () => {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(timer);
        if (surveying !== null) await surveying;
        const held = [...drains.values()];
        drains.clear();
        await Promise.all(held.map((d) => d.stop()));
        const now = deps.clock.now();
        for (const d of held) {
          const released = await deps.leases.release(`${SENDER_LEASE_PREFIX}${d.tenantId}`, holder, now);
          if (!released.ok) log.warn({ event: 'outbox.sender.release_failed', code: released.error.code }, 'could not release a sender lease');
        }
      })();
      return stopping;
    },
  };
}
