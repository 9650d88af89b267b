/**
 * The oversight use cases on the fakes: an unrecorded read is no read (the audit log down: nothing
 * is returned), and the ASYE log and CPD draft decisions for the people around one NQSW.
 */
import { strict as assert } from 'node:assert';
import { dailyRetentionPass } from '../../src/app/retention';
import { FakeAuditLog } from '../fakes/ports';
import { failure, okValue } from '../fakes/results';
import { oversight, seedAgreement, seedSession, world } from '../fakes/world';

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

describe('app/retention: the daily hook (fakes)', () => {
  it('runs the pass on the first call of each UTC day, and again on the next call after a failure', async () => {
    const w = world();
    seedAgreement(w, { id: 'old', status: 'ended', endedOn: '2019-01-31' });
    const audit = new FakeAuditLog();
    const lines: { level: string; event: unknown }[] = [];
    const log = { info: (o: object) => lines.push({ level: 'info', event: (o as { event: unknown }).event }), warn: (o: object) => lines.push({ level: 'warn', event: (o as { event: unknown }).event }) };
    const daily = dailyRetentionPass({ ...w.deps, audit }, log);

    audit.down = true;
    const failed = await daily('2026-03-02T00:01:00.000Z');
    assert.equal(failed?.tenants.find((t) => t.tenantId === 'tenant-northshire')?.failure?.code, 'STORE_UNAVAILABLE');
    assert.deepEqual(lines.map((l) => `${l.level} ${String(l.event)}`), ['warn retention.tenant_failed']);

    audit.down = false;
    const first = await daily('2026-03-02T00:02:00.000Z');
    // The agreement went on the first try (its record could not be written then); nothing is left to delete.
    assert.equal(w.deps.agreements.peek('tenant-northshire', 'old'), undefined);
    assert.ok(first !== undefined);
    assert.equal(await daily('2026-03-02T23:59:00.000Z'), undefined, 'once a day');
    assert.ok((await daily('2026-03-03T00:00:00.000Z')) !== undefined, 'the next day');
  });
});
