import { strict as assert } from 'node:assert';
import type { SessionView } from '../../src/app/views';
import { T1, seedAgreement, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

const unfold = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('app/scheduleSession and respondToSchedule', () => {
  it('the supervisor schedules (local time in the organisation zone); the supervisee gets a card with an .ics invite', async () => {
    const w = world();
    seedAgreement(w);
    const v = okValue(await w.uc.scheduleSession(w.actor('sup1'), { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' }));
    assert.equal(v.status, 'scheduled');
    assert.equal(v.scheduledStart, '2026-04-01T13:00:00.000Z', '14:00 BST');
    assert.equal(v.zone, 'Europe/London');
    assert.deepEqual(v.supervisee, { id: 'nqsw', name: 'Nia Quinn' });
    assert.equal(v.youCan.respond, false);
    assert.equal(v.youCan.record, true);
    assert.ok(v.ics !== undefined && unfold(v.ics).includes('DTSTART:20260401T130000Z'));
    const [card] = w.deps.notifier.to('nqsw');
    assert.equal(card.message.kind, 'session-scheduled');
    const data = card.message.data as SessionView;
    assert.equal(data.youCan.respond, true);
    assert.ok(data.ics !== undefined && unfold(data.ics).includes('DTEND:20260401T143000Z'));
  });

  it('scheduling the same time twice is one session', async () => {
    const w = world();
    seedAgreement(w);
    const cmd = { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' as const };
    const a = okValue(await w.uc.scheduleSession(w.actor('sup1'), cmd));
    const b = okValue(await w.uc.scheduleSession(w.actor('sup1'), cmd));
    assert.equal(b.sessionId, a.sessionId);
    assert.equal(w.deps.sessions.all().length, 1);
    assert.equal(w.deps.notifier.to('nqsw').length, 1);
  });

  it('a double click (both presses at once, before either is saved) is one session and one invite', async () => {
    const w = world();
    seedAgreement(w);
    const cmd = { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' as const };
    const [a, b] = await Promise.all([w.uc.scheduleSession(w.actor('sup1'), cmd), w.uc.scheduleSession(w.actor('sup1'), cmd)]);
    assert.equal(okValue(b).sessionId, okValue(a).sessionId);
    assert.equal(w.deps.sessions.all().length, 1);
    assert.equal(w.deps.notifier.to('nqsw').length, 1);
  });

  it('refuses the supervisee, another supervisor, another tenant, a draft agreement; validates fields', async () => {
    const w = world();
    seedAgreement(w);
    const cmd = { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' as const };
    failure(await w.uc.scheduleSession(w.actor('nqsw'), cmd), 'NOT_AUTHORIZED');
    failure(await w.uc.scheduleSession(w.actor('sup2'), cmd), 'NOT_AUTHORIZED');
    failure(await w.uc.scheduleSession(w.actor('outsider'), cmd), 'NOT_FOUND');
    failure(await w.uc.scheduleSession(w.actor('sup1'), { ...cmd, start: { date: '2026-03-29', time: '01:30' } }), 'INVALID_DATE', 'start.time');
    failure(await w.uc.scheduleSession(w.actor('sup1'), { ...cmd, start: { date: '2026-02-31', time: '10:00' } }), 'INVALID_DATE', 'start.date');
    failure(await w.uc.scheduleSession(w.actor('sup1'), { ...cmd, start: { date: '2026-03-01', time: '10:00' } }), 'INVALID_DATE', 'start');
    failure(await w.uc.scheduleSession(w.actor('sup1'), { ...cmd, plannedMinutes: 5 }), 'INVALID_INPUT', 'plannedMinutes');
    seedAgreement(w, { id: 'agr-draft', superviseeId: 'sw2', status: 'draft' });
    failure(await w.uc.scheduleSession(w.actor('sup1'), { ...cmd, agreementId: 'agr-draft' }), 'AGREEMENT_NOT_ACTIVE');
    assert.equal(w.deps.sessions.all().length, 0);
  });

  it('the supervisee accepts; the supervisor hears; accepting twice changes nothing', async () => {
    const w = world();
    seedAgreement(w);
    const s = okValue(await w.uc.scheduleSession(w.actor('sup1'), { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'in-person' }));
    w.deps.notifier.clear();
    const accepted = okValue(await w.uc.respondToSchedule(w.actor('nqsw'), { sessionId: s.sessionId, response: 'accept' }));
    assert.deepEqual(accepted.accepted, { by: { id: 'nqsw', name: 'Nia Quinn' }, at: '2026-03-02T10:00:00.000Z' });
    assert.deepEqual(w.deps.notifier.sent.map((n) => [n.recipientId, n.message.kind]), [['sup1', 'schedule-response']]);
    okValue(await w.uc.respondToSchedule(w.actor('nqsw'), { sessionId: s.sessionId, response: 'accept' }));
    assert.equal(w.deps.notifier.sent.length, 1);
  });

  it('the supervisee proposes another time; the supervisor reschedules to it, which counts as accepted', async () => {
    const w = world();
    seedAgreement(w);
    const s = okValue(await w.uc.scheduleSession(w.actor('sup1'), { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' }));
    const proposed = okValue(await w.uc.respondToSchedule(w.actor('nqsw'), { sessionId: s.sessionId, response: 'propose', proposedStart: { date: '2026-04-02', time: '09:30' } }));
    assert.equal(proposed.proposedStart, '2026-04-02T08:30:00.000Z');
    const original = okValue(await w.uc.recordSession(w.actor('sup1'), { kind: 'rescheduled', sessionId: s.sessionId, newStart: { date: '2026-04-02', time: '09:30' } }));
    assert.equal(original.status, 'rescheduled');
    const replacement = okValue(await w.uc.getSession(w.actor('nqsw'), { sessionId: original.rescheduledTo?.sessionId ?? '' }));
    assert.equal(replacement.status, 'scheduled');
    assert.equal(replacement.accepted?.by.id, 'nqsw');
    assert.equal(replacement.rescheduledFrom?.sessionId, s.sessionId);
  });

  it('refuses a response from the supervisor or another supervisee, and a proposal in the past', async () => {
    const w = world();
    seedAgreement(w);
    const s = okValue(await w.uc.scheduleSession(w.actor('sup1'), { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' }));
    failure(await w.uc.respondToSchedule(w.actor('sup1'), { sessionId: s.sessionId, response: 'accept' }), 'NOT_AUTHORIZED');
    failure(await w.uc.respondToSchedule(w.actor('sw2'), { sessionId: s.sessionId, response: 'accept' }), 'NOT_AUTHORIZED');
    failure(await w.uc.respondToSchedule(w.actor('nqsw'), { sessionId: s.sessionId, response: 'propose', proposedStart: { date: '2026-03-01', time: '09:00' } }), 'INVALID_DATE', 'proposedStart');
    assert.equal(w.deps.sessions.peek(T1, s.sessionId)?.superviseeAcceptedAt, undefined);
  });

  it('STORE_UNAVAILABLE on create comes back as a value; nobody is told about a session that does not exist', async () => {
    const w = world();
    seedAgreement(w);
    w.deps.sessions.failNext('create');
    failure(await w.uc.scheduleSession(w.actor('sup1'), { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' }), 'STORE_UNAVAILABLE');
    assert.equal(w.deps.notifier.sent.length, 0);
  });
});
