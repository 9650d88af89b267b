import { strict as assert } from 'assert';
import { errorOn, GOOD, ok, refused, x } from '../parsing';

describe('cards: note: parse', () => {
  it('writes a note with trimmed prompts, private by choice', () => {
    assert.deepEqual(ok('note.write', { ...GOOD['note.write'], whatHappened: '  A visit.\n' }), {
      whatHappened: 'A visit.',
      howIFelt: '',
      whatILearned: 'Listen first.',
      whatNext: '',
      visibility: 'private',
    });
  });

  it('takes up to 10,000 characters across the four prompts, and refuses one more', () => {
    const full = { ...GOOD['note.write'], whatHappened: x(4000), howIFelt: x(3000), whatILearned: x(2000), whatNext: x(1000) };
    assert.equal(ok('note.write', full).whatHappened.length, 4000);
    const r = refused('note.write', { ...full, whatNext: x(1001) });
    assert.match(errorOn(r, 'note', 'TEXT_TOO_LONG'), /10,001 characters; the limit is 10,000 .* Shorten it by 1\./);
    assert.equal(r.inputs.whatNext, x(1001));
  });

  it('refuses a note without what happened, a bad visibility and a long CPD tag', () => {
    const r = refused('note.write', { whatHappened: ' ', visibility: 'public', cpdTag: x(101) });
    errorOn(r, 'whatHappened', 'INVALID_INPUT');
    assert.match(errorOn(r, 'visibility', 'INVALID_INPUT'), /private, shared with my supervisor/);
    errorOn(r, 'cpdTag', 'TEXT_TOO_LONG');
  });

  it('keeps exactly what was typed when refusing, untrimmed', () => {
    const typed = { whatHappened: '  My words, ${kept}\n', howIFelt: 'Tired', whatILearned: '', whatNext: 7, visibility: 'nobody', extra: 'dropped' };
    const r = refused('note.write', typed);
    assert.deepEqual(r.inputs, {
      whatHappened: '  My words, ${kept}\n',
      howIFelt: 'Tired',
      whatILearned: '',
      whatNext: '7',
      cpdTag: '',
      visibility: 'nobody',
    });
    errorOn(r, 'whatNext', 'INVALID_INPUT');
  });
});
