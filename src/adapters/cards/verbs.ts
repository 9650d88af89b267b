/**
 * The closed list of card verbs. Every Action.Execute in a template names one of these; the Teams
 * adapter routes an `adaptiveCard/action` invoke by its verb (verb -> parse -> use case -> card), and
 * tests check both directions: every verb in a template is listed here, every verb here has a route.
 *
 * A verb says what to do; the action's `data` names what to act on (ids only). Who acts is never in
 * the card: it comes from the authenticated activity.
 *
 * Naming: `<thing>.<act>`; `<thing>.<act>.form` opens the card on which the person fills it in.
 */
export const VERBS = [
  'home.show',
  'help.show',

  'agreement.propose.form',
  'agreement.propose',
  'agreement.show',
  'agreement.agree',
  'agreement.changeSupervisor.form',
  'agreement.changeSupervisor',
  'agreement.pause',
  'agreement.resume',
  'agreement.end',

  'session.schedule.form',
  'session.schedule',
  'session.show',
  'session.accept',
  'session.proposeTime',
  'session.recordHeld',
  'session.cancel',
  'session.reschedule',
  'session.confirm',
  'session.rate',

  'note.write.form',
  'note.write',
  'note.list',
  'note.listShared',
  'note.read',

  'concern.raise.form',
  'concern.raise',
  'concern.list',
  'concern.show',
  'concern.acknowledge',
  'concern.assign',
  'concern.resolve',

  'settings.show',
  'settings.update',
] as const;

export type Verb = (typeof VERBS)[number];

const VERB_SET: ReadonlySet<string> = new Set(VERBS);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && VERB_SET.has(value);
}
