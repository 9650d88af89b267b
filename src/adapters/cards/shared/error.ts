/** The refusal card (shared/templates/error.json), for every family's verbs. */
import type { DomainError } from '../../../domain/result';
import { spec, type CardSpec } from '../catalogue';
import { TARGET_IDS, type FieldSpec, type TargetId } from './fields';
import type { ErrorData } from './parts';
import type { FieldError, Inputs, Targets } from './schema';

const ERROR_TITLE: Partial<Record<DomainError['code'], string>> = {
  UNKNOWN_USER: 'We do not know you yet',
  NOT_AUTHORIZED: 'You cannot do that',
  WRONG_TENANT: 'That belongs to another organisation',
  NOT_FOUND: 'We could not find that',
  ALREADY_DONE: 'That was already done',
  STORE_UNAVAILABLE: 'We could not reach the database',
  CONFLICT: 'Someone changed this at the same time',
};

const ERROR_HINT: Partial<Record<DomainError['code'], string>> = {
  UNKNOWN_USER: 'Ask your organisation’s admin to add you to the staff list, then say hello again.',
  NOT_AUTHORIZED: 'Only the people named on a record can act on it. If you think this is wrong, ask your admin.',
  STORE_UNAVAILABLE: 'Please try again in a moment.',
  CONFLICT: 'Open it again to see the latest, then try again.',
};

/** A refused action or an unknown user: what happened in plain words, and that nothing changed. */
export function presentError(error: DomainError, opts: { readonly known?: boolean } = {}): CardSpec {
  const hint = ERROR_HINT[error.code] ?? '';
  return spec('error', {
    title: ERROR_TITLE[error.code] ?? 'That could not be done',
    message: error.message,
    outcome: error.code === 'ALREADY_DONE' ? 'Nothing more was changed.' : 'Nothing was changed.',
    hasHint: hint !== '',
    hint,
    code: error.code,
    hasKept: false,
    keptNote: '',
    kept: [],
    hasRetry: false,
    retry: { verb: 'home.show', data: {} },
    showHome: (opts.known ?? true) && error.code !== 'UNKNOWN_USER',
  });
}

/**
 * When the form itself cannot be shown again (its view could not be loaded, e.g. the store is
 * down): a card that gives back everything the person typed into `fields` (the verb's form), in
 * inputs with the same ids, and a "Try again" button that submits the same verb for the same
 * record. People chosen from a list are not repeated (their names are not known here); the form
 * asks for them again. `retry` false: a refusal that pressing again would not change (already done,
 * not yours), with what was typed given back all the same.
 */
export function retryCard(
  verb: string,
  fields: readonly FieldSpec[],
  targets: Targets,
  inputs: Inputs,
  error: DomainError,
  cuts: readonly FieldError[] = [],
  retry = true,
): CardSpec {
  const kept: ErrorData['kept'][number][] = [];
  for (const s of fields) {
    const value = inputs[s.id] ?? '';
    if (s.kind === 'people' || value.trim() === '') continue;
    // An input's label is what sits next to it: the notice that it was cut goes there.
    const cut = cuts.find((c) => c.field === s.id);
    const label = cut === undefined ? s.label : cut.message;
    kept.push({ id: s.id, label, value, isMultiline: s.kind === 'longText', maxLength: Math.max(s.max ?? 200, value.length) });
  }
  const data: Record<string, string> = {};
  for (const key of TARGET_IDS) if (targets[key as TargetId] !== undefined) data[key] = targets[key as TargetId] as string;
  const base = presentError(error).data as ErrorData;
  return spec('error', {
    ...base,
    outcome: retry ? 'Nothing was saved.' : base.outcome,
    hasKept: kept.length > 0,
    keptNote: retry ? 'What you typed is kept below; press Try again when you are ready.' : 'What you typed is kept below, to copy before you close this card.',
    kept,
    hasRetry: retry,
    retry: { verb, data },
  });
}
