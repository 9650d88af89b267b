/**
 * Pieces of card data that several families' templates bind the same way. Each family's data.ts
 * builds its cards' data from these; all wording and dates are already formatted.
 */

export interface Choice {
  readonly title: string;
  readonly value: string;
}

export interface Line {
  readonly text: string;
}

export interface FactRow {
  readonly title: string;
  readonly value: string;
}

/** An Adaptive Card text colour. */
export type TextColor = 'default' | 'good' | 'warning' | 'attention' | 'accent';

/** The banner at the top of a form when a submission was refused. */
export interface ProblemsPart {
  readonly hasProblems: boolean;
  readonly problemsTitle: string;
  readonly problems: readonly Line[];
}

/** A short line saying what just happened ("Saved."). */
export interface NoticePart {
  readonly hasNotice: boolean;
  readonly notice: string;
}

/** Input values to prefill and the error to show next to each input ('' when none), by input id. */
export interface FormPart {
  readonly values: Readonly<Record<string, string | number>>;
  readonly errors: Readonly<Record<string, string>>;
}

export interface ChoicesNotePart {
  readonly hasChoicesNote: boolean;
  readonly choicesNote: string;
}

/** The refusal card (shared/templates/error.json): what happened, and what was typed, kept. */
export interface ErrorData {
  readonly title: string;
  readonly message: string;
  readonly outcome: string;
  readonly hasHint: boolean;
  readonly hint: string;
  readonly code: string;
  readonly hasKept: boolean;
  /** Said above what was kept: whether pressing again can help. */
  readonly keptNote: string;
  readonly kept: readonly {
    readonly id: string;
    readonly label: string;
    readonly value: string;
    readonly isMultiline: boolean;
    readonly maxLength: number;
  }[];
  readonly hasRetry: boolean;
  readonly retry: { readonly verb: string; readonly data: Readonly<Record<string, string>> };
  readonly showHome: boolean;
}

/** The shared templates and the data each binds. */
export interface SharedCards {
  error: ErrorData;
}

/** Where the shared templates are: shared/templates/<name>.json. */
export const SHARED_TEMPLATES = {
  error: 'shared',
} as const satisfies { readonly [N in keyof SharedCards]: 'shared' };
