/**
 * How a card verb is declared, once, in its family's verbs.ts: its form (fields, where a refusal
 * shows), its parser, and its route. `act` calls ONE use case with the parsed command, through the
 * turn, and presents the view it returns. `form` (for verbs with something to type or press again)
 * re-renders the verb's card with what the person typed and the error shown, after a refusal.
 */
import type { Actor } from '../../../app/commands';
import type { UseCase, UseCases } from '../../../app/index';
import type { Person } from '../../../domain/model';
import { ok, type ErrorCode, type Result } from '../../../domain/result';
import type { CardSpec } from '../catalogue';
import type { VerbForm } from './fields';
import type { FormState, PresentContext } from './form';
import type { Targets, VerbParser } from './schema';

/** One turn's view of the world, as the routes need it (the Teams adapter builds it per activity). */
export interface Turn {
  readonly actor: Actor;
  readonly useCases: UseCases;
  readonly ctx: PresentContext;
  /** Calls a use case as the actor (linking an imported person on first contact). */
  run<C, V>(useCase: UseCase<C, V>, command: C): Promise<Result<V>>;
  /** The actor's stored person, when known. */
  me(): Promise<Person | undefined>;
}

/** What a verb does once its submission parsed into a command `C`. */
export interface VerbRoute<C> {
  act(t: Turn, command: C): Promise<Result<CardSpec>>;
  readonly form?: (t: Turn, targets: Targets, form: FormState) => Promise<Result<CardSpec>>;
  /** Refusals besides bad input that are about what was chosen on the form: shown on it, choices kept. */
  readonly formAgainOn?: readonly ErrorCode[];
}

/** A card verb: its form, the parser of its submissions into a command, and its route. */
export interface VerbDeclaration<C> extends VerbForm, VerbRoute<C> {
  readonly parse: VerbParser<C>;
}

/** Declares a verb; its command type is the parser's, and the route must take it. */
export const declareVerb = <C>(declaration: VerbDeclaration<C>): VerbDeclaration<C> => declaration;

/** A view, if the use case gave one, presented. */
export const presented = <V>(r: Result<V>, present: (view: V) => CardSpec): Result<CardSpec> => (r.ok ? ok(present(r.value)) : r);

/** A card whose data names nothing to act on: nothing to show again, so a plain refusal. */
export const missing = (what: string): Result<never> => ({ ok: false, error: { code: 'NOT_FOUND', message: `This card did not say which ${what}.` } });

/** A family's verbs: each named `<thing>.<act>` after the family, each a whole declaration. */
export type FamilyVerbs<Thing extends string> = { readonly [V in `${Thing}.${string}`]: VerbDeclaration<unknown> };
