import { strict as assert } from 'node:assert';
import { installShutdownHandlers } from '../../../src/adapters/cosmos/shutdown';

describe('shutdown handlers', () => {
  // A private signal name set keeps these tests away from the real SIGINT/SIGTERM listeners.
  const signals = ['SIGUSR2'] as const;

  it('runs the shutdown once on the first signal, then exits 0; a second signal exits at once', async () => {
    const exits: number[] = [];
    let calls = 0;
    let finish!: () => void;
    const uninstall = installShutdownHandlers(
      () => {
        calls += 1;
        return new Promise<void>((r) => (finish = r));
      },
      { signals, exit: (code) => exits.push(code) },
    );
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      assert.equal(calls, 1);
      assert.deepEqual(exits, []);
      process.emit('SIGUSR2', 'SIGUSR2');
      assert.equal(calls, 1);
      assert.deepEqual(exits, [128 + 12], '128 + SIGUSR2');
      finish();
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(exits, [128 + 12, 0]);
    } finally {
      uninstall();
    }
    assert.equal(process.listenerCount('SIGUSR2'), 0);
  });

  it('exits 1 when the shutdown fails', async () => {
    const exits: number[] = [];
    const uninstall = installShutdownHandlers(async () => Promise.reject(new Error('save failed')), { signals, exit: (code) => exits.push(code) });
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(exits, [1]);
    } finally {
      uninstall();
    }
  });
});
