/**
 * Each conversation flow end to end through the real bot over HTTP: cards pressed as a Teams client
 * would (the action's data merged with the card's inputs), proactive cards arriving at the other
 * person's chat through the outbox and CloudAdapter, records checked in the embedded Cosmos store.
 */
import { strict as assert } from 'node:assert';
import { findAction, icsProperties, inputValue, openUrl, press, textOf, verbsOf } from './cardTools';
import { captureLog } from '../../support/captureLog';
import { must, startHarness, T1, type Harness, type TeamsUser } from './support';

describe('Teams bot: the flows (real HTTP, CloudAdapter, embedded Cosmos)', () => {
  let h: Harness;
  let sam: TeamsUser;
  let noah: TeamsUser;
  let psw: TeamsUser;
  let daniel: TeamsUser;
  let rachel: TeamsUser;
  let agreementId: string;
  let sessionId: string;

  before(async () => {
    h = await startHarness();
    sam = h.user('sam');
    noah = h.user('noah');
    psw = h.user('psw');
    daniel = h.user('daniel');
    rachel = h.user('rachel');
    for (const u of [sam, noah, psw, daniel, rachel]) await u.install();
  });

  after(async () => {
    await h?.close();
  });

  describe('set up an agreement and agree', () => {
    it('the supervisor proposes; the supervisee gets a card to agree; it is active once both agreed', async () => {
      const form = await sam.invoke('agreement.propose.form', {});
      assert.ok(findAction(form, 'agreement.propose'));
      const noahBefore = noah.sentCount();
      const proposed = await sam.invoke(
        'agreement.propose',
        press(form, 'agreement.propose', { superviseeId: 'noah', employmentStart: '2026-02-23', nqsw: 'true', lineManagerIsRegisteredSocialWorker: 'true' }),
      );
      assert.match(textOf(proposed), /Noah Patel/);

      const stored = must(await h.repos.agreements.listForPerson(T1, 'noah'));
      assert.equal(stored.length, 1);
      agreementId = stored[0].value.id;
      assert.equal(stored[0].value.status, 'draft');

      const toAgree = noah.cards(noahBefore);
      assert.equal(toAgree.length, 1, 'the supervisee got one card to agree');
      assert.ok(findAction(toAgree[0], 'agreement.agree'));
      assert.match(textOf(toAgree[0]), /Sam Okafor/);

      const noahAgrees = noah.sentCount();
      const samHears = sam.sentCount();
      const agreed = await noah.invoke('agreement.agree', press(toAgree[0], 'agreement.agree'));
      assert.match(textOf(agreed), /Agreed by Noah Patel/);
      assert.equal(noah.sentCount(), noahAgrees, 'the person who pressed sees it in place: no second copy');
      assert.ok(sam.sentCount() > samHears, 'the supervisor hears');
      if (must(await h.repos.agreements.get(T1, agreementId))?.value.status !== 'active') {
        // An agreement a supervisor proposes may need the supervisor's agreement as well.
        const samCard = sam.cards().reverse().find((c) => findAction(c, 'agreement.agree'));
        assert.ok(samCard, 'the supervisor was asked to agree too');
        await sam.invoke('agreement.agree', press(samCard, 'agreement.agree'));
      }
      assert.equal(must(await h.repos.agreements.get(T1, agreementId))?.value.status, 'active');
    });

    it('pressing "agree" twice changes nothing more and sends nothing more', async () => {
      const toAgree = noah.cards().find((c) => findAction(c, 'agreement.agree'));
      assert.ok(toAgree);
      const sentBefore = h.connector.sent.length;
      const before = must(await h.repos.agreements.get(T1, agreementId));
      const again = await noah.invoke('agreement.agree', press(toAgree, 'agreement.agree'));
      assert.doesNotMatch(textOf(again), /could not|cannot/i);
      const after = must(await h.repos.agreements.get(T1, agreementId));
      assert.equal(after?.etag, before?.etag, 'the agreement was not written again');
      assert.equal(h.connector.sent.length, sentBefore, 'no proactive message went out again');
    });

    it('setting up a second agreement for the same supervisee gives the form back: the reason under the supervisee, the dates kept', async () => {
      const form = await sam.invoke('agreement.propose.form', {});
      const again = await sam.invoke('agreement.propose', press(form, 'agreement.propose', { superviseeId: 'noah', employmentStart: '2026-01-05' }));
      assert.ok(findAction(again, 'agreement.propose'), `the set-up card, not an error card: ${verbsOf(again).join(',')}`);
      assert.match(textOf(again), /Noah Patel already has a supervision agreement \(active\) with Sam Okafor/);
      assert.doesNotMatch(textOf(again), /That was already done/);
      assert.equal(inputValue(again, 'employmentStart'), '2026-01-05');
      assert.equal(inputValue(again, 'superviseeId'), 'noah');
      assert.equal(must(await h.repos.agreements.listForPerson(T1, 'noah')).length, 1);
    });
  });

  describe('schedule, record, confirm, rate', () => {
    it('the supervisor schedules; the supervisee gets the invite and accepts', async () => {
      const [form] = await sam.say('schedule');
      assert.ok(findAction(form, 'session.schedule'));
      const noahBefore = noah.sentCount();
      const scheduled = await sam.invoke(
        'session.schedule',
        press(form, 'session.schedule', { agreementId, scheduleDate: '2026-03-04', scheduleTime: '14:00', plannedMinutes: '90', mode: 'in-person' }),
      );
      assert.match(textOf(scheduled), /Noah Patel/);
      assert.match(textOf(scheduled), /Sent to Noah Patel, with a calendar invite\./);
      const sessions = must(await h.repos.sessions.listByAgreement(T1, agreementId));
      assert.equal(sessions.length, 1);
      sessionId = sessions[0].value.id;
      assert.equal(sessions[0].value.scheduledStart, '2026-03-04T14:00:00.000Z');

      const invite = noah.cards(noahBefore).find((c) => findAction(c, 'session.accept'));
      assert.ok(invite, 'the supervisee got the invite');
      // The invite goes with it: the card's "Add to calendar" link downloads it from the bot's own server.
      for (const card of [invite, scheduled]) {
        const link = openUrl(card, 'Add to calendar');
        assert.ok(link !== undefined && link.startsWith(`${h.url}/ics/`), `a link to this server: ${String(link)}`);
        const res = await fetch(link);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
        const ics = icsProperties(await res.text());
        assert.equal(ics('DTSTART'), '20260304T140000Z');
        assert.equal(ics('DTEND'), '20260304T153000Z');
        assert.equal(ics('SUMMARY'), 'Supervision: Noah Patel with Sam Okafor');
        assert.equal(ics('LOCATION'), 'In person');
      }
      assert.notEqual(openUrl(invite, 'Add to calendar'), openUrl(scheduled, 'Add to calendar'), 'each link made for its own person');
      const accepted = await noah.invoke('session.accept', press(invite, 'session.accept'));
      assert.match(textOf(accepted), /Accepted/);
      assert.ok(must(await h.repos.sessions.get(T1, sessionId))?.value.superviseeAcceptedAt);
    });

    it('the supervisor records it held; the supervisee confirms and rates it', async () => {
      h.clock.set('2026-03-04T16:00:00.000Z');
      const card = await sam.invoke('session.show', { sessionId });
      assert.ok(findAction(card, 'session.recordHeld'), `record button: ${verbsOf(card).join(',')}`);
      const noahBefore = noah.sentCount();
      const recorded = await sam.invoke(
        'session.recordHeld',
        press(card, 'session.recordHeld', { heldDate: '2026-03-04', heldTime: '14:00', minutes: '95', uninterrupted: 'true', agenda: 'Caseload\nASYE portfolio' }),
      );
      assert.match(textOf(recorded), /Recorded by Sam Okafor/);
      const held = must(await h.repos.sessions.get(T1, sessionId))?.value;
      assert.equal(held?.status, 'held');
      assert.equal(held?.minutes, 95);

      const toConfirm = noah.cards(noahBefore).find((c) => findAction(c, 'session.confirm'));
      assert.ok(toConfirm, 'the supervisee was asked to confirm');
      const confirmed = await noah.invoke('session.confirm', press(toConfirm, 'session.confirm'));
      assert.match(textOf(confirmed), /Confirmed by Noah Patel/);
      const rated = await noah.invoke('session.rate', press(confirmed, 'session.rate', { score: '4', comment: 'Useful' }));
      assert.match(textOf(rated), /Rated 4 out of 5 by Noah Patel/);
      assert.equal(must(await h.repos.sessions.get(T1, sessionId))?.value.rating?.score, 4);
    });
  });

  describe('"Add to calendar" after a reschedule or a cancellation', () => {
    it("the supervisee's new invite adds the new time; the first invite's link follows it; a cancellation withdraws the event", async () => {
      h.clock.set('2026-03-05T09:00:00.000Z');
      const [form] = await sam.say('schedule');
      const noahBefore = noah.sentCount();
      const scheduled = await sam.invoke(
        'session.schedule',
        press(form, 'session.schedule', { agreementId, scheduleDate: '2026-03-11', scheduleTime: '10:00', plannedMinutes: '90', mode: 'teams' }),
      );
      const first = noah.cards(noahBefore).find((c) => findAction(c, 'session.accept'));
      const firstLink = openUrl(first, 'Add to calendar');
      assert.ok(firstLink);
      assert.equal(icsProperties(await (await fetch(firstLink)).text())('DTSTART'), '20260311T100000Z');

      const movedFrom = noah.sentCount();
      const moved = await sam.invoke('session.reschedule', press(scheduled, 'session.reschedule', { newDate: '2026-03-12', newTime: '15:00', newMinutes: '120', newMode: 'teams' }));
      assert.match(textOf(moved), /Rescheduled to 12 Mar 15:00/);
      const newInvite = noah.cards(movedFrom).find((c) => findAction(c, 'session.accept'));
      assert.ok(newInvite, 'the supervisee got the new invite');
      const newLink = openUrl(newInvite, 'Add to calendar');
      assert.ok(newLink);
      const samsLink = openUrl(moved, 'Add to calendar');
      assert.ok(samsLink, "the supervisor's card after the reschedule links the new time too");
      for (const link of [newLink, firstLink, samsLink]) {
        const ics = icsProperties(await (await fetch(link)).text());
        assert.equal(ics('METHOD'), 'REQUEST');
        assert.equal(ics('DTSTART'), '20260312T150000Z');
        assert.equal(ics('DTEND'), '20260312T170000Z');
        assert.equal(ics('SEQUENCE'), '1', 'an update of the first event');
      }

      const replacementId = must(await h.repos.sessions.listByAgreement(T1, agreementId)).find((s) => s.value.status === 'scheduled')?.value.id;
      assert.ok(replacementId);
      const card = await sam.invoke('session.show', { sessionId: replacementId });
      const cancelled = await sam.invoke('session.cancel', press(card, 'session.cancel', { cancelReason: 'Training day' }));
      assert.ok(openUrl(cancelled, 'Remove from calendar'));
      const ics = icsProperties(await (await fetch(newLink)).text());
      assert.equal(ics('METHOD'), 'CANCEL');
      assert.equal(ics('STATUS'), 'CANCELLED');
      assert.equal(icsProperties(await (await fetch(firstLink)).text())('METHOD'), 'CANCEL');
    });
  });

  describe('reflective notes', () => {
    it('the supervisee writes a private note and reads it back; no one else can', async () => {
      const [form] = await noah.say('reflect');
      const saved = await noah.invoke(
        'note.write',
        press(form, 'note.write', { whatHappened: 'A hard home visit.', howIFelt: 'Anxious', whatILearned: 'Plan exits', whatNext: 'Ask Sam', visibility: 'private' }),
      );
      assert.match(textOf(saved), /A hard home visit\./);
      const notes = must(await h.repos.notes.listByAuthor(T1, 'noah'));
      assert.equal(notes.length, 1);
      const noteId = notes[0].value.id;

      const list = await noah.invoke('note.list', {});
      assert.match(textOf(list), /A hard home visit/);
      const read = await noah.invoke('note.read', press(list, 'note.read'));
      assert.match(textOf(read), /Plan exits/);

      // The supervisor, naming the note's id on a forged card: refused, and nothing of it shown.
      const forged = await sam.invoke('note.read', { noteId });
      assert.doesNotMatch(textOf(forged), /hard home visit|Plan exits/);
      assert.match(textOf(forged), /Nothing was changed/);
    });
  });

  describe('concerns', () => {
    it('raised straight to the PSW: the PSW acknowledges, the raiser hears, the supervisor never sees it', async () => {
      const [form] = await daniel.say('concern');
      const pswBefore = psw.sentCount();
      const rachelBefore = rachel.sentCount();
      const raised = await daniel.invoke(
        'concern.raise',
        press(form, 'concern.raise', { category: 'workload', description: 'Forty cases and rising.', urgency: 'high', route: 'psw' }),
      );
      assert.match(textOf(raised), /Principal Social Worker/);
      const concerns = must(await h.repos.concerns.listRaisedBy(T1, 'daniel'));
      assert.equal(concerns.length, 1);
      assert.equal(concerns[0].value.handlerId, 'psw');

      const toHandle = psw.cards(pswBefore).find((c) => findAction(c, 'concern.acknowledge'));
      assert.ok(toHandle, 'the PSW got the concern');
      assert.match(textOf(toHandle), /Forty cases and rising\./);
      const danielBefore = daniel.sentCount();
      const acknowledged = await psw.invoke('concern.acknowledge', press(toHandle, 'concern.acknowledge'));
      assert.match(textOf(acknowledged), /Acknowledged/);
      assert.equal(must(await h.repos.concerns.get(T1, concerns[0].value.id))?.value.status, 'acknowledged');

      const update = daniel.cards(danielBefore);
      assert.equal(update.length, 1, 'the raiser heard once');
      assert.match(textOf(update[0]), /Acknowledged by Priya Shah/);
      for (const c of rachel.cards(rachelBefore)) assert.doesNotMatch(textOf(c), /Forty cases/, 'the supervisor never sees it');

      const forged = await rachel.invoke('concern.show', { concernId: concerns[0].value.id });
      assert.doesNotMatch(textOf(forged), /Forty cases/);
    });
  });

  describe('forged submissions are refused and change nothing', () => {
    it('a session record from the supervisee', async () => {
      const before = must(await h.repos.sessions.get(T1, sessionId));
      const card = await noah.invoke('session.cancel', { sessionId, cancelReason: 'forged' });
      assert.match(textOf(card), /Nothing was changed/);
      assert.equal(must(await h.repos.sessions.get(T1, sessionId))?.etag, before?.etag);
    });

    it('a rating from the supervisor', async () => {
      const before = must(await h.repos.sessions.get(T1, sessionId));
      const card = await sam.invoke('session.rate', { sessionId, score: '1' });
      assert.match(textOf(card), /Nothing was changed/);
      assert.equal(must(await h.repos.sessions.get(T1, sessionId))?.etag, before?.etag);
    });

    it("another person's agreement", async () => {
      const before = must(await h.repos.agreements.get(T1, agreementId));
      const card = await rachel.invoke('agreement.end', { agreementId, endedOn: '2026-03-05' });
      assert.match(textOf(card), /Nothing was changed/);
      assert.equal(must(await h.repos.agreements.get(T1, agreementId))?.etag, before?.etag);
    });

    it('another tenant, whatever the card names', async () => {
      const outsider = h.user('outsider');
      await outsider.install();
      const before = must(await h.repos.sessions.get(T1, sessionId));
      const card = await outsider.invoke('session.recordHeld', { sessionId, heldDate: '2026-03-04', heldTime: '14:00', minutes: '90', uninterrupted: 'true' });
      assert.match(textOf(card), /Nothing was changed/);
      assert.equal(must(await h.repos.sessions.get(T1, sessionId))?.etag, before?.etag);
      // A tenant named in the card's data is ignored: the activity's tenant decides.
      const named = await outsider.invoke('agreement.show', { agreementId, tenantId: T1 });
      assert.doesNotMatch(textOf(named), /Noah Patel/);
    });
  });

  describe('bad input keeps what was typed', () => {
    it('an impossible date comes back in the form with the error, every input kept', async () => {
      const [form] = await noah.say('reflect');
      const typed = { whatHappened: 'Keep me, please.', howIFelt: 'Fine', whatILearned: '', whatNext: '', visibility: 'private', cpdTag: 'x'.repeat(101) };
      const back = await noah.invoke('note.write', press(form, 'note.write', typed));
      assert.match(textOf(back), /Not saved yet/);
      assert.equal(inputValue(back, 'whatHappened'), 'Keep me, please.');
      assert.equal(inputValue(back, 'cpdTag'), 'x'.repeat(101));

      const [schedule] = await sam.say('schedule');
      const bad = await sam.invoke('session.schedule', press(schedule, 'session.schedule', { agreementId, scheduleDate: '2026-02-30', scheduleTime: '14:00', mode: 'teams' }));
      assert.match(textOf(bad), /Not saved yet/);
      assert.equal(inputValue(bad, 'scheduleDate'), '2026-02-30');
      assert.equal(inputValue(bad, 'scheduleTime'), '14:00');
    });

    it('an oversized note is refused with its length, and the text is given back', async () => {
      const [form] = await noah.say('reflect');
      const long = 'a'.repeat(10_001);
      const back = await noah.invoke('note.write', press(form, 'note.write', { whatHappened: long, visibility: 'private' }));
      assert.match(textOf(back), /10,001/);
      assert.equal(inputValue(back, 'whatHappened'), long);
      assert.equal(must(await h.repos.notes.listByAuthor(T1, 'noah')).length, 1, 'nothing more was saved');
    });
  });

  describe('the other verbs, through the bot', () => {
    it('the supervisee proposes another time for a scheduled session; the session keeps the proposal', async () => {
      h.clock.set('2026-03-06T09:00:00.000Z');
      const [form] = await sam.say('schedule');
      const noahBefore = noah.sentCount();
      await sam.invoke('session.schedule', press(form, 'session.schedule', { agreementId, scheduleDate: '2026-03-18', scheduleTime: '10:00', plannedMinutes: '90', mode: 'teams' }));
      const invite = noah.cards(noahBefore).find((c) => findAction(c, 'session.proposeTime'));
      assert.ok(invite, 'the invite offers another time');
      const proposed = await noah.invoke('session.proposeTime', press(invite, 'session.proposeTime', { proposedDate: '2026-03-19', proposedTime: '11:30' }));
      assert.match(textOf(proposed), /Your proposal was sent to Sam Okafor\./);
      const session = must(await h.repos.sessions.listByAgreement(T1, agreementId)).find((s) => s.value.scheduledStart === '2026-03-18T10:00:00.000Z');
      assert.equal(session?.value.proposedStart, '2026-03-19T11:30:00.000Z');
      assert.equal(session?.value.status, 'scheduled');
    });

    it('the supervisor pauses the agreement for leave, then resumes it', async () => {
      const card = await sam.invoke('agreement.show', { agreementId });
      const paused = await sam.invoke('agreement.pause', press(card, 'agreement.pause', { pauseFrom: '2026-03-09', pauseTo: '2026-03-20' }));
      assert.match(textOf(paused), /Paused\./);
      let stored = must(await h.repos.agreements.get(T1, agreementId))?.value;
      assert.equal(stored?.status, 'paused');
      assert.deepEqual(stored?.pauses.at(-1), { from: '2026-03-09', to: '2026-03-20' });

      h.clock.set('2026-03-12T09:00:00.000Z');
      const resumed = await sam.invoke('agreement.resume', press(paused, 'agreement.resume'));
      assert.match(textOf(resumed), /Resumed\./);
      stored = must(await h.repos.agreements.get(T1, agreementId))?.value;
      assert.equal(stored?.status, 'active');
      assert.deepEqual(stored?.pauses.at(-1), { from: '2026-03-09', to: '2026-03-11' }, 'the pause ends yesterday');
    });

    it('the supervisee shares a note; the supervisor finds it among the notes shared with them, no one else does', async () => {
      const [form] = await noah.say('reflect');
      await noah.invoke(
        'note.write',
        press(form, 'note.write', { whatHappened: 'A shared reflection on the court report.', howIFelt: '', whatILearned: '', whatNext: '', visibility: 'shared' }),
      );
      const shared = must(await h.repos.notes.listByAuthor(T1, 'noah')).filter((n) => n.value.visibility === 'shared');
      assert.equal(shared.length, 1);
      const list = await sam.invoke('note.listShared', {});
      assert.match(textOf(list), /Notes shared with you/);
      assert.match(textOf(list), /A shared reflection on the court report\./);
      assert.doesNotMatch(textOf(list), /A hard home visit/, 'a private note is never listed');
      const others = await rachel.invoke('note.listShared', {});
      assert.doesNotMatch(textOf(others), /court report/);
    });

    it('the PSW lists concerns, assigns one, and the assignee resolves it; the raiser hears each step', async () => {
      const concern = must(await h.repos.concerns.listRaisedBy(T1, 'daniel'))[0].value;
      const list = await psw.invoke('concern.list', {});
      assert.ok(findAction(list, 'concern.show'), `the list opens each concern: ${verbsOf(list).join(',')}`);
      assert.match(textOf(list), /For you to handle\nWorkload · High urgency\nAcknowledged · raised 5 Mar 09:00 · by Daniel Evans/);
      const mine = await daniel.invoke('concern.list', {});
      assert.match(textOf(mine), /Raised by you\nWorkload · High urgency/);
      assert.doesNotMatch(textOf(mine), /For you to handle/);

      const card = await psw.invoke('concern.show', { concernId: concern.id });
      const danielBefore = daniel.sentCount();
      const rachelBefore = rachel.sentCount();
      const assigned = await psw.invoke('concern.assign', press(card, 'concern.assign', { assigneeId: 'rachel' }));
      assert.match(textOf(assigned), /Assigned; Daniel Evans has been told\./);
      let stored = must(await h.repos.concerns.get(T1, concern.id))?.value;
      assert.equal(stored?.status, 'assigned');
      assert.equal(stored?.handlerId, 'rachel');
      const toResolve = rachel.cards(rachelBefore).find((c) => findAction(c, 'concern.resolve'));
      assert.ok(toResolve, 'the assignee got the concern to act on');

      const resolved = await rachel.invoke('concern.resolve', press(toResolve, 'concern.resolve', { resolution: 'Caseload cut to twenty-five.' }));
      assert.match(textOf(resolved), /Resolved; Daniel Evans has been told\./);
      stored = must(await h.repos.concerns.get(T1, concern.id))?.value;
      assert.equal(stored?.status, 'resolved');
      assert.equal(stored?.resolution, 'Caseload cut to twenty-five.');
      assert.ok(daniel.sentCount() >= danielBefore + 2, 'the raiser heard of the assignment and the resolution');
    });

    it('an admin changes the reminder lead days; a non-admin is refused; a bad time zone comes back with the values kept', async () => {
      const card = await psw.invoke('settings.show', {});
      assert.equal(inputValue(card, 'reminderLeadDays'), '2');
      const saved = await psw.invoke('settings.update', press(card, 'settings.update', { reminderLeadDays: '5' }));
      assert.match(textOf(saved), /Saved\./);
      const after = must(await h.repos.organisations.get(T1));
      assert.equal(after?.value.reminderLeadDays, 5);
      assert.equal(after?.value.zone, 'Europe/London', 'the other settings are as they were');

      const forged = await sam.invoke('settings.update', press(card, 'settings.update', { reminderLeadDays: '9' }));
      assert.match(textOf(forged), /Nothing was changed/);
      assert.equal(must(await h.repos.organisations.get(T1))?.etag, after?.etag);

      const bad = await psw.invoke('settings.update', press(saved, 'settings.update', { zone: 'Mars/Olympus', reminderLeadDays: '7' }));
      assert.match(textOf(bad), /Not saved yet/);
      assert.match(textOf(bad), /IANA time zone/);
      assert.equal(inputValue(bad, 'zone'), 'Mars/Olympus');
      assert.equal(inputValue(bad, 'reminderLeadDays'), '7');
      assert.equal(must(await h.repos.organisations.get(T1))?.value.reminderLeadDays, 5, 'nothing was saved');
    });

    it('the supervisor hands the agreement to a new supervisor from the form, keeping the history', async () => {
      const form = await sam.invoke('agreement.changeSupervisor.form', { agreementId });
      assert.ok(findAction(form, 'agreement.changeSupervisor'), `the form: ${verbsOf(form).join(',')}`);
      const changed = await sam.invoke(
        'agreement.changeSupervisor',
        press(form, 'agreement.changeSupervisor', { newSupervisorId: 'rachel', changeFrom: '2026-03-12', handoverNote: 'Portfolio due in May.' }),
      );
      assert.match(textOf(changed), /The supervisor was changed; the history is kept\./);
      const stored = must(await h.repos.agreements.get(T1, agreementId))?.value;
      assert.equal(stored?.supervisorId, 'rachel');
      const terms = stored?.supervisorHistory ?? [];
      assert.equal(terms.at(-1)?.supervisorId, 'rachel');
      assert.equal(terms.at(-1)?.handoverNote, 'Portfolio due in May.');
      assert.ok(terms.some((t) => t.supervisorId === 'sam'), 'the earlier term is kept');
    });
  });
});

