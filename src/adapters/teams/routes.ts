/**
 * What the Teams adapter gives the card verbs: a Turn per activity (bot.ts builds it from the
 * authenticated activity). The verbs themselves (form, parser, route: one use case -> card) are
 * declared once each, in their family's verbs.ts in the cards adapter, and dispatched there.
 */
export type { Turn } from '../cards';
