/**
 * Changing organisation settings per tenant: PSWs, admins, time zone, reminder lead days, escalation
 * grace days, quiet hours (defaults: organisationDefaults.ts).
 */
import { IANAZone } from 'luxon';
import type { Change } from './agreement';
import type { OrganisationSettings, PersonId } from './model';
import { fail, ok, type Result } from './result';
import { checkInteger, checkText, isLocalTime } from './validation';

export interface SettingsUpdate {
  readonly name?: unknown;
  readonly zone?: unknown;
  readonly pswIds?: readonly unknown[];
  readonly adminIds?: readonly unknown[];
  readonly reminderLeadDays?: unknown;
  readonly escalationGraceDays?: unknown;
  readonly quietHours?: { readonly start: unknown; readonly end: unknown };
}

/**
 * Applies the fields present. `peopleInTenant` are the ids that may be named PSW or admin;
 * `adminsByRole` counts people whose imported role is admin (so the last admin cannot lock the
 * organisation out of its settings).
 */
export function applySettings(
  current: OrganisationSettings,
  update: SettingsUpdate,
  peopleInTenant: ReadonlySet<PersonId>,
  adminsByRole: number,
): Result<Change<OrganisationSettings>> {
  let next: OrganisationSettings = current;
  if (update.name !== undefined) {
    const name = checkText(update.name, 'name', 'The organisation name', { max: 200, required: true });
    if (!name.ok) return name;
    next = { ...next, name: name.value };
  }
  if (update.zone !== undefined) {
    if (typeof update.zone !== 'string' || !IANAZone.isValidZone(update.zone)) {
      return fail('INVALID_INPUT', 'The time zone must be an IANA zone such as Europe/London.', 'zone');
    }
    next = { ...next, zone: update.zone };
  }
  for (const field of ['pswIds', 'adminIds'] as const) {
    const ids = update[field];
    if (ids === undefined) continue;
    const label = field === 'pswIds' ? 'Principal Social Workers' : 'Admins';
    const out: PersonId[] = [];
    for (const id of ids) {
      if (typeof id !== 'string' || !peopleInTenant.has(id)) {
        return fail('INVALID_INPUT', `${label}: choose people from your organisation.`, field);
      }
      if (!out.includes(id)) out.push(id);
    }
    next = { ...next, [field]: out };
  }
  if (next.adminIds.length === 0 && adminsByRole === 0) {
    return fail('INVALID_INPUT', 'Keep at least one admin, or nobody could change these settings.', 'adminIds');
  }
  if (update.reminderLeadDays !== undefined) {
    const days = checkInteger(update.reminderLeadDays, 'reminderLeadDays', 'Reminder lead days', 0, 28);
    if (!days.ok) return days;
    next = { ...next, reminderLeadDays: days.value };
  }
  if (update.escalationGraceDays !== undefined) {
    const days = checkInteger(update.escalationGraceDays, 'escalationGraceDays', 'Escalation grace days', 0, 60);
    if (!days.ok) return days;
    next = { ...next, escalationGraceDays: days.value };
  }
  if (update.quietHours !== undefined) {
    const { start, end } = update.quietHours ?? {};
    if (!isLocalTime(start)) return fail('INVALID_INPUT', 'Quiet hours start must be a time of day (HH:mm).', 'quietHours.start');
    if (!isLocalTime(end)) return fail('INVALID_INPUT', 'Quiet hours end must be a time of day (HH:mm).', 'quietHours.end');
    next = { ...next, quietHours: { start, end } };
  }
  const changed = JSON.stringify(next) !== JSON.stringify(current);
  return ok({ value: next, changed });
}
