import { strict as assert } from 'node:assert';
import type { RecordSessionHeld } from '../../src/app/commands';
import type { SessionView } from '../../src/app/views';
import { T1, seedAgreement, seedSession, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

const held = (over: Partial<RecordSessionHeld> = {}): RecordSessionHeld => ({
  kind: 'held',
  sessionId: 'ses-1',
  start: { date: '2026-03-02', time: '08:00' },
  minutes: 95,
  uninterrupted: true,
  agenda: ['Caseload', 'Wellbeing'],
  actions: [{ text: 'Read the ASYE framework', ownerId: 'nqsw', dueDate: '2026-03-16' }],
  ...over,
});

describe('app/recordSession, confirmSession, rateSession', () => {
  it('schedule -> record held -> confirm -> rate, with names and "confirmed by" facts, and the summary kept current', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    const before = w.deps.agreements.peek(T1, 'agr-1')?.summary;
    assert.equal(before?.met, 0);

    const recorded = okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    assert.equal(recorded.status, 'held');
    assert.equal(recorded.start, '2026-03-02T08:00:00.000Z');
    assert.equal(recorded.qualifying, true);
    assert.deepEqual(recorded.flags, []);
    assert.deepEqual(recorded.actions, [{ text: 'Read the ASYE framework', owner: { id: 'nqsw', name: 'Nia Quinn' }, dueDate: '2026-03-16' }]);
    assert.deepEqual(recorded.recorded, { by: { id: 'sup1', name: 'Sam Patel' }, at: '2026-03-02T10:00:00.000Z' });
    assert.equal(recorded.youCan.confirm, false, 'the supervisor cannot confirm');
    const summary = w.deps.agreements.peek(T1, 'agr-1')?.summary;
    assert.equal(summary?.met, 1, 'week 3 met');
    assert.equal(summary?.lastSessionOn, '2026-03-02');
    assert.equal(summary?.nextDueBy, '2026-03-15', 'the next week is now the one due');

    const [card] = w.deps.notifier.to('nqsw');
    assert.equal(card.message.kind, 'session-recorded');
    assert.equal((card.message.data as SessionView).youCan.confirm, true);
    assert.equal((card.message.data as SessionView).youCan.rate, true);

    w.deps.clock.set('2026-03-03T14:05:00.000Z');
    const confirmed = okValue(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-1' }));
    assert.deepEqual(confirmed.confirmed, { by: { id: 'nqsw', name: 'Nia Quinn' }, at: '2026-03-03T14:05:00.000Z' });
    assert.equal(confirmed.youCan.confirm, false);
    const rated = okValue(await w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-1', score: 4, comment: 'Helpful on the Smith case' }));
    assert.deepEqual(rated.rating, { by: { id: 'nqsw', name: 'Nia Quinn' }, at: '2026-03-03T14:05:00.000Z', score: 4, comment: 'Helpful on the Smith case' });
    assert.deepEqual(
      w.deps.notifier.to('sup1').map((n) => n.message.kind),
      ['session-confirmed', 'session-confirmed'],
    );
  });

  it('a short or interrupted session is recorded and flagged, and does not meet the period', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    const v = okValue(await w.uc.recordSession(w.actor('sup1'), held({ minutes: 60, uninterrupted: false })));
    assert.equal(v.status, 'held');
    assert.equal(v.qualifying, false);
    assert.deepEqual(v.flags, ['short', 'interrupted']);
    const summary = w.deps.agreements.peek(T1, 'agr-1')?.summary;
    assert.equal(summary?.met, 0);
    assert.equal(summary?.short, 1);
  });

  it('double presses have the effect of once: record, confirm, rate with the same values', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    const first = okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    const second = okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    assert.deepEqual(second, first);
    okValue(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-1' }));
    const writes = w.deps.sessions.calls.replace;
    w.deps.clock.set('2026-03-02T10:01:00.000Z');
    const c2 = okValue(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-1' }));
    assert.equal(c2.confirmed?.at, '2026-03-02T10:00:00.000Z', 'the first confirmation stands');
    okValue(await w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-1', score: 5 }));
    const r2 = okValue(await w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-1', score: 5 }));
    assert.equal(r2.rating?.score, 5);
    assert.equal(w.deps.sessions.calls.replace, writes + 1, 'only the first rating was written');
    assert.equal(w.deps.notifier.to('sup1').length, 2, 'one for the confirmation, one for the rating');
  });

  it('a different rating replaces the earlier one (documented decision); after confirmation the record is final', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    okValue(await w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-1', score: 2 }));
    const changed = okValue(await w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-1', score: 3, comment: 'On reflection, better' }));
    assert.equal(changed.rating?.score, 3);
    okValue(await w.uc.recordSession(w.actor('sup1'), held({ minutes: 100 })));
    okValue(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-1' }));
    failure(await w.uc.recordSession(w.actor('sup1'), held({ minutes: 50 })), 'ALREADY_DONE');
    assert.equal(w.deps.sessions.peek(T1, 'ses-1')?.minutes, 100);
  });

  it('forged submissions are refused and change nothing', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    seedAgreement(w, { id: 'agr-2', superviseeId: 'sw2', supervisorId: 'sup2', supervisorHistory: [{ supervisorId: 'sup2', from: '2026-02-16' }] });
    seedSession(w, { id: 'ses-2', agreementId: 'agr-2', superviseeId: 'sw2', supervisorId: 'sup2' });
    // a session record from the supervisee
    failure(await w.uc.recordSession(w.actor('nqsw'), held()), 'NOT_AUTHORIZED');
    // another supervisor's session
    failure(await w.uc.recordSession(w.actor('sup1'), held({ sessionId: 'ses-2', actions: [] })), 'NOT_AUTHORIZED');
    failure(await w.uc.recordSession(w.actor('sup2'), { kind: 'cancelled', sessionId: 'ses-1', reason: 'forged' }), 'NOT_AUTHORIZED');
    failure(await w.uc.recordSession(w.actor('nqsw'), { kind: 'rescheduled', sessionId: 'ses-1', newStart: { date: '2026-04-01', time: '10:00' } }), 'NOT_AUTHORIZED');
    // an admin or the PSW does not record sessions
    failure(await w.uc.recordSession(w.actor('admin'), held()), 'NOT_AUTHORIZED');
    failure(await w.uc.recordSession(w.actor('psw'), held()), 'NOT_AUTHORIZED');
    okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    // a rating or confirmation from the supervisor, or from another supervisee
    failure(await w.uc.rateSession(w.actor('sup1'), { sessionId: 'ses-1', score: 5 }), 'NOT_AUTHORIZED');
    failure(await w.uc.confirmSession(w.actor('sup1'), { sessionId: 'ses-1' }), 'NOT_AUTHORIZED');
    failure(await w.uc.rateSession(w.actor('sw2'), { sessionId: 'ses-1', score: 1 }), 'NOT_AUTHORIZED');
    // another tenant's session: not found through the tenant-scoped store, and refused even if the store leaked it
    failure(await w.uc.rateSession(w.actor('outsider'), { sessionId: 'ses-1', score: 1 }), 'NOT_FOUND');
    w.deps.sessions.leakAcrossTenants = true;
    w.deps.agreements.leakAcrossTenants = true;
    failure(await w.uc.rateSession(w.actor('outsider'), { sessionId: 'ses-1', score: 1 }), 'WRONG_TENANT');
    failure(await w.uc.recordSession(w.actor('outsider'), { kind: 'cancelled', sessionId: 'ses-2', reason: 'x' }), 'WRONG_TENANT');
    const stored = w.deps.sessions.peek(T1, 'ses-1');
    assert.equal(stored?.rating, undefined);
    assert.equal(stored?.superviseeConfirmedAt, undefined);
    assert.equal(w.deps.sessions.peek(T1, 'ses-2')?.status, 'scheduled');
  });

  it('validation errors name the field and keep the session as it was', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    failure(await w.uc.recordSession(w.actor('sup1'), held({ start: { date: '2026-03-02', time: '11:00' } })), 'INVALID_DATE', 'start');
    failure(await w.uc.recordSession(w.actor('sup1'), held({ minutes: -5 })), 'INVALID_INPUT', 'minutes');
    failure(await w.uc.recordSession(w.actor('sup1'), held({ actions: [{ text: 'x', ownerId: 'psw', dueDate: '2026-03-10' }] })), 'INVALID_INPUT', 'actions[0].ownerId');
    failure(await w.uc.recordSession(w.actor('sup1'), { kind: 'cancelled', sessionId: 'ses-1', reason: '' }), 'INVALID_INPUT', 'reason');
    okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    failure(await w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-1', score: 7 }), 'INVALID_INPUT', 'score');
    failure(await w.uc.rateSession(w.actor('nqsw'), { sessionId: 'ses-1', score: 3, comment: 'x'.repeat(2001) }), 'TEXT_TOO_LONG', 'comment');
  });

  it('cancel with a reason; the supervisee hears; confirming or rating a cancelled session is refused', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { scheduledStart: '2026-03-05T10:00:00.000Z' });
    const c = okValue(await w.uc.recordSession(w.actor('sup1'), { kind: 'cancelled', sessionId: 'ses-1', reason: 'Court hearing' }));
    assert.equal(c.status, 'cancelled');
    assert.equal(c.cancelReason, 'Court hearing');
    assert.equal(w.deps.notifier.to('nqsw')[0].message.kind, 'session-recorded');
    failure(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-1' }), 'SESSION_NOT_HELD');
    failure(await w.uc.recordSession(w.actor('sup1'), held()), 'SESSION_NOT_SCHEDULED');
  });

  it('reschedule: creates the replacement and invites the supervisee; the same press again is the same outcome', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { scheduledStart: '2026-03-05T10:00:00.000Z' });
    const cmd = { kind: 'rescheduled' as const, sessionId: 'ses-1', newStart: { date: '2026-03-06', time: '10:00' } };
    const v = okValue(await w.uc.recordSession(w.actor('sup1'), cmd));
    assert.equal(v.status, 'rescheduled');
    assert.deepEqual(v.rescheduledTo, { sessionId: 'ses-1-r', start: '2026-03-06T10:00:00.000Z' });
    const invite = w.deps.notifier.to('nqsw');
    assert.equal(invite.length, 1);
    assert.equal(invite[0].message.kind, 'session-scheduled');
    assert.equal((invite[0].message.data as SessionView).sessionId, 'ses-1-r');
    assert.ok((invite[0].message.data as SessionView).ics?.includes('UID:ses-1-r@supervision-bot'));
    const again = okValue(await w.uc.recordSession(w.actor('sup1'), cmd));
    assert.deepEqual(again.rescheduledTo, v.rescheduledTo);
    assert.equal(w.deps.sessions.all().length, 2);
    assert.equal(w.deps.notifier.to('nqsw').length, 1);
    failure(await w.uc.recordSession(w.actor('sup1'), { ...cmd, newStart: { date: '2026-03-07', time: '10:00' } }), 'ALREADY_DONE');
  });

  it('reschedule after a store failure between its two writes: the retry finishes the job without a second replacement', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { scheduledStart: '2026-03-05T10:00:00.000Z' });
    const cmd = { kind: 'rescheduled' as const, sessionId: 'ses-1', newStart: { date: '2026-03-06', time: '10:00' } };
    w.deps.sessions.failNext('replace');
    failure(await w.uc.recordSession(w.actor('sup1'), cmd), 'STORE_UNAVAILABLE');
    assert.equal(w.deps.sessions.peek(T1, 'ses-1')?.status, 'scheduled');
    const v = okValue(await w.uc.recordSession(w.actor('sup1'), cmd));
    assert.equal(v.rescheduledTo?.sessionId, 'ses-1-r');
    assert.equal(w.deps.sessions.all().length, 2);
    // and a different new time on the retry moves the replacement instead of leaving the first one behind
    const w2 = world();
    seedAgreement(w2);
    seedSession(w2, { scheduledStart: '2026-03-05T10:00:00.000Z' });
    w2.deps.sessions.failNext('replace');
    failure(await w2.uc.recordSession(w2.actor('sup1'), cmd), 'STORE_UNAVAILABLE');
    const moved = okValue(await w2.uc.recordSession(w2.actor('sup1'), { ...cmd, newStart: { date: '2026-03-09', time: '10:00' } }));
    assert.equal(moved.rescheduledTo?.start, '2026-03-09T10:00:00.000Z');
    assert.equal(w2.deps.sessions.peek(T1, 'ses-1-r')?.scheduledStart, '2026-03-09T10:00:00.000Z');
    assert.equal(w2.deps.sessions.all().length, 2);
  });

  it('STORE_UNAVAILABLE while saving the summary comes back as a value; pressing again repairs the summary', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    w.deps.agreements.failNext('replace');
    failure(await w.uc.recordSession(w.actor('sup1'), held()), 'STORE_UNAVAILABLE');
    assert.equal(w.deps.sessions.peek(T1, 'ses-1')?.status, 'held', 'the session itself was saved');
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.summary.met, 0, 'the summary was not');
    okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.summary.met, 1);
    assert.deepEqual(
      w.deps.notifier.to('nqsw').map((n) => n.message.kind),
      ['session-recorded'],
      'the supervisee was told once, although the first press failed after saving the session',
    );
  });

  it('STORE_UNAVAILABLE on the session write changes nothing and tells nobody', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    w.deps.sessions.down = true;
    failure(await w.uc.recordSession(w.actor('sup1'), held()), 'STORE_UNAVAILABLE');
    failure(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-1' }), 'STORE_UNAVAILABLE');
    failure(await w.uc.getSession(w.actor('nqsw'), { sessionId: 'ses-1' }), 'STORE_UNAVAILABLE');
    w.deps.sessions.down = false;
    assert.equal(w.deps.sessions.peek(T1, 'ses-1')?.status, 'scheduled');
    assert.equal(w.deps.notifier.sent.length, 0);
  });

  it('concurrent change of the session: re-read and re-applied, neither change lost', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    let once = false;
    w.deps.sessions.beforeReplace = (record) => {
      if (once) return;
      once = true;
      // the supervisee's rating lands between our read and our write
      const current = w.deps.sessions.peek(T1, record.id);
      if (current) w.deps.sessions.overwrite({ ...current, rating: { score: 5, ratedAt: '2026-03-02T10:00:00.000Z' } });
    };
    const v = okValue(await w.uc.confirmSession(w.actor('nqsw'), { sessionId: 'ses-1' }));
    assert.ok(v.confirmed !== null);
    const stored = w.deps.sessions.peek(T1, 'ses-1');
    assert.equal(stored?.rating?.score, 5);
    assert.equal(stored?.superviseeConfirmedAt, '2026-03-02T10:00:00.000Z');
  });

  it('concurrent summary updates: a session change racing an agreement change both land in the summary', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    let once = false;
    w.deps.agreements.beforeReplace = async (record) => {
      if (once) return;
      once = true;
      // while the summary is being saved, someone pauses the agreement (a different field)
      const current = w.deps.agreements.peek(T1, record.id);
      if (current) w.deps.agreements.overwrite({ ...current, pauses: [{ from: '2026-04-01', to: '2026-04-03' }] });
    };
    okValue(await w.uc.recordSession(w.actor('sup1'), held()));
    const stored = w.deps.agreements.peek(T1, 'agr-1');
    assert.equal(stored?.summary.met, 1);
    assert.deepEqual(stored?.pauses, [{ from: '2026-04-01', to: '2026-04-03' }]);
  });
});
