import { strict as assert } from 'node:assert';
import {
  agree,
  handOver,
  draftAgreement,
  end,
  pause,
  resume,
  type NewAgreement,
} from '../../src/domain/agreement';
import type { Agreement, Person } from '../../src/domain/model';
import type { Result } from '../../src/domain/result';

const NOW = '2026-03-02T10:00:00.000Z';
const LATER = '2026-03-03T10:00:00.000Z';
const p = (id: string, roles: Person['roles'], extra: Partial<Person> = {}): Person => ({
  id,
  tenantId: 't1',
  email: `${id}@x.example`,
  name: id.toUpperCase(),
  roles,
  ...extra,
});
const supervisee = p('nia', ['supervisee']);
const supervisor = p('sam', ['supervisor'], { isRegisteredSocialWorker: true });
const lineManager = p('lee', ['supervisor'], { isRegisteredSocialWorker: false });
const rsw = p('rita', ['supervisor'], { isRegisteredSocialWorker: true });
const notRsw = p('nora', ['supervisor']);

const input = (extra: Partial<NewAgreement> = {}): NewAgreement => ({
  id: 'a1',
  tenantId: 't1',
  supervisee,
  supervisor,
  employmentStart: '2026-02-16',
  nqsw: true,
  lineManagerIsRegisteredSocialWorker: true,
  proposedBy: 'supervisor',
  ...extra,
});

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
function error<T>(r: Result<T>) {
  if (r.ok) assert.fail('expected a failure');
  return r.error;
}

