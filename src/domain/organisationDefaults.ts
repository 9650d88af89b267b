/**
 * An organisation's settings when it is first seen, and how an imported staff list sets who its
 * PSWs and admins are. Pure.
 */
import { DEFAULT_ZONE, type OrganisationSettings, type PersonId, type Role, type TenantId } from './model';

export const DEFAULT_REMINDER_LEAD_DAYS = 2;
export const DEFAULT_ESCALATION_GRACE_DAYS = 3;
/** Evenings, nights and early mornings: no proactive message reaches anyone then. */
export const DEFAULT_QUIET_HOURS = { start: '19:00', end: '08:00' } as const;

export function defaultOrganisationSettings(tenantId: TenantId, name: string): OrganisationSettings {
  return {
    tenantId,
    name,
    zone: DEFAULT_ZONE,
    pswIds: [],
    adminIds: [],
    reminderLeadDays: DEFAULT_REMINDER_LEAD_DAYS,
    escalationGraceDays: DEFAULT_ESCALATION_GRACE_DAYS,
    quietHours: { ...DEFAULT_QUIET_HOURS },
  };
}

/**
 * PSWs and admins after an import: the file speaks for the people it lists (a listed person with
 * the role is added, a listed person without it is removed); anyone not listed keeps their place.
 * Order is kept, newcomers appended in the file's order, so an unchanged file changes nothing.
 */
export function withRolesFromPeople(
  settings: OrganisationSettings,
  people: readonly { readonly id: PersonId; readonly roles: readonly Role[] }[],
): OrganisationSettings {
  const apply = (current: readonly PersonId[], role: Role): PersonId[] => {
    const listed = new Set(people.map((p) => p.id));
    const withRole = people.filter((p) => p.roles.includes(role)).map((p) => p.id);
    const kept = current.filter((id) => !listed.has(id) || withRole.includes(id));
    return [...kept, ...withRole.filter((id) => !kept.includes(id))];
  };
  return { ...settings, pswIds: apply(settings.pswIds, 'psw'), adminIds: apply(settings.adminIds, 'admin') };
}
