/**
 * The Teams adapter (the only place botbuilder is used, besides the HTTP adapter's CloudAdapter):
 * the conversation (bot.ts, routes.ts), conversation references (conversationKeeper.ts), and
 * proactive messages (messenger.ts, notifier.ts, outboxDelivery.ts).
 */
export { createBot, SupervisionBot, SHORTCUT_VERBS, PERSONAL_ONLY_TEXT, type BotDeps, type BotRepositories, type BotLog } from './bot';
export { ROUTES, type Route, type RouteTable, type Turn } from './routes';
export { TEXT_SHORTCUTS, type TextShortcut } from './shortcuts';
export { TeamsMessenger, classifySendError, retryAfterMs, UNREACHABLE_403_CODES } from './messenger';
export { OutboxNotifier, notificationId } from './notifier';
export { OutboxDelivery, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy, type DeliveryReport, type EntryResult } from './outboxDelivery';
export { ConversationKeeper, type KeptReference } from './conversationKeeper';
export { actorOf, tenantOf, isPersonal, installChangeOf, shortcutText } from './actor';
