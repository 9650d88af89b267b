/** The data the proactive templates (the reminder sweep's messages) bind. */
import type { FactRow } from '../shared/parts';

export interface ReminderData {
  readonly agreementId: string;
  readonly headline: string;
  readonly detail: string;
  readonly facts: readonly FactRow[];
  readonly canSchedule: boolean;
}

export interface EscalationData {
  readonly agreementId: string;
  readonly headline: string;
  readonly detail: string;
  readonly facts: readonly FactRow[];
}

/** A part of the weekly digest: a heading, what it counts, and its lines. */
export interface DigestSection {
  readonly title: string;
  /** Empty when there is nothing to add. */
  readonly note: string;
  readonly facts: readonly FactRow[];
}

export interface DigestData {
  readonly headline: string;
  readonly detail: string;
  readonly sections: readonly DigestSection[];
  /** The Compliance tab's address; empty: no buttons to it. */
  readonly tabUrl: string;
}

/** The family's templates and the data each binds. */
export interface ProactiveCards {
  reminder: ReminderData;
  escalation: EscalationData;
  digest: DigestData;
}

/** Where the family's templates are: proactive/templates/<name>.json. */
export const PROACTIVE_TEMPLATES = {
  reminder: 'proactive',
  escalation: 'proactive',
  digest: 'proactive',
} as const satisfies { readonly [N in keyof ProactiveCards]: 'proactive' };
