/**
 * The Teams adapter (the only place botbuilder is used, besides the HTTP adapter's CloudAdapter):
 * the conversation (bot.ts; the card verbs it dispatches are the cards adapter's), conversation
 * references (conversationKeeper.ts), and the Messenger that sends a proactive card (messenger.ts).
 * What is sent, when, and how often it is tried again is the app's (src/app/outboxDelivery.ts).
 */
export { createBot, SupervisionBot, PERSONAL_ONLY_TEXT, type BotDeps, type BotLog } from './bot';
export { TeamsMessenger, classifySendError, retryAfterMs, UNREACHABLE_403_CODES } from './messenger';
export { ConversationKeeper, type KeptReference } from './conversationKeeper';
export { actorOf, tenantOf, isPersonal, installChangeOf, shortcutText } from './actor';
