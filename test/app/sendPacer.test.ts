/**
 * The send pacer, on its own clock (plain milliseconds): sliding windows that count a send from its
 * start until a window's length after its answer, per tenant and per conversation, and a tenant-wide
 * pause after a 429. Checked against every window the service counts, whatever the answer times.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { SendPacer, TEAMS_PACING } from '../../src/app/sendPacer';

describe('app/sendPacer', () => {
  it('spreads a tenant\'s starts (three at once, then one every 20 ms); the 51st in a second waits for the answers', () => {
    const p = new SendPacer(TEAMS_PACING);
    const starts: number[] = [];
    const tickets = [];
    let now = 0;
    while (starts.length < 50) {
      const wait = p.waitMs('t', `c${starts.length}`, now);
      assert.notEqual(wait, Infinity);
      now += wait;
      starts.push(now);
      tickets.push(p.begin('t', `c${starts.length - 1}`, now));
    }
    assert.deepEqual(starts.slice(0, 5), [0, 0, 0, 20, 40]);
    assert.equal(starts[49], 940);
    assert.equal(p.waitMs('t', 'c-new', 960), Infinity, 'all 50 still in flight: wait for an answer');
    tickets.forEach((t, i) => p.end(t, 1000 + i));
    assert.equal(p.waitMs('t', 'c-new', 1050), 950, 'the first answer (at 1000 ms) leaves the window at 2000 ms');
    assert.equal(p.waitMs('t', 'c-new', 2000), 0);
    assert.equal(p.waitMs('other-tenant', 'c0', 100), 0, 'another tenant has its own budget');
  });

  it('a turn\'s own notification is held by the windows and a pause, not by the spacing', () => {
    const p = new SendPacer(TEAMS_PACING);
    for (let i = 0; i < 3; i++) p.begin('t', `c${i}`, 0);
    assert.equal(p.waitMs('t', 'c3', 0), 20);
    assert.equal(p.waitMs('t', 'c3', 0, false), 0);
    p.throttled('t', 1000, 0);
    assert.equal(p.waitMs('t', 'c3', 0, false), 1000);
  });

  it('after an idle spell a tenant again starts three at once, never more', () => {
    const p = new SendPacer(TEAMS_PACING);
    for (let i = 0; i < 3; i++) p.end(p.begin('t', `c${i}`, 0), 5);
    assert.equal(p.waitMs('t', 'c3', 0), 20);
    for (let i = 0; i < 3; i++) {
      assert.equal(p.waitMs('t', `d${i}`, 5_000), 0);
      p.end(p.begin('t', `d${i}`, 5_000), 5_005);
    }
    assert.equal(p.waitMs('t', 'd3', 5_000), 20);
  });

  it('per conversation: 7 a second, 8 per 2 seconds', () => {
    const p = new SendPacer(TEAMS_PACING);
    for (let i = 0; i < 7; i++) p.end(p.begin('t', 'c', i * 10), i * 10 + 5);
    assert.equal(p.waitMs('t', 'c', 70), 1005 - 70, '7 in the last second: the first answer must leave it');
    p.end(p.begin('t', 'c', 1005), 1010);
    // 8 answered within 2 s: the 9th waits for the first to leave the 2 s window, though the 1 s one has room.
    assert.equal(p.waitMs('t', 'c', 1500), 2005 - 1500);
  });

  it('a 429 pauses the whole tenant for its Retry-After; a cancelled send counts for nothing', () => {
    const p = new SendPacer(TEAMS_PACING);
    p.throttled('t', 3000, 100);
    assert.equal(p.waitMs('t', 'anyone', 100), 3000);
    assert.equal(p.isPaused('t', 3099), true);
    assert.equal(p.waitMs('t', 'anyone', 3100), 0);
    const ticket = p.begin('t', 'c', 3100);
    p.cancel(ticket);
    p.end(ticket, 3200); // settled already: no effect
    for (let i = 0; i < 7; i++) p.end(p.begin('t', 'c', 3200), 3200);
    assert.ok(p.waitMs('t', 'c', 3200) > 0, 'the cancelled one did not take a place, the 7 answered do');
  });

  it('whatever the answer times, no window of the service ever holds more than its count', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 300 }), (sends) => {
        const p = new SendPacer(TEAMS_PACING);
        let now = 0;
        const accepted: { at: number; c: number }[] = [];
        for (const [c, latency] of sends) {
          const wait = p.waitMs('t', `c${c}`, now);
          now += Number.isFinite(wait) ? wait : 0;
          if (p.waitMs('t', `c${c}`, now) !== 0) continue;
          const ticket = p.begin('t', `c${c}`, now);
          // The service accepts it somewhere within its round trip; answered at the end of it.
          accepted.push({ at: now + latency / 2, c });
          p.end(ticket, now + latency);
          now += 1;
        }
        const within = (times: number[], count: number, ms: number) => times.every((t) => times.filter((u) => u > t - ms && u <= t).length <= count);
        assert.ok(within(accepted.map((a) => a.at).sort((a, b) => a - b), 50, 1000));
        for (let c = 0; c < 4; c++) {
          const times = accepted.filter((a) => a.c === c).map((a) => a.at).sort((a, b) => a - b);
          assert.ok(within(times, 7, 1000) && within(times, 8, 2000) && within(times, 60, 30_000));
        }
      }),
    );
  });
});
