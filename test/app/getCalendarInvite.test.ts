import { strict as assert } from 'node:assert';
import { getCalendarInvite } from '../../src/app/getCalendarInvite';
import type { SessionView } from '../../src/app/views';
import { failure, okValue } from '../fakes/results';
import { seedAgreement, seedSession, T1, T2, world, type World } from '../fakes/world';

/** RFC 5545 content lines, unfolded. */
const lines = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const prop = (ics: string, name: string): string | undefined =>
  lines(ics)
    .find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    ?.replace(/^[^:]*:/, '');

const NOW = '2026-03-02T10:00:00.000Z';
const invite = (w: World, sessionId: string, recipientId: string, tenantId = T1) => getCalendarInvite(w.deps, { tenantId, sessionId, recipientId }, NOW);

describe('app/getCalendarInvite: the .ics behind an "Add to calendar" link', () => {
  it('the scheduled session, for its supervisee or its supervisor: times in UTC, the two names, the mode, nothing of the agenda', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { scheduledStart: '2026-04-01T13:00:00.000Z', plannedMinutes: 120, mode: 'teams', agenda: ['Safeguarding case X'], superviseeAcceptedAt: NOW });
    seedSession(w, { id: 'ses-2', scheduledStart: '2026-04-08T13:00:00.000Z' });
    for (const who of ['nqsw', 'sup1']) {
      // Proposed until the supervisee accepted it, as the cards say.
      assert.equal(prop(okValue(await invite(w, 'ses-2', who)), 'STATUS'), 'TENTATIVE');
      const ics = okValue(await invite(w, 'ses-1', who));
      assert.equal(prop(ics, 'METHOD'), 'REQUEST');
      assert.equal(prop(ics, 'STATUS'), 'CONFIRMED');
      assert.equal(prop(ics, 'DTSTART'), '20260401T130000Z');
      assert.equal(prop(ics, 'DTEND'), '20260401T150000Z');
      assert.equal(prop(ics, 'SUMMARY'), 'Supervision: Nia Quinn with Sam Patel');
      assert.equal(prop(ics, 'LOCATION'), 'Microsoft Teams');
      assert.equal(prop(ics, 'UID'), 'ses-1@supervision-bot');
      assert.equal(prop(ics, 'SEQUENCE'), '0');
      assert.equal(prop(ics, 'DTSTAMP'), '20260302T100000Z');
      assert.doesNotMatch(ics, /Safeguarding/);
    }
  });

  it('refuses anyone but the two people, another tenant, and a session that does not exist, all as NOT_FOUND', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    failure(await invite(w, 'ses-1', 'psw'), 'NOT_FOUND');
    failure(await invite(w, 'ses-1', 'sup2'), 'NOT_FOUND');
    failure(await invite(w, 'ses-1', 'nqsw', T2), 'NOT_FOUND');
    failure(await invite(w, 'nope', 'nqsw'), 'NOT_FOUND');
    // Even a store that hands back another tenant's record does not give it away.
    w.deps.sessions.leakAcrossTenants = true;
    failure(await invite(w, 'ses-1', 'nqsw', T2), 'NOT_FOUND');
  });

  it('a cancelled session withdraws the event: METHOD:CANCEL, STATUS:CANCELLED, a higher SEQUENCE', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { status: 'cancelled', cancelReason: 'Off sick' });
    const ics = okValue(await invite(w, 'ses-1', 'nqsw'));
    assert.equal(prop(ics, 'METHOD'), 'CANCEL');
    assert.equal(prop(ics, 'STATUS'), 'CANCELLED');
    assert.equal(prop(ics, 'UID'), 'ses-1@supervision-bot');
    assert.equal(prop(ics, 'SEQUENCE'), '1');
    assert.doesNotMatch(ics, /Off sick/);
  });

  it('a rescheduled session gives the latest replacement, as the same event (first UID) with a SEQUENCE per move; so does the replacement\'s own link', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { id: 'ses-1', status: 'rescheduled', rescheduledToId: 'ses-2' });
    seedSession(w, { id: 'ses-2', status: 'rescheduled', rescheduledFromId: 'ses-1', rescheduledToId: 'ses-3', scheduledStart: '2026-03-03T09:00:00.000Z' });
    seedSession(w, { id: 'ses-3', rescheduledFromId: 'ses-2', scheduledStart: '2026-03-05T14:00:00.000Z', plannedMinutes: 90, mode: 'in-person' });
    for (const named of ['ses-1', 'ses-2', 'ses-3']) {
      const ics = okValue(await invite(w, named, 'nqsw'));
      assert.equal(prop(ics, 'METHOD'), 'REQUEST', named);
      assert.equal(prop(ics, 'DTSTART'), '20260305T140000Z', named);
      assert.equal(prop(ics, 'DTEND'), '20260305T153000Z', named);
      assert.equal(prop(ics, 'LOCATION'), 'In person', named);
      assert.equal(prop(ics, 'UID'), 'ses-1@supervision-bot', named);
      assert.equal(prop(ics, 'SEQUENCE'), '2', named);
    }
    // The replacement then cancelled: every link of the chain withdraws the one event.
    w.deps.sessions.overwrite({ ...w.deps.sessions.peek(T1, 'ses-3')!, status: 'cancelled' });
    const cancelled = okValue(await invite(w, 'ses-1', 'sup1'));
    assert.equal(prop(cancelled, 'METHOD'), 'CANCEL');
    assert.equal(prop(cancelled, 'UID'), 'ses-1@supervision-bot');
    assert.equal(prop(cancelled, 'SEQUENCE'), '3');
  });

  it('a rescheduled session whose replacement cannot be found withdraws the old time', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { status: 'rescheduled', rescheduledToId: 'gone' });
    const ics = okValue(await invite(w, 'ses-1', 'nqsw'));
    assert.equal(prop(ics, 'METHOD'), 'CANCEL');
    assert.equal(prop(ics, 'DTSTART'), '20260302T090000Z');
  });

  it('the store down is STORE_UNAVAILABLE (the route answers 503, not 404)', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w);
    w.deps.sessions.down = true;
    failure(await invite(w, 'ses-1', 'nqsw'), 'STORE_UNAVAILABLE');
    w.deps.sessions.down = false;
    w.deps.people.down = true;
    failure(await invite(w, 'ses-1', 'nqsw'), 'STORE_UNAVAILABLE');
  });
});

