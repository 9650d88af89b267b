/**
 * The Notifier and the outbox delivery on the real Cosmos repositories (embedded server) and a Teams
 * connector on loopback: deterministic ids, one send per notification, claims, retries with backoff
 * with a pacer (a 429 pauses the tenant; one HTTP attempt per send), quiet hours, and no card data kept once delivered.
 */
import { strict as assert } from 'node:assert';
import { notificationId } from '../../src/app/outboxNotifier';
import type { OutboxEntry } from '../../src/app/ports';
import type { Notification } from '../../src/app/proactiveMessages';
import { reminderMessage } from '../fakes/records';
import { must, NOW, SETTINGS, startHarness, T1, type Harness, type TeamsUser } from '../adapters/teams/support';

const concernUpdate = (status: 'raised' | 'acknowledged', concernId = 'c-1'): Notification => ({
  kind: 'concern-update',
  data: {
    concernId,
    zone: 'Europe/London',
    raisedBy: { id: 'daniel', name: 'Daniel Evans' },
    category: 'workload',
    description: 'Forty cases and rising.',
    urgency: 'high',
    route: 'psw',
    status,
    handler: { id: 'psw', name: 'Priya Shah' },
    history: [{ status: 'raised', by: { id: 'daniel', name: 'Daniel Evans' }, at: NOW }],
    raisedAt: NOW,
    assignees: [],
    youCan: { acknowledge: false, assign: false, resolve: false },
  },
});

