import { strict as assert } from 'node:assert';
import type { OrganisationSettings } from '../../src/domain/model';
import { defaultOrganisationSettings, withSettingsDefaults } from '../../src/domain/organisationDefaults';
import { applySettings } from '../../src/domain/settings';
import { NEW_ORGANISATION_ISSUE9_SETTINGS } from '../fakes/records';

const people = new Set(['priya', 'alex', 'sam']);
const current: OrganisationSettings = { ...defaultOrganisationSettings('t1', 'Org'), pswIds: ['priya'], adminIds: ['alex'] };

describe('domain/settings', () => {
  it('applies only the fields present', () => {
    const r = applySettings(current, { zone: 'Europe/Dublin', reminderLeadDays: 5, quietHours: { start: '20:00', end: '07:30' } }, people, 0);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.value.changed, true);
    assert.equal(r.value.value.zone, 'Europe/Dublin');
    assert.equal(r.value.value.reminderLeadDays, 5);
    assert.deepEqual(r.value.value.quietHours, { start: '20:00', end: '07:30' });
    assert.deepEqual(r.value.value.pswIds, ['priya']);
    assert.equal(r.value.value.escalationGraceDays, current.escalationGraceDays);
  });

  it('the same values again change nothing', () => {
    const r = applySettings(current, { zone: current.zone, pswIds: ['priya', 'priya'] }, people, 0);
    assert.deepEqual(r.ok && r.value.changed, false);
  });

  it('names the field at fault', () => {
    const field = (u: Parameters<typeof applySettings>[1]) => {
      const r = applySettings(current, u, people, 0);
      return r.ok ? 'ok' : r.error.field;
    };
    assert.equal(field({ zone: 'Mars/Olympus' }), 'zone');
    assert.equal(field({ pswIds: ['stranger'] }), 'pswIds');
    assert.equal(field({ adminIds: [] }), 'adminIds');
    assert.equal(field({ reminderLeadDays: -1 }), 'reminderLeadDays');
    assert.equal(field({ escalationGraceDays: 2.5 }), 'escalationGraceDays');
    assert.equal(field({ quietHours: { start: '7pm', end: '08:00' } }), 'quietHours.start');
    assert.equal(field({ name: ' ' }), 'name');
  });

  it('allows no admins in the settings while someone is an admin by role', () => {
    assert.equal(applySettings(current, { adminIds: [] }, people, 1).ok, true);
  });
});

describe('domain/settings: issue 9 fields', () => {
  const apply = (u: Parameters<typeof applySettings>[1]) => applySettings(current, u, people, 0);

  it('sets the region, the working weekdays (sorted, each once), the send time, senior leaders and concern days', () => {
    const r = apply({
      region: 'scotland',
      workingDays: [7, 1, 6, 1],
      sendTime: '10:30',
      seniorLeaderIds: ['sam', 'sam'],
      concernAckDays: 3,
      concernResolveTargetDays: 15,
    });
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.value.changed, true);
    const v = r.value.value;
    assert.deepEqual(
      [v.region, v.workingDays, v.sendTime, v.seniorLeaderIds, v.concernAckDays, v.concernResolveTargetDays],
      ['scotland', [1, 6, 7], '10:30', ['sam'], 3, 15],
    );
  });

  it('refuses what would stop messages or name a stranger, naming the field', () => {
    const field = (u: Parameters<typeof applySettings>[1]) => {
      const r = apply(u);
      return r.ok ? 'ok' : `${r.error.field}: ${r.error.message}`;
    };
    assert.match(field({ region: 'wales' }), /^region: The region of bank holidays must be one of: england-and-wales, scotland, northern-ireland/);
    assert.match(field({ workingDays: [] }), /^workingDays: Choose at least one working day/);
    assert.match(field({ workingDays: [0, 1] }), /^workingDays: /);
    assert.match(field({ sendTime: '9am' }), /^sendTime: The send time must be a time of day/);
    assert.match(field({ sendTime: '07:30' }), /^sendTime: The send time 07:30 is inside the quiet hours \(19:00 to 08:00\)/);
    assert.match(field({ quietHours: { start: '08:30', end: '18:00' } }), /^quietHours.start: The send time 09:00 is inside the quiet hours/);
    assert.match(field({ seniorLeaderIds: ['stranger'] }), /^seniorLeaderIds: Senior leaders: choose people from your organisation/);
    assert.match(field({ concernAckDays: 0 }), /^concernAckDays: /);
    assert.match(field({ concernResolveTargetDays: 121 }), /^concernResolveTargetDays: /);
    assert.equal(field({ sendTime: '07:30', quietHours: { start: '19:00', end: '07:00' } }), 'ok');
  });

  it('a stored organisation saved before these fields loads with their defaults', () => {
    const stored: OrganisationSettings = {
      tenantId: 't1',
      name: 'Org',
      zone: 'Europe/London',
      pswIds: ['priya'],
      adminIds: [],
      reminderLeadDays: 2,
      escalationGraceDays: 3,
      quietHours: { start: '19:00', end: '08:00' },
    };
    assert.deepEqual(withSettingsDefaults(stored), {
      ...stored,
      ...NEW_ORGANISATION_ISSUE9_SETTINGS,
    });
    // Its own lead and grace days are kept.
    assert.equal(withSettingsDefaults(stored).reminderLeadDays, 2);
  });
});

describe("domain/settings: the PSW's weekly digest day", () => {
  const people = new Set(['priya', 'jo']);
  const current = defaultOrganisationSettings('t1', 'Northshire');

  it('sets a weekday or off, and the first working day again clears it (the default)', () => {
    const wednesday = applySettings(current, { pswDigestDay: 3 }, people, 1);
    assert.ok(wednesday.ok);
    assert.equal(wednesday.value.value.pswDigestDay, 3);
    const off = applySettings(wednesday.value.value, { pswDigestDay: 'off' }, people, 1);
    assert.ok(off.ok);
    assert.equal(off.value.value.pswDigestDay, 'off');
    const first = applySettings(off.value.value, { pswDigestDay: 'first' }, people, 1);
    assert.ok(first.ok);
    assert.equal('pswDigestDay' in first.value.value, false);
  });

  it('refuses anything else, naming the field', () => {
    for (const bad of [0, 8, 'Monday', null]) {
      const r = applySettings(current, { pswDigestDay: bad }, people, 1);
      assert.ok(!r.ok);
      assert.equal(r.error.field, 'pswDigestDay');
    }
  });
});
