/**
 * Conversation references, kept in Cosmos DB (never in memory) so any instance can message a person
 * proactively. Refreshed from EVERY inbound activity: Teams may move a tenant to another serviceUrl,
 * and the latest activity's is the one to use. A write happens only when something changed, so the
 * usual turn costs one point read.
 *
 * - A 1:1 activity stores the person's reference (one per person per tenant), installed unless it
 *   is the app's removal, which is recorded (installed: false) rather than deleted.
 * - A group chat or channel activity never replaces a person's 1:1 reference; it only refreshes the
 *   serviceUrl of the one already kept.
 */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Clock, ConversationRepository } from '../../app/ports';
import type { ConversationRecord } from '../../domain/model';
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
    const previous = found.value;
    const now = this.clock.now();

    if (!isPersonal(activity)) {
      if (previous === null || previous.serviceUrl === serviceUrl) return ok({ previous, current: previous, newlyInstalled: false });
      const moved: ConversationRecord = { ...previous, serviceUrl, reference: { ...previous.reference, serviceUrl }, updatedAt: now };
      const saved = await this.conversations.upsert(moved);
      return saved.ok ? ok({ previous, current: saved.value, newlyInstalled: false }) : saved;
    }

    const conversationId = activity.conversation?.id ?? '';
    const installed = installChangeOf(activity) !== 'remove';
    const botId = activity.recipient?.id ?? '';
    const unchanged =
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
}
