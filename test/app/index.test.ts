import { strict as assert } from 'node:assert';
import type { UseCases } from '../../src/app';
import type { Result } from '../../src/domain/result';
import { T1, seedAgreement, seedSession, world, type World } from '../fakes/world';
import { okValue } from '../fakes/results';

/** A world where every use case below succeeds when the stores are up. */
function scenario(): World {
  const w = world();
  seedAgreement(w);
  seedSession(w, { id: 'ses-sched', scheduledStart: '2026-03-05T10:00:00.000Z' });
  seedSession(w, { id: 'ses-proposed', scheduledStart: '2026-03-06T10:00:00.000Z', proposedStart: '2026-03-09T10:00:00.000Z' });
  seedSession(w, { id: 'ses-held', status: 'held', start: '2026-03-02T08:00:00.000Z', minutes: 90, uninterrupted: true });
  seedAgreement(w, { id: 'agr-draft', superviseeId: 'sw2', status: 'draft', agreedBySuperviseeAt: undefined });
  w.deps.people.seed({ id: 'sw3', tenantId: T1, email: 'sw3@northshire.example', name: 'Sol Wu', roles: ['supervisee'] });
  w.deps.notes.seed({ id: 'note-1', tenantId: T1, authorId: 'nqsw', whatHappened: 'x', howIFelt: '', whatILearned: '', whatNext: '', visibility: 'private', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' });
  w.deps.concerns.seed({ id: 'con-1', tenantId: T1, raisedById: 'nqsw', category: 'workload', description: 'x', urgency: 'low', route: 'psw', handlerId: 'psw', status: 'raised', history: [{ at: '2026-03-01T10:00:00.000Z', byId: 'nqsw', status: 'raised' }], createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' });
  return w;
}

type Call = [name: keyof UseCases, run: (w: World) => Promise<Result<unknown>>];
const CALLS: Call[] = [
  ['identify', (w) => w.uc.identify(w.actor('nqsw'), { email: 'nqsw@northshire.example' })],
  ['getHome', (w) => w.uc.getHome(w.actor('nqsw'), {})],
  ['getHelp', (w) => w.uc.getHelp(w.actor('sup1'), {})],
  ['getAgreementForm', (w) => w.uc.getAgreementForm(w.actor('sup1'), {})],
  ['proposeAgreement', (w) => w.uc.proposeAgreement(w.actor('sup2'), { superviseeId: 'sw3', employmentStart: '2026-02-16', nqsw: true, lineManagerIsRegisteredSocialWorker: true })],
  ['getAgreement', (w) => w.uc.getAgreement(w.actor('nqsw'), { agreementId: 'agr-1' })],
  ['agreeToAgreement', (w) => w.uc.agreeToAgreement(w.actor('sw2'), { agreementId: 'agr-draft' })],
  ['changeSupervisor', (w) => w.uc.changeSupervisor(w.actor('sup1'), { agreementId: 'agr-1', newSupervisorId: 'sup2' })],
  ['pauseAgreement', (w) => w.uc.pauseAgreement(w.actor('sup1'), { agreementId: 'agr-1', from: '2026-03-10', to: '2026-03-12' })],
  ['resumeAgreement', (w) => w.uc.resumeAgreement(w.actor('sup1'), { agreementId: 'agr-1' })],
  ['endAgreement', (w) => w.uc.endAgreement(w.actor('sup1'), { agreementId: 'agr-1' })],
  ['scheduleSession', (w) => w.uc.scheduleSession(w.actor('sup1'), { agreementId: 'agr-1', start: { date: '2026-03-20', time: '10:00' }, plannedMinutes: 90, mode: 'teams' })],
  ['getSession', (w) => w.uc.getSession(w.actor('nqsw'), { sessionId: 'ses-held' })],
  ['respondToSchedule', (w) => w.uc.respondToSchedule(w.actor('nqsw'), { sessionId: 'ses-sched', response: 'accept' })],
  ['recordSession', (w) => w.uc.recordSession(w.actor('sup1'), { kind: 'cancelled', sessionId: 'ses-sched', reason: 'Illness' })],
  ['acceptProposedTime', (w) => w.uc.acceptProposedTime(w.actor('sup1'), { sessionId: 'ses-proposed' })],
  ['requestSession', (w) => w.uc.requestSession(w.actor('nqsw'), { agreementId: 'agr-1', preferredStart: { date: '2026-03-20', time: '10:00' }, mode: 'teams' })],
  ['confirmSession', (w) => w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-held' })],
  ['rateSession', (w) => w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-held', score: 4 })],
  ['writeNote', (w) => w.uc.writeNote(w.actor('nqsw'), { whatHappened: 'a', howIFelt: 'b', whatILearned: 'c', whatNext: 'd', visibility: 'shared' })],
  ['listMyNotes', (w) => w.uc.listMyNotes(w.actor('nqsw'), {})],
  ['listSharedNotes', (w) => w.uc.listSharedNotes(w.actor('sup1'), {})],
  ['readNote', (w) => w.uc.readNote(w.actor('nqsw'), { noteId: 'note-1' })],
  ['raiseConcern', (w) => w.uc.raiseConcern(w.actor('nqsw'), { category: 'safety', description: 'd', urgency: 'high', route: 'psw' })],
  ['getConcern', (w) => w.uc.getConcern(w.actor('psw'), { concernId: 'con-1' })],
  ['listConcerns', (w) => w.uc.listConcerns(w.actor('psw'), {})],
  ['acknowledgeConcern', (w) => w.uc.acknowledgeConcern(w.actor('psw'), { concernId: 'con-1' })],
  ['assignConcern', (w) => w.uc.assignConcern(w.actor('psw'), { concernId: 'con-1', assigneeId: 'admin' })],
  ['resolveConcern', (w) => w.uc.resolveConcern(w.actor('psw'), { concernId: 'con-1', resolution: 'r' })],
  ['lookAgainOnInstall', (w) => w.uc.lookAgainOnInstall(w.actor('nqsw'), {})],
  ['nudgeSupervisor', (w) => w.uc.nudgeSupervisor(w.actor('psw'), { agreementId: 'agr-1', periodStart: '2026-02-16' })],
  ['acknowledgeEscalation', (w) => w.uc.acknowledgeEscalation(w.actor('psw'), { agreementId: 'agr-1', periodStart: '2026-02-16' })],
  ['getSettings', (w) => w.uc.getSettings(w.actor('admin'), {})],
  ['updateSettings', (w) => w.uc.updateSettings(w.actor('admin'), { reminderLeadDays: 5 })],
  ['getCompliance', (w) => w.uc.getCompliance(w.actor('psw'), {})],
  ['exportCompliance', (w) => w.uc.exportCompliance(w.actor('psw'), {})],
];

const STORES = ['people', 'agreements', 'sessions', 'notes', 'concerns', 'organisations'] as const;

describe('app/index: createUseCases', () => {
  it('binds every use case in the UseCases interface', () => {
    const w = world();
    assert.deepEqual(Object.keys(w.uc).sort(), CALLS.map(([n]) => n).sort());
  });

  it('takes `now` from the clock at each call', async () => {
    const w = scenario();
    w.deps.clock.set('2026-03-02T15:45:00.000Z');
    const v = okValue(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-held' }));
    assert.equal(v.confirmed?.at, '2026-03-02T15:45:00.000Z');
  });

  for (const [name, run] of CALLS) {
    it(`${name}: succeeds with the stores up; with any one store down returns ok or STORE_UNAVAILABLE as a value, never a throw`, async () => {
      okValue(await run(scenario()));
      const downCodes: string[] = [];
      for (const store of STORES) {
        const w = scenario();
        w.deps[store].down = true;
        const r = await run(w);
        if (!r.ok) {
          assert.equal(r.error.code, 'STORE_UNAVAILABLE', `${name} with ${store} down: ${r.error.code} ${r.error.message}`);
          downCodes.push(store);
        }
      }
      assert.ok(downCodes.includes('people'), 'every use case resolves the actor from the store');
    });
  }
});
