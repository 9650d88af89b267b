import { strict as assert } from 'node:assert';
import { PEOPLE, seedAgreement, world, type Who } from '../fakes/world';
import { okValue } from '../fakes/results';

describe('app/getHelp', () => {
  it('gives every person the roles and the flows their home card would offer', async () => {
    const w = world();
    seedAgreement(w);
    seedAgreement(w, { id: 'agr-draft', superviseeId: 'sw2', supervisorId: 'sup2', status: 'draft' });
    for (const who of Object.keys(PEOPLE) as Who[]) {
      const help = okValue(await w.uc.getHelp(w.actor(who), {}));
      const home = okValue(await w.uc.getHome(w.actor(who), {}));
      assert.deepEqual(help, { roles: home.roles, youCan: home.youCan }, who);
    }
  });

  it('may schedule a session only while supervising an active agreement', async () => {
    const w = world();
    assert.equal(okValue(await w.uc.getHelp(w.actor('sup1'), {})).youCan.scheduleSession, false);
    seedAgreement(w);
    const help = okValue(await w.uc.getHelp(w.actor('sup1'), {}));
    assert.deepEqual(help.roles, ['supervisor']);
    assert.equal(help.youCan.scheduleSession, true);
    assert.equal(help.youCan.proposeAgreement, true);
    assert.equal(help.youCan.editSettings, false);
  });

  it('does not know someone who is not on the staff list', async () => {
    const w = world();
    const unknown = await w.uc.getHelp({ tenantId: PEOPLE.sup1.tenantId, aadObjectId: 'aad-stranger' }, {});
    assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_USER');
  });
});
