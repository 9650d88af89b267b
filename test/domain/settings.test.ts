import { strict as assert } from 'node:assert';
import type { OrganisationSettings } from '../../src/domain/model';
import { defaultOrganisationSettings } from '../../src/domain/organisationDefaults';
import { applySettings } from '../../src/domain/settings';

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