describe('Teams bot: note and concern text never reaches the log', () => {
  // Distinctive markers: none of them can appear in a log line by chance.
  const NOTE = ['Marker-N1 zebra-quartz', 'Marker-N2 violet-anchor', 'Marker-N3 copper-lantern', 'Marker-N4 saffron-orbit'];
  const CONCERN = 'Marker-C1 obsidian-walrus workload';
  const RESOLUTION = 'Marker-R1 juniper-kettle';
  const MARKERS = [...NOTE, CONCERN, RESOLUTION, 'Marker-'];

  it('writing a note, raising and resolving a concern, and their refusals, at trace level', async () => {
    const captured = captureLog('trace');
    const h = await startHarness({ log: captured.log });
    try {
      const noah = h.user('noah');
      const daniel = h.user('daniel');
      const psw = h.user('psw');
      for (const u of [noah, daniel, psw]) await u.install();

      const [form] = await noah.say('reflect');
      const typed = { whatHappened: NOTE[0], howIFelt: NOTE[1], whatILearned: NOTE[2], whatNext: NOTE[3], visibility: 'private' };
      // Refused first (by the use case: no supervisor to share with; by the parser: a CPD tag over its
      // limit, a note over its length), then saved, then read back.
      await noah.invoke('note.write', press(form, 'note.write', { ...typed, visibility: 'shared' }));
      await noah.invoke('note.write', press(form, 'note.write', { ...typed, cpdTag: 'x'.repeat(101) }));
      await noah.invoke('note.write', press(form, 'note.write', { ...typed, whatHappened: `${NOTE[0]} ${'y'.repeat(10_000)}` }));
      const saved = await noah.invoke('note.write', press(form, 'note.write', typed));
      assert.match(textOf(saved), /Marker-N1 zebra-quartz/);
      const note = must(await h.repos.notes.listByAuthor(T1, 'noah'));
      assert.equal(note.length, 1);
      await noah.invoke('note.read', { noteId: note[0].value.id });

      const [concernForm] = await daniel.say('concern');
      await daniel.invoke('concern.raise', press(concernForm, 'concern.raise', { category: 'workload', description: CONCERN, urgency: 'sideways', route: 'psw' }));
      await daniel.invoke('concern.raise', press(concernForm, 'concern.raise', { category: 'workload', description: CONCERN, urgency: 'high', route: 'psw' }));
      const concern = must(await h.repos.concerns.listRaisedBy(T1, 'daniel'));
      assert.equal(concern.length, 1);
      assert.equal(concern[0].value.description, CONCERN);
      const toHandle = psw.cards().find((c) => findAction(c, 'concern.resolve'));
      assert.ok(toHandle, 'the PSW got the concern, with its text');
      assert.match(textOf(toHandle), /obsidian-walrus/);
      await psw.invoke('concern.resolve', press(toHandle, 'concern.resolve', { resolution: RESOLUTION }));
      assert.equal(must(await h.repos.concerns.get(T1, concern[0].value.id))?.value.resolution, RESOLUTION);

      const entries = captured.entries();
      // Capture works: every turn was logged (the logger lets everything through, down to trace), with
      // the card template named, not redacted.
      assert.equal(captured.log.level, 'trace');
      assert.ok(entries.length > 10, `${entries.length} lines`);
      for (const event of ['http.request', 'card.action', 'outbox.send']) assert.ok(entries.some((e) => e.event === event), event);
      const actions = entries.filter((e) => e.event === 'card.action');
      assert.ok(actions.some((e) => e.verb === 'note.write' && e.template === 'note-read'), JSON.stringify(actions.slice(0, 3)));
      assert.ok(actions.some((e) => e.verb === 'concern.raise' && e.template === 'concern-status'), JSON.stringify(actions.map((e) => e.template)));
      const text = captured.text();
      for (const marker of [...MARKERS, 'zebra-quartz', 'obsidian-walrus', 'juniper-kettle']) {
        assert.ok(!text.includes(marker), `the log holds "${marker}": ${captured.lines.find((l) => l.includes(marker))?.slice(0, 300)}`);
      }
    } finally {
      await h.close();
    }
  });
});

