/**
 * The outbox sender against a Bot Connector on loopback that enforces Teams' limits (the real
 * botbuilder CloudAdapter sending over HTTP, the real Cosmos repositories on the embedded server):
 * at the limits without a 429, a 429 storm pausing the tenant for its Retry-After, 5xx bursts
 * retried, 403/404 final, two instances sending to one tenant, and fairness between tenants.
 */
import { strict as assert } from 'node:assert';
import { SENDER_LEASE_PREFIX } from '../../../src/adapters/scheduler';
import { startDeliveryWorld, type DeliveryWorld } from '../../support/deliveryWorld';

const A = 'tenant-a';
const B = 'tenant-b';

/** Polls until every queued entry is finished (sent, failed or unreachable). */
async function drained(world: DeliveryWorld, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let pending = 0;
    for (const tenantId of new Set([...world.queued.values()].map((q) => q.tenantId))) {
      const ready = await world.repos.outbox.listReady(tenantId, '9999-12-31T00:00:00.000Z', 1);
      if (!ready.ok) throw new Error(ready.error.message);
      pending += ready.value.length;
    }
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained in ${timeoutMs} ms: ${world.connector.accepted.length} accepted`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const statusOf = async (world: DeliveryWorld, tenantId: string, id: string) => {
  const got = await world.repos.outbox.get(tenantId, id);
  if (!got.ok || got.value === null) throw new Error(`no entry ${id}`);
  return got.value.value;
};

describe('outbox sender (limited Bot Connector on loopback, embedded Cosmos)', function () {
  this.timeout(20_000);
  let world: DeliveryWorld | undefined;

  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('sends a backlog at the limits: every message once, within 50/s per tenant and 7/s per conversation, no 429', async () => {
    world = await startDeliveryWorld([{ tenantId: A, people: 60 }]);
    await world.queue(A, 240, 60);
    const started = Date.now();
    world.instance();
    await world.connector.waitForAccepted(240, 15_000);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(world.connector.duplicates(), 0);
    assert.equal(world.connector.throttled, 0, 'the pacer kept within every window');
    assert.ok(world.connector.peak(A, 1000) <= 50, `peak ${world.connector.peak(A, 1000)} in a second`);
    assert.ok(world.connector.peakConversation(1000) <= 7);
    assert.ok(world.connector.peakConversation(2000) <= 8);
    // 240 at 50/s is 4.8 s of sending after the 2 s take-over wait; one at a time (the old delivery) takes far longer under load.
    assert.ok(seconds < 14, `240 sent in ${seconds.toFixed(1)} s`);
    await drained(world, 5_000);
    assert.equal((await statusOf(world, A, 'bench-tenant-a-0')).status, 'sent');
  });

  it('a 429 storm: the whole tenant waits the Retry-After each time, one request per send, then everything goes once', async () => {
    world = await startDeliveryWorld([{ tenantId: A, people: 10 }]);
    world.connector.failTenant({ status: 429, code: 'TooManyRequests', headers: { 'retry-after': '1' } }, 3, A);
    await world.queue(A, 20, 10);
    world.instance({ concurrency: 1 });
    await world.connector.waitForAccepted(20, 15_000);
    await drained(world, 5_000);
    assert.equal(world.connector.duplicates(), 0);
    const storms = world.connector.refused.filter((r) => r.status === 429);
    assert.equal(storms.length, 3, 'each refusal was one request: no retry inside the send');
    for (const r of storms) {
      const next = world.connector.accepted.find((a) => a.at > r.at) ?? world.connector.refused.find((x) => x.at > r.at);
      assert.ok(next !== undefined && next.at - r.at >= 950, `the tenant waited ${next === undefined ? '?' : next.at - r.at} ms after a 429 asking 1 s`);
    }
    const retried = await Promise.all([...world.queued.keys()].map((id) => statusOf(world as DeliveryWorld, A, id)));
    assert.equal(retried.filter((e) => (e.retries ?? 0) > 0).length, 3, 'the throttled ones are counted as retried');
    assert.ok(retried.every((e) => e.status === 'sent'));
  });

  it('5xx bursts (502, 503, 504) and a 412 are retried with backoff until sent', async () => {
    world = await startDeliveryWorld([{ tenantId: A, people: 20 }]);
    for (const status of [502, 503, 504, 412]) world.connector.failTenant({ status, code: `E${status}` }, 2, A);
    await world.queue(A, 40, 20);
    world.instance({ delivery: { baseBackoffMs: 200, maxBackoffMs: 1_000 } });
    await world.connector.waitForAccepted(40, 15_000);
    await drained(world, 5_000);
    assert.equal(world.connector.faulted, 8);
    assert.equal(world.connector.duplicates(), 0);
    const entries = await Promise.all([...world.queued.keys()].map((id) => statusOf(world as DeliveryWorld, A, id)));
    assert.ok(entries.every((e) => e.status === 'sent'));
    assert.equal(
      entries.reduce((n, e) => n + (e.retries ?? 0), 0),
      8,
    );
  });

  it('403 (blocked) and 404 are final: the person is marked unreachable and not tried again', async () => {
    world = await startDeliveryWorld([{ tenantId: A, people: 10 }]);
    world.connector.fail({ status: 403, code: 'ConversationBlockedByUser' }, 1, 'a:tenant-a:p3');
    world.connector.fail({ status: 404, code: 'ConversationNotFound' }, 1, 'a:tenant-a:p4');
    // Two reminders each: the second to p3/p4 must not reach the service once they are marked.
    await world.queue(A, 20, 10);
    world.instance({ concurrency: 1 });
    await world.connector.waitForAccepted(16, 15_000);
    await drained(world, 5_000);
    assert.equal(world.connector.faulted, 2, 'one refusal each; nothing more was tried for them');
    for (const person of [3, 4]) {
      for (const i of [person, person + 10]) assert.equal((await statusOf(world, A, `bench-tenant-a-${i}`)).status, 'recipient-not-found');
      const conversation = await world.repos.conversations.get(A, `aad-${person}`);
      assert.equal(conversation.ok && conversation.value?.value.installed, false);
    }
    assert.equal(world.connector.accepted.length, 16);
  });

  it('two instances, one tenant: one sends under the lease, the sum stays within the limit, nothing twice; the other takes over', async () => {
    world = await startDeliveryWorld([{ tenantId: A, people: 100 }]);
    await world.queue(A, 300, 100);
    const first = world.instance({ surveyEveryMs: 200, leaseTtlMs: 2_000 });
    const second = world.instance({ surveyEveryMs: 200, leaseTtlMs: 2_000 });
    await world.connector.waitForAccepted(100, 10_000);
    const holders = [first, second].filter((i) => i.sender.tenants().includes(A));
    assert.equal(holders.length, 1, 'exactly one instance sends for the tenant');
    const lease = await world.store.database.container('leases').item(`${SENDER_LEASE_PREFIX}${A}`, '_system').read<{ holder: string }>();
    assert.equal(lease.resource?.holder, holders[0].sender.holder);
    // The holder stops (releasing its lease): the other takes over at its next survey.
    await holders[0].sender.stop();
    await world.connector.waitForAccepted(300, 15_000);
    await drained(world, 5_000);
    const other = holders[0] === first ? second : first;
    assert.deepEqual(other.sender.tenants(), [A]);
    assert.equal(world.connector.duplicates(), 0);
    assert.ok(world.connector.peak(A, 1000) <= 50, `peak ${world.connector.peak(A, 1000)}`);
    assert.equal(world.connector.throttled, 0);
  });

  it('fair between tenants: a small tenant is not held behind a large backlog, nor slowed when the other is throttled', async function () {
    this.timeout(45_000);
    world = await startDeliveryWorld([
      { tenantId: A, people: 100 },
      { tenantId: B, people: 40 },
    ]);
    await world.queue(A, 300, 100);
    await world.queue(B, 80, 40);
    // A is refused for a while (a 429 storm asking 2 s each time); B must go at its own pace regardless.
    world.connector.failTenant({ status: 429, code: 'TooManyRequests', headers: { 'retry-after': '2' } }, 20, A);
    const started = Date.now();
    world.instance();
    await world.connector.waitForAccepted(80, 10_000);
    const bSends = world.connector.accepted.filter((a) => a.tenantId === B);
    const bDone = Math.max(...bSends.map((a) => a.at)) - started;
    const aSoFar = world.connector.accepted.filter((a) => a.tenantId === A).length;
    assert.equal(bSends.length >= 60, true, `B had ${bSends.length} of 80 through while A was throttled`);
    // The storm is 20 refusals, not a time: the pacer probes a paused tenant with at most 3 sends
    // (sendPacer's BURST) per 2 s Retry-After, so A is refused for up to 7 pauses (14 s) before its
    // 300 go at 50/s (6 s).
    await world.connector.waitForAccepted(380, 30_000);
    const bLast = Math.max(...world.connector.accepted.filter((a) => a.tenantId === B).map((a) => a.at)) - started;
    // 80 at 50/s is 1.6 s after the 2 s take-over wait; A's 300 take at least 6 s (and A was paused 2 s at a time).
    assert.ok(bLast < 6_000, `B finished ${bLast} ms after the start (first 80 accepted by ${bDone} ms, A had ${aSoFar})`);
    assert.ok(world.connector.peak(A, 1000) <= 50 && world.connector.peak(B, 1000) <= 50);
    assert.equal(world.connector.duplicates(), 0);
    assert.equal(world.connector.throttled, 0, 'the only 429s were the storm');
  });
});
