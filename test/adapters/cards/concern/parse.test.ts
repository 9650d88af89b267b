import { strict as assert } from 'assert';
import { errorOn, GOOD, ok, refused, x } from '../parsing';

describe('cards: concern: parse', () => {
  it('raises a concern up to 4,000 characters', () => {
    assert.deepEqual(ok('concern.raise', GOOD['concern.raise']), GOOD['concern.raise']);
    assert.equal(ok('concern.raise', { ...GOOD['concern.raise'], description: x(4000) }).description.length, 4000);
    errorOn(refused('concern.raise', { ...GOOD['concern.raise'], description: x(4001) }), 'description', 'TEXT_TOO_LONG');
  });

  it('reports every missing choice at once, the first as the error', () => {
    const r = refused('concern.raise', {});
    assert.deepEqual(
      r.fieldErrors.map((e) => e.field),
      ['category', 'description', 'urgency', 'route'],
    );
    assert.equal(r.error.field, 'category');
    assert.equal(r.error.code, 'INVALID_INPUT');
    errorOn(refused('concern.raise', { ...GOOD['concern.raise'], route: 'hr' }), 'route', 'INVALID_INPUT');
  });

  it('says in plain words that the description is missing (only spaces count as missing)', () => {
    assert.equal(errorOn(refused('concern.raise', { ...GOOD['concern.raise'], description: '   ' }), 'description', 'INVALID_INPUT'), 'Description is required.');
  });

  it('assigns to a chosen person and resolves with a resolution', () => {
    assert.deepEqual(ok('concern.assign', GOOD['concern.assign']), { concernId: 'c-1', assigneeId: 'p-priya' });
    errorOn(refused('concern.assign', { concernId: 'c-1' }), 'assigneeId', 'INVALID_INPUT');
    errorOn(refused('concern.resolve', { concernId: 'c-1', resolution: '' }), 'resolution', 'INVALID_INPUT');
    errorOn(refused('concern.resolve', { concernId: 'c-1', resolution: x(4001) }), 'resolution', 'TEXT_TOO_LONG');
  });
});
