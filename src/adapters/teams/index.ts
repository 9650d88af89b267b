/**
 * The Teams adapter (the only place botbuilder is used, besides the HTTP adapter's CloudAdapter):
 * the conversation (bot.ts; the card verbs it dispatches are the cards adapter's), conversation
 * references (conversationKeeper.ts), and proactive messages (messenger.ts, notifier.ts, outboxDelivery.ts).
 */
export { createBot, SupervisionBot, PERSONAL_ONLY_TEXT, type BotDeps, type BotRepositories, type BotLog } from './bot';
export type { Turn } from './routes';
export { TeamsMessenger, classifySendError, retryAfterMs, UNREACHABLE_403_CODES } from './messenger';
export { OutboxNotifier, notificationId } from './notifier';
export { OutboxDelivery, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy, type DeliveryReport, type EntryResult } from './outboxDelivery';
export { ConversationKeeper, type KeptReference } from './conversationKeeper';
export { actorOf, tenantOf, isPersonal, installChangeOf, shortcutText } from './actor';
