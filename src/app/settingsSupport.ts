/** The settings card's view: names for the PSWs and admins, and everyone to choose from. */
import type { OrganisationSettings, Person } from '../domain/model';
import type { SettingsView } from './views';

export function settingsView(settings: OrganisationSettings, everyone: readonly Person[]): SettingsView {
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
    pswDigestDay: settings.pswDigestDay ?? 'first',
    people: everyone.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
