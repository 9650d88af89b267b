import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { SaveScheduler } from '../../../src/adapters/cosmos/saveScheduler';

describe('embedded store: when it saves', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('saves once, debounceMs after the last of a burst of writes', async () => {
    const save = sinon.stub().resolves();
    const s = new SaveScheduler(save, { debounceMs: 100, maxDelayMs: 1_000 });
    s.markDirty();
    await clock.tickAsync(60);
    s.markDirty();
    await clock.tickAsync(60);
    assert.equal(save.callCount, 0);
    await clock.tickAsync(50);
    assert.equal(save.callCount, 1);
    assert.equal(s.dirty, false);
    await clock.tickAsync(1_000);
    assert.equal(save.callCount, 1);
  });

  it('a steady stream of writes is still saved every maxDelayMs', async () => {
    const save = sinon.stub().resolves();
    const s = new SaveScheduler(save, { debounceMs: 100, maxDelayMs: 500 });
    for (let t = 0; t < 1_200; t += 50) {
      s.markDirty();
      await clock.tickAsync(50);
    }
    assert.equal(save.callCount, 2);
  });

  it('a write during a save makes another save follow', async () => {
    let release!: () => void;
    const save = sinon.stub().callsFake(() => new Promise<void>((r) => (release = r)));
    const s = new SaveScheduler(save, { debounceMs: 10, maxDelayMs: 100 });
    s.markDirty();
    await clock.tickAsync(10);
    assert.equal(save.callCount, 1);
    s.markDirty();
    release();
    await clock.tickAsync(0);
    assert.equal(s.dirty, true);
    await clock.tickAsync(10);
    assert.equal(save.callCount, 2);
    release();
    await clock.tickAsync(0);
    assert.equal(s.dirty, false);
  });

  it('flush saves now, joins a save under way, and reports its own failure', async () => {
    const save = sinon.stub();
    save.onFirstCall().rejects(new Error('disk full'));
    save.resolves();
    const errors: unknown[] = [];
    const s = new SaveScheduler(save, { debounceMs: 1_000, maxDelayMs: 5_000, onError: (e) => errors.push(e) });
    await s.flush();
    assert.equal(save.callCount, 0, 'nothing to save');
    s.markDirty();
    await assert.rejects(s.flush(), /disk full/);
    assert.equal(s.dirty, true, 'a failed save leaves the data marked unsaved');
    assert.equal(errors.length, 1);
    await s.flush();
    assert.equal(save.callCount, 2);
    assert.equal(s.dirty, false);
  });

  it('after stop, writes schedule nothing but flush still saves', async () => {
    const save = sinon.stub().resolves();
    const s = new SaveScheduler(save, { debounceMs: 10, maxDelayMs: 10 });
    s.stop();
    s.markDirty();
    await clock.tickAsync(100);
    assert.equal(save.callCount, 0);
    await s.flush();
    assert.equal(save.callCount, 1);
  });
});
