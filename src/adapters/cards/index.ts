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
import type { ProactiveMessage } from '../../app/proactiveMessages';
import { presentProactive, type CardSpec, type PresentContext } from './present';
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

/**
 * The card for a proactive message the outbox carries (a use case's notification, a reminder, an
 * escalation, the welcome). Its data is what the server wrote, never card input.
 */
export function renderMessage(message: ProactiveMessage, ctx: PresentContext = {}): AdaptiveCard {
  return render(presentProactive(message, ctx));
}
