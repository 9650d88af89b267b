/**
 * Delivers the outbox: every pending entry whose time has come goes to its recipient through the
 * Messenger port, once. The policy (claim, classify, retry, back off, mark unreachable) is the
 * app's and names no vendor; the Messenger only sends and says how it went. Used right after a Notifier writes an entry (so a notification arrives at once)
 * and by the scheduler's tick for everything else (reminders, retries).
 *
 * - Claim first: an entry is claimed by an ETag-guarded write (attempts + 1, notBefore pushed past
 *   the claim window) before it is sent, so two instances, or the tick and a Notifier, never send
 *   the same entry twice. An instance that dies mid-send leaves the claim to expire; the entry is
 *   then tried again (at least once, at most one extra).
 * - Every outcome is recorded: sent; recipient-not-found (and the conversation marked not
 *   installed); throttled or a transient failure -> pending again, later; anything else -> failed.
 * - The "not installed" mark derives from the reference read before the send, so it is guarded by
 *   that read's etag: a person who reinstalls while the send is failing keeps their fresh reference,
 *   and the message goes back in the queue for it instead of being given up (see markUnreachable).
 * - Pacing and retries are this policy's alone: a send is one HTTP request (the Teams messenger
 *   takes botbuilder's own retries out). With a pacer, every send counts against its tenant's and
 *   conversation's windows (app/sendPacer.ts) and a 429 pauses the whole tenant for its Retry-After;
 *   the entry goes back to the queue for that long. A transient failure (412, 5xx, network) goes
 *   back with exponential backoff and is given up after `maxAttempts` sends; throttling alone gives
 *   up only after `maxAttempts * THROTTLED_ATTEMPTS_FACTOR` (the service asked us to wait, not to stop).
 * - Every retry is counted on the entry (`retries`), for the admins' delivery report.
 * - A finished entry keeps its kind but drops its message: notes and concerns do not linger in the
 *   outbox once delivered (UK GDPR data minimisation).
 * - A stored payload is checked before it is sent (readStoredMessage): one that cannot be read (an
 *   entry written before the messages were typed) is marked failed with the reason, never retried.
 */
import { DateTime } from 'luxon';
import type {
  Clock,
  ConversationRepository,
  Messenger,
  OrganisationRepository,
  OutboxEntry,
  OutboxRepository,
  SendOutcome,
  Versioned,
} from './ports';
import type { ConversationRecord, Instant, TenantId } from '../domain/model';
import { ok, type Result } from '../domain/result';
import { readStoredMessage, type ProactiveMessage } from './proactiveMessages';
import type { SendPacer, SendTicket } from './sendPacer';

export interface DeliveryPolicy {
  /** Sends per entry before it is marked failed. */
  readonly maxAttempts: number;
  /** How long a claim keeps other deliverers away from an entry being sent. */
  readonly claimMs: number;
  /** First retry delay; doubled per attempt, capped at maxBackoffMs. */
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Entries read per tenant per run. */
  readonly batch: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 5,
  claimMs: 2 * 60_000,
  baseBackoffMs: 5_000,
  maxBackoffMs: 30 * 60_000,
  batch: 100,
};

/** Sends of a message refused only by throttling before it is given up: maxAttempts times this. */
export const THROTTLED_ATTEMPTS_FACTOR = 4;

/** The pacer every send of this process counts against, and the monotonic clock it runs on. */
export interface Pacing {
  readonly pacer: SendPacer;
  /** Milliseconds; real time even where the app's clock is fixed (the service's windows are real). */
  readonly nowMs: () => number;
}

/** The logging delivery needs (a pino Logger fits). Never given card data. */
export interface DeliveryLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export type EntryResult =
  | 'sent'
  | 'recipient-not-found'
  | 'retry-later'
  | 'failed'
  /** Someone else claimed or finished it first, or it was not pending. */
  | 'skipped'
  | 'store-unavailable';

export interface DeliveryReport {
  readonly tenants: number;
  readonly sent: number;
  readonly recipientNotFound: number;
  readonly retryLater: number;
  readonly failed: number;
  readonly skipped: number;
  readonly storeUnavailable: number;
}

