import { strict as assert } from 'node:assert';
import type { ProposeAgreement } from '../../src/app/commands';
import { T1, seedAgreement, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

const proposal = (over: Partial<ProposeAgreement> = {}): ProposeAgreement => ({
  superviseeId: 'nqsw',
  employmentStart: '2026-02-16',
  nqsw: true,
  lineManagerIsRegisteredSocialWorker: true,
  ...over,
});

describe('app/proposeAgreement and agreeToAgreement', () => {
  it('a supervisor proposes; the supervisee gets a card to agree; agreeing makes it active and tells the supervisor', async () => {
    const w = world();
    const draft = okValue(await w.uc.proposeAgreement(w.actor('sup1'), proposal()));
    assert.equal(draft.status, 'draft');
    assert.deepEqual(draft.supervisee, { id: 'nqsw', name: 'Nia Quinn' });
    assert.deepEqual(draft.supervisor, { id: 'sup1', name: 'Sam Patel' });
    assert.equal(draft.agreedBySupervisor?.by.name, 'Sam Patel');
    assert.equal(draft.agreedBySupervisee, null);
    assert.equal(draft.youCan.agree, false, 'the supervisor already agreed by proposing');

    const cards = w.deps.notifier.to('nqsw');
    assert.equal(cards.length, 1);
    assert.equal(cards[0].tenantId, T1);
    assert.equal(cards[0].message.kind, 'agreement-to-agree');
    const card = cards[0].message.data as typeof draft;
    assert.equal(card.youCan.agree, true, "the supervisee's card offers Agree");
    assert.equal(w.deps.notifier.to('sup1').length, 0, 'nobody is told what they just did');

    w.deps.notifier.clear();
    w.deps.clock.set('2026-03-02T11:00:00.000Z');
    const active = okValue(await w.uc.agreeToAgreement(w.actor('nqsw'), { agreementId: draft.agreementId }));
    assert.equal(active.status, 'active');
    assert.deepEqual(active.agreedBySupervisee, { by: { id: 'nqsw', name: 'Nia Quinn' }, at: '2026-03-02T11:00:00.000Z' });
    assert.equal(active.nextDueBy, '2026-03-08', 'summary recomputed: NQSW week 3 ends 8 March');
    assert.equal(w.deps.agreements.peek(T1, draft.agreementId)?.summary.nextDueBy, '2026-03-08');
    assert.deepEqual(w.deps.notifier.sent.map((n) => [n.recipientId, n.message.kind]), [['sup1', 'agreement-updated']]);
  });

  it('agreeing twice has the effect of once: same card, no error, no second notification', async () => {
    const w = world();
    const draft = okValue(await w.uc.proposeAgreement(w.actor('sup1'), proposal()));
    const first = okValue(await w.uc.agreeToAgreement(w.actor('nqsw'), { agreementId: draft.agreementId }));
    const sent = w.deps.notifier.sent.length;
    const writes = w.deps.agreements.calls.replace;
    w.deps.clock.set('2026-03-02T10:05:00.000Z');
    const second = okValue(await w.uc.agreeToAgreement(w.actor('nqsw'), { agreementId: draft.agreementId }));
    assert.deepEqual(second.agreedBySupervisee, first.agreedBySupervisee);
    assert.equal(second.status, 'active');
    assert.equal(w.deps.notifier.sent.length, sent);
    assert.equal(w.deps.agreements.calls.replace, writes, 'nothing written');
  });

  it('NQSW and employment start left blank on the set-up card are taken from the supervisee\'s staff record', async () => {
    const w = world();
    const { nqsw: _n, employmentStart: _e, ...blank } = proposal();
    const draft = okValue(await w.uc.proposeAgreement(w.actor('sup1'), blank as ProposeAgreement));
    const person = w.deps.people.peek(T1, 'nqsw');
    assert.ok(person?.nqsw === true && person.employmentStart !== undefined, 'the record says NQSW, with an employment start');
    assert.deepEqual([draft.nqsw, draft.employmentStart], [true, person.employmentStart]);
    // Said on the card, it stands over the record.
    const w2 = world();
    assert.equal(okValue(await w2.uc.proposeAgreement(w2.actor('sup1'), { ...(blank as ProposeAgreement), nqsw: false })).nqsw, false);
  });

  it('proposing the same agreement twice returns the same draft', async () => {
    const w = world();
    const a = okValue(await w.uc.proposeAgreement(w.actor('sup1'), proposal()));
    const b = okValue(await w.uc.proposeAgreement(w.actor('sup1'), proposal()));
    assert.equal(b.agreementId, a.agreementId);
    assert.equal(w.deps.agreements.all().length, 1);
    assert.equal(w.deps.notifier.to('nqsw').length, 1);
  });

  it('a double click (both presses at once, before either is saved) is one draft and one card to agree', async () => {
    const w = world();
    const [a, b] = await Promise.all([w.uc.proposeAgreement(w.actor('sup1'), proposal()), w.uc.proposeAgreement(w.actor('sup1'), proposal())]);
    assert.equal(okValue(b).agreementId, okValue(a).agreementId);
    assert.equal(w.deps.agreements.all().length, 1);
    assert.equal(w.deps.notifier.to('nqsw').length, 1);
  });

  it('a different proposal for someone who has an agreement is refused, naming the supervisee field', async () => {
    const w = world();
    okValue(await w.uc.proposeAgreement(w.actor('sup1'), proposal()));
    const e = failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal({ nqsw: false })), 'ALREADY_DONE', 'superviseeId');
    assert.match(e.message, /Nia Quinn already has a supervision agreement/);
  });

  it("an admin proposes for a supervisor: both get a card to agree; active only when both have", async () => {
    const w = world();
    const draft = okValue(await w.uc.proposeAgreement(w.actor('admin'), proposal({ supervisorId: 'sup2', superviseeId: 'sw2', nqsw: false, employmentStart: '2020-09-01', agreementStart: '2026-03-01' })));
    assert.equal(draft.agreedBySupervisor, null);
    assert.deepEqual(w.deps.notifier.sent.map((n) => n.recipientId).sort(), ['sup2', 'sw2']);
    const one = okValue(await w.uc.agreeToAgreement(w.actor('sup2'), { agreementId: draft.agreementId }));
    assert.equal(one.status, 'draft');
    const both = okValue(await w.uc.agreeToAgreement(w.actor('sw2'), { agreementId: draft.agreementId }));
    assert.equal(both.status, 'active');
    assert.equal(both.agreementStart, '2026-03-01');
  });

  it('the line manager who is not a registered social worker needs a professional supervisor who is', async () => {
    const w = world();
    failure(
      await w.uc.proposeAgreement(w.actor('lm'), proposal({ lineManagerIsRegisteredSocialWorker: false })),
      'PROFESSIONAL_SUPERVISOR_REQUIRED',
      'professionalSupervisorId',
    );
    failure(
      await w.uc.proposeAgreement(w.actor('lm'), proposal({ lineManagerIsRegisteredSocialWorker: false, professionalSupervisorId: 'admin' })),
      'PROFESSIONAL_SUPERVISOR_REQUIRED',
      'professionalSupervisorId',
    );
    const a = okValue(await w.uc.proposeAgreement(w.actor('lm'), proposal({ lineManagerIsRegisteredSocialWorker: false, professionalSupervisorId: 'sup2' })));
    assert.deepEqual(a.professionalSupervisor, { id: 'sup2', name: 'Jo Reed' });
  });

  it('refuses a supervisee, a supervisor proposing for someone else, and a PSW who is not an admin', async () => {
    const w = world();
    failure(await w.uc.proposeAgreement(w.actor('nqsw'), proposal({ supervisorId: 'sup1' })), 'NOT_AUTHORIZED');
    failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal({ supervisorId: 'sup2' })), 'NOT_AUTHORIZED');
    failure(await w.uc.proposeAgreement(w.actor('admin'), proposal()), 'INVALID_INPUT', 'supervisorId');
    assert.equal(w.deps.agreements.all().length, 0, 'nothing changed');
    assert.equal(w.deps.notifier.sent.length, 0);
  });

  it('validation names the field and creates nothing', async () => {
    const w = world();
    failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal({ employmentStart: '2026-02-30' })), 'INVALID_DATE', 'employmentStart');
    failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal({ superviseeId: 'ghost' })), 'INVALID_INPUT', 'superviseeId');
    failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal({ superviseeId: 'outsider' })), 'INVALID_INPUT', 'superviseeId');
    failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal({ stricterCadence: { weeklyPhaseDays: 10 } })), 'CADENCE_LOOSER_THAN_STANDARD', 'stricterCadence.weeklyPhaseDays');
    assert.equal(w.deps.agreements.all().length, 0);
  });

  it('refuses agreeing to an agreement one is not party to, and to another tenant\'s agreement', async () => {
    const w = world();
    const draft = okValue(await w.uc.proposeAgreement(w.actor('sup1'), proposal()));
    failure(await w.uc.agreeToAgreement(w.actor('sw2'), { agreementId: draft.agreementId }), 'NOT_AUTHORIZED');
    failure(await w.uc.agreeToAgreement(w.actor('admin'), { agreementId: draft.agreementId }), 'NOT_AUTHORIZED');
    failure(await w.uc.agreeToAgreement(w.actor('outsider'), { agreementId: draft.agreementId }), 'NOT_FOUND');
    w.deps.agreements.leakAcrossTenants = true; // even if the store handed it over
    failure(await w.uc.agreeToAgreement(w.actor('outsider'), { agreementId: draft.agreementId }), 'WRONG_TENANT');
    assert.equal(w.deps.agreements.peek(T1, draft.agreementId)?.status, 'draft');
    assert.equal(w.deps.agreements.peek(T1, draft.agreementId)?.agreedBySuperviseeAt, undefined);
  });

  it('getAgreement and the set-up form: for parties, admins and the PSW; names, not ids', async () => {
    const w = world();
    seedAgreement(w);
    const view = okValue(await w.uc.getAgreement(w.actor('psw'), { agreementId: 'agr-1' }));
    assert.equal(view.supervisee.name, 'Nia Quinn');
    assert.equal(view.youCan.changeSupervisor, false);
    assert.equal(okValue(await w.uc.getAgreement(w.actor('sup1'), { agreementId: 'agr-1' })).youCan.changeSupervisor, true);
    failure(await w.uc.getAgreement(w.actor('sw2'), { agreementId: 'agr-1' }), 'NOT_AUTHORIZED');
    failure(await w.uc.getAgreement(w.actor('sup1'), { agreementId: 'nope' }), 'NOT_FOUND');

    const form = okValue(await w.uc.getAgreementForm(w.actor('sup1'), {}));
    assert.deepEqual(form.supervisees.map((p) => p.name), ['Nia Quinn', 'Ola Okafor']);
    assert.ok(form.professionalSupervisors.some((p) => p.id === 'sup2'));
    assert.ok(!form.professionalSupervisors.some((p) => p.id === 'lm'));
    assert.ok(!form.supervisors.some((p) => p.id === 'outsider'));
    assert.equal(form.defaultSupervisorId, 'sup1');
    assert.equal(okValue(await w.uc.getAgreementForm(w.actor('admin'), {})).defaultSupervisorId, null);
    failure(await w.uc.getAgreementForm(w.actor('nqsw'), {}), 'NOT_AUTHORIZED');
  });

  it('STORE_UNAVAILABLE comes back as a value and nothing is half-done', async () => {
    const w = world();
    w.deps.agreements.failNext('create');
    failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal()), 'STORE_UNAVAILABLE');
    assert.equal(w.deps.agreements.all().length, 0);
    assert.equal(w.deps.notifier.sent.length, 0, 'nobody is asked to agree to what was not saved');
    w.deps.organisations.down = true;
    failure(await w.uc.proposeAgreement(w.actor('sup1'), proposal()), 'STORE_UNAVAILABLE');
  });

  it('a notifier failure does not fail or undo the proposal', async () => {
    const w = world();
    w.deps.notifier.down = true;
    const draft = okValue(await w.uc.proposeAgreement(w.actor('sup1'), proposal()));
    assert.equal(w.deps.agreements.peek(T1, draft.agreementId)?.status, 'draft');
  });
});
