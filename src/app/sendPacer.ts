/**
 * How fast proactive messages may go out: sliding-window budgets per tenant (Teams: 50 a second)
 * and per conversation (7 a second, 8 per 2 seconds, 60 per 30 seconds), and a tenant-wide pause
 * when the service throttles anyway. Pure: every call takes the time (milliseconds of a monotonic
 * clock); the sender adapter owns the timers and asks `waitMs` before it starts a send.
 *
 * Why sliding logs and not refilling buckets: a bucket of 50 refilled at 50/s lets 100 through in one
 * second (a full bucket, then its refill), and the service counts a sliding window, so that second
 * burst earns 429s. Here a send counts against a window:
 * - from the moment it is started until it is answered (in flight: the service may accept it at any
 *   instant of that span), and
 * - then for the window's length after the answer came (the latest instant the service can have
 *   accepted it).
 * So the service never sees more than `count` accepted in any window of `ms`, whatever the latency,
 * and the cost of that certainty is one round trip per window (with 20 ms answers, 50/1.02 s = 0.98
 * of the limit).
 *
 * A tenant's starts are also spread out: at most one every `ms / count` of its tightest window (20 ms
 * at 50 a second), with a burst of BURST to absorb a late timer (a generic cell rate algorithm, the
 * token bucket of a small bucket). Without it a window refilled all at once, and the sender started
 * as many sends as its concurrency allowed at each window's start: every crash then duplicated the
 * 16 sends in flight, where spread sends leave in flight only what the latency needs (about one on
 * loopback, a few against Teams). The windows above stay the guarantee.
 *
 * A 429 (Company Communicator's shared throttle does the same) pauses the whole tenant for the
 * Retry-After the service asked: every other message to that tenant would be refused too.
 */

export interface SendWindow {
  /** Sends allowed in any window of `ms` milliseconds. */
  readonly count: number;
  readonly ms: number;
}

export interface PacingLimits {
  readonly perTenant: readonly SendWindow[];
  readonly perConversation: readonly SendWindow[];
}

/** Teams' documented limits for a bot's proactive messages. */
export const TEAMS_PACING: PacingLimits = {
  perTenant: [{ count: 50, ms: 1000 }],
  perConversation: [
    { count: 7, ms: 1000 },
    { count: 8, ms: 2000 },
    { count: 60, ms: 30_000 },
  ],
};

/** One send counted against a tenant's and a conversation's windows, until `end` or `cancel`. */
export interface SendTicket {
  readonly tenantId: string;
  readonly conversation: string;
  /** Set once: a ticket ends (or is cancelled) once. */
  settled: boolean;
}

/** The sends of one key: how many are in flight, and when the answered ones were answered (ascending). */
interface Log {
  inFlight: number;
  answered: number[];
}

const longest = (windows: readonly SendWindow[]) => Math.max(0, ...windows.map((w) => w.ms));

/** Starts a tenant may make at once, ahead of its even spacing. */
export const BURST = 3;

/** How long from `nowMs` until one more send fits every window of `log`; 0 now; Infinity until an in-flight one answers. */
function waitFor(log: Log | undefined, windows: readonly SendWindow[], nowMs: number): number {
  if (log === undefined) return 0;
  let wait = 0;
  for (const w of windows) {
    // Of the answered sends, this many may still be inside the window when the next one starts.
    const room = w.count - log.inFlight - 1;
    if (room < 0) return Infinity;
    const k = log.answered.length - 1 - room;
    if (k >= 0) wait = Math.max(wait, log.answered[k] + w.ms - nowMs);
  }
  return Math.max(0, wait);
}

export class SendPacer {
  private readonly tenants = new Map<string, Log>();
  private readonly conversations = new Map<string, Log>();
  private readonly pausedUntil = new Map<string, number>();
  /** Per tenant, when its next start is due on the even spacing (a GCRA's theoretical arrival time). */
  private readonly nextStartAt = new Map<string, number>();
  private readonly spacingMs: number;

  constructor(readonly limits: PacingLimits = TEAMS_PACING) {
    this.spacingMs = Math.max(0, ...limits.perTenant.map((w) => w.ms / w.count));
    for (const w of [...limits.perTenant, ...limits.perConversation]) {
      if (!Number.isInteger(w.count) || w.count < 1 || !Number.isFinite(w.ms) || w.ms <= 0) {
        throw new RangeError(`a send window needs a whole count >= 1 and a positive length, got ${w.count}/${w.ms} ms`);
      }
    }
  }

