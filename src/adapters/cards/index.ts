/**
 * The cards adapter: templates, the closed list of verbs, submission parsers and presenters.
 *
 * A card submission, as the Teams adapter routes it:
 *   verb (isVerb) -> parseSubmission(verb, value.action.data, { zone })
 *     -> refused: re-render the verb's form with formFromParse(...) (or presentRetry when its view
 *        cannot be loaded), so nothing typed is lost
 *     -> use case(actor, command) -> view -> render(present...(view)) in the invoke response
 *     -> use case refused: bad input / store / conflict -> the form again with formFromError(...);
 *        authorization and lookups -> render(presentError(error)).
 */
import type { CardMessage } from '../../app/ports';
import type { Notification, NotificationTemplate } from '../../app/views';
import {
  presentEscalation,
  presentNotification,
  presentReminder,
  type CardSpec,
  type EscalationView,
  type PresentContext,
  type ReminderView,
} from './present';
import { renderCard, type AdaptiveCard } from './render';

export * from './verbs';
export * from './parse';
export * from './present';
export { FORM_FIELDS, TARGET_IDS, fieldsOf, type FieldSpec, type TargetId } from './fields';
export { ADAPTIVE_CARD_CONTENT_TYPE, TEMPLATE_NAMES, cardBytes, renderCard, type AdaptiveCard, type TemplateName } from './render';
export type { CardDataMap } from './card-data';

export function render(card: CardSpec): AdaptiveCard {
  return renderCard(card.template, card.data as never);
}

const NOTIFICATION_TEMPLATES: ReadonlySet<string> = new Set<NotificationTemplate>([
  'agreement-to-agree',
  'agreement-updated',
  'session-scheduled',
  'schedule-response',
  'session-recorded',
  'session-confirmed',
  'concern-to-handle',
  'concern-update',
]);

/** Proactive messages that are not a use case's Notification: the reminder sweep's. */
export type SweepMessage =
  | { readonly template: 'reminder'; readonly data: ReminderView }
  | { readonly template: 'escalation'; readonly data: EscalationView };

/**
 * The card for a proactive message (Messenger's CardMessage): a Notification from a use case, or a
 * reminder / escalation from the sweep. Its data is a view the server built, never card input.
 */
export function renderMessage(message: CardMessage | Notification | SweepMessage, ctx: PresentContext = {}): AdaptiveCard {
  if (NOTIFICATION_TEMPLATES.has(message.template)) return render(presentNotification(message as Notification, ctx));
  if (message.template === 'reminder') return render(presentReminder(message.data as unknown as ReminderView, ctx));
  if (message.template === 'escalation') return render(presentEscalation(message.data as unknown as EscalationView, ctx));
  throw new Error(`no card for proactive message ${JSON.stringify(message.template)}`);
}
