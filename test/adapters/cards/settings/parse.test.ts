import { strict as assert } from 'assert';
import { errorOn, GOOD, ok, refused } from '../parsing';

describe('cards: settings: parse', () => {
  it('updates every field from the card', () => {
    assert.deepEqual(ok('settings.update', GOOD['settings.update']), {
      name: 'Northshire',
      zone: 'Europe/London',
      pswIds: ['p-priya', 'p-jo'],
      adminIds: ['p-jo'],
      reminderLeadDays: 3,
      escalationGraceDays: 7,
      quietHours: { start: '20:00', end: '07:00' },
      region: 'scotland',
      workingDays: [1, 2, 3, 4, 5, 6],
      sendTime: '08:30',
      seniorLeaderIds: ['p-priya'],
      concernAckDays: 3,
      concernResolveTargetDays: 15,
    });
    assert.deepEqual(ok('settings.update', { ...GOOD['settings.update'], pswIds: '' }).pswIds, []);
  });

  it('refuses an unknown zone, days out of range and a bad time', () => {
    errorOn(refused('settings.update', { ...GOOD['settings.update'], zone: 'Mars/Olympus' }), 'zone', 'INVALID_INPUT');
    errorOn(refused('settings.update', { ...GOOD['settings.update'], reminderLeadDays: '31' }), 'reminderLeadDays', 'INVALID_INPUT');
    errorOn(refused('settings.update', { ...GOOD['settings.update'], escalationGraceDays: '-1' }), 'escalationGraceDays', 'INVALID_INPUT');
    errorOn(refused('settings.update', { ...GOOD['settings.update'], quietEnd: '7am' }), 'quietEnd', 'INVALID_DATE');
    errorOn(refused('settings.update', { ...GOOD['settings.update'], pswIds: 'p 1,p-2' }), 'pswIds', 'INVALID_INPUT');
    errorOn(refused('settings.update', { ...GOOD['settings.update'], workingDays: '1,8' }), 'workingDays', 'INVALID_INPUT');
    errorOn(refused('settings.update', { ...GOOD['settings.update'], region: 'wales-only' }), 'region', 'INVALID_INPUT');
  });
});
