import { strict as assert } from 'node:assert';
import { PEOPLE, T1, T2, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

describe('app/identify', () => {
  it('finds the person by tenant and AAD object id', async () => {
    const w = world();
    const p = okValue(await w.uc.identify(w.actor('sup1'), {}));
    assert.equal(p.id, 'sup1');
  });

  it('links an imported person by email the first time, then by AAD object id alone', async () => {
    const w = world();
    w.deps.people.seed({ id: 'new', tenantId: T1, email: 'kim@northshire.example', name: 'Kim Lee', roles: ['supervisee'] });
    const actor = { tenantId: T1, aadObjectId: 'aad-kim' };
    failure(await w.uc.identify(actor, {}), 'UNKNOWN_USER');
    const linked = okValue(await w.uc.identify(actor, { email: '  Kim@Northshire.example ' }));
    assert.equal(linked.id, 'new');
    assert.equal(w.deps.people.peek(T1, 'new')?.aadObjectId, 'aad-kim');
    assert.equal(okValue(await w.uc.identify(actor, {})).id, 'new');
    // and every other use case now knows them
    assert.equal(okValue(await w.uc.getHome(actor, {})).person.name, 'Kim Lee');
  });

  it('an unknown person gets UNKNOWN_USER with a clear message naming the email', async () => {
    const w = world();
    const e = failure(await w.uc.identify({ tenantId: T1, aadObjectId: 'aad-nobody' }, { email: 'nobody@x.example' }), 'UNKNOWN_USER');
    assert.match(e.message, /nobody@x\.example/);
    assert.match(e.message, /admin/);
    failure(await w.uc.getHome({ tenantId: T1, aadObjectId: 'aad-nobody' }, {}), 'UNKNOWN_USER');
    failure(await w.uc.getHome({ tenantId: '', aadObjectId: '' }, {}), 'UNKNOWN_USER');
  });

  it('never links an email already linked to another Teams account', async () => {
    const w = world();
    const e = failure(await w.uc.identify({ tenantId: T1, aadObjectId: 'aad-imposter' }, { email: PEOPLE.sup1.email }), 'UNKNOWN_USER');
    assert.match(e.message, /already linked/);
    assert.equal(w.deps.people.peek(T1, 'sup1')?.aadObjectId, 'aad-sup1');
  });

  it('never crosses tenants: the same AAD id or email in another tenant is not this person', async () => {
    const w = world();
    failure(await w.uc.identify({ tenantId: T2, aadObjectId: 'aad-sup1' }, {}), 'UNKNOWN_USER');
    failure(await w.uc.identify({ tenantId: T2, aadObjectId: 'aad-x' }, { email: PEOPLE.sup1.email }), 'UNKNOWN_USER');
  });

  it('returns STORE_UNAVAILABLE as a value', async () => {
    const w = world();
    w.deps.people.down = true;
    failure(await w.uc.identify(w.actor('sup1'), { email: PEOPLE.sup1.email }), 'STORE_UNAVAILABLE');
  });

  it('retries the link when someone else updated the person at the same moment', async () => {
    const w = world();
    w.deps.people.seed({ id: 'new', tenantId: T1, email: 'kim@northshire.example', name: 'Kim Lee', roles: ['supervisee'] });
    let interfered = false;
    w.deps.people.beforeReplace = (record) => {
      if (interfered) return;
      interfered = true;
      w.deps.people.overwrite({ ...record, aadObjectId: undefined, team: 'Children East' });
    };
    const p = okValue(await w.uc.identify({ tenantId: T1, aadObjectId: 'aad-kim' }, { email: 'kim@northshire.example' }));
    assert.equal(p.aadObjectId, 'aad-kim');
    assert.equal(w.deps.people.peek(T1, 'new')?.team, 'Children East', 'the other change is kept');
  });
});
