/**
 * The oversight use cases on the fakes: an unrecorded read is no read (the audit log down: nothing
 * is returned), and the ASYE log and CPD draft decisions for the people around one NQSW.
 */
import { strict as assert } from 'node:assert';
import { createOversightUseCases, type OversightDeps } from '../../src/app/oversight';
import { FakeAuditLog, FakeConversations } from '../fakes/ports';
import { failure, okValue } from '../fakes/results';
import { seedAgreement, seedSession, world, type World } from '../fakes/world';

function oversight(w: World) {
  const deps: OversightDeps & { audit: FakeAuditLog } = { ...w.deps, audit: new FakeAuditLog(), conversations: new FakeConversations() };
  return { deps, uc: createOversightUseCases(deps) };
}

describe('app/oversight: audited reads and exports (fakes)', () => {
  it('a supervisor\'s compliance view is recorded; with the audit log down they get no data, only "try again"', async () => {
    const w = world();
    seedAgreement(w);
    const { deps, uc } = oversight(w);
    const view = okValue(await uc.getCompliance(w.actor('sup1'), {}));
    assert.deepEqual(view.rows.map((r) => r.supervisee.id), ['nqsw']);
    assert.deepEqual(deps.audit.rows.map((r) => r.kind === 'access' && [r.action, r.actorId, r.subjectIds]), [['compliance.read', 'sup1', ['nqsw']]]);

    deps.audit.down = true;
    failure(await uc.getCompliance(w.actor('sup1'), {}), 'STORE_UNAVAILABLE');
    failure(await uc.exportHealthCheck(w.actor('psw'), {}), 'STORE_UNAVAILABLE');
    failure(await uc.exportAsyeLog(w.actor('nqsw'), {}), 'STORE_UNAVAILABLE');
    // Their own data only: nothing to record, so it still works.
    assert.equal(okValue(await uc.getCompliance(w.actor('nqsw'), {})).rows.length, 1);
  });

  it('the ASYE log: the NQSW, their supervisor, the PSW and an admin; not another supervisor, a line manager or another tenant', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { status: 'held', start: '2026-02-17T10:00:00.000Z', minutes: 90, uninterrupted: true });
    const { uc } = oversight(w);
    for (const who of ['nqsw', 'sup1', 'psw', 'admin'] as const) {
      const file = okValue(await uc.exportAsyeLog(w.actor(who), { personId: 'nqsw', format: 'html' }));
      assert.match(file.body, /2026-02-17|17 February 2026/, who);
    }
    for (const who of ['sup2', 'lm', 'sw2', 'outsider'] as const) {
      failure(await uc.exportAsyeLog(w.actor(who), { personId: 'nqsw' }), 'NOT_AUTHORIZED');
    }
    failure(await uc.exportAsyeLog(w.actor('psw'), { personId: 'nqsw', format: 'pdf' }), 'INVALID_INPUT', 'format');
  });
});
