import { strict as assert } from 'node:assert';
import { acknowledge, assign, raise, resolve, type NewConcern } from '../../src/domain/concern';
import type { Result } from '../../src/domain/result';

const NOW = '2026-03-02T10:00:00.000Z';
const LATER = '2026-03-02T11:00:00.000Z';
const input = (over: Partial<NewConcern> = {}): NewConcern => ({
  id: 'c1',
  tenantId: 't1',
  raisedById: 'nia',
  category: 'workload',
  description: 'My caseload is 34 families.',
  urgency: 'high',
  route: 'psw',
  ...over,
});
const who = { supervisorId: 'sam', pswIds: ['sam', 'priya'], raisersSupervisorIds: ['sam'] };
function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
function error<T>(r: Result<T>) {
  if (r.ok) assert.fail('expected a failure');
  return r.error;
}

describe('domain/concern', () => {
  it('routed to the PSW: handled by a PSW who does not supervise the raiser', () => {
    const c = value(raise(input(), who, NOW));
    assert.equal(c.handlerId, 'priya');
    assert.equal(c.status, 'raised');
    assert.deepEqual(c.history, [{ at: NOW, byId: 'nia', status: 'raised' }]);
  });

  it('routed to the supervisor: handled by the supervisor; refused when there is none', () => {
    assert.equal(value(raise(input({ route: 'supervisor' }), who, NOW)).handlerId, 'sam');
    const e = error(raise(input({ route: 'supervisor' }), { pswIds: ['priya'], raisersSupervisorIds: [] }, NOW));
    assert.equal(e.field, 'route');
  });

  it('refuses when no PSW can receive it', () => {
    assert.equal(error(raise(input(), { pswIds: ['sam'], raisersSupervisorIds: ['sam'] }, NOW)).field, 'route');
  });

  it('validates: description required and at most 4,000 characters; category, urgency, route from the lists', () => {
    assert.equal(value(raise(input({ description: 'x'.repeat(4000) }), who, NOW)).description.length, 4000);
    const long = error(raise(input({ description: 'x'.repeat(4001) }), who, NOW));
    assert.deepEqual([long.code, long.field], ['TEXT_TOO_LONG', 'description']);
    assert.equal(error(raise(input({ description: ' ' }), who, NOW)).field, 'description');
    assert.equal(error(raise(input({ category: 'pay' }), who, NOW)).field, 'category');
    assert.equal(error(raise(input({ urgency: 'now' }), who, NOW)).field, 'urgency');
    assert.equal(error(raise(input({ route: 'hr' }), who, NOW)).field, 'route');
  });

  it('raised -> acknowledged -> assigned -> resolved, every stage in the history; repeats change nothing', () => {
    const c = value(raise(input(), who, NOW));
    const ack = value(acknowledge(c, 'priya', LATER));
    assert.equal(ack.value.status, 'acknowledged');
    assert.equal(value(acknowledge(ack.value, 'priya', LATER)).changed, false);
    const assigned = value(assign(ack.value, 'priya', 'hr-lead', LATER));
    assert.equal(assigned.value.handlerId, 'hr-lead');
    assert.equal(value(assign(assigned.value, 'priya', 'hr-lead', LATER)).changed, false);
    const resolved = value(resolve(assigned.value, 'hr-lead', 'Caseload reduced to 22.', LATER));
    assert.equal(resolved.value.status, 'resolved');
    assert.deepEqual(
      resolved.value.history.map((e) => e.status),
      ['raised', 'acknowledged', 'assigned', 'resolved'],
    );
    assert.equal(value(resolve(resolved.value, 'hr-lead', 'Caseload reduced to 22.', LATER)).changed, false);
    assert.equal(error(resolve(resolved.value, 'hr-lead', 'Other', LATER)).code, 'ALREADY_DONE');
    assert.equal(error(assign(resolved.value, 'priya', 'x', LATER)).code, 'INVALID_TRANSITION');
    assert.equal(value(acknowledge(resolved.value, 'priya', LATER)).changed, false);
  });

  it('assigning a raised concern acknowledges it too; never to the raiser', () => {
    const c = value(raise(input(), who, NOW));
    const a = value(assign(c, 'priya', 'hr-lead', LATER)).value;
    assert.deepEqual(a.history.map((e) => e.status), ['raised', 'acknowledged', 'assigned']);
    assert.equal(error(assign(c, 'priya', 'nia', LATER)).field, 'assigneeId');
  });

  it('resolution is required and at most 4,000 characters', () => {
    const c = value(raise(input(), who, NOW));
    assert.equal(error(resolve(c, 'priya', '', LATER)).field, 'resolution');
    assert.equal(error(resolve(c, 'priya', 'x'.repeat(4001), LATER)).code, 'TEXT_TOO_LONG');
  });
});
