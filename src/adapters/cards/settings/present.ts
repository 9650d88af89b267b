/** The presenter of the settings family: the organisation's settings form. */
import type { SettingsView } from '../../../app/views';
import { spec, type CardSpec } from '../catalogue';
import { inputIds } from '../shared/fields';
import { choicesNote, formPart, noticeOf, peopleChoices, problemsOf, splitIds, type FormState } from '../shared/form';
import { SETTINGS_FORMS } from './fields';

export function presentSettings(view: SettingsView, form?: FormState): CardSpec {
  const part = formPart(
    inputIds(SETTINGS_FORMS['settings.update']),
    {
      name: view.name,
      zone: view.zone,
      pswIds: view.psws.map((p) => p.id).join(','),
      adminIds: view.admins.map((p) => p.id).join(','),
      reminderLeadDays: view.reminderLeadDays,
      escalationGraceDays: view.escalationGraceDays,
      quietStart: view.quietHours.start,
      quietEnd: view.quietHours.end,
      region: view.region,
      workingDays: view.workingDays.join(','),
      sendTime: view.sendTime,
      seniorLeaderIds: view.seniorLeaders.map((p) => p.id).join(','),
      concernAckDays: view.concernAckDays,
      concernResolveTargetDays: view.concernResolveTargetDays,
    },
    form,
    ['reminderLeadDays', 'escalationGraceDays', 'concernAckDays', 'concernResolveTargetDays'],
  );
  const selected = [...splitIds(part.values.pswIds), ...splitIds(part.values.adminIds), ...splitIds(part.values.seniorLeaderIds)];
  const people = peopleChoices(view.people, selected);
  return spec('settings', {
    ...noticeOf(form?.notice),
    ...problemsOf(form, SETTINGS_FORMS),
    ...part,
    people: people.choices,
    ...choicesNote([people]),
  });
}