describe('domain/agreement', () => {
  describe('draftAgreement', () => {
    it('starts a draft with the supervisor agreed (their proposal), agreementStart defaulting to employment start, one supervisor term', () => {
      const a = value(draftAgreement(input(), 'Europe/London', NOW));
      assert.equal(a.status, 'draft');
      assert.equal(a.agreementStart, '2026-02-16');
      assert.equal(a.agreedBySupervisorAt, NOW);
      assert.equal(a.agreedBySuperviseeAt, undefined);
      assert.deepEqual(a.supervisorHistory, [{ supervisorId: 'sam', from: '2026-02-16' }]);
      assert.equal(a.summary.evaluatedOn, '2026-03-02');
    });

    it("an admin's proposal needs both parties", () => {
      const a = value(draftAgreement(input({ proposedBy: 'admin' }), 'Europe/London', NOW));
      assert.equal(a.agreedBySupervisorAt, undefined);
    });

    it('requires a professional supervisor who is a registered social worker when the line manager is not one', () => {
      const missing = error(draftAgreement(input({ supervisor: lineManager, lineManagerIsRegisteredSocialWorker: false }), 'Europe/London', NOW));
      assert.equal(missing.code, 'PROFESSIONAL_SUPERVISOR_REQUIRED');
      assert.equal(missing.field, 'professionalSupervisorId');
      const notRegistered = error(
        draftAgreement(input({ supervisor: lineManager, lineManagerIsRegisteredSocialWorker: false, professionalSupervisor: notRsw }), 'Europe/London', NOW),
      );
      assert.equal(notRegistered.code, 'PROFESSIONAL_SUPERVISOR_REQUIRED');
      assert.match(notRegistered.message, /NORA is not recorded as a registered social worker/);
      const a = value(
        draftAgreement(input({ supervisor: lineManager, lineManagerIsRegisteredSocialWorker: false, professionalSupervisor: rsw }), 'Europe/London', NOW),
      );
      assert.equal(a.professionalSupervisorId, 'rita');
    });

    it('names the field at fault', () => {
      assert.equal(error(draftAgreement(input({ employmentStart: '2026-02-30' }), 'Europe/London', NOW)).field, 'employmentStart');
      const before = error(draftAgreement(input({ agreementStart: '2026-02-01' }), 'Europe/London', NOW));
      assert.deepEqual([before.code, before.field], ['INVALID_DATE', 'agreementStart']);
      assert.equal(error(draftAgreement(input({ nqsw: 'yes' }), 'Europe/London', NOW)).field, 'nqsw');
      assert.equal(error(draftAgreement(input({ supervisor: supervisee }), 'Europe/London', NOW)).field, 'supervisorId');
      assert.equal(error(draftAgreement(input({ supervisee: supervisor }), 'Europe/London', NOW)).field, 'superviseeId');
      const pauseErr = error(draftAgreement(input({ pauses: [{ from: '2026-04-10', to: '2026-04-01' }] }), 'Europe/London', NOW));
      assert.equal(pauseErr.field, 'pauses[0].to');
    });

    it('refuses a cadence looser than the standard, accepts a stricter one', () => {
      const looser = error(draftAgreement(input({ stricterCadence: { monthlyPhaseDays: 31 } }), 'Europe/London', NOW));
      assert.deepEqual([looser.code, looser.field], ['CADENCE_LOOSER_THAN_STANDARD', 'stricterCadence.monthlyPhaseDays']);
      const a = value(draftAgreement(input({ stricterCadence: { monthlyPhaseDays: 21 } }), 'Europe/London', NOW));
      assert.deepEqual(a.stricterCadence, { monthlyPhaseDays: 21 });
    });

    it('refuses people from another tenant', () => {
      const e = error(draftAgreement(input({ supervisee: { ...supervisee, tenantId: 't2' } }), 'Europe/London', NOW));
      assert.equal(e.code, 'WRONG_TENANT');
    });
  });

  describe('lifecycle', () => {
    const draft = (): Agreement => value(draftAgreement(input(), 'Europe/London', NOW));

    it('becomes active when both parties have agreed; agreeing twice changes nothing', () => {
      const first = value(agree(draft(), 'supervisee', LATER));
      assert.equal(first.changed, true);
      assert.equal(first.value.status, 'active');
      assert.equal(first.value.agreedBySuperviseeAt, LATER);
      const again = value(agree(first.value, 'supervisee', '2026-03-04T10:00:00.000Z'));
      assert.equal(again.changed, false);
      assert.equal(again.value, first.value);
      assert.equal(value(agree(first.value, 'supervisor', LATER)).changed, false);
    });

    it('stays a draft until the second party agrees', () => {
      const adminDraft = value(draftAgreement(input({ proposedBy: 'admin' }), 'Europe/London', NOW));
      const one = value(agree(adminDraft, 'supervisor', LATER)).value;
      assert.equal(one.status, 'draft');
      assert.equal(value(agree(one, 'supervisee', LATER)).value.status, 'active');
    });

    it('pauses an active agreement, records the range, resumes trimming the running pause to yesterday', () => {
      const active = value(agree(draft(), 'supervisee', NOW)).value;
      const paused = value(pause(active, { from: '2026-03-01', to: '2026-03-31' }, NOW));
      assert.equal(paused.value.status, 'paused');
      assert.deepEqual(paused.value.pauses, [{ from: '2026-03-01', to: '2026-03-31' }]);
      assert.equal(value(pause(paused.value, { from: '2026-03-01', to: '2026-03-31' }, LATER)).changed, false);
      const resumed = value(resume(paused.value, '2026-03-10', LATER));
      assert.equal(resumed.value.status, 'active');
      assert.deepEqual(resumed.value.pauses, [{ from: '2026-03-01', to: '2026-03-09' }]);
      assert.equal(value(resume(resumed.value, '2026-03-10', LATER)).changed, false);
    });

    it('drops a pause that had not begun when resumed', () => {
      const active = value(agree(draft(), 'supervisee', NOW)).value;
      const paused = value(pause(active, { from: '2026-04-01', to: '2026-04-30' }, NOW)).value;
      assert.deepEqual(value(resume(paused, '2026-03-10', LATER)).value.pauses, []);
    });

    it('refuses invalid transitions with stable codes', () => {
      const d = draft();
      assert.equal(error(pause(d, { from: '2026-03-01', to: '2026-03-02' }, NOW)).code, 'AGREEMENT_NOT_ACTIVE');
      assert.equal(error(resume(d, '2026-03-02', NOW)).code, 'INVALID_TRANSITION');
      const ended = value(end(d, '2026-03-02', NOW)).value;
      assert.equal(ended.status, 'ended');
      assert.equal(value(end(ended, '2026-03-02', LATER)).changed, false);
      assert.equal(error(end(ended, '2026-03-05', LATER)).code, 'ALREADY_DONE');
      assert.equal(error(agree(ended, 'supervisee', NOW)).code, 'AGREEMENT_NOT_DRAFT');
      assert.equal(error(handOver(ended, { newSupervisor: rsw, from: '2026-03-02' }, '2026-03-02', NOW)).code, 'INVALID_TRANSITION');
    });
  });

  describe('handOver', () => {
    const active = (): Agreement => value(agree(value(draftAgreement(input(), 'Europe/London', NOW)), 'supervisee', NOW)).value;

    it('closes the current term and opens a new one with the handover note; history kept', () => {
      const r = value(handOver(active(), { newSupervisor: rsw, from: '2026-03-02', handoverNote: 'Caseload reviewed.' }, '2026-03-02', LATER));
      assert.equal(r.changed, true);
      assert.equal(r.value.supervisorId, 'rita');
      assert.deepEqual(r.value.supervisorHistory, [
        { supervisorId: 'sam', from: '2026-02-16', to: '2026-03-02' },
        { supervisorId: 'rita', from: '2026-03-02', handoverNote: 'Caseload reviewed.' },
      ]);
      assert.equal(r.value.status, 'active');
      assert.equal(r.value.agreedBySuperviseeAt, NOW);
    });

    it('to the same supervisor changes nothing', () => {
      const a = active();
      assert.equal(value(handOver(a, { newSupervisor: supervisor, from: '2026-03-02' }, '2026-03-02', LATER)).changed, false);
    });

    it('in a draft replaces the supervisor, who must agree afresh', () => {
      const d = value(draftAgreement(input(), 'Europe/London', NOW));
      const r = value(handOver(d, { newSupervisor: rsw, from: undefined }, '2026-03-02', LATER)).value;
      assert.equal(r.agreedBySupervisorAt, undefined);
      assert.deepEqual(r.supervisorHistory, [{ supervisorId: 'rita', from: '2026-02-16' }]);
    });

    it('refuses a future handover, one before the current term, the supervisee, a non-supervisor, a long note', () => {
      const a = active();
      assert.equal(error(handOver(a, { newSupervisor: rsw, from: '2026-03-09' }, '2026-03-02', LATER)).field, 'from');
      assert.equal(error(handOver(a, { newSupervisor: rsw, from: '2026-02-01' }, '2026-03-02', LATER)).field, 'from');
      assert.equal(error(handOver(a, { newSupervisor: supervisee, from: '2026-03-02' }, '2026-03-02', LATER)).field, 'newSupervisorId');
      assert.equal(error(handOver(a, { newSupervisor: p('x', ['supervisee']), from: '2026-03-02' }, '2026-03-02', LATER)).field, 'newSupervisorId');
      const long = error(handOver(a, { newSupervisor: rsw, from: '2026-03-02', handoverNote: 'x'.repeat(2001) }, '2026-03-02', LATER));
      assert.deepEqual([long.code, long.field], ['TEXT_TOO_LONG', 'handoverNote']);
    });
  });
});
