/**
 * The conversation's use cases over the real Cosmos repositories (the official SDK against the
 * embedded server on loopback): the whole supervision flow, the privacy of notes and concerns, and
 * two people acting on the same session at once.
 */
import { strict as assert } from 'node:assert';
import { createUseCases, type UseCases } from '../../src/app';
import type { Actor } from '../../src/app/commands';
import type { UseCaseDeps } from '../../src/app/deps';
import { createCosmosRepositories, type CosmosRepositories } from '../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../src/adapters/cosmos/store';
import { must, removeDir, tempDataDir } from '../adapters/cosmos/support';
import { FixedClock, RecordingNotifier, SequentialIds } from '../fakes/ports';
import { NOW, PEOPLE, SETTINGS, T1 } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

describe('app over the Cosmos repositories (embedded server)', function () {
  this.timeout(60_000);
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;
  let uc: UseCases;
  let clock: FixedClock;
  let notifier: RecordingNotifier;
  const actor = (who: keyof typeof PEOPLE): Actor => ({ tenantId: PEOPLE[who].tenantId, aadObjectId: PEOPLE[who].aadObjectId as string });

  before(async () => {
    dir = await tempDataDir('app-flow');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
    for (const p of Object.values(PEOPLE)) must(await repos.people.create(p));
    must(await repos.organisations.save(SETTINGS));
    clock = new FixedClock(NOW);
    notifier = new RecordingNotifier();
    const deps: UseCaseDeps = { ...repos, notifier, clock, ids: new SequentialIds('flow') };
    uc = createUseCases(deps);
  });

  after(async () => {
    await store?.close();
    await removeDir(dir);
  });

  let agreementId = '';
  let sessionId = '';

  it('set up an agreement and agree; schedule, record, confirm, rate; the summary is kept in Cosmos', async () => {
    const draft = okValue(await uc.proposeAgreement(actor('sup1'), { superviseeId: 'nqsw', employmentStart: '2026-02-16', nqsw: true, lineManagerIsRegisteredSocialWorker: true }));
    agreementId = draft.agreementId;
    assert.equal(notifier.to('nqsw')[0].message.kind, 'agreement-to-agree');
    const active = okValue(await uc.agreeToAgreement(actor('nqsw'), { agreementId }));
    assert.equal(active.status, 'active');
    assert.equal(okValue(await uc.agreeToAgreement(actor('nqsw'), { agreementId })).status, 'active');

    const scheduled = okValue(await uc.scheduleSession(actor('sup1'), { agreementId, start: { date: '2026-03-04', time: '10:00' }, plannedMinutes: 90, mode: 'in-person' }));
    sessionId = scheduled.sessionId;
    okValue(await uc.respondToSchedule(actor('nqsw'), { sessionId, response: 'accept' }));

    clock.set('2026-03-04T12:00:00.000Z');
    const held = okValue(await uc.recordSession(actor('sup1'), { kind: 'held', sessionId, start: { date: '2026-03-04', time: '10:00' }, minutes: 95, uninterrupted: true, agenda: ['Caseload'], actions: [] }));
    assert.equal(held.qualifying, true);
    failure(await uc.rateSession(actor('sup1'), { sessionId, score: 5 }), 'NOT_AUTHORIZED');
    failure(await uc.recordSession(actor('nqsw'), { kind: 'cancelled', sessionId, reason: 'forged' }), 'NOT_AUTHORIZED');
    failure(await uc.rateSession(actor('outsider'), { sessionId, score: 1 }), 'NOT_FOUND');

    const stored = must(await repos.agreements.get(T1, agreementId));
    assert.equal(stored?.value.summary.met, 1);
    assert.equal(stored?.value.summary.lastSessionOn, '2026-03-04');
    assert.equal(stored?.value.summary.nextDueBy, '2026-03-15');
  });

  it('the supervisee confirms and rates at the same moment from two cards: neither change is lost', async () => {
    clock.set('2026-03-04T13:00:00.000Z');
    // Make the race certain: the first write waits until the second has been saved, so it carries a
    // stale etag and Cosmos answers 412.
    const sessions = repos.sessions;
    const replace = sessions.replace.bind(sessions);
    let calls = 0;
    let conflicts = 0;
    let releaseFirst: (() => void) | undefined;
    const firstMayGo = new Promise<void>((resolve) => (releaseFirst = resolve));
    sessions.replace = async (record, etag) => {
      const n = ++calls;
      if (n === 1) await firstMayGo;
      const out = await replace(record, etag);
      if (!out.ok && out.error.code === 'CONFLICT') conflicts++;
      if (n === 2) releaseFirst?.();
      return out;
    };
    let confirmed;
    let rated;
    try {
      [confirmed, rated] = await Promise.all([
        uc.confirmSession(actor('nqsw'), { sessionId }),
        uc.rateSession(actor('nqsw'), { sessionId, score: 4, comment: 'Good use of time' }),
      ]);
    } finally {
      delete (sessions as { replace?: unknown }).replace;
    }
    okValue(confirmed);
    okValue(rated);
    assert.equal(conflicts, 1, 'one write was refused with CONFLICT and retried');
    assert.equal(calls, 3);
    const s = must(await repos.sessions.get(T1, sessionId));
    assert.equal(s?.value.superviseeConfirmedAt, '2026-03-04T13:00:00.000Z');
    assert.deepEqual(s?.value.rating, { score: 4, comment: 'Good use of time', ratedAt: '2026-03-04T13:00:00.000Z' });
  });

  it('a private note is read back by its author only; a concern sent to the PSW is never shown to the supervisor', async () => {
    const n = okValue(await uc.writeNote(actor('nqsw'), { whatHappened: 'Hard visit.', howIFelt: 'Shaken.', whatILearned: 'Ask for support.', whatNext: 'Debrief.', visibility: 'private' }));
    assert.equal(okValue(await uc.readNote(actor('nqsw'), { noteId: n.noteId })).howIFelt, 'Shaken.');
    failure(await uc.readNote(actor('psw'), { noteId: n.noteId }), 'NOT_AUTHORIZED');
    failure(await uc.readNote(actor('sup1'), { noteId: n.noteId }), 'NOT_AUTHORIZED');

    const c = okValue(await uc.raiseConcern(actor('nqsw'), { category: 'safety', description: 'Lone working after dark.', urgency: 'high', route: 'psw' }));
    assert.equal(c.handler?.name, 'Priya Shah');
    failure(await uc.getConcern(actor('sup1'), { concernId: c.concernId }), 'NOT_AUTHORIZED');
    const ack = okValue(await uc.acknowledgeConcern(actor('psw'), { concernId: c.concernId }));
    assert.equal(ack.status, 'acknowledged');
    assert.equal(notifier.to('nqsw').at(-1)?.message.kind, 'concern-update');
    const home = okValue(await uc.getHome(actor('nqsw'), {}));
    assert.equal(home.openConcerns, 1);
    assert.equal(home.lastSession?.sessionId, sessionId);
  });
});