describe('app/views: which session views name an "Add to calendar" link', () => {
  it('the supervisor scheduling and the supervisee invited each get one for themselves; the PSW looking on gets none', async () => {
    const w = world();
    seedAgreement(w);
    const cmd = { agreementId: 'agr-1', start: { date: '2026-04-01', time: '14:00' }, plannedMinutes: 90, mode: 'teams' as const };
    const mine = okValue(await w.uc.scheduleSession(w.actor('sup1'), cmd));
    assert.deepEqual(mine.calendar, { sessionId: mine.sessionId, recipientId: 'sup1', end: '2026-04-01T14:30:00.000Z' });
    const toSupervisee = w.deps.notifier.to('nqsw')[0].message.data as SessionView;
    assert.deepEqual(toSupervisee.calendar, { sessionId: mine.sessionId, recipientId: 'nqsw', end: '2026-04-01T14:30:00.000Z' });
    const psw = okValue(await w.uc.getSession(w.actor('psw'), { sessionId: mine.sessionId }));
    assert.equal(psw.calendar, undefined);
  });

  it('after a reschedule the link names the replacement; once held, none', async () => {
    const w = world();
    seedAgreement(w);
    seedSession(w, { scheduledStart: '2026-03-04T09:00:00.000Z' });
    const moved = okValue(
      await w.uc.recordSession(w.actor('sup1'), { kind: 'rescheduled', sessionId: 'ses-1', newStart: { date: '2026-03-06', time: '10:00' }, plannedMinutes: 120 }),
    );
    assert.ok(moved.rescheduledTo);
    assert.deepEqual(moved.calendar, { sessionId: moved.rescheduledTo.sessionId, recipientId: 'sup1', end: '2026-03-06T12:00:00.000Z' });
    const newInvite = w.deps.notifier.to('nqsw').find((n) => n.message.kind === 'session-scheduled')?.message.data as SessionView;
    assert.equal(newInvite.calendar?.sessionId, moved.rescheduledTo.sessionId);
    assert.equal(newInvite.calendar?.recipientId, 'nqsw');

    w.deps.clock.set('2026-03-06T13:00:00.000Z');
    const held = okValue(
      await w.uc.recordSession(w.actor('sup1'), {
        kind: 'held',
        sessionId: moved.rescheduledTo.sessionId,
        start: { date: '2026-03-06', time: '10:00' },
        minutes: 120,
        uninterrupted: true,
        agenda: [],
        actions: [],
      }),
    );
    assert.equal(held.status, 'held');
    assert.equal(held.calendar, undefined);
  });
});