  /**
   * Milliseconds until a send to `conversation` of `tenantId` may start: 0 now, Infinity while a
   * window is full of sends still in flight (wait for one to be answered). `spread: false` leaves
   * out the even spacing (the windows and any pause still hold): for the one or two notifications a
   * person's own turn sends at once, which are not the bursts the spacing is for.
   */
  waitMs(tenantId: string, conversation: string, nowMs: number, spread = true): number {
    return Math.max(this.tenantWaitMs(tenantId, nowMs, spread), waitFor(this.conversations.get(key(tenantId, conversation)), this.limits.perConversation, nowMs));
  }

  /** Milliseconds until the tenant's own budget (and any pause) lets one more send start. */
  tenantWaitMs(tenantId: string, nowMs: number, spread = true): number {
    const paused = Math.max(0, (this.pausedUntil.get(tenantId) ?? 0) - nowMs);
    const spaced = spread ? Math.max(0, (this.nextStartAt.get(tenantId) ?? -Infinity) - (BURST - 1) * this.spacingMs - nowMs) : 0;
    return Math.max(paused, spaced, waitFor(this.tenants.get(tenantId), this.limits.perTenant, nowMs));
  }

  /** A send starts now: it counts against both budgets until it is answered (end) or did not happen (cancel). */
  begin(tenantId: string, conversation: string, nowMs: number): SendTicket {
    this.prune(nowMs);
    this.nextStartAt.set(tenantId, Math.max(this.nextStartAt.get(tenantId) ?? -Infinity, nowMs) + this.spacingMs);
    for (const log of [this.logOf(this.tenants, tenantId), this.logOf(this.conversations, key(tenantId, conversation))]) log.inFlight++;
    return { tenantId, conversation, settled: false };
  }

  /** The send was answered at `nowMs` (whatever the answer: a refused send may still have been counted). */
  end(ticket: SendTicket, nowMs: number): void {
    if (ticket.settled) return;
    ticket.settled = true;
    for (const log of this.logsOf(ticket)) {
      log.inFlight--;
      // Answers come in time order but a caller's clock read can lag another's by a tick: keep it sorted.
      let i = log.answered.length;
      while (i > 0 && log.answered[i - 1] > nowMs) i--;
      log.answered.splice(i, 0, nowMs);
    }
  }

  /** The send never reached the service (the claim was lost, nothing to send): it counts for nothing. */
  cancel(ticket: SendTicket): void {
    if (ticket.settled) return;
    ticket.settled = true;
    for (const log of this.logsOf(ticket)) log.inFlight--;
  }

  /** The service said 429: nothing more goes to this tenant for `retryAfterMs`. */
  throttled(tenantId: string, retryAfterMs: number, nowMs: number): void {
    const until = nowMs + Math.max(0, retryAfterMs);
    if (until > (this.pausedUntil.get(tenantId) ?? 0)) this.pausedUntil.set(tenantId, until);
  }

  /** Whether the tenant is paused by a 429 at `nowMs`. */
  isPaused(tenantId: string, nowMs: number): boolean {
    return (this.pausedUntil.get(tenantId) ?? 0) > nowMs;
  }

  private logOf(map: Map<string, Log>, k: string): Log {
    let log = map.get(k);
    if (log === undefined) {
      log = { inFlight: 0, answered: [] };
      map.set(k, log);
    }
    return log;
  }

  private logsOf(ticket: SendTicket): Log[] {
    return [this.logOf(this.tenants, ticket.tenantId), this.logOf(this.conversations, key(ticket.tenantId, ticket.conversation))];
  }

  /** Forgets answers no window can see any more, and idle keys, so a long run stays small. */
  private prune(nowMs: number): void {
    const drop = (map: Map<string, Log>, windowMs: number) => {
      for (const [k, log] of map) {
        let n = 0;
        while (n < log.answered.length && log.answered[n] + windowMs <= nowMs) n++;
        if (n > 0) log.answered.splice(0, n);
        if (log.inFlight === 0 && log.answered.length === 0) map.delete(k);
      }
    };
    // Pruning every map on every begin would cost O(conversations); once per window-length of time suffices.
    if (nowMs - this.lastPruneMs < 1000) return;
    this.lastPruneMs = nowMs;
    drop(this.tenants, longest(this.limits.perTenant));
    drop(this.conversations, longest(this.limits.perConversation));
    for (const [tenant, until] of this.pausedUntil) if (until <= nowMs) this.pausedUntil.delete(tenant);
    for (const [tenant, at] of this.nextStartAt) if (at <= nowMs) this.nextStartAt.delete(tenant);
  }

  private lastPruneMs = -Infinity;
}

const key = (tenantId: string, conversation: string) => `${tenantId}\u0000${conversation}`;
