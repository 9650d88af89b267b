/**
 * The Messenger over real HTTP: botbuilder's CloudAdapter sending to a Teams connector on loopback
 * that answers as Teams does, and every answer classified.
 */
import { strict as assert } from 'node:assert';
import { createBotHost } from '../../../src/adapters/http/botHost';
import { classifySendError, retryAfterMs, TeamsMessenger } from '../../../src/adapters/teams';
import { renderMessage } from '../../../src/adapters/cards';
import type { ProactiveMessage } from '../../../src/app/proactiveMessages';
import type { ConversationRecord } from '../../../src/domain/model';
import { reminderMessage } from '../../fakes/records';
import { startTeamsConnector, type TeamsConnector } from './teamsConnector';
import { captureLog } from '../../support/captureLog';

const reminder = reminderMessage();

describe('TeamsMessenger: proactive sends, classified (CloudAdapter over loopback HTTP)', () => {
  let connector: TeamsConnector;
  let messenger: TeamsMessenger;

  const conversation = (id: string, installed = true): ConversationRecord => ({
    tenantId: 't1',
    aadObjectId: 'aad-noah',
    conversationId: id,
    serviceUrl: connector.serviceUrl,
    botId: '28:bot',
    channelId: 'msteams',
    reference: {
      channelId: 'msteams',
      // A stale serviceUrl in the stored reference: the record's (refreshed) one must win.
      serviceUrl: 'http://127.0.0.1:9/stale/',
      conversation: { id, conversationType: 'personal', tenantId: 't1' },
      bot: { id: '28:bot', name: 'Supervision Bot' },
      user: { id: '29:noah', aadObjectId: 'aad-noah' },
    },
    installed,
    updatedAt: '2026-03-02T10:00:00.000Z',
  });

  before(async () => {
    connector = await startTeamsConnector();
    // The app's adapter: its proactive connector clients are made without azure's retry policy.
    const { adapter } = createBotHost({ mode: 'local' }, captureLog().log);
    messenger = new TeamsMessenger({ adapter, appId: '', render: (m) => renderMessage(m) });
  });

  after(async () => {
    await connector?.close();
  });

  it('Succeeded: the card reaches the conversation at the refreshed serviceUrl', async () => {
    const outcome = await messenger.sendToPerson(conversation('a:ok'), reminder);
    assert.equal(outcome.kind, 'succeeded');
    assert.ok(outcome.kind === 'succeeded' && typeof outcome.activityId === 'string');
    const [sent] = connector.sentTo('a:ok');
    const card = (sent.activity.attachments as { contentType: string; content: { body: unknown } }[])[0];
    assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(card.content), /Your supervision is due by/);
  });

  it('Throttled: one HTTP attempt (botbuilder does not retry it behind the pacer), with the longest Retry-After asked', async () => {
    connector.refuse('a:busy', { status: 429, code: 'Throttled', headers: { 'retry-after-ms': '1', 'retry-after': '30' } });
    const before = connector.requests.length;
    const outcome = await messenger.sendToPerson(conversation('a:busy'), reminder);
    assert.deepEqual(outcome, { kind: 'throttled', retryAfterMs: 30_000 });
    const attempts = connector.requests.slice(before).filter((r) => r.path.startsWith('/v3/conversations/a:busy/'));
    assert.equal(attempts.length, 1, 'one send: the connector client\'s retry policy is off for proactive sends');
  });

  for (const code of ['BotNotInConversationRoster', 'ConversationBlockedByUser', 'BotDisabledByAdmin']) {
    it(`RecipientNotFound: 403 ${code}, not retried`, async () => {
      connector.refuse(`a:${code}`, { status: 403, code });
      const before = connector.requests.length;
      assert.deepEqual(await messenger.sendToPerson(conversation(`a:${code}`), reminder), { kind: 'recipient-not-found' });
      assert.equal(connector.requests.length - before, 1);
    });
  }

  it('RecipientNotFound: 404 ConversationNotFound', async () => {
    connector.refuse('a:gone', { status: 404, code: 'ConversationNotFound' });
    assert.deepEqual(await messenger.sendToPerson(conversation('a:gone'), reminder), { kind: 'recipient-not-found' });
  });

  it('RecipientNotFound without a call when the app is recorded as removed', async () => {
    const before = connector.requests.length;
    assert.deepEqual(await messenger.sendToPerson(conversation('a:removed', false), reminder), { kind: 'recipient-not-found' });
    assert.equal(connector.requests.length, before);
  });

  it('Failed, not retryable: another 403, and 413 MessageSizeTooBig', async () => {
    connector.refuse('a:forbidden', { status: 403, code: 'Forbidden' });
    const forbidden = await messenger.sendToPerson(conversation('a:forbidden'), reminder);
    assert.equal(forbidden.kind, 'failed');
    assert.ok(forbidden.kind === 'failed' && forbidden.retryable === false && /403/.test(forbidden.reason));
    connector.refuse('a:big', { status: 413, code: 'MessageSizeTooBig' });
    const big = await messenger.sendToPerson(conversation('a:big'), reminder);
    assert.ok(big.kind === 'failed' && big.retryable === false && /MessageSizeTooBig/.test(big.reason));
  });

  it('Failed, retryable: a server error', async () => {
    // 501 is one the connector client does not retry itself, so the test stays quick.
    connector.refuse('a:broken', { status: 501, code: 'NotImplemented' });
    const outcome = await messenger.sendToPerson(conversation('a:broken'), reminder);
    assert.ok(outcome.kind === 'failed' && outcome.retryable === true);
  });

  it('Failed, not retryable: a kind no card exists for (nothing is sent)', async () => {
    const before = connector.requests.length;
    // Only a bug could pass one (the kinds are closed and the render exhaustive): it must not be sent.
    const outcome = await messenger.sendToPerson(conversation('a:ok'), { kind: 'no-such-card', data: {} } as unknown as ProactiveMessage);
    assert.ok(outcome.kind === 'failed' && outcome.retryable === false);
    assert.equal(connector.requests.length, before);
  });

  describe('classifySendError and retryAfterMs', () => {
    const now = Date.parse('2026-03-02T10:00:00.000Z');

    it('reads Retry-After in seconds or as an HTTP date, and the ms headers', () => {
      const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] });
      assert.equal(retryAfterMs(headers({ 'retry-after': '7' }), now), 7000);
      assert.equal(retryAfterMs(headers({ 'retry-after': 'Mon, 02 Mar 2026 10:00:45 GMT' }), now), 45_000);
      assert.equal(retryAfterMs(headers({ 'x-ms-retry-after-ms': '250' }), now), 250);
      assert.equal(retryAfterMs(headers({}), now), undefined);
      assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' }), now), undefined);
    });

    it('a network error (no status) is a retryable failure; a 429 without Retry-After waits a minute', () => {
      const network = classifySendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), now);
      assert.ok(network.kind === 'failed' && network.retryable === true && /ECONNREFUSED/.test(network.reason));
      assert.deepEqual(classifySendError({ statusCode: 429, response: { headers: { get: () => undefined } } }, now), { kind: 'throttled', retryAfterMs: 60_000 });
    });
  });
});
