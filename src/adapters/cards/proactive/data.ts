/** The data the proactive templates (the sweep's messages and the escalation's follow-ups) bind. */
import type { FactRow, NoticePart } from '../shared/parts';

export interface ReminderData {
  readonly agreementId: string;
  readonly headline: string;
  readonly detail: string;
  readonly facts: readonly FactRow[];
  readonly canSchedule: boolean;
}

/** A supervisor's one reminder card of the day: one item per supervisee due. */
export interface ReminderDigestData {
  readonly headline: string;
  readonly detail: string;
  readonly items: readonly ReminderData[];
}

export interface EscalationData extends NoticePart {
  readonly agreementId: string;
  readonly periodStart: string;
  readonly headline: string;
  readonly detail: string;
  readonly facts: readonly FactRow[];
}

/** A notice about an agreement or a concern: the escalation's notice, a nudge, an acknowledgement, a concern follow-up. */
export interface ProactiveNoticeData {
  /** An Adaptive Card container style. */
  readonly style: 'default' | 'attention' | 'warning' | 'good' | 'accent';
  readonly headline: string;
  readonly detail: string;
  readonly facts: readonly FactRow[];
  readonly footnote: string;
  /** '' when not about an agreement. */
  readonly agreementId: string;
  /** '' when not about a concern. */
  readonly concernId: string;
  readonly canSchedule: boolean;
}

/** The family's templates and the data each binds. */
export interface ProactiveCards {
  reminder: ReminderData;
  'reminder-digest': ReminderDigestData;
  escalation: EscalationData;
  'proactive-notice': ProactiveNoticeData;
}

/** Where the family's templates are: proactive/templates/<name>.json. */
export const PROACTIVE_TEMPLATES = {
  reminder: 'proactive',
  'reminder-digest': 'proactive',
  escalation: 'proactive',
  'proactive-notice': 'proactive',
} as const satisfies { readonly [N in keyof ProactiveCards]: 'proactive' };
