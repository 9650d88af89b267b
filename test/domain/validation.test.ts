import { strict as assert } from 'node:assert';
import { checkLocalDate, checkText, localDateTimeToInstant, textLength } from '../../src/domain/validation';

describe('domain/validation', () => {
  it('turns a local date and time into a UTC instant in the zone, across DST', () => {
    assert.deepEqual(localDateTimeToInstant({ date: '2026-01-15', time: '14:05' }, 'Europe/London', 'start', 'The start'), {
      ok: true,
      value: '2026-01-15T14:05:00.000Z',
    });
    assert.deepEqual(localDateTimeToInstant({ date: '2026-07-15', time: '14:05' }, 'Europe/London', 'start', 'The start'), {
      ok: true,
      value: '2026-07-15T13:05:00.000Z',
    });
  });

  it('refuses a local time that does not exist (clocks go forward), naming the field', () => {
    const r = localDateTimeToInstant({ date: '2026-03-29', time: '01:30' }, 'Europe/London', 'start', 'The start');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual([r.error.code, r.error.field], ['INVALID_DATE', 'start.time']);
      assert.match(r.error.message, /clocks go forward/);
    }
  });

  it('refuses impossible dates and malformed times', () => {
    for (const [value, field] of [
      [{ date: '2026-02-29', time: '10:00' }, 'start.date'],
      [{ date: '29/02/2026', time: '10:00' }, 'start.date'],
      [{ date: '2026-03-02', time: '24:00' }, 'start.time'],
      [{ date: '2026-03-02', time: '9:00' }, 'start.time'],
    ] as const) {
      const r = localDateTimeToInstant(value, 'Europe/London', 'start', 'The start');
      assert.equal(r.ok ? 'ok' : r.error.field, field);
    }
    assert.equal(localDateTimeToInstant(undefined, 'Europe/London', 'start', 'The start').ok, false);
    assert.equal(checkLocalDate('2028-02-29', 'd', 'D').ok, true);
    assert.equal(checkLocalDate('2027-02-29', 'd', 'D').ok, false);
  });

  it('counts characters as code points and says length and limit', () => {
    assert.equal(textLength('a😀b'), 3);
    const r = checkText('x'.repeat(12), 'f', 'The field', { max: 10, required: false });
    assert.equal(r.ok ? '' : r.error.message, 'The field is 12 characters; the limit is 10.');
    assert.deepEqual(checkText(undefined, 'f', 'F', { max: 10, required: false }), { ok: true, value: '' });
    assert.equal(checkText(undefined, 'f', 'F', { max: 10, required: true }).ok, false);
  });
});
