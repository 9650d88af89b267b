import { strict as assert } from 'node:assert';
import { NOTE_MAX_CHARACTERS, notePreview, sameNoteContent, write, type NewNote } from '../../src/domain/note';
import type { Result } from '../../src/domain/result';

const NOW = '2026-03-02T10:00:00.000Z';
const input = (over: Partial<NewNote> = {}): NewNote => ({
  id: 'n1',
  tenantId: 't1',
  authorId: 'nia',
  whatHappened: 'A difficult home visit.',
  howIFelt: 'Anxious, then calmer.',
  whatILearned: 'Draws on attachment theory.',
  whatNext: 'Discuss in supervision.',
  visibility: 'private',
  ...over,
});
function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
function error<T>(r: Result<T>) {
  if (r.ok) assert.fail('expected a failure');
  return r.error;
}

describe('domain/note', () => {
  it('writes a private note with its prompts, trimmed, and an optional CPD tag', () => {
    const n = value(write(input({ cpdTag: ' PCF 5 ', whatNext: '  Plan.  ' }), NOW));
    assert.equal(n.visibility, 'private');
    assert.equal(n.sharedWithId, undefined);
    assert.equal(n.cpdTag, 'PCF 5');
    assert.equal(n.whatNext, 'Plan.');
  });

  it('shares with the current supervisor, and refuses to share when there is none', () => {
    assert.equal(value(write(input({ visibility: 'shared', supervisorId: 'sam' }), NOW)).sharedWithId, 'sam');
    const e = error(write(input({ visibility: 'shared' }), NOW));
    assert.deepEqual([e.code, e.field], ['INVALID_INPUT', 'visibility']);
    assert.equal(error(write(input({ visibility: 'public' }), NOW)).field, 'visibility');
  });

  it('accepts exactly 10,000 characters in all (code points: an emoji is one)', () => {
    const quarter = '😀'.repeat(NOTE_MAX_CHARACTERS / 4);
    const n = value(write(input({ whatHappened: quarter, howIFelt: quarter, whatILearned: quarter, whatNext: quarter }), NOW));
    assert.equal(n.whatHappened.length, NOTE_MAX_CHARACTERS / 2); // UTF-16 units, not what a person counts
  });

  it('refuses one prompt over the limit with TEXT_TOO_LONG naming it, without quoting the text', () => {
    const e = error(write(input({ howIFelt: 'secret '.repeat(1500) }), NOW));
    assert.deepEqual([e.code, e.field], ['TEXT_TOO_LONG', 'howIFelt']);
    assert.doesNotMatch(e.message, /secret/);
  });

  it('refuses a total over 10,000 naming the longest prompt', () => {
    const e = error(write(input({ whatHappened: 'a'.repeat(3000), howIFelt: 'b'.repeat(2000), whatILearned: 'c'.repeat(4000), whatNext: 'd'.repeat(1001) }), NOW));
    assert.deepEqual([e.code, e.field], ['TEXT_TOO_LONG', 'whatILearned']);
    assert.match(e.message, /10,001 characters; the limit is 10,000/);
  });

  it('requires what happened, and text fields as text', () => {
    assert.equal(error(write(input({ whatHappened: '   ' }), NOW)).field, 'whatHappened');
    assert.equal(error(write(input({ whatNext: 42 }), NOW)).field, 'whatNext');
    assert.equal(error(write(input({ cpdTag: 'x'.repeat(101) }), NOW)).field, 'cpdTag');
  });

  it('recognises the same content (a double press) and builds a short preview', () => {
    const a = value(write(input(), NOW));
    const b = value(write(input({ id: 'n2' }), NOW));
    assert.equal(sameNoteContent(a, b), true);
    assert.equal(sameNoteContent(a, value(write(input({ id: 'n3', whatNext: 'Other' }), NOW))), false);
    const long = value(write(input({ whatHappened: 'word '.repeat(40) }), NOW));
    const preview = notePreview(long);
    assert.ok(preview.endsWith('…'));
    assert.ok(Array.from(preview).length <= 81);
  });
});
