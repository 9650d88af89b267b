/** The settings family's form: the organisation's settings. */
import { field, renamed, type VerbForms } from '../shared/fields';

export const ORG_NAME_MAX = 200;
export const LEAD_DAYS_MAX = 30;
export const GRACE_DAYS_MAX = 60;
export const CONCERN_DAYS_MAX = 60;

export const SETTINGS_FORMS = {
  'settings.update': {
    fields: [
      field('name', 'Organisation name', 'text', true, ORG_NAME_MAX),
      field('zone', 'Time zone', 'text', true, 64),
      field('pswIds', 'Principal Social Workers', 'people', false),
      field('adminIds', 'Admins', 'people', false),
      field('reminderLeadDays', 'Remind this many days before the due date', 'number', true),
      field('escalationGraceDays', 'Escalate this many days after a missed period', 'number', true),
      field('quietStart', 'Quiet hours start', 'time', true),
      field('quietEnd', 'Quiet hours end', 'time', true),
      field('region', 'Bank holidays of', 'choice', false),
      field('workingDays', 'Working days', 'choice', false),
      field('sendTime', 'Send reminders from', 'time', false),
      field('seniorLeaderIds', 'Senior leaders (told of a concern nobody acknowledged)', 'people', false),
      field('concernAckDays', 'Working days to acknowledge a concern', 'number', false),
      field('concernResolveTargetDays', 'Working days to resolve an assigned concern', 'number', false),
    ],
    inputOf: renamed({ quietHours: 'quietStart', 'quietHours.start': 'quietStart', 'quietHours.end': 'quietEnd' }),
  },
} satisfies VerbForms;
