/**
 * An organisation's settings when it is first seen, and how an imported staff list sets who its
 * PSWs and admins are. Pure.
 */
import { DEFAULT_REGION } from './bankHolidays';
import {
  DEFAULT_ZONE,
  type CompleteOrganisationSettings,
  type OrganisationSettings,
  type PersonId,
  type Role,
  type TenantId,
} from './model';
import { DEFAULT_SEND_TIME, DEFAULT_WORKING_DAYS } from './workingCalendar';

/** Issue 9: working days, counted by the working calendar (workingCalendar.ts). */
export const DEFAULT_REMINDER_LEAD_DAYS = 3;
export const DEFAULT_ESCALATION_GRACE_DAYS = 5;
/** Evenings, nights and early mornings: no proactive message reaches anyone then. */
export const DEFAULT_QUIET_HOURS = { start: '19:00', end: '08:00' } as const;
export const DEFAULT_CONCERN_ACK_DAYS = 2;
export const DEFAULT_CONCERN_RESOLVE_TARGET_DAYS = 10;

/**
 * The settings with issue 9's fields filled in where a stored record (saved before they existed)
 * lacks them. Every other field is the record's own.
 */
export function withSettingsDefaults(settings: OrganisationSettings): CompleteOrganisationSettings {
  return {
    ...settings,
    region: settings.region ?? DEFAULT_REGION,
    workingDays: settings.workingDays ?? [...DEFAULT_WORKING_DAYS],
    sendTime: settings.sendTime ?? DEFAULT_SEND_TIME,
    seniorLeaderIds: settings.seniorLeaderIds ?? [],
    concernAckDays: settings.concernAckDays ?? DEFAULT_CONCERN_ACK_DAYS,
    concernResolveTargetDays: settings.concernResolveTargetDays ?? DEFAULT_CONCERN_RESOLVE_TARGET_DAYS,
  };
}

export function defaultOrganisationSettings(tenantId: TenantId, name: string): CompleteOrganisationSettings {
  return withSettingsDefaults({
    tenantId,
    name,
    zone: DEFAULT_ZONE,
    pswIds: [],
    adminIds: [],
    reminderLeadDays: DEFAULT_REMINDER_LEAD_DAYS,
    escalationGraceDays: DEFAULT_ESCALATION_GRACE_DAYS,
    quietHours: { ...DEFAULT_QUIET_HOURS },
  });
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

/**
 * Who is told what the Principal Social Worker must know (escalations, concerns' follow-ups, the
 * weekly digest): the PSWs, or the admins while the organisation has named none, so nothing goes
 * unread.
 */
export function pswsOrAdmins(settings: Pick<OrganisationSettings, 'pswIds' | 'adminIds'>): readonly PersonId[] {
  return settings.pswIds.length > 0 ? settings.pswIds : settings.adminIds;
}