export interface OutboxDeliveryDeps {
  readonly outbox: OutboxRepository;
  readonly conversations: ConversationRepository;
  readonly organisations: Pick<OrganisationRepository, 'listTenants'>;
  readonly messenger: Messenger;
  readonly clock: Clock;
  readonly log?: DeliveryLog;
  readonly policy?: Partial<DeliveryPolicy>;
  /** The process's one pacer: every send of this process is counted in it. */
  readonly pacing: Pacing;
}

const silent: DeliveryLog = { info: () => {}, warn: () => {} };

/** Guarded writes of the "not installed" mark before giving up (the next failed send marks again). */
export const MARK_MAX_WRITES = 3;

/** A send's outcome, or: not found, but the person's reference was renewed while it was failing. */
type Delivered = SendOutcome | { readonly kind: 'reinstalled' };

/** An entry claimed, with what its send needs, or what became of it when it cannot be sent. */
export interface ReadyToSend {
  readonly kind: 'ready';
  readonly claimed: Versioned<OutboxEntry>;
  readonly conversation: Versioned<ConversationRecord>;
  readonly message: ProactiveMessage;
  /** When it was claimed: the time its record is dated with. */
  readonly now: Instant;
}

export type Prepared = ReadyToSend | { readonly kind: 'done'; readonly result: EntryResult };

/**
 * Whether the reference stored now is newer than the one a send used: written later, or pointing
 * somewhere else, or installed again. Such a record is the person's own latest word and stands.
 */
function renewedSince(read: ConversationRecord, stored: ConversationRecord): boolean {
  return (
    Date.parse(stored.updatedAt) > Date.parse(read.updatedAt) ||
    stored.conversationId !== read.conversationId ||
    stored.serviceUrl !== read.serviceUrl ||
    stored.botId !== read.botId ||
    (stored.installed && !read.installed)
  );
}

const plusMs = (at: Instant, ms: number): Instant => DateTime.fromISO(at).plus({ milliseconds: ms }).toUTC().toISO() as Instant;

export class OutboxDelivery {
  readonly policy: DeliveryPolicy;
  private readonly log: DeliveryLog;

