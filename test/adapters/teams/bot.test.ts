import { strict as assert } from 'node:assert';
import { SHORTCUT_VERBS, TEXT_SHORTCUTS, VERB_DECLARATIONS, VERBS } from '../../../src/adapters/cards';
import { textOf, verbsOf } from './cardTools';
import { PEOPLE, startHarness, T1, type Harness } from './support';
import { startTeamsConnector } from './teamsConnector';

describe('Teams bot: routing, identity and onboarding (real HTTP, CloudAdapter, embedded Cosmos)', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    await h?.close();
  });

  describe('the route table', () => {
    it('has a route for every verb in VERBS, and every route is a verb', () => {
      const routed = Object.keys(VERB_DECLARATIONS).sort();
      assert.deepEqual(routed, [...VERBS].sort());
      for (const verb of VERBS) {
        assert.equal(typeof VERB_DECLARATIONS[verb].act, 'function', verb);
        assert.equal(typeof VERB_DECLARATIONS[verb].parse, 'function', verb);
      }
    });

    it('maps every text shortcut to a verb in VERBS', () => {
      assert.deepEqual(Object.keys(SHORTCUT_VERBS).sort(), TEXT_SHORTCUTS.map((s) => s.command).sort());
      for (const verb of Object.values(SHORTCUT_VERBS)) assert.ok((VERBS as readonly string[]).includes(verb), verb);
    });
  });

  describe('install', () => {
    it('stores the conversation reference and greets once with the home card fitted to the roles', async () => {
      const sam = h.user('sam');
      // Teams announces a personal install twice: installationUpdate and conversationUpdate, often at once.
      const [a, b] = await Promise.all([
        sam.install(),
        sam.turn({ type: 'conversationUpdate', membersAdded: [{ id: sam.teamsId }, { id: '28:supervision-bot' }] }),
      ]);
      assert.equal(a.reply.status, 200);
      assert.equal(b.reply.status, 200);
      const cards = [...a.sent, ...b.sent];
      assert.equal(cards.length, 1, 'greeted exactly once');
      const home = sam.cards()[0];
      assert.match(textOf(home), /Hello, Sam/);
      assert.ok(verbsOf(home).includes('agreement.propose.form'), 'a supervisor can set up an agreement');

      const kept = await h.repos.conversations.get(T1, PEOPLE.sam.aadObjectId as string);
      assert.ok(kept.ok && kept.value !== null);
      assert.equal(kept.value.value.conversationId, sam.conversationId);
      assert.equal(kept.value.value.serviceUrl, h.connector.serviceUrl);
      assert.equal(kept.value.value.installed, true);
    });

    it('greets a supervisee without the supervisor-only buttons', async () => {
      const daniel = h.user('daniel');
      const { sent } = await daniel.install();
      assert.equal(sent.length, 1);
      const home = daniel.cards()[0];
      assert.match(textOf(home), /Hello, Daniel/);
      assert.ok(!verbsOf(home).includes('agreement.propose.form'));
      assert.ok(verbsOf(home).includes('note.write.form'));
      assert.ok(verbsOf(home).includes('concern.raise.form'));
    });

    it('records an uninstall, and greets again on a reinstall', async () => {
      const rachel = h.user('rachel');
      assert.equal((await rachel.install()).sent.length, 1);
      assert.equal((await rachel.uninstall()).sent.length, 0);
      const removed = await h.repos.conversations.get(T1, PEOPLE.rachel.aadObjectId as string);
      assert.ok(removed.ok && removed.value !== null);
      assert.equal(removed.value.value.installed, false);
      h.clock.set('2026-03-02T10:05:00.000Z');
      assert.equal((await rachel.install()).sent.length, 1);
      const back = await h.repos.conversations.get(T1, PEOPLE.rachel.aadObjectId as string);
      assert.equal(back.ok && back.value?.value.installed, true);
    });

    it('refreshes the serviceUrl from any activity, and writes only when it changed', async () => {
      const sam = h.user('sam');
      const before = await h.repos.conversations.get(T1, PEOPLE.sam.aadObjectId as string);
      assert.ok(before.ok && before.value !== null);
      await sam.say('home');
      const same = await h.repos.conversations.get(T1, PEOPLE.sam.aadObjectId as string);
      assert.equal(same.ok && same.value?.etag, before.value.etag, 'unchanged: not rewritten');

      // Teams moved the tenant: the activity carries a new serviceUrl, and the reply goes there.
      const elsewhere = await startTeamsConnector();
      try {
        await sam.post(sam.activity({ type: 'message', text: 'home', serviceUrl: elsewhere.serviceUrl }));
        assert.equal(elsewhere.sent.length, 1);
        const after = await h.repos.conversations.get(T1, PEOPLE.sam.aadObjectId as string);
        assert.equal(after.ok && after.value?.value.serviceUrl, elsewhere.serviceUrl);
        assert.equal(after.ok && (after.value?.value.reference as { serviceUrl?: string }).serviceUrl, elsewhere.serviceUrl);
      } finally {
        await elsewhere.close();
      }
      // Put it back for the other tests.
      await sam.say('home');
      const restored = await h.repos.conversations.get(T1, PEOPLE.sam.aadObjectId as string);
      assert.equal(restored.ok && restored.value?.value.serviceUrl, h.connector.serviceUrl);
    });

    it('links a person imported by email the first time they talk (TeamsInfo.getMember)', async () => {
      const leah = h.user('leah', { aadObjectId: 'aad-leah-from-teams' });
      const { sent } = await leah.install();
      assert.equal(sent.length, 1);
      assert.match(textOf(leah.cards()[0]), /Hello, Leah/);
      assert.ok(h.connector.requests.some((r) => r.method === 'GET' && r.path === `/v3/conversations/${leah.conversationId}/members/${leah.teamsId}`));
      const linked = await h.repos.people.get(T1, 'leah');
      assert.equal(linked.ok && linked.value?.value.aadObjectId, 'aad-leah-from-teams');
    });

    it('tells someone not on the staff list so, and links nobody', async () => {
      h.connector.members.set('29:stranger', { id: '29:stranger', aadObjectId: 'aad-stranger', name: 'A Stranger', email: 'stranger@elsewhere.example' });
      const stranger = h.user('sam', { aadObjectId: 'aad-stranger' });
      Object.assign(stranger, { teamsId: '29:stranger', conversationId: 'a:1on1-stranger' });
      const { sent } = await stranger.install();
      assert.equal(sent.length, 1);
      const card = stranger.cards()[0];
      assert.match(textOf(card), /staff list/);
      assert.ok(!verbsOf(card).includes('home.show'));
    });
  });

  describe('text', () => {
    it('opens each shortcut card on an exact match (trimmed, any case, leading bot mention removed)', async () => {
      const noah = h.user('noah');
      await noah.install();
      const [reflect] = await noah.say('  Reflect ');
      assert.ok(verbsOf(reflect).includes('note.write'), 'the note card');
      const [concern] = await noah.say('CONCERN');
      assert.ok(verbsOf(concern).includes('concern.raise'), 'the concern card');
      const [home] = await noah.say('home');
      assert.match(textOf(home), /Hello, Noah/);
      const [help] = await noah.say('help');
      assert.match(textOf(help), /I help you keep to the supervision standards/);

      const mentioned = await noah.turn({
        type: 'message',
        text: '<at>Supervision Bot</at> reflect',
        entities: [{ type: 'mention', text: '<at>Supervision Bot</at>', mentioned: { id: '28:supervision-bot', name: 'Supervision Bot' } }],
      });
      assert.equal(mentioned.sent.length, 1);
      assert.ok(verbsOf(mentioned.sent[0].activity.attachments && (mentioned.sent[0].activity.attachments as { content: unknown }[])[0].content).includes('note.write'));
    });

    it('`schedule` from someone who supervises no one says why, instead of a form with no one to choose', async () => {
      const noah = h.user('noah');
      const [card] = await noah.say('schedule');
      assert.ok(!verbsOf(card).includes('session.schedule'), 'no schedule form');
      assert.match(textOf(card), /A supervisor schedules sessions with the people they supervise under an active agreement, and you have no one to schedule with\./);
      assert.match(textOf(card), /Nothing was changed\./);
    });

    it('never routes on a substring: anything else gets the help card, once', async () => {
      const noah = h.user('noah');
      const cards = await noah.say('I have a concern about my caseload');
      assert.equal(cards.length, 1);
      assert.match(textOf(cards[0]), /I did not understand/);
      assert.ok(!verbsOf(cards[0]).includes('concern.raise'), 'not the concern form');
    });

    it('keeps supervision out of group chats', async () => {
      const sam = h.user('sam');
      const before = h.connector.sent.length;
      await sam.post(sam.activity({ type: 'message', text: 'home', conversation: { id: '19:group', conversationType: 'groupChat', isGroup: true, tenantId: T1 } }));
      const sent = h.connector.sent.slice(before);
      assert.equal(sent.length, 1);
      assert.equal(sent[0].conversationId, '19:group');
      assert.equal(sent[0].activity.attachments, undefined, 'no card in the group');
      assert.match(String(sent[0].activity.text), /1:1 chat/);
    });
  });

  describe('card actions', () => {
    it('answers an unknown verb with an error card, changing nothing', async () => {
      const card = await h.user('noah').invoke('agreement.delete', { agreementId: 'x' });
      assert.match(textOf(card), /not one I know/);
      assert.match(textOf(card), /Nothing was changed/);
    });

    it('refuses a card that names nothing to act on, with an error card', async () => {
      const card = await h.user('noah').invoke('session.cancel', { cancelReason: 'no session named' });
      assert.match(textOf(card), /Nothing was changed/);
      assert.ok(!verbsOf(card).includes('session.cancel'), 'no "try again" for a card that cannot work');
    });

    it('refreshes the serviceUrl from a card action too', async () => {
      const noah = h.user('noah');
      const elsewhere = await startTeamsConnector();
      try {
        await noah.post(noah.activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'home.show', data: {} } }, serviceUrl: elsewhere.serviceUrl }));
        const moved = await h.repos.conversations.get(T1, PEOPLE.noah.aadObjectId as string);
        assert.equal(moved.ok && moved.value?.value.serviceUrl, elsewhere.serviceUrl);
        assert.equal(elsewhere.sent.length, 0, 'an invoke is answered in its response, nothing is posted');
      } finally {
        await elsewhere.close();
        await h.user('noah').say('home');
      }
    });

    it('answers a malformed invoke (no action) with an error card, not a failure', async () => {
      const noah = h.user('noah');
      const { reply } = await noah.turn({ type: 'invoke', name: 'adaptiveCard/action', value: { trigger: 'manual' } });
      assert.equal(reply.status, 200);
      const body = reply.body as { value: unknown };
      assert.match(textOf(body.value), /not one I know/);
    });

    it('routes an Action.Submit (a message with a value) the same way and updates its card in place', async () => {
      const noah = h.user('noah');
      const { sent } = await noah.turn({ type: 'message', replyToId: 'card-77', value: { verb: 'home.show' } });
      assert.equal(sent.length, 1);
      assert.equal(sent[0].method, 'PUT');
      assert.equal(sent[0].activityId, 'card-77');
      assert.match(textOf((sent[0].activity.attachments as { content: unknown }[])[0].content), /Hello, Noah/);
    });
  });
});
