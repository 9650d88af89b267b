/**
 * Notifying: who is told of an action is decided here, once, for every use case. The actor is never
 * sent a proactive copy of what their own card already shows; everyone else named gets the message
 * built for them, through the Notifier port.
 */
import type { Person, PersonId, TenantId } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Ctx } from './acting';
import type { ConversationRepository } from './ports';
import type { Notification } from './proactiveMessages';

/**
 * Why the bot cannot message a person, or null when it can: never linked (imported, never talked
 * to the bot), the app not installed for them, or removed (uninstalled or blocked). Home shows it to
 * the PSW and admins, and the digest counts it.
 */
export async function whyUnreachable(
  /** Absent (some use cases' dependencies): only "never linked" is known. */
  conversations: Pick<ConversationRepository, 'get'> | undefined,
  tenantId: TenantId,
  person: Pick<Person, 'aadObjectId'>,
): Promise<Result<'never-linked' | 'not-installed' | 'removed' | null>> {
  if (person.aadObjectId === undefined || person.aadObjectId === '') return ok('never-linked');
  if (conversations === undefined) return ok(null);
  const c = await conversations.get(tenantId, person.aadObjectId);
  if (!c.ok) return c;
  if (c.value === null) return ok('not-installed');
  return ok(c.value.value.installed ? null : 'removed');
}

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
