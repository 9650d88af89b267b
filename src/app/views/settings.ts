/** The organisation's settings, as an admin edits them. */
import type { IsoWeekday, Region, TenantId } from '../../domain/model';
import type { PersonRef } from './common';

export interface SettingsView {
  readonly tenantId: TenantId;
  readonly name: string;
  readonly zone: string;
  readonly psws: readonly PersonRef[];
  readonly admins: readonly PersonRef[];
  readonly reminderLeadDays: number;
  readonly escalationGraceDays: number;
  readonly quietHours: { readonly start: string; readonly end: string };
  /** Issue 9 (defaults applied). */
  readonly region: Region;
  readonly workingDays: readonly IsoWeekday[];
  readonly sendTime: string;
  readonly seniorLeaders: readonly PersonRef[];
  readonly concernAckDays: number;
  readonly concernResolveTargetDays: number;
  /** Everyone in the organisation, to choose PSWs and admins from. */
  readonly people: readonly PersonRef[];
}
