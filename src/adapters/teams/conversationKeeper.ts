/**
 * Conversation references, kept in Cosmos DB (never in memory) so any instance can message a person
 * proactively. Refreshed from EVERY inbound activity: Teams may move a tenant to another serviceUrl,
 * and the latest activity's is the one to use. A write happens only when something changed, so the
 * usual turn costs one point read.
 *
 * - A 1:1 activity stores the person's reference (one per person per tenant), installed unless it
 *   is the app's removal, which is recorded (installed: false) rather than deleted.
 * - A group chat or channel activity never replaces a person's 1:1 reference; it only refreshes the
 *   serviceUrl of the one already kept. That write is derived from a read, so it is ETag-guarded: a
 *   1:1 install landing in between is never overwritten by the older record (see moveServiceUrl).
 * - An install is always written, even when nothing in the record changed, so its etag moves on and
 *   a write derived from an earlier read (the outbox marking the person unreachable after a send
 *   that failed while they reinstalled) gets CONFLICT instead of undoing the install.
 */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Clock, ConversationRepository, Versioned } from '../../app/ports';
import type { ConversationRecord, Instant } from '../../domain/model';
import { ok, type Result } from '../../domain/result';
import { actorOf, installChangeOf, isPersonal } from './actor';

export interface KeptReference {
  /** What was stored before this activity (null: nothing). */
  readonly previous: ConversationRecord | null;
  /** What is stored now (null: nothing to keep for this activity). */
  readonly current: ConversationRecord | null;
  /** The app was just installed in this 1:1 chat (first time, or again after a removal). */
  readonly newlyInstalled: boolean;
}

const NOTHING: KeptReference = { previous: null, current: null, newlyInstalled: false };

/** Guarded writes tried before giving up on one activity (the next activity refreshes again). */
export const KEEPER_MAX_WRITES = 3;

/** The reference to store: botbuilder's, without the id of the activity that brought it. */
function referenceOf(activity: Partial<Activity>): Record<string, unknown> {
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  return JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
}

export class ConversationKeeper {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
  ) {}

  async refresh(activity: Partial<Activity>): Promise<Result<KeptReference>> {
    const actor = actorOf(activity);
    const serviceUrl = activity.serviceUrl;
    if (actor === undefined || typeof serviceUrl !== 'string' || serviceUrl === '') return ok(NOTHING);
    const found = await this.conversations.get(actor.tenantId, actor.aadObjectId);
    if (!found.ok) return found;
    const previous = found.value?.value ?? null;
    const now = this.clock.now();

    if (!isPersonal(activity)) {
      if (found.value === null || found.value.value.serviceUrl === serviceUrl) return ok({ previous, current: previous, newlyInstalled: false });
      const moved = await this.moveServiceUrl(found.value, serviceUrl, now);
      return moved.ok ? ok({ previous, current: moved.value, newlyInstalled: false }) : moved;
    }

    const conversationId = activity.conversation?.id ?? '';
    const change = installChangeOf(activity);
    const installed = change !== 'remove';
    const botId = activity.recipient?.id ?? '';
    const unchanged =
      change !== 'add' &&
      previous !== null &&
      previous.conversationId === conversationId &&
      previous.serviceUrl === serviceUrl &&
      previous.installed === installed &&
      previous.botId === botId;
    if (unchanged) return ok({ previous, current: previous, newlyInstalled: false });

    const record: ConversationRecord = {
      tenantId: actor.tenantId,
      aadObjectId: actor.aadObjectId,
      conversationId,
      serviceUrl,
      botId,
      channelId: activity.channelId ?? 'msteams',
      reference: referenceOf(activity),
      installed,
      updatedAt: now,
    };
    const saved = await this.conversations.upsert(record);
    if (!saved.ok) return saved;
    const newlyInstalled =
      installed && (previous === null || !previous.installed || previous.conversationId !== conversationId);
    return ok({ previous, current: saved.value, newlyInstalled });
  }

  /**
   * Puts this activity's serviceUrl on the record read before, guarded by that read's etag. On
   * CONFLICT the record is read again: when the write in between already carries this serviceUrl,
   * or was made after this activity's time, it stands; otherwise the serviceUrl goes on top of the
   * fresh record (keeping its conversation and installed state) under the fresh etag.
   */
  private async moveServiceUrl(read: Versioned<ConversationRecord>, serviceUrl: string, now: Instant): Promise<Result<ConversationRecord | null>> {
    let base = read;
    for (let write = 1; ; write++) {
      const moved: ConversationRecord = { ...base.value, serviceUrl, reference: { ...base.value.reference, serviceUrl }, updatedAt: now };
      const saved = await this.conversations.replace(moved, base.etag);
      if (saved.ok) return ok(saved.value.value);
      // Gone meanwhile (e.g. erased): there is nothing to refresh.
      if (saved.error.code === 'NOT_FOUND') return ok(null);
      if (saved.error.code !== 'CONFLICT' || write >= KEEPER_MAX_WRITES) return saved;
      const again = await this.conversations.get(read.value.tenantId, read.value.aadObjectId);
      if (!again.ok) return again;
      if (again.value === null) return ok(null);
      const stored = again.value.value;
      if (stored.serviceUrl === serviceUrl || Date.parse(stored.updatedAt) > Date.parse(now)) return ok(stored);
      base = again.value;
    }
  }
}