  constructor(private readonly deps: OutboxDeliveryDeps) {
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...deps.policy };
    this.log = deps.log ?? silent;
  }

  /** The delay before attempt `attempts + 1`, given what the service asked for. */
  backoffMs(attempts: number, retryAfterMs = 0): number {
    const exp = this.policy.baseBackoffMs * 2 ** Math.max(0, attempts - 1);
    return Math.max(retryAfterMs, Math.min(this.policy.maxBackoffMs, exp));
  }

  /** Everything ready, tenant by tenant. Never throws; a tenant whose store fails is reported and skipped. */
  async deliverReady(now: Instant = this.deps.clock.now()): Promise<Result<DeliveryReport>> {
    const tenants = await this.deps.organisations.listTenants();
    if (!tenants.ok) return tenants;
    const counts = { tenants: tenants.value.length, sent: 0, recipientNotFound: 0, retryLater: 0, failed: 0, skipped: 0, storeUnavailable: 0 };
    for (const tenantId of tenants.value) {
      for (const result of await this.deliverTenant(tenantId, now)) {
        if (result === 'sent') counts.sent++;
        else if (result === 'recipient-not-found') counts.recipientNotFound++;
        else if (result === 'retry-later') counts.retryLater++;
        else if (result === 'failed') counts.failed++;
        else if (result === 'skipped') counts.skipped++;
        else counts.storeUnavailable++;
      }
    }
    if (counts.sent + counts.recipientNotFound + counts.retryLater + counts.failed + counts.storeUnavailable > 0) {
      this.log.info({ event: 'outbox.delivered', ...counts }, 'outbox delivered');
    }
    return ok(counts);
  }

  async deliverTenant(tenantId: TenantId, now: Instant): Promise<EntryResult[]> {
    const ready = await this.deps.outbox.listReady(tenantId, now, this.policy.batch);
    if (!ready.ok) {
      this.log.warn({ event: 'outbox.list_failed', tenantId, code: ready.error.code }, 'could not read the outbox');
      return ['store-unavailable'];
    }
    const results: EntryResult[] = [];
    // One at a time: well under Teams' per-conversation (7/s) and per-tenant (50/s) limits.
    for (const item of ready.value) results.push(await this.deliverEntry(item, now));
    return results;
  }

  /**
   * Whether the pacer lets a turn's own notification to this entry's recipient go now: the
   * windows and any 429 pause decide, not the spacing that shapes the sender's bursts (a turn sends
   * one or two, and holding one back would only delay it).
   */
  mayStartNow(entry: OutboxEntry): boolean {
    const { pacer, nowMs } = this.deps.pacing;
    return pacer.waitMs(entry.tenantId, entry.recipientAadObjectId, nowMs(), false) === 0;
  }

  /** Claims, sends and records one entry; the send is counted by the pacer from the moment it goes out. */
  async deliverEntry(item: Versioned<OutboxEntry>, now: Instant): Promise<EntryResult> {
    const prepared = await this.prepare(item, now);
    if (prepared.kind === 'done') return prepared.result;
    return this.sendPrepared(prepared);
  }

  /**
   * Everything before the send: the claim, the stored message, the person's conversation. The
   * sender prepares entries ahead, so that a send counts against the service's windows only for the
   * HTTP request itself (the pacer's cost is one round trip per window). An entry that cannot be
   * sent (claimed by someone else, unreadable, no conversation) is recorded here: 'done'.
   * A prepared entry is claimed for `claimMs`: send it well within that.
   */
  async prepare(item: Versioned<OutboxEntry>, now: Instant): Promise<Prepared> {
    const entry = item.value;
    if (entry.status !== 'pending' || Date.parse(entry.notBefore) > Date.parse(now)) return { kind: 'done', result: 'skipped' };
    const claimed = await this.deps.outbox.replace(
      { ...entry, attempts: entry.attempts + 1, notBefore: plusMs(now, this.policy.claimMs), lastOutcome: 'sending', updatedAt: now },
      item.etag,
    );
    if (!claimed.ok) return { kind: 'done', result: claimed.error.code === 'CONFLICT' ? 'skipped' : 'store-unavailable' };
    const unsendable = async (outcome: Delivered): Promise<Prepared> => ({ kind: 'done', result: await this.finish(claimed.value, outcome, now) });
    const read = readStoredMessage(claimed.value.value.payload);
    if (!read.ok) return unsendable({ kind: 'failed', reason: read.reason, retryable: false });
    const conversation = await this.deps.conversations.get(entry.tenantId, entry.recipientAadObjectId);
    if (!conversation.ok) return unsendable({ kind: 'failed', reason: conversation.error.code, retryable: true });
    if (conversation.value === null) return unsendable({ kind: 'recipient-not-found' });
    return { kind: 'ready', claimed: claimed.value, conversation: conversation.value, message: read.message, now };
  }

  /** Sends a prepared entry (counted by the pacer: `ticket` if the caller reserved, else from now) and records it. */
  async sendPrepared(prepared: ReadyToSend, ticket?: SendTicket): Promise<EntryResult> {
    const { claimed, conversation, message, now } = prepared;
    let outcome: Delivered = await this.pacedSend(claimed.value, conversation.value, message, ticket);
    if (outcome.kind === 'recipient-not-found' && conversation.value.installed) {
      // The service says the person cannot be reached (app removed, bot blocked): remember it, so no
      // other message is tried until they install the app again (which refreshes the reference).
      if ((await this.markUnreachable(conversation, now)) === 'reinstalled') outcome = { kind: 'reinstalled' };
    }
    return this.finish(claimed, outcome, now);
  }

  private async finish(claimed: Versioned<OutboxEntry>, outcome: Delivered, now: Instant): Promise<EntryResult> {
    const entry = claimed.value;
    const after = await this.record(claimed, outcome, now);
    this.log.info(
      { event: 'outbox.send', tenantId: entry.tenantId, entryId: entry.id, kind: entry.kind, attempt: entry.attempts, outcome: outcome.kind, result: after },
      'proactive message',
    );
    return after;
  }

  /** The messenger's send, counted by the pacer from start to answer; a 429 pauses the tenant. */
  private async pacedSend(
    entry: OutboxEntry,
    conversation: ConversationRecord,
    message: ProactiveMessage,
    reserved: SendTicket | undefined,
  ): Promise<SendOutcome> {
    const pacing = this.deps.pacing;
    const ticket = reserved ?? pacing.pacer.begin(entry.tenantId, entry.recipientAadObjectId, pacing.nowMs());
    try {
      const outcome = await this.deps.messenger.sendToPerson(conversation, message);
      if (outcome.kind === 'throttled') pacing.pacer.throttled(entry.tenantId, outcome.retryAfterMs, pacing.nowMs());
      return outcome;
    } finally {
      pacing.pacer.end(ticket, pacing.nowMs());
    }
  }

  /**
   * Marks the reference a send used as not installed, guarded by the etag it was read with. On
   * CONFLICT it reads again: already marked (another deliverer, an uninstall) -> done; renewed since
   * the read (a reinstall, a move) -> left as it is, 'reinstalled'; otherwise (a write that changed
   * nothing the send depended on) the mark is tried again under the fresh etag.
   */
  private async markUnreachable(read: Versioned<ConversationRecord>, now: Instant): Promise<'marked' | 'reinstalled' | 'unmarked'> {
    const { tenantId, aadObjectId } = read.value;
    const unmarked = (code: string) => {
      this.log.warn({ event: 'conversation.mark_failed', tenantId, code }, 'could not record an unreachable person');
      return 'unmarked' as const;
    };
    let base = read;
    for (let write = 1; ; write++) {
      const saved = await this.deps.conversations.replace({ ...base.value, installed: false, updatedAt: now }, base.etag);
      if (saved.ok) return 'marked';
      if (saved.error.code !== 'CONFLICT' || write >= MARK_MAX_WRITES) return unmarked(saved.error.code);
      const again = await this.deps.conversations.get(tenantId, aadObjectId);
      if (!again.ok) return unmarked(again.error.code);
      if (again.value === null) return unmarked('NOT_FOUND');
      if (!again.value.value.installed) return 'marked';
      if (renewedSince(read.value, again.value.value)) return 'reinstalled';
      base = again.value;
    }
  }

  private async record(claimed: Versioned<OutboxEntry>, outcome: Delivered, now: Instant): Promise<EntryResult> {
    const entry = claimed.value;
    const finished = (status: OutboxEntry['status'], lastOutcome: string): OutboxEntry => ({
      ...entry,
      status,
      lastOutcome,
      payload: { kind: entry.kind, spent: true },
      updatedAt: now,
    });
    const later = (delayMs: number, lastOutcome: string, retry: boolean): OutboxEntry => ({
      ...entry,
      status: 'pending',
      notBefore: plusMs(now, delayMs),
      lastOutcome,
      ...(retry ? { retries: (entry.retries ?? 0) + 1 } : {}),
      updatedAt: now,
    });

    let next: OutboxEntry;
    let result: EntryResult;
    switch (outcome.kind) {
      case 'succeeded':
        next = finished('sent', outcome.activityId === undefined ? 'succeeded' : `succeeded ${outcome.activityId}`);
        result = 'sent';
        break;
      case 'recipient-not-found':
        next = finished('recipient-not-found', 'recipient-not-found');
        result = 'recipient-not-found';
        break;
      case 'reinstalled':
        // The address the send used is gone but the person is back: due again at once, to the fresh
        // reference. Bounded: every round needs another reinstall during a failing send.
        next = later(0, 'recipient-not-found; reinstalled during the send', false);
        result = 'retry-later';
        break;
      case 'throttled':
        // The service said when: that long, not our backoff (the tenant is paused for as long).
        if (entry.attempts < this.policy.maxAttempts * THROTTLED_ATTEMPTS_FACTOR) {
          next = later(outcome.retryAfterMs, `throttled (retry after ${outcome.retryAfterMs} ms)`, true);
          result = 'retry-later';
        } else {
          next = finished('failed', `throttled (retry after ${outcome.retryAfterMs} ms)`);
          result = 'failed';
        }
        break;
      case 'failed': {
        const what = `failed: ${outcome.reason}`;
        if (outcome.retryable === true && entry.attempts < this.policy.maxAttempts) {
          next = later(this.backoffMs(entry.attempts), what, true);
          result = 'retry-later';
        } else {
          next = finished('failed', what);
          result = 'failed';
        }
        break;
      }
    }
    const saved = await this.deps.outbox.replace(next, claimed.etag);
    if (!saved.ok) {
      // The send happened (or not) regardless; the claim expires and, for a sent message, a second
      // delivery is the price of an unreachable store, never a lost message.
      this.log.warn({ event: 'outbox.record_failed', entryId: entry.id, code: saved.error.code }, 'could not record a send');
      return 'store-unavailable';
    }
    return result;
  }
}
