/**
 * Changing organisation settings per tenant: PSWs, admins, senior leaders, time zone, reminder lead
 * days, escalation grace days, quiet hours, the working calendar (region, working weekdays), the
 * send time and the concern follow-up days (defaults: organisationDefaults.ts).
 */
import { IANAZone } from 'luxon';
import type { Change } from './agreement';
import { REGIONS } from './bankHolidays';
import type { IsoWeekday, OrganisationSettings, PersonId } from './model';
import { withSettingsDefaults } from './organisationDefaults';
import { fail, ok, type Result } from './result';
import { checkInteger, checkText, isLocalTime, oneOf } from './validation';
import { ISO_WEEKDAYS, isQuietMinute } from './workingCalendar';

/** Bounds of the day counts an organisation may set (working days). */
export const LEAD_DAYS_MAX = 28;
export const GRACE_DAYS_MAX = 60;
export const CONCERN_ACK_DAYS_MAX = 20;
export const CONCERN_RESOLVE_TARGET_DAYS_MAX = 120;

export interface SettingsUpdate {
  readonly name?: unknown;
  readonly zone?: unknown;
  readonly pswIds?: readonly unknown[];
  readonly adminIds?: readonly unknown[];
  readonly reminderLeadDays?: unknown;
  readonly escalationGraceDays?: unknown;
  readonly quietHours?: { readonly start: unknown; readonly end: unknown };
  readonly region?: unknown;
  readonly workingDays?: readonly unknown[];
  readonly sendTime?: unknown;
  readonly seniorLeaderIds?: readonly unknown[];
  readonly concernAckDays?: unknown;
  readonly concernResolveTargetDays?: unknown;
  readonly pswDigestDay?: unknown;
}

function checkWorkingDays(value: readonly unknown[]): Result<IsoWeekday[]> {
  const days = new Set<IsoWeekday>();
  for (const d of value) {
    if (!(ISO_WEEKDAYS as readonly unknown[]).includes(d)) {
      return fail('INVALID_INPUT', 'Working days must be weekdays numbered 1 (Monday) to 7 (Sunday).', 'workingDays');
    }
    days.add(d as IsoWeekday);
  }
  if (days.size === 0) return fail('INVALID_INPUT', 'Choose at least one working day, or no message could ever go out.', 'workingDays');
  return ok([...days].sort());
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
  for (const field of ['pswIds', 'adminIds', 'seniorLeaderIds'] as const) {
    const ids = update[field];
    if (ids === undefined) continue;
    const label = field === 'pswIds' ? 'Principal Social Workers' : field === 'adminIds' ? 'Admins' : 'Senior leaders';
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
    const days = checkInteger(update.reminderLeadDays, 'reminderLeadDays', 'Reminder lead days', 0, LEAD_DAYS_MAX);
    if (!days.ok) return days;
    next = { ...next, reminderLeadDays: days.value };
  }
  if (update.escalationGraceDays !== undefined) {
    const days = checkInteger(update.escalationGraceDays, 'escalationGraceDays', 'Escalation grace days', 0, GRACE_DAYS_MAX);
    if (!days.ok) return days;
    next = { ...next, escalationGraceDays: days.value };
  }
  if (update.quietHours !== undefined) {
    const { start, end } = update.quietHours ?? {};
    if (!isLocalTime(start)) return fail('INVALID_INPUT', 'Quiet hours start must be a time of day (HH:mm).', 'quietHours.start');
    if (!isLocalTime(end)) return fail('INVALID_INPUT', 'Quiet hours end must be a time of day (HH:mm).', 'quietHours.end');
    next = { ...next, quietHours: { start, end } };
  }
  if (update.region !== undefined) {
    const region = oneOf(update.region, REGIONS, 'region', 'The region of bank holidays');
    if (!region.ok) return region;
    next = { ...next, region: region.value };
  }
  if (update.workingDays !== undefined) {
    const days = checkWorkingDays(Array.isArray(update.workingDays) ? update.workingDays : [update.workingDays]);
    if (!days.ok) return days;
    next = { ...next, workingDays: days.value };
  }
  if (update.sendTime !== undefined) {
    if (!isLocalTime(update.sendTime)) return fail('INVALID_INPUT', 'The send time must be a time of day (HH:mm).', 'sendTime');
    next = { ...next, sendTime: update.sendTime };
  }
  if (update.sendTime !== undefined || update.quietHours !== undefined) {
    const { sendTime, quietHours } = withSettingsDefaults(next);
    const [h, m] = sendTime.split(':').map(Number);
    if (isQuietMinute(h * 60 + m, quietHours)) {
      return fail(
        'INVALID_INPUT',
        `The send time ${sendTime} is inside the quiet hours (${quietHours.start} to ${quietHours.end}): choose a time outside them.`,
        update.sendTime !== undefined ? 'sendTime' : 'quietHours.start',
      );
    }
  }
  if (update.concernAckDays !== undefined) {
    const days = checkInteger(update.concernAckDays, 'concernAckDays', 'Days to acknowledge a concern', 1, CONCERN_ACK_DAYS_MAX);
    if (!days.ok) return days;
    next = { ...next, concernAckDays: days.value };
  }
  if (update.concernResolveTargetDays !== undefined) {
    const days = checkInteger(
      update.concernResolveTargetDays,
      'concernResolveTargetDays',
      'Days to resolve an assigned concern',
      1,
      CONCERN_RESOLVE_TARGET_DAYS_MAX,
    );
    if (!days.ok) return days;
    next = { ...next, concernResolveTargetDays: days.value };
  }
  if (update.pswDigestDay === 'first') {
    // The default (the first working day of the week) is the field's absence.
    const { pswDigestDay: _cleared, ...rest } = next;
    next = rest;
  } else if (update.pswDigestDay !== undefined) {
    const day = update.pswDigestDay;
    if (day !== 'off' && !(ISO_WEEKDAYS as readonly unknown[]).includes(day)) {
      return fail('INVALID_INPUT', "The PSW's weekly digest day must be the first working day, a weekday 1 (Monday) to 7 (Sunday), or off.", 'pswDigestDay');
    }
    next = { ...next, pswDigestDay: day as IsoWeekday | 'off' };
  }
  const changed = JSON.stringify(next) !== JSON.stringify(current);
  return ok({ value: next, changed });
}
