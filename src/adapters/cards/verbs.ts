/**
 * The closed list of card verbs, gathered from the families. Each verb is declared once, in its
 * family's verbs.ts (home/, agreement/, session/, note/, concern/, settings/, proactive/), with its form, its
 * parser and its route; adding a verb touches one family folder. Every Action.Execute in a template
 * names one of these, and tests check both directions: every verb in a template is listed here,
 * every verb here has a route.
 *
 * A verb says what to do; the action's `data` names what to act on (ids only). Who acts is never in
 * the card: it comes from the authenticated activity.
 *
 * Naming: `<thing>.<act>`; `<thing>.<act>.form` opens the card on which the person fills it in.
 */
import { AGREEMENT_VERBS } from './agreement/verbs';
import { CONCERN_VERBS } from './concern/verbs';
import { HOME_VERBS } from './home/verbs';
import { TEXT_SHORTCUTS, type TextShortcut } from './home/shortcuts';
import { NOTE_VERBS } from './note/verbs';
import { PROACTIVE_VERBS } from './proactive/verbs';
import { SETTINGS_VERBS } from './settings/verbs';
import { SESSION_VERBS } from './session/verbs';
import type { FieldSpec } from './shared/fields';
import type { VerbDeclaration } from './shared/verb';

/** Every card verb and its declaration. */
export const VERB_DECLARATIONS = {
  ...HOME_VERBS,
  ...AGREEMENT_VERBS,
  ...SESSION_VERBS,
  ...NOTE_VERBS,
  ...CONCERN_VERBS,
  ...SETTINGS_VERBS,
  ...PROACTIVE_VERBS,
};

export type Verb = keyof typeof VERB_DECLARATIONS;

export const VERBS = Object.keys(VERB_DECLARATIONS) as readonly Verb[];

type CommandIn<D> = D extends VerbDeclaration<infer C> ? C : never;

/** The command each verb parses into (the use cases' commands, from src/app/commands.ts). */
export type CommandOf = { [V in Verb]: CommandIn<(typeof VERB_DECLARATIONS)[V]> };

/** A verb's declaration, typed by its command. */
export type Route<V extends Verb> = VerbDeclaration<CommandOf[V]>;

/**
 * Every verb to its declaration: a verb without a parser or route, or a route whose command is not
 * what its parser yields, does not compile.
 */
export type RouteTable = { readonly [V in Verb]: Route<V> };

const ROUTES: RouteTable = VERB_DECLARATIONS;

/** The declaration of one verb. */
export function routeOf<V extends Verb>(verb: V): Route<V> {
  return ROUTES[verb] as Route<V>;
}

const VERB_SET: ReadonlySet<string> = new Set(VERBS);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && VERB_SET.has(value);
}

/** The inputs of a verb's form, besides the ids in the action's data (none for most verbs). */
export function fieldsOf(verb: Verb): readonly FieldSpec[] {
  const declared: { readonly fields?: readonly FieldSpec[] } = VERB_DECLARATIONS[verb];
  return declared.fields ?? [];
}

/** The inputs each submitting verb reads. */
export const FORM_FIELDS: { readonly [V in Verb]?: readonly FieldSpec[] } = Object.fromEntries(
  VERBS.filter((v) => fieldsOf(v).length > 0).map((v) => [v, fieldsOf(v)]),
);

/** Each text shortcut (home/shortcuts.ts) opens the card of one verb. */
export const SHORTCUT_VERBS: { readonly [S in TextShortcut]: Verb } = {
  help: 'help.show',
  home: 'home.show',
  reflect: 'note.write.form',
  concern: 'concern.raise.form',
  schedule: 'session.schedule.form',
  request: 'session.request.form',
};

export { TEXT_SHORTCUTS, type TextShortcut };
