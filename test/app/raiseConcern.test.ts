import { strict as assert } from 'node:assert';
import type { RaiseConcern } from '../../src/app/commands';
import type { ConcernView } from '../../src/app/views';
import { T1, seedAgreement, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

const concern = (over: Partial<RaiseConcern> = {}): RaiseConcern => ({
  category: 'bullying',
  description: 'Comments in team meetings about my accent.',
  urgency: 'high',
  route: 'psw',
  ...over,
});

describe('app/raiseConcern, acknowledgeConcern, assignConcern, resolveConcern, getConcern, listConcerns', () => {
  it('straight to the PSW: the PSW gets the card, acknowledges, assigns, resolves; the raiser hears at every stage', async () => {
    const w = world();
    seedAgreement(w);
    const raised = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern()));
    assert.equal(raised.status, 'raised');
    assert.deepEqual(raised.handler, { id: 'psw', name: 'Priya Shah' });
    assert.equal(raised.youCan.acknowledge, false, 'the raiser does not handle it');
    assert.deepEqual(w.deps.notifier.sent.map((n) => [n.recipientId, n.message.kind]), [['psw', 'concern-to-handle']]);
    const pswCard = w.deps.notifier.sent[0].message.data as ConcernView;
    assert.equal(pswCard.youCan.acknowledge, true);
    assert.ok(!pswCard.assignees.some((p) => p.id === 'sup1'), "the raiser's supervisor is never offered");
    assert.ok(!pswCard.assignees.some((p) => p.id === 'nqsw'));
    assert.ok(pswCard.assignees.some((p) => p.id === 'admin'));
    w.deps.notifier.clear();

    const ack = okValue(await w.uc.acknowledgeConcern(w.actor('psw'), { concernId: raised.concernId }));
    assert.equal(ack.status, 'acknowledged');
    assert.deepEqual(w.deps.notifier.sent.map((n) => [n.recipientId, n.message.kind]), [['nqsw', 'concern-update']]);
    w.deps.notifier.clear();

    const assigned = okValue(await w.uc.assignConcern(w.actor('psw'), { concernId: raised.concernId, assigneeId: 'admin' }));
    assert.deepEqual(assigned.handler, { id: 'admin', name: 'Alex Adams' });
    assert.deepEqual(w.deps.notifier.sent.map((n) => [n.recipientId, n.message.kind]).sort(), [
      ['admin', 'concern-to-handle'],
      ['nqsw', 'concern-update'],
    ]);
    w.deps.notifier.clear();

    const resolved = okValue(await w.uc.resolveConcern(w.actor('admin'), { concernId: raised.concernId, resolution: 'Spoken to the team; training booked.' }));
    assert.equal(resolved.status, 'resolved');
    assert.deepEqual(resolved.history.map((e) => [e.status, e.by.name, e.assignedTo?.name ?? null]), [
      ['raised', 'Nia Quinn', null],
      ['acknowledged', 'Priya Shah', null],
      ['assigned', 'Priya Shah', 'Alex Adams'],
      ['resolved', 'Alex Adams', null],
    ]);
    assert.deepEqual(w.deps.notifier.sent.map((n) => [n.recipientId, n.message.kind]), [['nqsw', 'concern-update']]);
    const raiserView = w.deps.notifier.sent[0].message.data as ConcernView;
    assert.equal(raiserView.resolution, 'Spoken to the team; training booked.');
    assert.deepEqual(raiserView.youCan, { acknowledge: false, assign: false, resolve: false });
  });

  it("routed to the PSW, the raiser's supervisor never sees it: not by id, not in lists, not in the home count", async () => {
    const w = world();
    seedAgreement(w);
    const raised = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern()));
    failure(await w.uc.getConcern(w.actor('sup1'), { concernId: raised.concernId }), 'NOT_AUTHORIZED');
    failure(await w.uc.acknowledgeConcern(w.actor('sup1'), { concernId: raised.concernId }), 'NOT_AUTHORIZED');
    failure(await w.uc.resolveConcern(w.actor('sup1'), { concernId: raised.concernId, resolution: 'x' }), 'NOT_AUTHORIZED');
    const lists = okValue(await w.uc.listConcerns(w.actor('sup1'), {}));
    assert.equal(lists.raised.length + lists.handling.length, 0);
    assert.equal(okValue(await w.uc.getHome(w.actor('sup1'), {})).openConcerns, 0);
    assert.equal(w.deps.notifier.to('sup1').length, 0);
    failure(await w.uc.assignConcern(w.actor('psw'), { concernId: raised.concernId, assigneeId: 'sup1' }), 'INVALID_INPUT', 'assigneeId');
    assert.equal(w.deps.concerns.peek(T1, raised.concernId)?.status, 'raised');
  });

  it('routed to the supervisor: the supervisor handles it; the PSW does not see it', async () => {
    const w = world();
    seedAgreement(w);
    const raised = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern({ category: 'workload', route: 'supervisor', urgency: 'medium' })));
    assert.deepEqual(raised.handler, { id: 'sup1', name: 'Sam Patel' });
    assert.deepEqual(w.deps.notifier.sent.map((n) => n.recipientId), ['sup1']);
    failure(await w.uc.getConcern(w.actor('psw'), { concernId: raised.concernId }), 'NOT_AUTHORIZED');
    const handling = okValue(await w.uc.listConcerns(w.actor('sup1'), {}));
    assert.deepEqual(handling.handling.map((c) => c.concernId), [raised.concernId]);
    okValue(await w.uc.acknowledgeConcern(w.actor('sup1'), { concernId: raised.concernId }));
    assert.equal(okValue(await w.uc.getHome(w.actor('nqsw'), {})).openConcerns, 1);
  });

  it('other people, the raiser, and another tenant cannot act on it', async () => {
    const w = world();
    seedAgreement(w);
    const raised = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern()));
    failure(await w.uc.acknowledgeConcern(w.actor('nqsw'), { concernId: raised.concernId }), 'NOT_AUTHORIZED');
    failure(await w.uc.acknowledgeConcern(w.actor('sw2'), { concernId: raised.concernId }), 'NOT_AUTHORIZED');
    failure(await w.uc.getConcern(w.actor('sup2'), { concernId: raised.concernId }), 'NOT_AUTHORIZED');
    failure(await w.uc.acknowledgeConcern(w.actor('outsider'), { concernId: raised.concernId }), 'NOT_FOUND');
    w.deps.concerns.leakAcrossTenants = true;
    failure(await w.uc.resolveConcern(w.actor('outsider'), { concernId: raised.concernId, resolution: 'x' }), 'WRONG_TENANT');
    assert.equal(w.deps.concerns.peek(T1, raised.concernId)?.status, 'raised');
  });

  it('double presses: raising twice stores one; acknowledging or resolving twice changes nothing and tells nobody again', async () => {
    const w = world();
    seedAgreement(w);
    const a = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern()));
    const b = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern()));
    assert.equal(b.concernId, a.concernId);
    assert.equal(w.deps.concerns.all().length, 1);
    okValue(await w.uc.acknowledgeConcern(w.actor('psw'), { concernId: a.concernId }));
    okValue(await w.uc.acknowledgeConcern(w.actor('psw'), { concernId: a.concernId }));
    okValue(await w.uc.resolveConcern(w.actor('psw'), { concernId: a.concernId, resolution: 'Done.' }));
    okValue(await w.uc.resolveConcern(w.actor('psw'), { concernId: a.concernId, resolution: 'Done.' }));
    assert.deepEqual(w.deps.notifier.to('nqsw').map((n) => (n.message.kind === 'concern-update' ? n.message.data.status : n.message.kind)), ['acknowledged', 'resolved']);
  });

  it('a double click (both presses at once, before either is saved) raises one concern and tells the PSW once', async () => {
    const w = world();
    seedAgreement(w);
    const [a, b] = await Promise.all([w.uc.raiseConcern(w.actor('nqsw'), concern()), w.uc.raiseConcern(w.actor('nqsw'), concern())]);
    assert.equal(okValue(b).concernId, okValue(a).concernId);
    assert.equal(w.deps.concerns.all().length, 1);
    assert.equal(w.deps.notifier.to('psw').length, 1);
  });

  it('validation names the field: description up to 4,000 characters, category, route without a supervisor', async () => {
    const w = world();
    failure(await w.uc.raiseConcern(w.actor('nqsw'), concern({ description: 'x'.repeat(4001) })), 'TEXT_TOO_LONG', 'description');
    failure(await w.uc.raiseConcern(w.actor('nqsw'), concern({ description: '' })), 'INVALID_INPUT', 'description');
    failure(await w.uc.raiseConcern(w.actor('nqsw'), concern({ category: 'pay' as never })), 'INVALID_INPUT', 'category');
    failure(await w.uc.raiseConcern(w.actor('nqsw'), concern({ route: 'supervisor' })), 'INVALID_INPUT', 'route');
    okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern({ description: 'x'.repeat(4000) })));
    failure(await w.uc.resolveConcern(w.actor('psw'), { concernId: w.deps.concerns.all()[0].id, resolution: '' }), 'INVALID_INPUT', 'resolution');
  });

  it('STORE_UNAVAILABLE comes back as a value and nobody is told about what was not saved', async () => {
    const w = world();
    seedAgreement(w);
    w.deps.concerns.failNext('create');
    failure(await w.uc.raiseConcern(w.actor('nqsw'), concern()), 'STORE_UNAVAILABLE');
    assert.equal(w.deps.notifier.sent.length, 0);
    const raised = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern()));
    w.deps.concerns.failNext('replace');
    failure(await w.uc.acknowledgeConcern(w.actor('psw'), { concernId: raised.concernId }), 'STORE_UNAVAILABLE');
    assert.equal(w.deps.concerns.peek(T1, raised.concernId)?.status, 'raised');
  });

  it('two handlers at once: the second press is re-applied to what the first saved', async () => {
    const w = world();
    seedAgreement(w);
    const raised = okValue(await w.uc.raiseConcern(w.actor('nqsw'), concern()));
    let once = false;
    w.deps.concerns.beforeReplace = async () => {
      if (once) return;
      once = true;
      okValue(await w.uc.acknowledgeConcern(w.actor('psw'), { concernId: raised.concernId }));
    };
    const resolved = okValue(await w.uc.resolveConcern(w.actor('psw'), { concernId: raised.concernId, resolution: 'Handled.' }));
    assert.deepEqual(resolved.history.map((e) => e.status), ['raised', 'acknowledged', 'resolved']);
  });
});
