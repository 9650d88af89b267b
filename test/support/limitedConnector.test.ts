/**
 * The rate-limited connector is what the delivery tests and bench measure against: it must refuse
 * exactly what Teams would, or a sender could look fast by breaking the limits.
 */
import assert from 'node:assert/strict';
import { startLimitedConnector, type LimitedConnector } from './limitedConnector';

async function send(c: LimitedConnector, conversationId: string, tenantId: string, text: string) {
  const res = await fetch(`${c.serviceUrl}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', conversation: { id: conversationId, tenantId }, attachments: [{ text }] }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

describe('test support: a connector that enforces Teams send limits', () => {
  let connector: LimitedConnector;
  afterEach(() => connector.close());

  it('accepts 7 sends a second to one conversation and answers 429 with Retry-After beyond', async () => {
    connector = await startLimitedConnector();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => send(connector, 'a:one', 't1', `card ${i}`)));
    assert.equal(results.filter((r) => r.status === 200).length, 7);
    const refused = results.filter((r) => r.status === 429);
    assert.equal(refused.length, 3);
    assert.ok(refused.every((r) => Number(r.retryAfter) >= 1), JSON.stringify(refused));
    assert.equal(connector.throttled, 3);
    assert.equal(connector.peakConversation(1000), 7);
  });

  it('accepts 50 sends a second per tenant across conversations, and each tenant has its own budget', async () => {
    connector = await startLimitedConnector();
    const sends = [];
    for (let i = 0; i < 60; i++) sends.push(send(connector, `a:${i}`, 't1', 'x'));
    for (let i = 0; i < 20; i++) sends.push(send(connector, `b:${i}`, 't2', 'x'));
    const results = await Promise.all(sends);
    assert.equal(results.slice(0, 60).filter((r) => r.status === 200).length, 50);
    assert.equal(results.slice(60).filter((r) => r.status === 200).length, 20);
    assert.equal(connector.peak('t1', 1000), 50);
    assert.equal(connector.peak('t2', 1000), 20);
  });

  it('counts the same card to the same conversation twice as a duplicate, and fails sends on request', async () => {
    connector = await startLimitedConnector();
    connector.fail({ status: 503, code: 'ServiceUnavailable' }, 1);
    assert.equal((await send(connector, 'a:1', 't1', 'hello')).status, 503);
    assert.equal((await send(connector, 'a:1', 't1', 'hello')).status, 200);
    assert.equal((await send(connector, 'a:1', 't1', 'hello')).status, 200);
    assert.equal((await send(connector, 'a:2', 't1', 'hello')).status, 200);
    assert.equal(connector.duplicates(), 1);
    assert.equal(connector.faulted, 1);
  });
});
