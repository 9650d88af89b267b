import { strict as assert } from 'node:assert';
import { T1, seedAgreement, seedSession, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

describe('app/changeSupervisor, pauseAgreement, resumeAgreement, endAgreement', () => {
  it('hands the agreement over with the note, keeping the history and the sessions; all three hear', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { status: 'held', start: '2026-02-23T10:00:00.000Z', minutes: 90, uninterrupted: true });
    const v = okValue(await w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: 'sup2', handoverNote: 'Two complex cases.' }));
    assert.deepEqual(v.supervisor, { id: 'sup2', name: 'Jo Reed' });
    assert.deepEqual(
      v.supervisorHistory.map((t) => [t.supervisor.name, t.from, t.to ?? null, t.handoverNote ?? null]),
      [
        ['Sam Patel', '2026-02-16', '2026-03-02', null],
        ['Jo Reed', '2026-03-02', null, 'Two complex cases.'],
      ],
    );
    assert.equal(v.lastSessionOn, '2026-02-23', 'the session history stays with the agreement');
    assert.deepEqual(w.deps.notifier.sent.map((n) => n.recipientId).sort(), ['nqsw', 'sup2']);
    // the new supervisor now manages it; the old one no longer does
    okValue(await w.uc.pauseAgreement(w.actor('sup2'), { agreementId: 'agr-1', from: '2026-03-10', to: '2026-03-20' }));
    failure(await w.uc.resumeAgreement(w.actor('sup1'), { agreementId: 'agr-1' }), 'NOT_AUTHORIZED');
  });

  it('the same handover twice changes nothing and tells nobody again', async () => {
    const w = world();
    seedAgreement(w);
    okValue(await w.uc.changeSupervisor(w.actor('admin'), { agreementId: 'agr-1', newSupervisorId: 'sup2' }));
    const sent = w.deps.notifier.sent.length;
    assert.equal(sent, 3, 'supervisee, new and previous supervisor');
    const again = okValue(await w.uc.changeSupervisor(w.actor('admin'), { agreementId: 'agr-1', newSupervisorId: 'sup2' }));
    assert.equal(again.supervisorHistory.length, 2);
    assert.equal(w.deps.notifier.sent.length, sent);
  });

  it('refuses the supervisee, another supervisor, another tenant; validates the new supervisor', async () => {
    const w = world();
    seedAgreement(w);
    failure(await w.uc.changeSupervisor(w.actor('nqsw'), { agreementId: 'agr-1', newSupervisorId: 'sup2' }), 'NOT_AUTHORIZED');
    failure(await w.uc.changeSupervisor(w.actor('sup2'), { agreementId: 'agr-1', newSupervisorId: 'sup2' }), 'NOT_AUTHORIZED');
    failure(await w.uc.changeSupervisor(w.actor('outsider'), { agreementId: 'agr-1', newSupervisorId: 'outsider' }), 'NOT_FOUND');
    failure(await w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: 'outsider' }), 'INVALID_INPUT', 'newSupervisorId');
    failure(await w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: 'sw2' }), 'INVALID_INPUT', 'newSupervisorId');
    failure(await w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: '' }), 'INVALID_INPUT', 'newSupervisorId');
    failure(await w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: 'sup2', from: '2026-04-01' }), 'INVALID_DATE', 'from');
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.supervisorId, 'sup1');
  });

  it('pause -> resume -> end, with the summary recomputed (periods in the pause are excused)', async () => {
    const w = world('2026-04-20T10:00:00.000Z');
    seedAgreement(w, { nqsw: false, employmentStart: '2025-01-06', agreementStart: '2025-01-06', supervisorHistory: [{ supervisorId: 'sup1', from: '2025-01-06' }] });
    const paused = okValue(await w.uc.pauseAgreement(w.actor('sup1'), { agreementId: 'agr-1', from: '2026-02-06', to: '2026-04-05' }));
    assert.equal(paused.status, 'paused');
    assert.equal(paused.excused, 2, '[6 Feb, 6 Mar) and [6 Mar, 6 Apr) lie wholly in the pause (6 Feb - 5 Apr)');
    assert.equal(paused.youCan.resume, true);
    assert.equal(paused.youCan.scheduleSession, false);
    const resumed = okValue(await w.uc.resumeAgreement(w.actor('admin'), { agreementId: 'agr-1' }));
    assert.equal(resumed.status, 'active');
    assert.deepEqual(resumed.pauses, [{ from: '2026-02-06', to: '2026-04-05' }], 'a pause already over is kept whole');
    const ended = okValue(await w.uc.endAgreement(w.actor('sup1'), { agreementId: 'agr-1' }));
    assert.equal(ended.status, 'ended');
    assert.equal(ended.endedOn, '2026-04-20');
    assert.equal(ended.nextDueBy, null);
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.summary.nextActionAt, null, 'an ended agreement sends nothing');
    const again = okValue(await w.uc.endAgreement(w.actor('sup1'), { agreementId: 'agr-1' }));
    assert.equal(again.status, 'ended');
    failure(await w.uc.pauseAgreement(w.actor('sup1'), { agreementId: 'agr-1', from: '2026-05-01', to: '2026-05-02' }), 'AGREEMENT_NOT_ACTIVE');
    failure(await w.uc.pauseAgreement(w.actor('nqsw'), { agreementId: 'agr-1', from: '2026-05-01', to: '2026-05-02' }), 'NOT_AUTHORIZED');
  });

  it('a pause with an impossible range names the field', async () => {
    const w = world();
    seedAgreement(w);
    failure(await w.uc.pauseAgreement(w.actor('sup1'), { agreementId: 'agr-1', from: '2026-03-10', to: '2026-03-01' }), 'INVALID_DATE', 'pause.to');
    failure(await w.uc.pauseAgreement(w.actor('sup1'), { agreementId: 'agr-1', from: '2026-02-31', to: '2026-03-01' }), 'INVALID_DATE', 'pause.from');
  });

  it('on CONFLICT re-reads and applies the change again to what the other person saved', async () => {
    const w = world();
    seedAgreement(w);
    let interfered = 0;
    w.deps.agreements.beforeReplace = (record) => {
      if (interfered++ > 0) return;
      // someone else changes the agreement at the same moment
      const current = w.deps.agreements.peek(T1, record.id);
      if (current) w.deps.agreements.overwrite({ ...current, professionalSupervisorId: 'psw' });
    };
    const v = okValue(await w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: 'sup2' }));
    assert.equal(v.supervisor.id, 'sup2');
    const stored = w.deps.agreements.peek(T1, 'agr-1');
    assert.equal(stored?.professionalSupervisorId, 'psw', "the other person's change is not lost");
    assert.equal(stored?.supervisorId, 'sup2');
    assert.equal(w.deps.agreements.calls.replace, 2);
  });

  it('gives up with CONFLICT after a bounded number of attempts, changing nothing', async () => {
    const w = world();
    seedAgreement(w);
    w.deps.agreements.beforeReplace = (record) => {
      const current = w.deps.agreements.peek(T1, record.id);
      if (current) w.deps.agreements.overwrite({ ...current });
    };
    failure(await w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: 'sup2' }), 'CONFLICT');
    assert.equal(w.deps.agreements.calls.replace, 4);
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.supervisorId, 'sup1');
  });
});
