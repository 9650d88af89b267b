/**
 * Every proactive message kind, as the person it is for reads it: the whole app as compose.ts builds
 * it (embedded Cosmos store, the real use cases, notifier, reminder sweep and outbox delivery, the
 * Teams messenger to a connector on loopback), driven by what people do, and the facts checked on
 * the card that arrives in each person's chat. No view is written by hand here: a fact the sweep or
 * a use case knows but the card drops (the reminder's "Last session: None yet" for a supervisee
 * seen weeks earlier) fails this test.
 */
import { strict as assert } from 'node:assert';
import type { Actor } from '../../../src/app/commands';
import type { ProactiveKind } from '../../../src/app/proactiveMessages';
import type { Instant } from '../../../src/domain/model';
import { textOf } from '../teams/cardTools';
import { must, NOW, T1, startHarness, type Harness, type TeamsUser, type Who } from '../teams/support';

/** The kinds this file shows a card for; the compiler insists every kind is here. */
const SEEN: { [K in ProactiveKind]: boolean } = {
  welcome: false,
  'agreement-to-agree': false,
  'agreement-updated': false,
  'session-scheduled': false,
  'schedule-response': false,
  'session-requested': false,
  'session-recorded': false,
  'session-confirmed': false,
  'concern-to-handle': false,
  'concern-update': false,
  reminder: false,
  escalation: false,
  'reminder-digest': false,
  'escalation-notice': false,
  'supervision-nudge': false,
  'escalation-acknowledged': false,
  'concern-follow-up': false,
};

