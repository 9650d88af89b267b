/**
 * End to end: the REAL bot (src/main.ts startApp over HTTP, embedded Cosmos in a temp folder)
 * against the Microsoft 365 Agents Playground's own server, one Playground per person (each person
 * has their own Teams client; the bot keeps each one's conversation reference and serviceUrl, so a
 * proactive card reaches the right one). Everything goes through test/e2e/playgroundClient.ts.
 */
import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { findAction, icsProperties, openUrl, press, textOf } from '../adapters/teams/cardTools';
import { must, startBotApp, type BotApp } from './botApp';
import { outsiderOf, seedOrganisation } from './organisation';
import { asPerson, Playground, readPlaygroundFile, type PlaygroundConfigFile, type StreamedMessage } from './playgroundClient';

const ZONE = 'Europe/London';
const withCard = (verb: string) => (m: StreamedMessage) => m.cards.some((c) => findAction(c, verb) !== undefined);

describe('end to end: the real bot against the Agents Playground (HTTP + WebSocket API)', function () {
  this.timeout(60_000);

  let file: PlaygroundConfigFile;
  let app: BotApp;
  const pg: Record<'sam' | 'noah' | 'priya' | 'daniel' | 'rachel' | 'outsider', Playground> = {} as never;
  /** Each person's home card message (a card of theirs to press buttons "on"). */
  const home: Record<string, StreamedMessage> = {};
  let agreementId: string;
  let sessionId: string;
  let noteId: string;

  before(async () => {
    file = await readPlaygroundFile();
    app = await startBotApp((repos) => seedOrganisation(repos, file));
    const configs: [keyof typeof pg, PlaygroundConfigFile][] = [
      ['sam', asPerson(file, 'sam')],
      ['noah', asPerson(file, 'noah')],
      ['priya', asPerson(file, 'priya')],
      ['daniel', asPerson(file, 'daniel')],
      ['rachel', asPerson(file, 'rachel')],
      ['outsider', outsiderOf(file).config],
    ];
    const started = await Promise.all(configs.map(([, config]) => Playground.start({ botEndpoint: app.botEndpoint, config })));
    configs.forEach(([who], i) => (pg[who] = started[i]));
  });

  after(async () => {
    await Promise.all(Object.values(pg).map((p) => p?.close()));
    await app?.close();
  });

  const answer = async (who: keyof typeof pg, message: StreamedMessage, verb: string, typed: Record<string, string> = {}, card = message.cards[0]): Promise<unknown> => {
    const got = await pg[who].invoke(message.messageId, verb, press(card, verb, typed));
    assert.equal(got.type, 'application/vnd.microsoft.card.adaptive', `${verb} answered ${JSON.stringify(got).slice(0, 300)}`);
    return got.value;
  };

  it('install -> the home card, fitted to each person', async () => {
    await Promise.all(Object.values(pg).map((p) => p.install()));
    for (const who of Object.keys(pg) as (keyof typeof pg)[]) {
      home[who] = await pg[who].waitFor((m) => m.cards.length > 0, { what: `${who}'s home card` });
    }
    assert.match(textOf(home.sam.cards[0]), /Hello, Sam/);
    assert.ok(findAction(home.sam.cards[0], 'agreement.propose.form'), 'a supervisor may set up an agreement');
    assert.match(textOf(home.noah.cards[0]), /Hello, Noah/);
    assert.match(textOf(home.noah.cards[0]), /No supervision agreement yet/);
    assert.ok(!findAction(home.noah.cards[0], 'agreement.propose.form'));
    assert.match(textOf(home.outsider.cards[0]), /Hello, Zed/);
    // Imported by email only, linked on first contact through the Playground's mock Teams connector.
    assert.match(textOf(home.rachel.cards[0]), /Hello, Rachel/);
    const rachel = await app.read(async (repos) => must(await repos.people.get(file.tenantId, 'e2e-rachel')));
    assert.equal(rachel?.value.aadObjectId, asPerson(file, 'rachel').currentUser.aadObjectId);
    assert.equal(pg.sam.messages.filter((m) => m.cards.length > 0).length, 1, 'greeted once, though Teams announced the install twice');
  });

  it('set up an agreement and agree', async () => {
    const form = await answer('sam', home.sam, 'agreement.propose.form');
    const from = pg.noah.messages.length;
    const proposed = await answer('sam', home.sam, 'agreement.propose', { superviseeId: 'e2e-noah', employmentStart: DateTime.now().setZone(ZONE).minus({ days: 8 }).toISODate()!, nqsw: 'true', lineManagerIsRegisteredSocialWorker: 'true' }, form);
    assert.match(textOf(proposed), /Noah Patel/);

    const toAgree = await pg.noah.waitFor(withCard('agreement.agree'), { from, what: 'the card to agree' });
    assert.match(textOf(toAgree.cards[0]), /Sam Okafor/);
    const agreed = await answer('noah', toAgree, 'agreement.agree');
    assert.match(textOf(agreed), /Agreed by Noah Patel/);

    const stored = await app.read(async (repos) => must(await repos.agreements.listForPerson(file.tenantId, 'e2e-noah')));
    assert.equal(stored.length, 1);
    agreementId = stored[0].value.id;
    assert.equal(stored[0].value.status, 'active');
  });

  it('schedule, record, confirm, rate', async () => {
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
    await pg.sam.say('schedule');
    const form = await pg.sam.waitFor(withCard('session.schedule'), { what: 'the schedule card' });
    const from = pg.noah.messages.length;
    await answer('sam', form, 'session.schedule', { agreementId, scheduleDate: tomorrow, scheduleTime: '14:00', plannedMinutes: '90', mode: 'teams' });

    const invite = await pg.noah.waitFor(withCard('session.accept'), { from, what: 'the invite' });
    // The .ics invite goes with it: "Add to calendar" downloads it from the bot's own server (main.ts
    // wiring: locally, its loopback URL).
    const link = openUrl(invite.cards[0], 'Add to calendar');
    assert.ok(link !== undefined && link.startsWith(`${app.url}/ics/`), `a link to the bot: ${String(link)}`);
    const download = await fetch(link);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const ics = icsProperties(await download.text());
    const start = DateTime.fromISO(`${tomorrow}T14:00`, { zone: ZONE }).toUTC();
    assert.equal(ics('DTSTART'), start.toFormat("yyyyMMdd'T'HHmmss'Z'"));
    assert.equal(ics('DTEND'), start.plus({ minutes: 90 }).toFormat("yyyyMMdd'T'HHmmss'Z'"));
    assert.equal(ics('SUMMARY'), 'Supervision: Noah Patel with Sam Okafor');
    assert.equal(ics('LOCATION'), 'Microsoft Teams');
    const samFrom = pg.sam.messages.length;
    await answer('noah', invite, 'session.accept');
    const sessions = await app.read(async (repos) => must(await repos.sessions.listByAgreement(file.tenantId, agreementId)));
    sessionId = sessions[0].value.id;
    assert.ok(sessions[0].value.superviseeAcceptedAt, 'accepted');

    // The supervisor hears of the acceptance, on a card from which to record the session.
    const toRecord = await pg.sam.waitFor(withCard('session.recordHeld'), { from: samFrom, what: 'the card to record' });
    const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 }).toISODate()!;
    const noahFrom = pg.noah.messages.length;
    const recorded = await answer('sam', toRecord, 'session.recordHeld', { heldDate: yesterday, heldTime: '09:00', minutes: '95', uninterrupted: 'true', agenda: 'Caseload' });
    assert.match(textOf(recorded), /Recorded by Sam Okafor/);

    const toConfirm = await pg.noah.waitFor(withCard('session.confirm'), { from: noahFrom, what: 'the card to confirm' });
    const confirmed = await answer('noah', toConfirm, 'session.confirm');
    assert.match(textOf(confirmed), /Confirmed by Noah Patel/);
    const rated = await answer('noah', toConfirm, 'session.rate', { score: '5', comment: 'Really useful' }, confirmed);
    assert.match(textOf(rated), /Rated 5 out of 5 by Noah Patel/);

    const session = await app.read(async (repos) => must(await repos.sessions.get(file.tenantId, sessionId)));
    assert.equal(session?.value.status, 'held');
    assert.equal(session?.value.rating?.score, 5);
    assert.ok(session?.value.superviseeConfirmedAt);
  });

  it('write a reflection', async () => {
    const from = pg.noah.messages.length;
    await pg.noah.say('reflect');
    const form = await pg.noah.waitFor(withCard('note.write'), { from, what: 'the note card' });
    const saved = await answer('noah', form, 'note.write', { whatHappened: 'A difficult strategy meeting.', howIFelt: 'Unsure', whatILearned: 'Section 47 thresholds', whatNext: 'Read the guidance', visibility: 'private' });
    assert.match(textOf(saved), /A difficult strategy meeting\./);
    const notes = await app.read(async (repos) => must(await repos.notes.listByAuthor(file.tenantId, 'e2e-noah')));
    assert.equal(notes.length, 1);
    noteId = notes[0].value.id;
    assert.equal(notes[0].value.visibility, 'private');
  });

  it('raise a concern straight to the PSW, who acknowledges it', async () => {
    const from = pg.daniel.messages.length;
    await pg.daniel.say('concern');
    const form = await pg.daniel.waitFor(withCard('concern.raise'), { from, what: 'the concern card' });
    const pswFrom = pg.priya.messages.length;
    const raised = await answer('daniel', form, 'concern.raise', { category: 'safety', description: 'Lone visits after dark with no check-in.', urgency: 'high', route: 'psw' });
    assert.match(textOf(raised), /Principal Social Worker/);

    const toHandle = await pg.priya.waitFor(withCard('concern.acknowledge'), { from: pswFrom, what: "the PSW's card" });
    assert.match(textOf(toHandle.cards[0]), /Lone visits after dark/);
    const danielFrom = pg.daniel.messages.length;
    const acknowledged = await answer('priya', toHandle, 'concern.acknowledge');
    assert.match(textOf(acknowledged), /Acknowledged/);
    const update = await pg.daniel.waitFor((m) => m.cards.some((c) => /Acknowledged by Priya Shah/.test(textOf(c))), { from: danielFrom, what: 'the update' });
    assert.ok(update);
    for (const m of [...pg.sam.messages, ...pg.rachel.messages]) for (const c of m.cards) assert.doesNotMatch(textOf(c), /Lone visits/);
  });

  describe('forged submissions are refused and change nothing', () => {
    const refused = (card: unknown) => assert.match(textOf(card), /Nothing was changed/);

    it("card data naming another person's agreement, session or note", async () => {
      const before = await app.read(async (repos) => ({
        agreement: must(await repos.agreements.get(file.tenantId, agreementId))?.etag,
        session: must(await repos.sessions.get(file.tenantId, sessionId))?.etag,
      }));
      refused((await pg.rachel.invoke(home.rachel.messageId, 'agreement.end', { agreementId, endedOn: DateTime.now().setZone(ZONE).toISODate() })).value);
      refused((await pg.rachel.invoke(home.rachel.messageId, 'session.cancel', { sessionId, cancelReason: 'forged' })).value);
      const note = (await pg.rachel.invoke(home.rachel.messageId, 'note.read', { noteId })).value;
      assert.doesNotMatch(textOf(note), /strategy meeting|Section 47/);
      const after = await app.read(async (repos) => ({
        agreement: must(await repos.agreements.get(file.tenantId, agreementId))?.etag,
        session: must(await repos.sessions.get(file.tenantId, sessionId))?.etag,
      }));
      assert.deepEqual(after, before);
    });

    it('a rating from the supervisor, a session record from the supervisee', async () => {
      const before = await app.read(async (repos) => must(await repos.sessions.get(file.tenantId, sessionId))?.etag);
      refused((await pg.sam.invoke(home.sam.messageId, 'session.rate', { sessionId, score: '1' })).value);
      refused((await pg.noah.invoke(home.noah.messageId, 'session.recordHeld', { sessionId, heldDate: '2026-01-05', heldTime: '09:00', minutes: '30', uninterrupted: 'false' })).value);
      refused((await pg.noah.invoke(home.noah.messageId, 'session.reschedule', { sessionId, newDate: '2030-01-07', newTime: '10:00' })).value);
      assert.equal(await app.read(async (repos) => must(await repos.sessions.get(file.tenantId, sessionId))?.etag), before);
    });

    it('another tenant, whatever the card names', async () => {
      const before = await app.read(async (repos) => must(await repos.sessions.get(file.tenantId, sessionId))?.etag);
      const forged = await pg.outsider.invoke(home.outsider.messageId, 'session.recordHeld', { sessionId, tenantId: file.tenantId, heldDate: '2026-01-05', heldTime: '09:00', minutes: '90', uninterrupted: 'true' });
      refused(forged.value);
      const peek = await pg.outsider.invoke(home.outsider.messageId, 'agreement.show', { agreementId, tenantId: file.tenantId });
      assert.doesNotMatch(textOf(peek.value), /Noah Patel|Sam Okafor/);
      assert.equal(await app.read(async (repos) => must(await repos.sessions.get(file.tenantId, sessionId))?.etag), before);
    });
  });
});
