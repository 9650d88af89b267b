/**
 * Recording an ASYE extension on the fakes: the PSW and admins may, nobody else; the change is saved
 * under the agreement's ETag (a concurrent change is kept), recorded once when pressed twice,
 * audited with whose agreement it was, and sent to the NQSW and their supervisor; never the note.
 */
import { strict as assert } from 'node:assert';
import { failure, okValue } from '../fakes/results';
import { oversight, seedAgreement, T1, world } from '../fakes/world';

const NOTE = 'Parental leave, four months';

describe('app/recordAsyeExtension (fakes)', () => {
  it('the PSW records it: the drill-down view shows the planned end, the extension and the current end; audited without the note', async () => {
    const w = world();
    seedAgreement(w);
    const { deps, uc } = oversight(w);
    const view = okValue(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'agr-1', newEnd: '2027-06-30', reason: 'absence', note: NOTE }));
    assert.deepEqual(view.asye, {
      plannedEnd: '2027-02-16',
      currentEnd: '2027-06-30',
      extensions: [{ recordedOn: '2026-03-02', newEnd: '2027-06-30', reason: 'absence', note: NOTE, recordedBy: { id: 'psw', name: 'Priya Shah' } }],
    });
    assert.equal(view.canRecordAsyeExtension, true);
    assert.deepEqual(w.deps.agreements.peek(T1, 'agr-1')?.asyeExtensions, [{ newEnd: '2027-06-30', reason: 'absence', note: NOTE, recordedById: 'psw', recordedOn: '2026-03-02' }]);
    const records = deps.audit.of(T1);
    assert.deepEqual(records.map((r) => r.kind === 'access' && [r.action, r.actorId, r.subjectIds, r.detail]), [['asye-extension.record', 'psw', ['nqsw'], { recordId: 'agr-1' }]]);
    assert.ok(!JSON.stringify(records).includes('Parental'), 'the note is never in the audit log');
    // The NQSW and their supervisor are sent the agreement with the new end: its reason, never the note.
    assert.deepEqual(w.deps.notifier.sent.map((n) => n.recipientId).sort(), ['nqsw', 'sup1']);
    for (const n of w.deps.notifier.sent) {
      assert.equal(n.message.kind, 'agreement-updated');
      assert.deepEqual(n.message.kind === 'agreement-updated' && n.message.data.asye, { plannedEnd: '2027-02-16', currentEnd: '2027-06-30', extensions: [{ newEnd: '2027-06-30', reason: 'absence' }] });
    }
    assert.ok(!JSON.stringify(w.deps.notifier.sent).includes('Parental'), 'the note is never sent');

    // Pressed again: nothing new saved, audited or sent.
    const writes = w.deps.agreements.writes;
    okValue(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'agr-1', newEnd: '2027-06-30', reason: 'absence', note: NOTE }));
    assert.equal(w.deps.agreements.writes, writes);
    assert.equal(deps.audit.of(T1).length, 1);
    assert.equal(w.deps.notifier.sent.length, 2);
  });

  it('the card sent names everyone on the agreement: its professional supervisor, the supervisor before the handover, who agreed', async () => {
    const w = world();
    seedAgreement(w, {
      professionalSupervisorId: 'lm',
      supervisorHistory: [
        { supervisorId: 'sup2', from: '2026-02-16', to: '2026-02-27' },
        { supervisorId: 'sup1', from: '2026-02-27' },
      ],
    });
    const { uc } = oversight(w);
    okValue(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'agr-1', newEnd: '2027-06-30', reason: 'assessment' }));
    const [sent] = w.deps.notifier.to('nqsw');
    assert.ok(sent?.message.kind === 'agreement-updated');
    const card = sent.message.data;
    assert.equal(card.professionalSupervisor?.name, 'Lee Morgan');
    assert.deepEqual(card.supervisorHistory.map((t) => t.supervisor.name), ['Jo Reed', 'Sam Patel']);
    assert.equal(card.agreedBySupervisor?.by.name, 'Jo Reed');
    assert.equal(card.agreedBySupervisee?.by.name, 'Nia Quinn');
    assert.ok(!JSON.stringify(card).includes('no longer on the staff list'));
  });

  it('an admin may; the supervisor, the supervisee, another supervisor and another tenant\'s PSW may not (nothing saved or audited)', async () => {
    const w = world();
    seedAgreement(w);
    const { deps, uc } = oversight(w);
    okValue(await uc.recordAsyeExtension(w.actor('admin'), { agreementId: 'agr-1', newEnd: '2027-03-31', reason: 'assessment' }));
    const writes = w.deps.agreements.writes;
    for (const who of ['sup1', 'nqsw', 'sup2', 'lm'] as const) {
      const e = failure(await uc.recordAsyeExtension(w.actor(who), { agreementId: 'agr-1', newEnd: '2027-09-30', reason: 'assessment' }), 'NOT_AUTHORIZED');
      assert.match(e.message, /Principal Social Worker or an admin/);
    }
    // Another organisation's PSW: their tenant has no such agreement.
    failure(await uc.recordAsyeExtension(w.actor('outsider'), { agreementId: 'agr-1', newEnd: '2027-09-30', reason: 'assessment' }), 'NOT_FOUND');
    assert.equal(w.deps.agreements.writes, writes);
    assert.equal(deps.audit.of(T1).length, 1);
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.asyeExtensions?.length, 1);
    assert.equal(w.deps.notifier.sent.length, 2, 'only the admin\'s extension was sent');
  });

  it('the domain refusals arrive with their codes and fields: not an NQSW, not later, ended', async () => {
    const w = world();
    seedAgreement(w, { id: 'exp', superviseeId: 'sw2', nqsw: false });
    seedAgreement(w, { id: 'done', status: 'ended', endedOn: '2026-02-28' });
    seedAgreement(w);
    const { deps, uc } = oversight(w);
    failure(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'exp', newEnd: '2027-06-30', reason: 'absence' }), 'NOT_NQSW');
    failure(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'done', newEnd: '2027-06-30', reason: 'absence' }), 'INVALID_TRANSITION');
    const e = failure(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'agr-1', newEnd: '2027-02-16', reason: 'absence' }), 'INVALID_DATE');
    assert.equal(e.field, 'newEnd');
    failure(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'missing', newEnd: '2027-06-30', reason: 'absence' }), 'NOT_FOUND');
    assert.equal(deps.audit.of(T1).length, 0);
  });

  it('someone else changed the agreement at the same moment: it is read again and both changes are kept', async () => {
    const w = world();
    const a = seedAgreement(w);
    const { uc } = oversight(w);
    let raced = false;
    w.deps.agreements.beforeReplace = () => {
      if (raced) return;
      raced = true;
      w.deps.agreements.overwrite({ ...a, status: 'paused', pauses: [{ from: '2026-03-02', to: '2026-03-20' }] });
    };
    okValue(await uc.recordAsyeExtension(w.actor('psw'), { agreementId: 'agr-1', newEnd: '2027-06-30', reason: 'absence' }));
    const stored = w.deps.agreements.peek(T1, 'agr-1');
    assert.equal(stored?.status, 'paused');
    assert.deepEqual(stored?.asyeExtensions?.map((x) => x.newEnd), ['2027-06-30']);
  });

  it('the drill-down shows the ASYE to those who may see it, the form only to the PSW and admins, and no ASYE for an experienced worker', async () => {
    const w = world();
    seedAgreement(w, { asyeExtensions: [{ newEnd: '2027-04-30', reason: 'absence', recordedById: 'admin', recordedOn: '2026-03-01' }] });
    seedAgreement(w, { id: 'exp', superviseeId: 'sw2', nqsw: false });
    const { uc } = oversight(w);
    for (const [who, may] of [['nqsw', false], ['sup1', false], ['psw', true], ['admin', true]] as const) {
      const d = okValue(await uc.getAgreementDetail(w.actor(who), { agreementId: 'agr-1' }));
      assert.equal(d.asye?.currentEnd, '2027-04-30', who);
      assert.equal(d.asye?.extensions[0].recordedBy.name, 'Alex Adams');
      assert.equal(d.canRecordAsyeExtension, may, who);
    }
    const exp = okValue(await uc.getAgreementDetail(w.actor('psw'), { agreementId: 'exp' }));
    assert.equal(exp.asye, null);
    assert.equal(exp.canRecordAsyeExtension, false);
  });
});
