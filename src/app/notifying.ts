/**
 * Notifying: who is told of an action is decided here, once, for every use case. The actor is never
 * sent a proactive copy of what their own card already shows; everyone else named gets the message
 * built for them, through the Notifier port.
 */
import type { PersonId } from '../domain/model';
import type { Ctx } from './acting';
import type { Notification } from './proactiveMessages';

/**
 * Proactive cards after the change is saved. A failure to queue one does not undo or fail the
 * person's action (the change is saved and their own card shows it).
 */
export async function notifyEach(ctx: Ctx, messages: readonly (readonly [PersonId | undefined, Notification])[]): Promise<void> {
  for (const [recipientId, message] of messages) {
    if (recipientId === undefined || recipientId === ctx.me.id) continue;
    await ctx.deps.notifier.notify(ctx.tenantId, recipientId, message);
  }
}