describe('OutboxNotifier and OutboxDelivery (embedded Cosmos, loopback connector)', () => {
  let h: Harness;
  let daniel: TeamsUser;

  /** Added to the pacer's real clock: a test moves it past the pause a 429 put on the tenant. */
  let pacingSkewMs = 0;

  before(async () => {
    h = await startHarness({ delivery: { baseBackoffMs: 60_000, maxAttempts: 3 }, pacingNowMs: () => performance.now() + pacingSkewMs });
    daniel = h.user('daniel');
    await daniel.install();
  });

  after(async () => {
    await h?.close();
  });

  const entry = async (id: string): Promise<OutboxEntry> => {
    const got = must(await h.repos.outbox.get(T1, id));
    assert.ok(got, `outbox entry ${id}`);
    return got.value;
  };

  it('queues a notification under a deterministic id, sends it at once, and keeps no card data after', async () => {
    const message = concernUpdate('raised');
    const before = daniel.sentCount();
    must(await h.app.notifier.notify(T1, 'daniel', message));
    assert.equal(daniel.sentCount() - before, 1);
    assert.match(JSON.stringify(daniel.cards(before)[0]), /Forty cases and rising/);
    const sent = await entry(notificationId(T1, 'daniel', message));
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
    assert.deepEqual(sent.payload, { kind: 'concern-update', spent: true }, 'the concern text is not kept in the outbox');

    // The same notification again (a double press, a retried turn): nothing more is sent.
    must(await h.app.notifier.notify(T1, 'daniel', message));
    assert.equal(daniel.sentCount() - before, 1);
    // A different one is a different entry.
    assert.notEqual(notificationId(T1, 'daniel', concernUpdate('acknowledged')), notificationId(T1, 'daniel', message));
  });

  it('queues nothing for someone not linked to Teams yet', async () => {
    const before = h.connector.sent.length;
    must(await h.app.notifier.notify(T1, 'leah', concernUpdate('raised')));
    assert.equal(must(await h.repos.outbox.get(T1, notificationId(T1, 'leah', concernUpdate('raised')))), null);
    assert.equal(h.connector.sent.length, before);
  });

  it('throttled: re-queued for the Retry-After asked, the whole tenant paused as long, then sent by the tick', async () => {
    h.connector.refuse(daniel.conversationId, { status: 429, code: 'Throttled', headers: { 'retry-after-ms': '1', 'retry-after': '120' } }, 1);
    const message = concernUpdate('acknowledged');
    const id = notificationId(T1, 'daniel', message);
    const before = daniel.sentCount();
    const requests = h.connector.requests.length;
    must(await h.app.notifier.notify(T1, 'daniel', message));
    assert.equal(daniel.sentCount(), before);
    assert.equal(h.connector.requests.length - requests, 1, 'one HTTP attempt: botbuilder does not retry it behind the pacer');
    // Another notification to the same tenant waits too: Teams throttles the tenant, not a message.
    const other = concernUpdate('raised', 'c-paused');
    must(await h.app.notifier.notify(T1, 'daniel', other));
    assert.equal(h.connector.requests.length - requests, 1, 'nothing more is sent to the paused tenant');
    assert.equal((await entry(notificationId(T1, 'daniel', other))).attempts, 0, 'left in the outbox for the sender');
    pacingSkewMs += 121_000;
    // Once the pause is over, the tick sends the one that waited (daniel's throttled one is not due yet).
    assert.equal(must(await h.app.deliverOutbox(NOW)).sent, 1);
    const afterPause = daniel.sentCount();
    assert.equal(afterPause - before, 1);
    const waiting = await entry(id);
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.attempts, 1);
    assert.match(String(waiting.lastOutcome), /throttled/);
    assert.equal(Date.parse(waiting.notBefore) - Date.parse(NOW), 120_000, 'the Retry-After asked (120 s)');

    // Not yet due: the tick leaves it alone.
    must(await h.app.deliverOutbox('2026-03-02T10:01:00.000Z'));
    assert.equal(daniel.sentCount(), afterPause);
    const report = must(await h.app.deliverOutbox('2026-03-02T10:02:00.000Z'));
    assert.equal(report.sent, 1);
    assert.equal(daniel.sentCount() - afterPause, 1);
    const done = await entry(id);
    assert.equal(done.status, 'sent');
    assert.equal(done.attempts, 2);
  });

  it('gives up after maxAttempts sends of a retryable failure, with growing backoff', async () => {
    const rachel = h.user('rachel');
    await rachel.install();
    h.connector.refuse(rachel.conversationId, { status: 501, code: 'NotImplemented' });
    const message = concernUpdate('raised', 'c-2');
    const id = notificationId(T1, 'rachel', message);
    must(await h.app.notifier.notify(T1, 'rachel', message));
    const first = await entry(id);
    assert.equal(first.status, 'pending');
    assert.equal(Date.parse(first.notBefore) - Date.parse(NOW), 60_000);
    must(await h.app.deliverOutbox(first.notBefore));
    const second = await entry(id);
    assert.equal(second.status, 'pending');
    assert.equal(Date.parse(second.notBefore) - Date.parse(first.notBefore), 120_000, 'doubled');
    must(await h.app.deliverOutbox(second.notBefore));
    const third = await entry(id);
    assert.equal(third.status, 'failed');
    assert.equal(third.attempts, 3);
    assert.deepEqual(third.payload, { kind: 'concern-update', spent: true });
  });

  it('recipient not found: recorded, and the person marked unreachable until they install again', async () => {
    const sam = h.user('sam');
    await sam.install();
    h.connector.refuse(sam.conversationId, { status: 403, code: 'ConversationBlockedByUser' }, 1);
    const message = concernUpdate('raised', 'c-3');
    must(await h.app.notifier.notify(T1, 'sam', message));
    assert.equal((await entry(notificationId(T1, 'sam', message))).status, 'recipient-not-found');
    const conversation = must(await h.repos.conversations.get(T1, 'aad-sam'));
    assert.equal(conversation?.value.installed, false);

    // Nothing else is tried meanwhile...
    const before = h.connector.requests.length;
    const next = concernUpdate('raised', 'c-4');
    must(await h.app.notifier.notify(T1, 'sam', next));
    assert.equal(h.connector.requests.length, before);
    // ...until they come back.
    h.clock.set('2026-03-02T10:30:00.000Z');
    const back = await sam.install();
    assert.equal(back.sent.length, 1, 'greeted again');
    assert.equal(must(await h.repos.conversations.get(T1, 'aad-sam'))?.value.installed, true);
    h.clock.set(NOW);
  });

  it('a reinstall while a send is failing keeps the fresh reference, and the message is queued again for it', async () => {
    const noah = h.user('noah');
    await noah.install();
    const read = must(await h.repos.conversations.get(T1, 'aad-noah'));
    assert.ok(read !== null && read.value.installed);
    // Teams answers 404 for the old address; before that answer arrives, Noah installs the app again.
    h.connector.refuse(
      noah.conversationId,
      {
        status: 404,
        code: 'ConversationNotFound',
        during: async () => {
          h.clock.set('2026-03-02T10:20:00.000Z');
          assert.equal((await noah.install()).reply.status, 200);
        },
      },
      1,
    );
    try {
      const message = concernUpdate('raised', 'c-5');
      const id = notificationId(T1, 'noah', message);
      const before = noah.sentCount();
      must(await h.app.notifier.notify(T1, 'noah', message));
      assert.equal(noah.sentCount(), before, 'the first send was refused');

      const kept = must(await h.repos.conversations.get(T1, 'aad-noah'));
      assert.equal(kept?.value.installed, true, 'the reinstall is not undone');
      assert.equal(kept?.value.updatedAt, '2026-03-02T10:20:00.000Z', 'the fresh reference is the one kept');
      const queued = await entry(id);
      assert.equal(queued.status, 'pending', 'not given up');
      assert.equal(queued.attempts, 1);
      assert.equal(queued.notBefore, NOW, 'due again at once');
      assert.match(String(queued.lastOutcome), /reinstalled during the send/);
      assert.ok('data' in queued.payload, 'the card is kept until it is delivered');

      const report = must(await h.app.deliverOutbox(NOW));
      assert.equal(report.sent, 1);
      assert.equal(noah.sentCount() - before, 1);
      assert.match(JSON.stringify(noah.cards(before)[0]), /Forty cases and rising/);
      const done = await entry(id);
      assert.equal(done.status, 'sent');
      assert.equal(done.attempts, 2);
    } finally {
      h.clock.set(NOW);
    }
  });

  it('a fresh reference to another conversation written during the failing send: that is where the message goes next', async () => {
    const psw = h.user('psw');
    await psw.install();
    const read = must(await h.repos.conversations.get(T1, 'aad-psw'));
    assert.ok(read !== null);
    const fresh = {
      ...read.value,
      conversationId: 'a:1on1-psw-new',
      reference: { ...read.value.reference, conversation: { id: 'a:1on1-psw-new', conversationType: 'personal', tenantId: T1 } },
    };
    const during = async () => void must(await h.repos.conversations.upsert(fresh));
    h.connector.refuse(psw.conversationId, { status: 404, code: 'ConversationNotFound', during }, 1);

    const message = concernUpdate('raised', 'c-6');
    const id = notificationId(T1, 'psw', message);
    must(await h.app.notifier.notify(T1, 'psw', message));
    // Same clock, same serviceUrl: the other conversation alone tells that the reference was renewed.
    assert.deepEqual(must(await h.repos.conversations.get(T1, 'aad-psw'))?.value, fresh);
    assert.equal((await entry(id)).status, 'pending');

    const before = h.connector.sentTo('a:1on1-psw-new').length;
    assert.equal(must(await h.app.deliverOutbox(NOW)).sent, 1);
    assert.equal(h.connector.sentTo('a:1on1-psw-new').length - before, 1);
    assert.equal((await entry(id)).status, 'sent');
  });

  it('a write during the failing send that renews nothing: the mark is made again under the fresh etag', async () => {
    await h.user('psw').install();
    const read = must(await h.repos.conversations.get(T1, 'aad-psw'));
    assert.ok(read !== null && read.value.installed);
    let rewrittenEtag = '';
    const during = async () => {
      // The same record written again (no new facts): only the etag moves.
      must(await h.repos.conversations.upsert(read.value));
      rewrittenEtag = must(await h.repos.conversations.get(T1, 'aad-psw'))?.etag ?? '';
    };
    h.connector.refuse(read.value.conversationId, { status: 403, code: 'BotNotInConversationRoster', during }, 1);

    const message = concernUpdate('raised', 'c-7');
    must(await h.app.notifier.notify(T1, 'psw', message));
    assert.notEqual(rewrittenEtag, '');
    assert.notEqual(rewrittenEtag, read.etag, 'the write in between did move the etag');
    const marked = must(await h.repos.conversations.get(T1, 'aad-psw'));
    assert.equal(marked?.value.installed, false);
    assert.notEqual(marked?.etag, rewrittenEtag);
    assert.equal((await entry(notificationId(T1, 'psw', message))).status, 'recipient-not-found');
  });

  it('two deliverers racing for one entry: it is sent once', async () => {
    const now = '2026-03-02T11:00:00.000Z';
    const e: OutboxEntry = {
      id: 'race-1',
      tenantId: T1,
      recipientAadObjectId: 'aad-daniel',
      kind: 'concern-update',
      payload: concernUpdate('raised'),
      notBefore: now,
      attempts: 0,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    };
    const created = must(await h.repos.outbox.create(e));
    const before = daniel.sentCount();
    const results = await Promise.all([h.app.delivery.deliverEntry(created, now), h.app.delivery.deliverEntry(created, now)]);
    assert.deepEqual([...results].sort(), ['sent', 'skipped']);
    assert.equal(daniel.sentCount() - before, 1);
  });

  it('holds a notification in quiet hours and the tick sends it when they end', async () => {
    must(await h.repos.organisations.save({ ...SETTINGS, quietHours: { start: '19:00', end: '08:00' } }, must(await h.repos.organisations.get(T1))?.etag));
    h.clock.set('2026-03-02T21:00:00.000Z');
    try {
      const message = concernUpdate('raised', 'c-night');
      const before = daniel.sentCount();
      must(await h.app.notifier.notify(T1, 'daniel', message));
      assert.equal(daniel.sentCount(), before, 'nothing at 21:00');
      const held = await entry(notificationId(T1, 'daniel', message));
      assert.equal(held.notBefore, '2026-03-03T08:00:00.000Z');
      must(await h.app.deliverOutbox('2026-03-03T08:00:00.000Z'));
      assert.equal(daniel.sentCount() - before, 1);
    } finally {
      must(await h.repos.organisations.save(SETTINGS, must(await h.repos.organisations.get(T1))?.etag));
      h.clock.set(NOW);
    }
  });

  it('delivers the reminder sweep’s messages with the cards adapter’s reminder card', async () => {
    const now = '2026-03-02T12:00:00.000Z';
    must(
      await h.repos.outbox.create({
        id: 'agr-9:reminder:2026-03-02:daniel',
        tenantId: T1,
        recipientAadObjectId: 'aad-daniel',
        kind: 'reminder',
        payload: reminderMessage({
          agreementId: 'agr-9',
          supervisee: { id: 'daniel', name: 'Daniel Evans' },
          supervisor: { id: 'rachel', name: 'Rachel Green' },
          nqsw: false,
          dueBy: '2026-04-01',
        }),
        notBefore: now,
        attempts: 0,
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      }),
    );
    const before = daniel.sentCount();
    const report = must(await h.app.deliverOutbox(now));
    assert.equal(report.sent, 1);
    assert.match(JSON.stringify(daniel.cards(before)[0]), /Your supervision is due by Wed 1 Apr/);
  });

  it('an entry stored before the messages were typed ({ template, data }) is marked failed with the reason, not sent', async () => {
    const now = '2026-03-02T12:30:00.000Z';
    const legacy = {
      id: 'legacy-1',
      tenantId: T1,
      recipientAadObjectId: 'aad-daniel',
      kind: 'supervision-reminder',
      payload: { template: 'supervision-reminder', data: { kind: 'reminder', agreementId: 'agr-9', recipientIs: 'supervisee' } },
      notBefore: now,
      attempts: 0,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    } as unknown as OutboxEntry;
    must(await h.repos.outbox.create(legacy));
    const before = daniel.sentCount();
    const report = must(await h.app.deliverOutbox(now));
    assert.equal(report.failed, 1);
    assert.equal(report.sent, 0);
    assert.equal(daniel.sentCount(), before, 'nothing is sent');
    const failed = await entry('legacy-1');
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 1, 'not retried');
    assert.match(String(failed.lastOutcome), /unreadable payload: a "supervision-reminder" message stored in the format before typed messages/);
    assert.ok(!('data' in failed.payload), 'its content is not kept');
    // The next run leaves it alone.
    assert.equal(must(await h.app.deliverOutbox('2026-03-02T13:30:00.000Z')).failed, 0);
  });
});
