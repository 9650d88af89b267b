/**
 * The Teams adapter (the only place botbuilder is used, besides the HTTP adapter's CloudAdapter):
 * the conversation (bot.ts, routes.ts), conversation references (conversationKeeper.ts), and the
 * Messenger that sends a proactive card (messenger.ts). What is sent, when, and how often it is
 * tried again is the app's (src/app/outboxDelivery.ts).
 */
export { createBot, SupervisionBot, SHORTCUT_VERBS, PERSONAL_ONLY_TEXT, type BotDeps, type BotLog } from './bot';
export { ROUTES, type Route, type RouteTable, type Turn } from './routes';
export { TEXT_SHORTCUTS, type TextShortcut } from './shortcuts';
export { TeamsMessenger, classifySendError, retryAfterMs, UNREACHABLE_403_CODES } from './messenger';
export { ConversationKeeper, type KeptReference } from './conversationKeeper';
export { actorOf, tenantOf, isPersonal, installChangeOf, shortcutText } from './actor';