describe('proactive messages: every kind, from stored records to the card its recipient reads', function () {
  this.timeout(60_000);
  let h: Harness;
  let sam: TeamsUser;
  let noah: TeamsUser;
  let psw: TeamsUser;
  let daniel: TeamsUser;
  const actor = (who: Who): Actor => ({ tenantId: T1, aadObjectId: `aad-${who}` });

  /** What `user` was sent while `act` ran: exactly one card, as text. */
  async function oneCard(user: TeamsUser, act: () => Promise<unknown>): Promise<string> {
    const before = user.sentCount();
    await act();
    const cards = user.cards(before);
    assert.equal(cards.length, 1, `${user.who} got ${cards.length} cards`);
    return textOf(cards[0]);
  }

  const at = (instant: Instant) => h.clock.set(instant);
  /** The scheduler's tick: a sweep, then the outbox delivered. */
  const tick = async (now: Instant) => {
    at(now);
    must(await h.app.sweep(now));
    must(await h.app.deliverOutbox(now));
  };

  let agreementId = '';
  let sessionId = '';

  before(async () => {
    h = await startHarness();
    [sam, noah, psw, daniel] = (['sam', 'noah', 'psw', 'daniel'] as const).map((who) => h.user(who));
    // Sam installs in the first test, to be welcomed there.
    for (const u of [noah, psw, daniel]) await u.install();
  });

  after(async () => {
    await h?.close();
    assert.deepEqual(
      Object.entries(SEEN).filter(([, seen]) => !seen).map(([kind]) => kind),
      [],
      'a card for every kind',
    );
  });

  it('welcome: the home card greets the person by name on installation', async () => {
    const before = sam.sentCount();
    await sam.install();
    const text = textOf(sam.cards(before)[0]);
    assert.match(text, /Welcome! I will remind you when supervision is due/);
    assert.match(text, /Hello, Sam/);
    assert.match(text, /Northshire Council/);
    SEEN.welcome = true;
  });

  it('agreement-to-agree, then agreement-updated: names, NQSW, the start date', async () => {
    const toAgree = await oneCard(noah, async () => {
      const proposed = must(
        await h.app.useCases.proposeAgreement(actor('sam'), {
          superviseeId: 'noah',
          employmentStart: '2026-02-23',
          agreementStart: '2026-03-02',
          nqsw: true,
          lineManagerIsRegisteredSocialWorker: true,
        }),
      );
      agreementId = proposed.agreementId;
    });
    assert.match(toAgree, /Sam Okafor/);
    assert.match(toAgree, /Noah Patel/);
    assert.match(toAgree, /NQSW|newly qualified/i);
    assert.match(toAgree, /2 Mar/);
    SEEN['agreement-to-agree'] = true;

    const updated = await oneCard(sam, async () => must(await h.app.useCases.agreeToAgreement(actor('noah'), { agreementId })));
    assert.match(updated, /Noah Patel/);
    assert.match(updated, /Active/);
    SEEN['agreement-updated'] = true;
  });

  it('session-scheduled, schedule-response, session-recorded, session-confirmed: the time, who, what was recorded', async () => {
    const scheduled = await oneCard(noah, async () => {
      const s = must(await h.app.useCases.scheduleSession(actor('sam'), { agreementId, start: { date: '2026-03-04', time: '14:00' }, plannedMinutes: 90, mode: 'in-person' }));
      sessionId = s.sessionId;
    });
    assert.match(scheduled, /4 Mar 14:00/);
    assert.match(scheduled, /Sam Okafor/);
    SEEN['session-scheduled'] = true;

    const response = await oneCard(sam, async () => must(await h.app.useCases.respondToSchedule(actor('noah'), { sessionId, response: 'accept' })));
    assert.match(response, /4 Mar 14:00/);
    assert.match(response, /Noah Patel/);
    assert.match(response, /accepted/i);
    SEEN['schedule-response'] = true;

    const requested = await oneCard(sam, async () =>
      must(await h.app.useCases.requestSession(actor('noah'), { agreementId, preferredStart: { date: '2026-03-11', time: '10:30' }, mode: 'teams' })),
    );
    assert.match(requested, /Noah Patel asks for a supervision session, 11 Mar 10:30, on Teams\./);
    SEEN['session-requested'] = true;

    at('2026-03-04T16:00:00.000Z');
    const recorded = await oneCard(noah, async () =>
      must(
        await h.app.useCases.recordSession(actor('sam'), {
          kind: 'held',
          sessionId,
          start: { date: '2026-03-04', time: '14:00' },
          minutes: 95,
          uninterrupted: true,
          agenda: ['Caseload'],
          actions: [],
        }),
      ),
    );
    assert.match(recorded, /Held 4 Mar 14:00, 1 h 35 min, uninterrupted/);
    assert.match(recorded, /Recorded by Sam Okafor, 4 Mar 16:00/);
    SEEN['session-recorded'] = true;

    at('2026-03-04T17:30:00.000Z');
    const confirmed = await oneCard(sam, async () => must(await h.app.useCases.confirmSession(actor('noah'), { sessionId })));
    assert.match(confirmed, /Confirmed by Noah Patel, 4 Mar 17:30/);
    SEEN['session-confirmed'] = true;
  });

  it('concern-to-handle, then concern-update: who raised it, what they wrote, who acknowledged it', async () => {
    at('2026-03-05T09:00:00.000Z');
    let concernId = '';
    const toHandle = await oneCard(psw, async () => {
      const raised = must(
        await h.app.useCases.raiseConcern(actor('daniel'), { category: 'workload', description: 'Forty cases and rising.', urgency: 'high', route: 'psw' }),
      );
      concernId = raised.concernId;
    });
    assert.match(toHandle, /Daniel Evans/);
    assert.match(toHandle, /Forty cases and rising\./);
    SEEN['concern-to-handle'] = true;

    const update = await oneCard(daniel, async () => must(await h.app.useCases.acknowledgeConcern(actor('psw'), { concernId })));
    assert.match(update, /Acknowledged/);
    assert.match(update, /Priya Shah/);
    SEEN['concern-update'] = true;
  });

  it('reminder: due-by date, the real last session date, and the session booked in the period', async () => {
    // Next week's session, booked before the reminder goes (the week of 9 March is due by Sun 15 Mar).
    at('2026-03-06T09:00:00.000Z');
    must(await h.app.useCases.scheduleSession(actor('sam'), { agreementId, start: { date: '2026-03-14', time: '10:30' }, plannedMinutes: 90, mode: 'teams' }));

    const samBefore = sam.sentCount();
    const noahBefore = noah.sentCount();
    await tick('2026-03-13T09:00:00.000Z');
    const toSupervisor = sam.cards(samBefore).map(textOf);
    const toSupervisee = noah.cards(noahBefore).map(textOf);
    assert.equal(toSupervisor.length, 1, toSupervisor.join('\n---\n'));
    assert.equal(toSupervisee.length, 1, toSupervisee.join('\n---\n'));

    assert.match(toSupervisor[0], /Supervision with Noah Patel is due by Sun 15 Mar/);
    assert.match(toSupervisor[0], /Last session: Wed 4 Mar/);
    assert.match(toSupervisor[0], /A session is booked for 14 Mar 10:30/);
    assert.match(toSupervisor[0], /Booked: 14 Mar 10:30/);
    assert.doesNotMatch(toSupervisor[0], /None yet|Schedule one if you have not/);

    assert.match(toSupervisee[0], /Your supervision is due by Sun 15 Mar/);
    assert.match(toSupervisee[0], /Last session: Wed 4 Mar/);
    assert.match(toSupervisee[0], /A session with Sam Okafor is booked for 14 Mar 10:30/);
    assert.match(toSupervisee[0], /Supervisee: Noah Patel \(NQSW\)/);
    SEEN.reminder = true;
    // The supervisor's reminders come as the day's one card, listing each supervisee due.
    assert.match(toSupervisor[0], /Supervision reminder: 1 supervisee/);
    SEEN['reminder-digest'] = true;
  });

  it('escalation: the missed period, how many, and the real last session date, to the PSW', async () => {
    // The booked session never happens: it is cancelled, and the week passes with none held.
    at('2026-03-14T12:00:00.000Z');
    const sessions = must(await h.repos.sessions.listByAgreement(T1, agreementId));
    const booked = sessions.find((s) => s.value.status === 'scheduled');
    assert.ok(booked);
    must(await h.app.useCases.recordSession(actor('sam'), { kind: 'cancelled', sessionId: booked.value.id, reason: 'Sickness' }));

    const before = psw.sentCount();
    const samBefore = sam.sentCount();
    await tick('2026-03-19T09:00:00.000Z');
    const escalations = psw.cards(before).map(textOf).filter((t) => t.includes('Overdue supervision'));
    assert.equal(escalations.length, 1, escalations.join('\n---\n'));
    assert.match(escalations[0], /Overdue supervision: Noah Patel/);
    assert.match(escalations[0], /Noah Patel \(NQSW\) had no qualifying supervision with Sam Okafor in the period Mon 9 Mar to Sun 15 Mar/);
    assert.match(escalations[0], /Periods missed: 1/);
    assert.match(escalations[0], /Last session: Wed 4 Mar/);
    assert.match(escalations[0], /Due by: Sun 15 Mar/);
    SEEN.escalation = true;

    const notices = sam.cards(samBefore).map(textOf).filter((t) => t.includes('was missed'));
    assert.equal(notices.length, 1, sam.cards(samBefore).map(textOf).join('\n---\n'));
    assert.match(notices[0], /Supervision with Noah Patel was missed/);
    assert.match(notices[0], /in the period Mon 9 Mar to Sun 15 Mar\. Priya Shah has been informed/);
    assert.match(notices[0], /Periods missed: 1/);
    assert.match(notices[0], /Last session: Wed 4 Mar/);
    assert.match(notices[0], /Informed: Priya Shah/);
    SEEN['escalation-notice'] = true;
    at(NOW);
  });

  it('from the escalation: the PSW nudges the supervisor (one card to them) and acknowledges (recorded, the other PSWs told)', async () => {
    at('2026-03-19T10:00:00.000Z');
    const target = { agreementId, periodStart: '2026-03-09' };
    const nudge = await oneCard(sam, async () => {
      must(await h.app.useCases.nudgeSupervisor(actor('psw'), target));
      // What the turn could not send at once (the sender's pacing) goes with the next delivery.
      must(await h.app.deliverOutbox('2026-03-19T10:00:00.000Z'));
    });
    assert.match(nudge, /Priya Shah asks you to book supervision with Noah Patel/);
    assert.match(nudge, /Missed period from: Mon 9 Mar/);
    assert.match(nudge, /From: Priya Shah, 19 Mar 10:00/);
    SEEN['supervision-nudge'] = true;
    // Only a PSW may: the supervisor cannot nudge themself, nor acknowledge.
    const refused = await h.app.useCases.acknowledgeEscalation(actor('sam'), target);
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'NOT_AUTHORIZED');

    // A second PSW is told who took the escalation on.
    const rachel = h.user('rachel');
    await rachel.install();
    const org = must(await h.repos.organisations.get(T1));
    assert.ok(org);
    must(await h.repos.organisations.save({ ...org.value, pswIds: ['psw', 'rachel'] }, org.etag));
    const acknowledged = await oneCard(rachel, async () => {
      const v = must(await h.app.useCases.acknowledgeEscalation(actor('psw'), target));
      assert.deepEqual([v.already, v.told.map((p) => p.name)], [false, ['Rachel Green']]);
    });
    assert.match(acknowledged, /Priya Shah acknowledged the escalation for Noah Patel/);
    assert.match(acknowledged, /Acknowledged by: Priya Shah/);
    assert.match(acknowledged, /When: 19 Mar 10:00/);
    SEEN['escalation-acknowledged'] = true;
    const stored = must(await h.repos.agreements.get(T1, agreementId));
    assert.deepEqual(stored?.value.escalationAcknowledgements, [{ periodStart: '2026-03-09', byId: 'psw', at: '2026-03-19T10:00:00.000Z' }]);
    // Pressed again by the other PSW: already done, by whom; nobody is sent anything.
    const again = must(await h.app.useCases.acknowledgeEscalation(actor('rachel'), target));
    assert.deepEqual([again.already, again.acknowledgedBy.name, again.told], [true, 'Priya Shah', []]);
    must(await h.repos.organisations.save({ ...org.value }, must(await h.repos.organisations.get(T1))?.etag));
    at(NOW);
  });

  it('concern-follow-up: a concern nobody acknowledged in 2 working days goes to the PSW again, and the raiser is told; once', async () => {
    at('2026-03-19T10:00:00.000Z');
    must(await h.app.useCases.raiseConcern(actor('daniel'), { category: 'safety', description: 'Lone visits after dark.', urgency: 'high', route: 'psw' }));
    const pswBefore = psw.sentCount();
    const danielBefore = daniel.sentCount();
    await tick('2026-03-23T09:59:00.000Z');
    assert.equal(psw.cards(pswBefore).map(textOf).filter((t) => t.includes('not been acknowledged')).length, 0, 'not before Monday 10:00');
    await tick('2026-03-23T10:00:00.000Z');
    const toPsw = psw.cards(pswBefore).map(textOf).filter((t) => t.includes('not been acknowledged'));
    assert.equal(toPsw.length, 1, toPsw.join('\n---\n'));
    assert.match(toPsw[0], /A concern raised 19 Mar 10:00 has not been acknowledged within 2 working days/);
    assert.match(toPsw[0], /Category: Safety/);
    assert.match(toPsw[0], /Urgency: High/);
    assert.doesNotMatch(toPsw[0], /Lone visits/, 'never the description');
    const toRaiser = daniel.cards(danielBefore).map(textOf).filter((t) => t.includes('followed up'));
    assert.equal(toRaiser.length, 1);
    assert.match(toRaiser[0], /Your concern has been followed up/);
    SEEN['concern-follow-up'] = true;
    const count = psw.sentCount();
    await tick('2026-03-23T10:05:00.000Z');
    assert.equal(psw.cards(count).map(textOf).filter((t) => t.includes('not been acknowledged')).length, 0, 'fires once');
    at(NOW);
  });
});
