import { strict as assert } from 'node:assert';
import { T1, seedAgreement, seedSession, world } from '../fakes/world';
import { okValue } from '../fakes/results';

describe('app/getHome', () => {
  it("a supervisee's home: next due by, last session, what waits for them, what they may do", async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { id: 'ses-held', status: 'held', start: '2026-02-24T10:00:00.000Z', minutes: 60, uninterrupted: true, recordedById: 'sup1', recordedAt: '2026-02-24T12:00:00.000Z' });
    seedSession(w, { id: 'ses-next', scheduledStart: '2026-03-05T10:00:00.000Z' });
    okValue(await w.uc.getAgreement(w.actor('nqsw'), { agreementId: 'agr-1' }));
    // bring the stored summary up to date the way every change does
    okValue(await w.uc.pauseAgreement(w.actor('sup1'), { agreementId: 'agr-1', from: '2026-06-01', to: '2026-06-02' }));
    okValue(await w.uc.resumeAgreement(w.actor('sup1'), { agreementId: 'agr-1' }));

    const home = okValue(await w.uc.getHome(w.actor('nqsw'), {}));
    assert.deepEqual(home.person, { id: 'nqsw', name: 'Nia Quinn', email: 'nqsw@northshire.example' });
    assert.equal(home.organisationName, 'Northshire Council');
    assert.equal(home.nextDueBy, '2026-03-08');
    assert.deepEqual(home.lastSession, {
      sessionId: 'ses-held',
      agreementId: 'agr-1',
      start: '2026-02-24T10:00:00.000Z',
      minutes: 60,
      qualifying: false,
      with: { id: 'sup1', name: 'Sam Patel' },
    });
    assert.equal(home.asSupervisee.length, 1);
    assert.equal(home.asSupervisor.length, 0);
    assert.deepEqual(home.overdue.map((o) => [o.supervisee.name, o.overdueSince]), [['Nia Quinn', '2026-02-23']]);
    assert.deepEqual(
      home.pending.map((p) => [p.kind, 'sessionId' in p ? p.sessionId : p.agreementId]),
      [
        ['confirm-session', 'ses-held'],
        ['rate-session', 'ses-held'],
        ['respond-to-schedule', 'ses-next'],
      ],
    );
    assert.deepEqual(home.youCan, { proposeAgreement: false, scheduleSession: false, requestSession: true, writeNote: true, raiseConcern: true, editSettings: false, seeCompliance: false });
  });

  it("a supervisor's home: their supervisees, sessions to record, a draft to agree", async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { scheduledStart: '2026-03-02T08:00:00.000Z' });
    seedAgreement(w, { id: 'agr-2', superviseeId: 'sw2', status: 'draft', agreedBySupervisorAt: undefined, agreedBySuperviseeAt: undefined });
    const home = okValue(await w.uc.getHome(w.actor('sup1'), {}));
    assert.deepEqual(home.asSupervisor.map((a) => a.supervisee.name).sort(), ['Nia Quinn', 'Ola Okafor']);
    assert.equal(home.nextDueBy, null, 'nothing is due for the supervisor themself');
    assert.deepEqual(
      home.pending.map((p) => p.kind).sort(),
      ['agree-to-agreement', 'record-session'],
    );
    assert.equal(home.youCan.proposeAgreement, true);
    assert.equal(home.youCan.scheduleSession, true);
  });

  it('names never show raw ids only, and nothing of another tenant appears', async () => {
    const w = world();
    seedAgreement(w);
    w.deps.agreements.seed({ ...w.deps.agreements.peek(T1, 'agr-1')!, id: 'agr-x', tenantId: 'tenant-elsewhere' });
    const home = okValue(await w.uc.getHome(w.actor('sup1'), {}));
    assert.deepEqual(home.asSupervisor.map((a) => a.agreementId), ['agr-1']);
    assert.equal(home.asSupervisor[0].supervisor.name, 'Sam Patel');
  });
});
