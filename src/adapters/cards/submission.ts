/**
 * A card submission, whatever channel carried it: parse it (the verb's parser), take its route (one
 * use case), and present the view; a refusal comes back as the same card with what was typed and
 * the error, or a clear error card. The Teams adapter hands each submission to `dispatch` with the
 * turn it built from the authenticated activity.
 */
import type { DomainError, ErrorCode } from '../../domain/result';
import type { CardSpec } from './catalogue';
import { echoInputs } from './shared/echo';
import { retryCard } from './shared/error';
import type { FormState } from './shared/form';
import { rawTargets, toFieldErrors, type FieldError, type Inputs, type ParseContext, type ParseResult, type Raw, type Targets } from './shared/schema';
import type { Turn } from './shared/verb';
import { fieldsOf, routeOf, type CommandOf, type Route, type Verb } from './verbs';

/**
 * Validates a submission for `verb`. `data` is the Action.Execute data merged with the inputs;
 * anything that is not an object is treated as an empty submission.
 */
export function parseSubmission<V extends Verb>(verb: V, data: unknown, ctx: ParseContext = {}): ParseResult<CommandOf[V]> {
  const raw: Raw = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Raw) : {};
  const fields = fieldsOf(verb);
  const { inputs, cuts } = echoInputs(fields, raw);
  const targets = rawTargets(raw);
  const r = routeOf(verb).parse(raw, ctx);
  if (r.ok) return { ok: true, value: { command: r.command, inputs, targets, cuts } };
  const fieldErrors = toFieldErrors(fields, r.issues);
  const first = fieldErrors[0];
  return {
    ok: false,
    error: { code: first.code, message: first.message, field: first.field },
    fieldErrors,
    inputs,
    targets,
    cuts,
  };
}

/** What the person typed into the verb's inputs, as strings, for re-rendering the card. */
export function rawInputs(verb: Verb, raw: Raw): Inputs {
  return echoInputs(fieldsOf(verb), raw).inputs;
}

/** The input a command field maps to on the verb's card, or undefined when it has none. */
export function inputOfField(verb: Verb, field: string): string | undefined {
  const mapped = routeOf(verb).inputOf?.(field);
  if (mapped !== undefined) return mapped;
  if (fieldsOf(verb).some((s) => s.id === field)) return field;
  return undefined;
}

const STORE_HINT: Partial<Record<DomainError['code'], string>> = {
  STORE_UNAVAILABLE: 'Nothing was saved: the database did not answer just now. Your entries are kept here; press the button again in a moment.',
  CONFLICT: 'Nothing was saved: someone changed this at the same time. Your entries are kept here; check and press the button again.',
};

/**
 * A use case's refusal of a submission as a form state: the error next to its input, or in the
 * banner; `cuts` says which inputs could not be given back in full (parseSubmission's `cuts`).
 */
export function formFromError(verb: Verb, error: DomainError, values: Inputs, cuts: readonly FieldError[] = []): FormState {
  const input = error.field === undefined ? undefined : inputOfField(verb, error.field);
  const hint = STORE_HINT[error.code];
  const message = hint === undefined ? error.message : `${error.message} ${hint}`.trim();
  return { verb, values, errors: [{ field: input ?? 'submission', code: error.code, message }, ...cuts] };
}

/** A parse failure as a form state. */
export function formFromParse(
  verb: Verb,
  failure: { readonly fieldErrors: readonly FieldError[]; readonly inputs: Inputs; readonly cuts?: readonly FieldError[] },
): FormState {
  return { verb, values: failure.inputs, errors: [...failure.fieldErrors, ...(failure.cuts ?? [])] };
}

/**
 * When the form itself cannot be shown again (its view could not be loaded, e.g. the store is
 * down): a card that gives back everything the person typed into the verb's inputs, and a "Try
 * again" button that submits the same verb for the same record.
 */
export function presentRetry(verb: Verb, targets: Targets, inputs: Inputs, error: DomainError, cuts: readonly FieldError[] = []): CardSpec {
  return retryCard(verb, fieldsOf(verb), targets, inputs, error, cuts);
}

/**
 * A refusal pressing again would not change (already done, not yours, not found): the reason, and
 * everything the person typed into the verb's inputs given back (the plain error card when they
 * typed nothing).
 */
export function presentRefused(verb: Verb, targets: Targets, inputs: Inputs, error: DomainError, cuts: readonly FieldError[] = []): CardSpec {
  return retryCard(verb, fieldsOf(verb), targets, inputs, error, cuts, false);
}

/** Refusals about what was typed or a passing store problem: the form comes back with it. */
const FORM_AGAIN: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'INVALID_DATE',
  'TEXT_TOO_LONG',
  'CADENCE_LOOSER_THAN_STANDARD',
  'PROFESSIONAL_SUPERVISOR_REQUIRED',
  'STORE_UNAVAILABLE',
  'CONFLICT',
]);

/**
 * One verb: parse the submission, call the route (one use case), and turn a refusal into the same
 * card with what was typed, or a clear error card.
 */
export async function dispatch<V extends Verb>(turn: Turn, verb: V, data: unknown): Promise<CardSpec> {
  const route = routeOf(verb);
  const parsed = parseSubmission(verb, data);
  if (!parsed.ok) {
    return formAgain(turn, route, verb, parsed.targets, parsed.inputs, parsed.cuts, formFromParse(verb, parsed), parsed.error);
  }
  const acted = await route.act(turn, parsed.value.command);
  if (acted.ok) return acted.value;
  const error = acted.error;
  const { targets, inputs, cuts } = parsed.value;
  if (!FORM_AGAIN.has(error.code) && !(route.formAgainOn ?? []).includes(error.code)) return presentRefused(verb, targets, inputs, error, cuts);
  return formAgain(turn, route, verb, targets, inputs, cuts, formFromError(verb, error, inputs, cuts), error);
}

async function formAgain<V extends Verb>(
  turn: Turn,
  route: Route<V>,
  verb: V,
  targets: Targets,
  inputs: Inputs,
  cuts: readonly FieldError[],
  form: FormState,
  error: DomainError,
): Promise<CardSpec> {
  if (route.form !== undefined) {
    const again = await route.form(turn, targets, form);
    if (again.ok) return again.value;
    // The form cannot be shown again (it is no longer theirs to fill in, or its view could not be
    // loaded): give back what they typed with the reason, and a button to try again only when
    // trying again could help.
    if (!FORM_AGAIN.has(again.error.code)) return presentRefused(verb, targets, inputs, again.error, cuts);
  }
  return presentRetry(verb, targets, inputs, error, cuts);
}
