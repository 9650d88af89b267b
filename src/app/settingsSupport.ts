/** The settings card's view: names for the PSWs and admins, and everyone to choose from. */
import type { OrganisationSettings, Person } from '../domain/model';
import { withSettingsDefaults } from '../domain/organisationDefaults';
import type { SettingsView } from './views';

export function settingsView(stored: OrganisationSettings, everyone: readonly Person[]): SettingsView {
  const settings = withSettingsDefaults(stored);
  const byId = new Map(everyone.map((p) => [p.id, p]));
  const ref = (id: string) => ({ id, name: byId.get(id)?.name ?? 'Someone no longer on the staff list' });
  return {
    tenantId: settings.tenantId,
    name: settings.name,
    zone: settings.zone,
    psws: settings.pswIds.map(ref),
    admins: settings.adminIds.map(ref),
    reminderLeadDays: settings.reminderLeadDays,
    escalationGraceDays: settings.escalationGraceDays,
    quietHours: settings.quietHours,
    region: settings.region,
    workingDays: settings.workingDays,
    sendTime: settings.sendTime,
    seniorLeaders: settings.seniorLeaderIds.map(ref),
    concernAckDays: settings.concernAckDays,
    concernResolveTargetDays: settings.concernResolveTargetDays,
    people: everyone.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
