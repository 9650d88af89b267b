/**
 * The conversation flows as the people in them expect (issue 12), through the real bot over HTTP,
 * the real Cosmos repositories on the embedded server and a Teams connector on loopback: each test
 * reads the facts off the rendered cards and the stored records.
 */
import { strict as assert } from 'node:assert';
import { findAction, icsProperties, inputValue, openUrl, press, textOf, verbsOf } from './cardTools';
import { must, startHarness, T1, type Harness, type TeamsUser } from './support';

/** Sets up an agreement through the cards: the supervisor proposes, both agree. Returns its id. */
async function agreementBetween(h: Harness, supervisor: TeamsUser, supervisee: TeamsUser, employmentStart = '2026-02-23'): Promise<string> {
  const form = await supervisor.invoke('agreement.propose.form', {});
  const before = supervisee.sentCount();
  await supervisor.invoke('agreement.propose', press(form, 'agreement.propose', { superviseeId: supervisee.who, employmentStart, nqsw: 'false', lineManagerIsRegisteredSocialWorker: 'true' }));
  const toAgree = supervisee.cards(before).find((c) => findAction(c, 'agreement.agree'));
  assert.ok(toAgree, 'the supervisee was asked to agree');
  await supervisee.invoke('agreement.agree', press(toAgree, 'agreement.agree'));
  const stored = must(await h.repos.agreements.listForPerson(T1, supervisee.who)).find((a) => a.value.supervisorId === supervisor.who && a.value.status !== 'ended');
  assert.ok(stored);
  if (stored.value.status !== 'active') {
    const samCard = supervisor.cards().reverse().find((c) => findAction(c, 'agreement.agree'));
    assert.ok(samCard);
    await supervisor.invoke('agreement.agree', press(samCard, 'agreement.agree'));
  }
  assert.equal(must(await h.repos.agreements.get(T1, stored.value.id))?.value.status, 'active');
  return stored.value.id;
}

/** Schedules a session through the schedule card; returns its id and the invite the supervisee got. */
async function scheduleWith(h: Harness, supervisor: TeamsUser, supervisee: TeamsUser, agreementId: string, date: string, time: string): Promise<{ sessionId: string; invite: unknown; card: unknown }> {
  const form = await supervisor.invoke('session.schedule.form', { agreementId });
  const before = supervisee.sentCount();
  const card = await supervisor.invoke('session.schedule', press(form, 'session.schedule', { agreementId, scheduleDate: date, scheduleTime: time, plannedMinutes: '90', mode: 'teams' }));
  const sessions = must(await h.repos.sessions.listByAgreement(T1, agreementId)).filter((s) => s.value.status === 'scheduled');
  const session = sessions.find((s) => s.value.scheduledStart.startsWith(date));
  assert.ok(session, 'the session was stored');
  const invite = supervisee.cards(before).find((c) => findAction(c, 'session.accept'));
  assert.ok(invite, 'the supervisee got the invite');
  return { sessionId: session.value.id, invite, card };
}

async function icsOf(link: string | undefined): Promise<(name: string) => string | undefined> {
  assert.ok(link, 'an "Add to calendar" link');
  return icsProperties(await (await fetch(link)).text());
}

