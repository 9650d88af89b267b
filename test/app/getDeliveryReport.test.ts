/**
 * The admins' delivery report: per local day by outcome (sent, retried, failed, unreachable), the
 * backlog now, admins only (decided from the actor, as the tab's verified token names them), and
 * nothing of another tenant's outbox.
 */
import { strict as assert } from 'node:assert';
import { deliveryReport, getDeliveryReport } from '../../src/app/getDeliveryReport';
import type { OutboxEntry } from '../../src/app/ports';
import type { Instant } from '../../src/domain/model';
import { FakeOutbox } from '../fakes/ports';
import { reminderMessage } from '../fakes/records';
import { failure, okValue } from '../fakes/results';
import { NOW, T1, T2, world } from '../fakes/world';

let n = 0;
function entry(tenantId: string, status: OutboxEntry['status'], updatedAt: Instant, over: Partial<OutboxEntry> = {}): OutboxEntry {
  n++;
  return {
    id: `e-${n}`,
    tenantId,
    recipientAadObjectId: 'aad-x',
    kind: 'reminder',
    payload: status === 'pending' ? reminderMessage() : { kind: 'reminder', spent: true },
    notBefore: updatedAt,
    attempts: status === 'pending' ? 0 : 1,
    status,
    createdAt: updatedAt,
    updatedAt,
    ...over,
  };
}

describe('app/getDeliveryReport', () => {
  it('counts each finished message on its local day by outcome, the retried ones too, and the backlog now', async () => {
    const w = world();
    const outbox = new FakeOutbox();
    // NOW is Monday 2 March 10:00 GMT; 1 March 23:30 UTC is still 1 March in London (GMT in March).
    for (const e of [
      entry(T1, 'sent', '2026-03-02T09:00:00.000Z'),
      entry(T1, 'sent', '2026-03-02T09:01:00.000Z', { retries: 2 }),
      entry(T1, 'failed', '2026-03-02T09:02:00.000Z', { retries: 5 }),
      entry(T1, 'recipient-not-found', '2026-03-01T23:30:00.000Z'),
      entry(T1, 'sent', '2026-03-01T08:00:00.000Z'),
      entry(T1, 'sent', '2026-01-01T08:00:00.000Z'), // older than the two weeks shown
      entry(T1, 'pending', '2026-03-02T09:30:00.000Z'),
      entry(T1, 'pending', '2026-03-02T08:00:00.000Z'),
      entry(T1, 'pending', '2026-03-02T19:00:00.000Z'), // waiting for quiet hours to end: not due
      entry(T2, 'sent', '2026-03-02T09:00:00.000Z'),
      entry(T2, 'pending', '2026-03-02T09:00:00.000Z'),
    ]) {
      outbox.seed(e);
    }
    const view = okValue(await getDeliveryReport({ ...w.deps, outbox }, w.actor('admin'), {}, NOW));
    assert.equal(view.zone, 'Europe/London');
    assert.deepEqual(view.days, [
      { day: '2026-03-02', sent: 2, retried: 2, failed: 1, unreachable: 0 },
      { day: '2026-03-01', sent: 1, retried: 0, failed: 0, unreachable: 1 },
    ]);
    assert.deepEqual(view.backlog, { waiting: 3, due: 2, oldestDueAt: '2026-03-02T08:00:00.000Z' });
  });

  it('is for admins only: a PSW, a supervisor and a supervisee are refused', async () => {
    const w = world();
    const outbox = new FakeOutbox();
    for (const who of ['psw', 'sup1', 'nqsw'] as const) {
      failure(await getDeliveryReport({ ...w.deps, outbox }, w.actor(who), {}, NOW), 'NOT_AUTHORIZED');
    }
  });

  it('days in the organisation\'s zone: after midnight in New York is still the day before in UTC terms', () => {
    const view = deliveryReport([{ status: 'sent', notBefore: NOW, updatedAt: '2026-03-02T03:00:00.000Z' }], NOW, 'America/New_York');
    assert.deepEqual(view.days.map((d) => d.day), ['2026-03-01']);
  });
});
