/**
 * Who is acting, from the authenticated activity only: `from.aadObjectId` and the tenant
 * (`conversation.tenantId`, else `channelData.tenant.id`). Nothing a card carries can change it.
 * The channel has authenticated the activity (Bot Framework token checked by the HTTP adapter).
 */
import type { Activity } from 'botbuilder';
import type { Actor } from '../../app/commands';

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = (activity.conversation as { tenantId?: unknown } | undefined)?.tenantId;
  if (nonEmpty(fromConversation)) return fromConversation;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return nonEmpty(fromChannelData) ? fromChannelData : undefined;
}

export function actorOf(activity: Partial<Activity>): Actor | undefined {
  const tenantId = tenantOf(activity);
  const aadObjectId = activity.from?.aadObjectId;
  if (tenantId === undefined || !nonEmpty(aadObjectId)) return undefined;
  return { tenantId, aadObjectId };
}

/** A 1:1 chat with the bot. Teams always says; an activity that does not say and is not a group is one. */
export function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  if (type !== undefined && type !== null && type !== '') return type === 'personal';
  return activity.conversation?.isGroup !== true;
}

export type InstallChange = 'add' | 'remove' | undefined;

/** The installationUpdate actions Teams sends (Bot Framework activity schema); anything else is no change. */
const INSTALL_ADD: ReadonlySet<string> = new Set(['add', 'add-upgrade']);
const INSTALL_REMOVE: ReadonlySet<string> = new Set(['remove', 'remove-upgrade']);

/**
 * installationUpdate add/remove (also the -upgrade variants), or the bot itself added to / removed
 * from the conversation's members.
 */
export function installChangeOf(activity: Partial<Activity>): InstallChange {
  if (activity.type === 'installationUpdate') {
    const action = String(activity.action ?? '');
    if (INSTALL_ADD.has(action)) return 'add';
    if (INSTALL_REMOVE.has(action)) return 'remove';
    return undefined;
  }
  if (activity.type === 'conversationUpdate') {
    const botId = activity.recipient?.id;
    if (botId === undefined) return undefined;
    if ((activity.membersAdded ?? []).some((m) => m.id === botId)) return 'add';
    if ((activity.membersRemoved ?? []).some((m) => m.id === botId)) return 'remove';
  }
  return undefined;
}

/** The text a person typed, as a shortcut: a leading mention of the bot removed, trimmed, lower-cased. */
export function shortcutText(activity: Partial<Activity>): string {
  let text = (typeof activity.text === 'string' ? activity.text : '').trim();
  // In group chats and channels Teams puts the bot's mention (<at>Bot name</at>) first; the mention
  // entity says which text is the bot's, so a leading mention of someone else is left alone.
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: unknown; mentioned?: { id?: unknown }; text?: unknown };
    if (mention.type !== 'mention' || mention.mentioned?.id !== botId || typeof mention.text !== 'string') continue;
    if (mention.text !== '' && text.startsWith(mention.text)) text = text.slice(mention.text.length);
  }
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
