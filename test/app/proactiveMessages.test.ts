import { strict as assert } from 'node:assert';
import { readStoredMessage } from '../../src/app/proactiveMessages';

describe('app/proactiveMessages: reading a stored outbox payload', () => {
  it('reads a typed message', () => {
    const message = { kind: 'reminder', data: { agreementId: 'agr-1' } };
    assert.deepEqual(readStoredMessage(message), { ok: true, message });
  });

  it('says why it cannot read one: the format before typed messages, an unknown kind, no data, already delivered', () => {
    const reasons = [
      { template: 'supervision-reminder', data: { kind: 'reminder' } },
      { kind: 'digest-of-the-future', data: {} },
      { kind: 'concern-update' },
      { kind: 'concern-update', spent: true },
      null,
      'a string',
    ].map((p) => {
      const read = readStoredMessage(p);
      assert.equal(read.ok, false);
      return read.ok ? '' : read.reason;
    });
    assert.deepEqual(reasons, [
      'unreadable payload: a "supervision-reminder" message stored in the format before typed messages',
      'unreadable payload: no message kind "digest-of-the-future"',
      'unreadable payload: the "concern-update" message has no data',
      'the "concern-update" message was already delivered and its content dropped',
      'the entry carries no message',
      'the entry carries no message',
    ]);
  });
});
