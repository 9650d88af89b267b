/**
 * The compact compliance summary kept on every agreement (next due by, next action time, counts),
 * recomputed from the cadence engine whenever a session or the agreement changes, so that dashboards
 * and the reminder sweep never scan session history.
 */
import type { Agreement, ComplianceSummary, Instant, OrganisationSettings, Session } from './model';

export type SummarySettings = Pick<OrganisationSettings, 'zone' | 'reminderLeadDays' | 'escalationGraceDays' | 'quietHours'>;

export interface SummaryInput {
  readonly agreement: Agreement;
  readonly sessions: readonly Session[];
  readonly settings: SummarySettings;
  readonly now: Instant;
}

export function summarize(_input: SummaryInput): ComplianceSummary {
  throw new Error('summarize: being written (cadence engine work in progress)');
}