describe('Teams bot: the flows as the people in them expect (real HTTP, CloudAdapter, embedded Cosmos)', () => {
  let h: Harness;
  let sam: TeamsUser;
  let rachel: TeamsUser;
  let noah: TeamsUser;
  let daniel: TeamsUser;
  let psw: TeamsUser;

  beforeEach(async () => {
    h = await startHarness();
    sam = h.user('sam');
    rachel = h.user('rachel');
    noah = h.user('noah');
    daniel = h.user('daniel');
    psw = h.user('psw');
    for (const u of [sam, rachel, noah, daniel, psw]) await u.install();
  });

  afterEach(async () => {
    await h?.close();
  });

  describe('every invoke gets a proper answer', () => {
    it('another adaptiveCard/* name, no name, task/fetch, task/submit, an unknown name: 200 with a body its sender understands, never 501', async () => {
      for (const name of ['adaptiveCard/unknown', undefined, 'composeExtension/query', 'something/else']) {
        const { reply } = await noah.turn({ type: 'invoke', ...(name === undefined ? {} : { name }), value: { action: { type: 'Action.Execute', verb: 'home.show' } } });
        assert.equal(reply.status, 200, `${String(name)}: ${reply.status}`);
        const body = reply.body as { statusCode?: number; type?: string; value?: { message?: string } };
        assert.equal(body?.type, 'application/vnd.microsoft.error', `${String(name)}: ${JSON.stringify(body)}`);
        assert.equal(body.statusCode, 400);
        assert.match(String(body.value?.message), /does not handle this/);
      }
      for (const name of ['task/fetch', 'task/submit']) {
        const { reply } = await noah.turn({ type: 'invoke', name, value: { data: {} } });
        assert.equal(reply.status, 200, `${name}: ${reply.status}`);
        const body = reply.body as { task?: { type?: string; value?: string } };
        assert.equal(body?.task?.type, 'message', `${name}: ${JSON.stringify(body)}`);
        assert.match(String(body.task?.value), /does not handle this/);
      }
    });

    it('an event, a reaction and an unknown activity type are answered without a 5xx', async () => {
      for (const extra of [{ type: 'event', name: 'application/vnd.microsoft.meetingStart' }, { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }, { type: 'somethingNew' }]) {
        const { reply } = await noah.turn(extra);
        assert.ok(reply.status < 500, `${extra.type}: ${reply.status}`);
      }
    });
  });

  describe('a proposal is answered with one press; the invite says where it stands', () => {
    it('the supervisee proposes another time; the supervisor accepts it with one press; the invite is TENTATIVE until accepted, CONFIRMED after', async () => {
      const agreementId = await agreementBetween(h, sam, noah);
      const { sessionId, invite, card } = await scheduleWith(h, sam, noah, agreementId, '2026-03-04', '14:00');
      const tentative = await icsOf(openUrl(invite, 'Add to calendar'));
      assert.equal(tentative('STATUS'), 'TENTATIVE', 'not accepted yet');
      assert.equal((await icsOf(openUrl(card, 'Add to calendar')))('STATUS'), 'TENTATIVE', "the supervisor's invite agrees");

      const samBefore = sam.sentCount();
      const proposed = await noah.invoke('session.proposeTime', press(invite, 'session.proposeTime', { proposedDate: '2026-03-05', proposedTime: '11:00' }));
      assert.match(textOf(proposed), /Your proposal was sent to Sam Okafor/);
      const told = sam.cards(samBefore).find((c) => findAction(c, 'session.acceptProposal'));
      assert.ok(told, `the supervisor's card has a button to accept: ${sam.cards(samBefore).map((c) => verbsOf(c).join(',')).join(' | ')}`);
      assert.match(textOf(told), /\[Accept 5 Mar 11:00\]/);

      const noahBefore = noah.sentCount();
      const accepted = await sam.invoke('session.acceptProposal', press(told, 'session.acceptProposal'));
      assert.match(textOf(accepted), /Accepted: moved to 5 Mar 11:00; Noah Patel has been told\./);
      const sessions = must(await h.repos.sessions.listByAgreement(T1, agreementId));
      assert.equal(must(await h.repos.sessions.get(T1, sessionId))?.value.status, 'rescheduled');
      const replacement = sessions.find((s) => s.value.status === 'scheduled');
      assert.equal(replacement?.value.scheduledStart, '2026-03-05T11:00:00.000Z');
      assert.ok(replacement?.value.superviseeAcceptedAt, 'the supervisee proposed it: accepted');

      const newInvite = noah.cards(noahBefore).at(-1);
      assert.match(textOf(newInvite), /5 Mar 11:00/);
      assert.doesNotMatch(JSON.stringify(verbsOf(newInvite)), /session\.accept"/, 'nothing left to accept');
      const confirmed = await icsOf(openUrl(newInvite, 'Add to calendar'));
      assert.equal(confirmed('STATUS'), 'CONFIRMED');
      assert.equal(confirmed('DTSTART'), '20260305T110000Z');
      // The first invite's link follows the move, and says the same.
      assert.equal((await icsOf(openUrl(invite, 'Add to calendar')))('STATUS'), 'CONFIRMED');

      // Pressed again: the same outcome, nothing more stored or sent.
      const sent = h.connector.sent.length;
      const again = await sam.invoke('session.acceptProposal', press(told, 'session.acceptProposal'));
      assert.match(textOf(again), /Moved to 5 Mar 11:00/);
      assert.equal(must(await h.repos.sessions.listByAgreement(T1, agreementId)).length, 2);
      assert.equal(h.connector.sent.length, sent);
    });

    it('the supervisee accepts the scheduled time: the invite turns CONFIRMED', async () => {
      const agreementId = await agreementBetween(h, sam, noah);
      const { invite } = await scheduleWith(h, sam, noah, agreementId, '2026-03-04', '14:00');
      const link = openUrl(invite, 'Add to calendar');
      assert.equal((await icsOf(link))('STATUS'), 'TENTATIVE');
      await noah.invoke('session.accept', press(invite, 'session.accept'));
      assert.equal((await icsOf(link))('STATUS'), 'CONFIRMED');
    });
  });

  describe('help and home offer only what the person may do', () => {
    /** The words the help card lists, each with what it does. */
    const shortcutsOf = (card: unknown): string[] => textOf(card).split('\n').filter((l) => /^(help|home|reflect|concern|schedule|request): /.test(l)).map((l) => l.split(':')[0]);

    it('a supervisee and the PSW are not offered "schedule" (in help or as a button); a supervisor is; each offered word works', async () => {
      await agreementBetween(h, sam, noah);
      const offered: Record<string, string[]> = {};
      for (const u of [noah, psw, sam, daniel]) {
        const [help] = await u.say('what can you do?');
        offered[u.who] = shortcutsOf(help);
        const home = (await u.say('home'))[0];
        const buttons = [...verbsOf(help), ...verbsOf(home)];
        const canSchedule = u === sam;
        assert.equal(offered[u.who].includes('schedule'), canSchedule, `${u.who}: ${offered[u.who].join(',')}`);
        assert.equal(buttons.includes('session.schedule.form'), canSchedule, `${u.who}: ${buttons.join(',')}`);
        // Each word offered opens its card, never a refusal.
        for (const word of offered[u.who]) {
          const [card] = await u.say(word);
          assert.doesNotMatch(textOf(card), /You cannot do that|Nothing was changed/, `${u.who} typed ${word}: ${textOf(card).slice(0, 200)}`);
        }
        for (const verb of new Set(buttons.filter((v) => v.endsWith('.form') || v === 'concern.list' || v === 'note.list' || v === 'note.listShared' || v === 'settings.show'))) {
          const card = await u.invoke(verb, {});
          assert.doesNotMatch(textOf(card), /You cannot do that|Nothing was changed/, `${u.who} pressed ${verb}`);
        }
      }
      assert.deepEqual(offered.noah, ['help', 'home', 'reflect', 'concern', 'request'], 'a supervisee with an agreement may ask for a session');
      // Typed all the same: the refusal says what they can do instead.
      assert.match(textOf((await noah.say('schedule'))[0]), /To ask your supervisor for a session, type request\./);
      assert.deepEqual(offered.psw, ['help', 'home', 'reflect', 'concern']);
      assert.deepEqual(offered.sam, ['help', 'home', 'reflect', 'concern', 'schedule']);
      assert.deepEqual(offered.daniel, ['help', 'home', 'reflect', 'concern'], 'no agreement yet: nothing to ask under');
    });
  });

  describe('a supervisee asks for supervision', () => {
    it('"Request a session": the supervisor gets the schedule card prefilled, one press books it, and the supervisee gets the invite', async () => {
      const agreementId = await agreementBetween(h, sam, noah);
      const [form] = await noah.say('request');
      assert.ok(findAction(form, 'session.request'), `the request card: ${verbsOf(form).join(',')}`);
      assert.match(textOf(form), /Supervision is your entitlement/);
      assert.equal(inputValue(form, 'agreementId'), agreementId, 'the one supervisor is chosen');

      const samBefore = sam.sentCount();
      const sent = await noah.invoke('session.request', press(form, 'session.request', { requestDate: '2026-03-06', requestTime: '13:30', requestMode: 'teams' }));
      assert.match(textOf(sent), /Sent to Sam Okafor: you asked for 6 Mar 13:30, on Teams\./);
      assert.ok(!findAction(sent, 'session.request'), 'nothing more to press');
      assert.equal(inputValue(sent, 'requestDate'), '2026-03-06');

      const toSam = sam.cards(samBefore);
      assert.equal(toSam.length, 1, 'the supervisor got one card');
      assert.match(textOf(toSam[0]), /Noah Patel asks for a supervision session, 6 Mar 13:30, on Teams\./);
      assert.equal(inputValue(toSam[0], 'scheduleDate'), '2026-03-06');
      assert.equal(inputValue(toSam[0], 'scheduleTime'), '13:30');
      assert.equal(inputValue(toSam[0], 'mode'), 'teams');
      assert.equal(inputValue(toSam[0], 'agreementId'), agreementId);

      const noahBefore = noah.sentCount();
      const booked = await sam.invoke('session.schedule', press(toSam[0], 'session.schedule'));
      assert.match(textOf(booked), /Sent to Noah Patel/);
      const sessions = must(await h.repos.sessions.listByAgreement(T1, agreementId));
      assert.equal(sessions.length, 1);
      assert.equal(sessions[0].value.scheduledStart, '2026-03-06T13:30:00.000Z');
      assert.ok(noah.cards(noahBefore).some((c) => findAction(c, 'session.accept')), 'the supervisee got the invite');
    });

    it('a time already past comes back on the form with what was typed; someone with no agreement is not offered it', async () => {
      await agreementBetween(h, sam, noah);
      const [form] = await noah.say('request');
      const back = await noah.invoke('session.request', press(form, 'session.request', { requestDate: '2026-03-01', requestTime: '09:00', requestMode: 'in-person' }));
      assert.match(textOf(back), /Not saved yet/);
      assert.match(textOf(back), /still to come/);
      assert.equal(inputValue(back, 'requestDate'), '2026-03-01');
      assert.equal(inputValue(back, 'requestTime'), '09:00');
      const refused = await daniel.invoke('session.request.form', {});
      assert.match(textOf(refused), /you have none/);
    });
  });

  describe('a text meant for one person is shown to that person only', () => {
    it('the handover note "for the new supervisor" is shown to the new supervisor and its writer, never to the supervisee', async () => {
      const agreementId = await agreementBetween(h, sam, noah);
      h.clock.set('2026-03-09T10:00:00.000Z');
      const form = await sam.invoke('agreement.changeSupervisor.form', { agreementId });
      const noahBefore = noah.sentCount();
      const rachelBefore = rachel.sentCount();
      const changed = await sam.invoke('agreement.changeSupervisor', press(form, 'agreement.changeSupervisor', { newSupervisorId: 'rachel', changeFrom: '2026-03-09', handoverNote: 'Marker: struggling with the court deadline.' }));
      assert.match(textOf(changed), /Marker: struggling/, 'the writer sees what they wrote');
      const toRachel = rachel.cards(rachelBefore);
      assert.ok(toRachel.some((c) => /Marker: struggling/.test(textOf(c))), 'the new supervisor reads it');
      const toNoah = noah.cards(noahBefore);
      assert.ok(toNoah.length > 0, 'the supervisee was told of the change');
      for (const c of toNoah) assert.doesNotMatch(textOf(c), /Marker|court deadline/);
      assert.match(textOf(toNoah[0]), /Rachel Green/);
      const opened = await noah.invoke('agreement.show', { agreementId });
      assert.match(textOf(opened), /Rachel Green/);
      assert.doesNotMatch(textOf(opened), /Marker|court deadline/, 'nor when the supervisee opens the agreement');
      assert.match(textOf(await rachel.invoke('agreement.show', { agreementId })), /Marker: struggling/);
    });
  });

  describe('ending an agreement cancels what was booked under it', () => {
    it('its booked sessions are cancelled and the supervisee is told; a session due before the end stays to be recorded', async () => {
      const agreementId = await agreementBetween(h, sam, noah);
      const { sessionId: earlier } = await scheduleWith(h, sam, noah, agreementId, '2026-03-03', '09:00');
      const { sessionId: later } = await scheduleWith(h, sam, noah, agreementId, '2026-03-18', '14:00');
      h.clock.set('2026-03-04T12:00:00.000Z');
      const card = await sam.invoke('agreement.show', { agreementId });
      const noahBefore = noah.sentCount();
      const ended = await sam.invoke('agreement.end', press(card, 'agreement.end', { endedOn: '2026-03-04' }));
      assert.match(textOf(ended), /Ended/);
      assert.doesNotMatch(textOf(ended), /18 Mar/, 'no booked session left on the agreement');
      const stored = must(await h.repos.sessions.get(T1, later))?.value;
      assert.equal(stored?.status, 'cancelled');
      assert.equal(stored?.cancelReason, 'The supervision agreement ended.');
      assert.equal(must(await h.repos.sessions.get(T1, earlier))?.value.status, 'scheduled', 'held or not, the supervisor still records it');
      const told = noah.cards(noahBefore).map(textOf);
      assert.ok(told.some((t) => /Cancelled: The supervision agreement ended\./.test(t) && /18 Mar 14:00/.test(t)), told.join('\n---\n'));
      // Pressed again: nothing more cancelled or sent.
      const sent = h.connector.sent.length;
      await sam.invoke('agreement.end', press(card, 'agreement.end', { endedOn: '2026-03-04' }));
      assert.equal(h.connector.sent.length, sent);
    });
  });

  describe('every refusal keeps and shows what was typed', () => {
    it('a record sent for a session already recorded and confirmed comes back with the agenda and actions typed into it, and why', async () => {
      const agreementId = await agreementBetween(h, sam, noah);
      const { sessionId } = await scheduleWith(h, sam, noah, agreementId, '2026-03-02', '14:00');
      h.clock.set('2026-03-02T16:00:00.000Z');
      const card = await sam.invoke('session.show', { sessionId });
      const noahBefore = noah.sentCount();
      await sam.invoke('session.recordHeld', press(card, 'session.recordHeld', { heldDate: '2026-03-02', heldTime: '14:00', minutes: '90', uninterrupted: 'yes', agenda: 'Caseload' }));
      const toConfirm = noah.cards(noahBefore).find((c) => findAction(c, 'session.confirm'));
      assert.ok(toConfirm);
      await noah.invoke('session.confirm', press(toConfirm, 'session.confirm'));

      // The supervisor's old card, with a corrected record typed into it.
      const typed = { heldDate: '2026-03-02', heldTime: '14:00', minutes: '95', uninterrupted: 'yes', agenda: 'Caseload\nMarker agenda item', action1Text: 'Marker action: book training', action1Owner: 'noah', action1Due: '2026-03-20' };
      const back = await sam.invoke('session.recordHeld', press(card, 'session.recordHeld', typed));
      assert.match(textOf(back), /already confirmed this session/);
      assert.match(textOf(back), /Nothing more was changed\.\nWhat you typed is kept below/);
      assert.equal(inputValue(back, 'agenda'), 'Caseload\nMarker agenda item');
      assert.equal(inputValue(back, 'action1Text'), 'Marker action: book training');
      assert.equal(must(await h.repos.sessions.get(T1, sessionId))?.value.minutes, 90, 'nothing changed');

      // Bad input on a form whose session moved on: the same.
      const bad = await sam.invoke('session.recordHeld', press(card, 'session.recordHeld', { ...typed, minutes: 'ninety' }));
      assert.match(textOf(bad), /can no longer be changed here/);
      assert.equal(inputValue(bad, 'agenda'), 'Caseload\nMarker agenda item');
    });
  });

  describe('a rating once sent', () => {
    it('the form says it was saved, with the score, offers to change it, and says the supervisor reads the comment', async () => {
      const agreementId = await agreementBetween(h, sam, noah);
      const { sessionId } = await scheduleWith(h, sam, noah, agreementId, '2026-03-02', '14:00');
      h.clock.set('2026-03-02T16:00:00.000Z');
      const card = await sam.invoke('session.show', { sessionId });
      const noahBefore = noah.sentCount();
      await sam.invoke('session.recordHeld', press(card, 'session.recordHeld', { heldDate: '2026-03-02', heldTime: '14:00', minutes: '90', uninterrupted: 'yes' }));
      const toConfirm = noah.cards(noahBefore).find((c) => findAction(c, 'session.confirm'));
      assert.ok(toConfirm);
      assert.match(textOf(toConfirm), /Sam Okafor will read your rating and your comment\./);
      assert.match(textOf(toConfirm), /\[Send rating\]/);
      const rated = await noah.invoke('session.rate', press(toConfirm, 'session.rate', { score: '4', comment: 'Useful' }));
      const text = textOf(rated);
      assert.match(text, /Thank you: your rating is saved\./);
      assert.match(text, /Saved: you rated it 4 out of 5, with a comment, 2 Mar 16:00\. You can change your rating below\./);
      assert.match(text, /Sam Okafor will read your rating and your comment\./);
      assert.match(text, /\[Change your rating\]/);
      assert.equal(inputValue(rated, 'score'), '4');
      assert.equal(inputValue(rated, 'comment'), 'Useful');
      // Opened later: still says so.
      assert.match(textOf(await noah.invoke('session.show', { sessionId })), /Saved: you rated it 4 out of 5/);
    });
  });

  describe('the PSW oversees: who is overdue, and a history of concerns', () => {
    it("the PSW's home card lists who is overdue across the organisation, though the PSW supervises no one", async () => {
      await agreementBetween(h, sam, daniel, '2019-09-02');
      h.clock.set('2026-04-20T10:00:00.000Z');
      must(await h.app.sweep('2026-04-20T10:00:00.000Z'));
      const stored = must(await h.repos.agreements.listForPerson(T1, 'daniel'))[0].value;
      assert.ok(stored.summary.overdueSince, `the agreement is overdue: ${JSON.stringify(stored.summary)}`);
      const [home] = await psw.say('home');
      assert.match(textOf(home), /Overdue supervision\nDaniel Evans \(supervisor Sam Okafor\): overdue since/);
      const [rachelsHome] = await rachel.say('home');
      assert.doesNotMatch(textOf(rachelsHome), /Daniel Evans/, 'a supervisor sees only their own');
    });

    it('resolved concerns stay in the PSW list (filterable by status and age); the assignee is told when the PSW resolves it; the raiser sees where theirs stands', async () => {
      // An older concern, resolved by the PSW.
      const [form] = await daniel.say('concern');
      await daniel.invoke('concern.raise', press(form, 'concern.raise', { category: 'resources', description: 'No car for visits.', urgency: 'medium', route: 'psw' }));
      const first = must(await h.repos.concerns.listRaisedBy(T1, 'daniel'))[0].value;
      await psw.invoke('concern.resolve', { concernId: first.id, resolution: 'Pool car booked.' });

      // A newer one, assigned to Rachel, then resolved by the PSW while Rachel holds it.
      h.clock.set('2026-05-20T10:00:00.000Z');
      await daniel.invoke('concern.raise', press(form, 'concern.raise', { category: 'workload', description: 'Forty cases.', urgency: 'high', route: 'psw' }));
      const second = must(await h.repos.concerns.listRaisedBy(T1, 'daniel')).find((c) => c.value.id !== first.id)?.value;
      assert.ok(second);
      const card = await psw.invoke('concern.show', { concernId: second.id });
      await psw.invoke('concern.assign', press(card, 'concern.assign', { assigneeId: 'rachel' }));

      const list = await psw.invoke('concern.list', {});
      assert.match(textOf(list), /All concerns, open and resolved, raised at any time\./, textOf(list));
      assert.match(textOf(list), /For you to handle\nWorkload · High urgency\nAssigned · raised 20 May 11:00 · by Daniel Evans/, `assigned away, still overseen: ${textOf(list)}`);
      assert.match(textOf(list), /Resolved\nResources · Medium urgency\nResolved · raised 2 Mar 10:00 · by Daniel Evans/, 'resolved, still listed');

      const rachelBefore = rachel.sentCount();
      await psw.invoke('concern.resolve', press(await psw.invoke('concern.show', { concernId: second.id }), 'concern.resolve', { resolution: 'Caseload cut.' }));
      const toRachel = rachel.cards(rachelBefore);
      assert.equal(toRachel.length, 1, 'the assignee was told');
      assert.match(textOf(toRachel[0]), /Resolved/);
      assert.match(textOf(toRachel[0]), /Caseload cut\./);

      const open = await psw.invoke('concern.filter', press(list, 'concern.filter', { concernStatus: 'open' }));
      assert.match(textOf(open), /Open concerns, raised at any time\./);
      assert.doesNotMatch(textOf(open), /Medium urgency|High urgency/);
      const recent = await psw.invoke('concern.filter', press(list, 'concern.filter', { concernStatus: 'resolved', concernAge: '30' }));
      assert.match(textOf(recent), /Resolved concerns, raised in the last 30 days\./);
      assert.match(textOf(recent), /Workload · High urgency/);
      assert.doesNotMatch(textOf(recent), /Resources · Medium urgency/, 'older than 30 days');
      assert.equal(inputValue(recent, 'concernAge'), '30');

      const bad = await psw.invoke('concern.filter', { concernStatus: 'sideways', concernAge: 'x'.repeat(300) });
      assert.match(textOf(bad), /Not saved yet|Show must be one of/);
      assert.equal(inputValue(bad, 'concernStatus'), 'sideways');

      const mine = await daniel.invoke('concern.list', {});
      assert.match(textOf(mine), /Raised by you\nWorkload · High urgency\nResolved · raised 20 May 11:00 · with Rachel Green/);
      assert.match(textOf(mine), /Resources · Medium urgency\nResolved · raised 2 Mar 10:00 · with Priya Shah/);
      const opened = await daniel.invoke('concern.show', { concernId: second.id });
      assert.match(textOf(opened), /Caseload cut\./);
    });
  });
});
