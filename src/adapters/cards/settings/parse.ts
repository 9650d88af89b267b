/** The parser of the settings form into the use case's command. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { UpdateSettings } from '../../../app/commands';
import { fieldOf } from '../shared/fields';
import type { IsoWeekday, Region } from '../../../domain/model';
import { customIssue, enumSchema, fromSchema, idListSchema, intSchema, textSchema, timeSchema, type Issue } from '../shared/schema';
import { CONCERN_DAYS_MAX, GRACE_DAYS_MAX, LEAD_DAYS_MAX, ORG_NAME_MAX, SETTINGS_FORMS } from './fields';

const REGION_VALUES = ['england-and-wales', 'scotland', 'northern-ireland', 'none'] as const satisfies readonly Region[];

/** True for an IANA zone luxon knows (e.g. Europe/London). */
function isZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

export const parseUpdateSettings = (() => {
  const f = SETTINGS_FORMS['settings.update'];
  const schema = z.object({
    name: textSchema(fieldOf(f, 'name'), ORG_NAME_MAX),
    zone: textSchema(fieldOf(f, 'zone'), 64),
    pswIds: idListSchema(fieldOf(f, 'pswIds')),
    adminIds: idListSchema(fieldOf(f, 'adminIds')),
    reminderLeadDays: intSchema(fieldOf(f, 'reminderLeadDays'), 0, LEAD_DAYS_MAX),
    escalationGraceDays: intSchema(fieldOf(f, 'escalationGraceDays'), 0, GRACE_DAYS_MAX),
    quietStart: timeSchema(fieldOf(f, 'quietStart')),
    quietEnd: timeSchema(fieldOf(f, 'quietEnd')),
    region: enumSchema(fieldOf(f, 'region'), REGION_VALUES),
    workingDays: idListSchema(fieldOf(f, 'workingDays')),
    sendTime: timeSchema(fieldOf(f, 'sendTime')),
    seniorLeaderIds: idListSchema(fieldOf(f, 'seniorLeaderIds')),
    concernAckDays: intSchema(fieldOf(f, 'concernAckDays'), 1, CONCERN_DAYS_MAX),
    concernResolveTargetDays: intSchema(fieldOf(f, 'concernResolveTargetDays'), 1, CONCERN_DAYS_MAX),
  });
  return fromSchema(schema, (d): UpdateSettings | Issue[] => {
    if (!isZone(d.zone as string)) {
      return [customIssue('zone', 'Time zone must be an IANA time zone, such as Europe/London.', 'INVALID_INPUT')];
    }
    const days = (d.workingDays as string[]).map(Number);
    if (days.some((n) => !Number.isInteger(n) || n < 1 || n > 7)) return [customIssue('workingDays', 'Choose working days from Monday to Sunday.', 'INVALID_INPUT')];
    return {
      ...(d.region !== undefined ? { region: d.region as Region } : {}),
      ...(days.length > 0 ? { workingDays: days as IsoWeekday[] } : {}),
      ...(d.sendTime !== undefined ? { sendTime: d.sendTime as string } : {}),
      seniorLeaderIds: d.seniorLeaderIds,
      ...(d.concernAckDays !== undefined ? { concernAckDays: d.concernAckDays as number } : {}),
      ...(d.concernResolveTargetDays !== undefined ? { concernResolveTargetDays: d.concernResolveTargetDays as number } : {}),
      name: d.name as string,
      zone: d.zone as string,
      pswIds: d.pswIds,
      adminIds: d.adminIds,
      reminderLeadDays: d.reminderLeadDays as number,
      escalationGraceDays: d.escalationGraceDays as number,
      quietHours: { start: d.quietStart as string, end: d.quietEnd as string },
    };
  });
})();
