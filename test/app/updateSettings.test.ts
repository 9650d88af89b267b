import { strict as assert } from 'node:assert';
import { T1, T2, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

describe('app/getSettings and updateSettings', () => {
  it('an admin reads and changes the settings; people are named', async () => {
    const w = world();
    const s = okValue(await w.uc.getSettings(w.actor('admin'), {}));
    assert.deepEqual(s.psws, [{ id: 'psw', name: 'Priya Shah' }]);
    assert.ok(s.people.some((p) => p.name === 'Nia Quinn'));
    assert.ok(!s.people.some((p) => p.id === 'outsider'));
    const u = okValue(await w.uc.updateSettings(w.actor('admin'), { pswIds: ['psw', 'sup2'], reminderLeadDays: 4, quietHours: { start: '18:30', end: '08:30' } }));
    assert.deepEqual(u.psws.map((p) => p.name), ['Priya Shah', 'Jo Reed']);
    const stored = (await w.deps.organisations.get(T1));
    assert.ok(stored.ok && stored.value !== null);
    if (stored.ok && stored.value) {
      assert.equal(stored.value.value.reminderLeadDays, 4);
      assert.deepEqual(stored.value.value.quietHours, { start: '18:30', end: '08:30' });
      assert.equal(stored.value.value.zone, 'Europe/London');
    }
  });

  it('admins only: the PSW, a supervisor and a supervisee are refused; another tenant\'s admin changes only their own', async () => {
    const w = world();
    for (const who of ['psw', 'sup1', 'nqsw'] as const) {
      failure(await w.uc.getSettings(w.actor(who), {}), 'NOT_AUTHORIZED');
      failure(await w.uc.updateSettings(w.actor(who), { reminderLeadDays: 9 }), 'NOT_AUTHORIZED');
    }
    const theirs = okValue(await w.uc.updateSettings(w.actor('outsider'), { reminderLeadDays: 9 }));
    assert.equal(theirs.tenantId, T2);
    const ours = await w.deps.organisations.get(T1);
    assert.equal(ours.ok && ours.value?.value.reminderLeadDays, 2);
    failure(await w.uc.updateSettings(w.actor('outsider'), { pswIds: ['psw'] }), 'INVALID_INPUT', 'pswIds');
  });

  it('validation names the field; nothing saved', async () => {
    const w = world();
    failure(await w.uc.updateSettings(w.actor('admin'), { zone: 'Europe/Londres' }), 'INVALID_INPUT', 'zone');
    failure(await w.uc.updateSettings(w.actor('admin'), { adminIds: ['ghost'] }), 'INVALID_INPUT', 'adminIds');
    // the last admin (an admin through the settings only) cannot lock the organisation out
    w.deps.people.overwrite({ ...w.deps.people.peek(T1, 'admin')!, roles: [] });
    failure(await w.uc.updateSettings(w.actor('admin'), { adminIds: [] }), 'INVALID_INPUT', 'adminIds');
    failure(await w.uc.updateSettings(w.actor('admin'), { quietHours: { start: '25:00', end: '08:00' } }), 'INVALID_INPUT', 'quietHours.start');
    const stored = await w.deps.organisations.get(T1);
    assert.equal(stored.ok && stored.value?.value.zone, 'Europe/London');
  });

  it('a concurrent change by another admin is kept: the fields are applied again to what they saved', async () => {
    const w = world();
    const orgs = w.deps.organisations;
    const save = orgs.save.bind(orgs);
    let once = false;
    orgs.save = async (settings, etag) => {
      if (!once) {
        once = true;
        const current = await orgs.get(T1);
        if (current.ok && current.value) await save({ ...current.value.value, name: 'Northshire County Council' }, current.value.etag);
      }
      return save(settings, etag);
    };
    const v = okValue(await w.uc.updateSettings(w.actor('admin'), { escalationGraceDays: 10 }));
    assert.equal(v.name, 'Northshire County Council');
    assert.equal(v.escalationGraceDays, 10);
  });

  it('STORE_UNAVAILABLE comes back as a value', async () => {
    const w = world();
    w.deps.organisations.down = true;
    failure(await w.uc.updateSettings(w.actor('admin'), { reminderLeadDays: 1 }), 'STORE_UNAVAILABLE');
  });
});
