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

/** The family's templates and the data each binds. */
export interface ProactiveCards {
  reminder: ReminderData;
  escalation: EscalationData;
}

/** Where the family's templates are: proactive/templates/<name>.json. */
export const PROACTIVE_TEMPLATES = {
  reminder: 'proactive',
  escalation: 'proactive',
} as const satisfies { readonly [N in keyof ProactiveCards]: 'proactive' };
