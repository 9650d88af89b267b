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
});

export { inputValue };
