/**
 * The cards adapter: card templates, verbs, submission parsers and presenters, sliced by family
 * (home/, agreement/, session/, note/, concern/, settings/, proactive/), each folder holding its
 * templates, card data, forms (fields.ts), parsers, presenters and verb declarations (verbs.ts);
 * shared/ holds the machinery they share (rendering, the echo budget, field schemas, formatting).
 *
 * A card submission, as the Teams adapter hands it over:
 *   verb (isVerb) -> dispatch(turn, verb, value.action.data)            (submission.ts)
 *     -> parseSubmission: the verb's parser (its family's parse.ts)
 *     -> refused: the verb's form again with formFromParse(...) (or presentRetry when its view
 *        cannot be loaded), so nothing typed is lost
 *     -> the verb's route (its family's verbs.ts): one use case(actor, command) -> view -> card
 *     -> use case refused: bad input / store / conflict -> the form again with formFromError(...);
 *        authorization and lookups -> presentError(error).
 *   render(card) in the invoke response.
 */
import type { ProactiveMessage } from '../../app/proactiveMessages';
import type { CardSpec } from './catalogue';
import { presentProactive } from './proactive/present';
import type { PresentContext } from './shared/form';
import { renderCard, type AdaptiveCard } from './shared/render';

export * from './verbs';
export * from './submission';
export * from './proactive/present';
export { TEMPLATE_NAMES, FAMILIES, type CardDataMap, type CardSpec, type Family, type TemplateName } from './catalogue';
export { ADAPTIVE_CARD_CONTENT_TYPE, cardBytes, renderCard, templatePath, templateSource, templatesDir, type AdaptiveCard } from './shared/render';
export { TARGET_IDS, type FieldSpec, type TargetId } from './shared/fields';
export { ECHO_BUDGET_BYTES } from './shared/echo';
export { presentError } from './shared/error';
export { MAX_PEOPLE_CHOICES, type CalendarLink, type FormState, type PresentContext } from './shared/form';
export type { FieldError, Inputs, NoInput, ParseContext, ParseResult, Parsed, Targets } from './shared/schema';
export type { Turn } from './shared/verb';
export * from './home/present';
export * from './agreement/present';
export * from './session/present';
export * from './note/present';
export * from './concern/present';
export * from './settings/present';
export { AGREEMENT_FORMS, HANDOVER_MAX } from './agreement/fields';
export { SESSION_FORMS, ACTION_ROWS, AGENDA_ITEMS_MAX, AGENDA_MAX, ACTION_TEXT_MAX, COMMENT_MAX, DEFAULT_SESSION_MINUTES, MINUTES_MAX, MINUTES_MIN, REASON_MAX } from './session/fields';
export { NOTE_FORMS, CPD_TAG_MAX, NOTE_MAX_TOTAL } from './note/fields';
export { CONCERN_FORMS, CONCERN_MAX, RESOLUTION_MAX } from './concern/fields';
export { SETTINGS_FORMS, GRACE_DAYS_MAX, LEAD_DAYS_MAX, ORG_NAME_MAX } from './settings/fields';
export type { OpenScheduleForm } from './session/parse';

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
