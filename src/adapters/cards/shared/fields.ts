/**
 * How a card form's inputs are described: id (as in the template), label (as the person reads it),
 * kind and limits. Each family's fields.ts lists its verbs' forms with these; one description serves
 * the parser (messages name the label), the templates (a test checks each form's inputs against it)
 * and the retry card (which gives a person back what they typed when the store was unavailable).
 *
 * Limits are the server's: an Input's `maxLength` in a template is only a hint to the client.
 */

/**
 * text: one line; longText: multi-line; date: YYYY-MM-DD (Input.Date); time: HH:mm (Input.Time);
 * number: whole number (Input.Number); choice: one of fixed words; people: person ids (ChoiceSet of
 * names, single or multi); yesNo: 'true'/'false' (Input.Toggle or a Yes/No ChoiceSet).
 */
export type FieldKind = 'text' | 'longText' | 'date' | 'time' | 'number' | 'choice' | 'people' | 'yesNo';

export interface FieldSpec {
  readonly id: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** Characters (text kinds). */
  readonly max?: number;
}

export const field = (id: string, label: string, kind: FieldKind, required: boolean, max?: number): FieldSpec =>
  max === undefined ? { id, label, kind, required } : { id, label, kind, required, max };

/**
 * A verb's form: the inputs it reads besides the ids in the action's data, and how a use case's
 * refusal finds its place on the card.
 */
export interface VerbForm {
  readonly fields?: readonly FieldSpec[];
  /** The input a command field (as a use case names it) maps to, when its name differs. */
  readonly inputOf?: (commandField: string) => string | undefined;
  /** Which part of a card (an Action.ShowCard) holds the verb's inputs, to point the person to it. */
  readonly section?: string;
}

/** A family's forms, by verb. */
export type VerbForms = Readonly<Record<string, VerbForm>>;

/** `inputOf` for a form whose inputs are named differently from the command's fields. */
export const renamed =
  (table: Readonly<Record<string, string>>) =>
  (commandField: string): string | undefined =>
    table[commandField];

/** The ids of a form's inputs, in order. */
export const inputIds = (form: VerbForm): string[] => (form.fields ?? []).map((s) => s.id);

/** A form's input by id; a missing one is a bug (the form and its parser disagree). */
export function fieldOf(form: VerbForm, id: string): FieldSpec {
  const found = (form.fields ?? []).find((s) => s.id === id);
  if (!found) throw new Error(`no field ${id} on the form`);
  return found;
}

/** What an action's `data` may name: the thing to act on. Never who is acting. */
export const TARGET_IDS = ['agreementId', 'sessionId', 'noteId', 'concernId', 'periodStart'] as const;
export type TargetId = (typeof TARGET_IDS)[number];
