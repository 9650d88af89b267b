/**
 * What every family's presenters share: the context they present in, and the pieces of a form that
 * comes back after a refused submission (Adaptive Cards 1.5 has no server-side per-input error, so
 * the card comes back with everything the person typed in its inputs, each error under its input
 * and a banner listing them all).
 */
import type { CalendarTarget, Fact, PersonRef } from '../../../app/views';
import type { Instant } from '../../../domain/model';
import type { VerbForms } from './fields';
import { formatContext, formatFact, preview, type FormatContext } from './format';
import type { Choice, FormPart, Line, NoticePart, ProblemsPart } from './parts';
import type { FieldError, Inputs } from './schema';

/** The address of a session's .ics for one person (an "Add to calendar" link); undefined when none can be made. */
export type CalendarLink = (target: CalendarTarget) => string | undefined;

/** What the presenters need besides the view. */
export interface PresentContext {
  /** The current instant: dates in the current year are shown without the year. */
  readonly now?: Instant;
  /** Makes "Add to calendar" links; without it the session cards have no such button. */
  readonly calendarLink?: CalendarLink;
}

/** A form coming back after a refused submission, or with a notice after a success. */
export interface FormState {
  /** The verb that was submitted (one of VERBS; says which part of a card the inputs belong to). */
  readonly verb?: string;
  /** What the person typed, by input id. */
  readonly values?: Inputs;
  readonly errors?: readonly FieldError[];
  readonly notice?: string;
}

/** People offered in one choice list; the current selection is always included. */
export const MAX_PEOPLE_CHOICES = 60;

/** The banner of a refused form; `forms` (the family's) says under which part of the card its inputs are. */
export function problemsOf(form: FormState | undefined, forms: VerbForms = {}): ProblemsPart {
  const errors = form?.errors ?? [];
  if (errors.length === 0) return { hasProblems: false, problemsTitle: '', problems: [] };
  const section = form?.verb === undefined ? undefined : forms[form.verb]?.section;
  const problems: Line[] = errors.map((e) => ({ text: e.message }));
  if (section !== undefined) problems.push({ text: `Your entries are kept under “${section}”: open it to correct them.` });
  return { hasProblems: true, problemsTitle: 'Not saved yet. Please check:', problems };
}

export function noticeOf(notice: string | undefined): NoticePart {
  return notice === undefined || notice === '' ? { hasNotice: false, notice: '' } : { hasNotice: true, notice };
}

/**
 * Values for a form's inputs: the defaults, overridden by what the person typed (only for inputs of
 * the verb that was submitted), and the error under each input ('' when none).
 */
export function formPart(
  inputIds: readonly string[],
  defaults: Readonly<Record<string, string | number>>,
  form: FormState | undefined,
  numeric: readonly string[] = [],
): FormPart {
  const values: Record<string, string | number> = {};
  const errors: Record<string, string> = {};
  for (const id of inputIds) {
    values[id] = defaults[id] ?? '';
    errors[id] = '';
  }
  for (const [id, typed] of Object.entries(form?.values ?? {})) {
    if (!(id in values)) continue;
    if (numeric.includes(id)) {
      // Input.Number takes a number; anything else cannot have come from its keypad.
      const n = Number(typed);
      values[id] = typed.trim() !== '' && Number.isFinite(n) ? n : (defaults[id] ?? '');
    } else {
      values[id] = typed;
    }
  }
  // Each input's messages under it: what to fix, then (rarely) that what was sent could not all come back.
  for (const e of form?.errors ?? []) if (e.field in errors) errors[e.field] = errors[e.field] === '' ? e.message : `${errors[e.field]} ${e.message}`;
  return { values, errors };
}

export const fmt = (zone: string, ctx: PresentContext): FormatContext => formatContext(zone, ctx.now);

export function peopleChoices(
  people: readonly PersonRef[],
  selected: readonly string[],
): { choices: Choice[]; shown: number; total: number } {
  const sorted = [...people].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const chosen = sorted.filter((p) => selected.includes(p.id));
  const others = sorted.filter((p) => !selected.includes(p.id)).slice(0, Math.max(0, MAX_PEOPLE_CHOICES - chosen.length));
  const choices = [...chosen, ...others]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((p) => ({ title: preview(p.name, 80), value: p.id }));
  return { choices, shown: choices.length, total: people.length };
}

export function choicesNote(lists: readonly { shown: number; total: number }[]): { hasChoicesNote: boolean; choicesNote: string } {
  const cut = lists.find((l) => l.shown < l.total);
  if (cut === undefined) return { hasChoicesNote: false, choicesNote: '' };
  return {
    hasChoicesNote: true,
    choicesNote: `Lists show the first ${cut.shown} of ${cut.total} people by name, and anyone already chosen.`,
  };
}

export function splitIds(value: string | number | undefined): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

export function factLine(what: string, fact: Fact | null, f: FormatContext): Line[] {
  return fact === null ? [] : [{ text: formatFact(what, fact, f) }];
}
