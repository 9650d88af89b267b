import { strict as assert } from 'node:assert';
import type { WriteNote } from '../../src/app/commands';
import { seedAgreement, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

const note = (over: Partial<WriteNote> = {}): WriteNote => ({
  whatHappened: 'A tense child protection conference.',
  howIFelt: 'Out of my depth at first.',
  whatILearned: 'Preparation matters; draws on Munro (2011).',
  whatNext: 'Ask to shadow the next one.',
  cpdTag: 'PCF 7',
  visibility: 'private',
  ...over,
});

describe('app/writeNote, listMyNotes, listSharedNotes, readNote', () => {
  it('the author writes a private note and reads it back; it is listed newest first', async () => {
    const w = world();
    const v = okValue(await w.uc.writeNote(w.actor('nqsw'), note()));
    assert.deepEqual(v.author, { id: 'nqsw', name: 'Nia Quinn' });
    assert.equal(v.visibility, 'private');
    assert.equal(v.sharedWith, undefined);
    w.deps.clock.set('2026-03-03T10:00:00.000Z');
    okValue(await w.uc.writeNote(w.actor('nqsw'), note({ whatHappened: 'A good week.' })));
    const list = okValue(await w.uc.listMyNotes(w.actor('nqsw'), {}));
    assert.deepEqual(list.notes.map((n) => n.preview), ['A good week.', 'A tense child protection conference.']);
    const back = okValue(await w.uc.readNote(w.actor('nqsw'), { noteId: v.noteId }));
    assert.equal(back.whatILearned, 'Preparation matters; draws on Munro (2011).');
  });

  it('a shared note is shared with the current supervisor, who can list and read it', async () => {
    const w = world();
    seedAgreement(w);
    const v = okValue(await w.uc.writeNote(w.actor('nqsw'), note({ visibility: 'shared' })));
    assert.deepEqual(v.sharedWith, { id: 'sup1', name: 'Sam Patel' });
    const shared = okValue(await w.uc.listSharedNotes(w.actor('sup1'), {}));
    assert.deepEqual(shared.notes.map((n) => [n.noteId, n.author.name]), [[v.noteId, 'Nia Quinn']]);
    assert.equal(okValue(await w.uc.readNote(w.actor('sup1'), { noteId: v.noteId })).whatHappened, 'A tense child protection conference.');
    assert.equal(okValue(await w.uc.listSharedNotes(w.actor('sup2'), {})).notes.length, 0);
  });

  it('sharing without a supervisor is refused, naming the field; nothing stored', async () => {
    const w = world();
    failure(await w.uc.writeNote(w.actor('nqsw'), note({ visibility: 'shared' })), 'INVALID_INPUT', 'visibility');
    assert.equal(w.deps.notes.all().length, 0);
  });

  it('private notes: nobody but the author, not the supervisor, not the PSW, not an admin, not another tenant', async () => {
    const w = world();
    seedAgreement(w);
    const v = okValue(await w.uc.writeNote(w.actor('nqsw'), note()));
    for (const who of ['sup1', 'psw', 'admin', 'sw2'] as const) {
      failure(await w.uc.readNote(w.actor(who), { noteId: v.noteId }), 'NOT_AUTHORIZED');
    }
    failure(await w.uc.readNote(w.actor('outsider'), { noteId: v.noteId }), 'NOT_FOUND');
    w.deps.notes.leakAcrossTenants = true;
    failure(await w.uc.readNote(w.actor('outsider'), { noteId: v.noteId }), 'WRONG_TENANT');
    assert.equal(okValue(await w.uc.listSharedNotes(w.actor('sup1'), {})).notes.length, 0);
  });

  it('a shared note is not readable by the PSW or another supervisor', async () => {
    const w = world();
    seedAgreement(w);
    const v = okValue(await w.uc.writeNote(w.actor('nqsw'), note({ visibility: 'shared' })));
    failure(await w.uc.readNote(w.actor('psw'), { noteId: v.noteId }), 'NOT_AUTHORIZED');
    failure(await w.uc.readNote(w.actor('sup2'), { noteId: v.noteId }), 'NOT_AUTHORIZED');
  });

  it('a double click (both presses at once, before either is saved) stores the note once', async () => {
    const w = world();
    const [a, b] = await Promise.all([w.uc.writeNote(w.actor('nqsw'), note()), w.uc.writeNote(w.actor('nqsw'), note())]);
    assert.equal(okValue(b).noteId, okValue(a).noteId);
    assert.equal(w.deps.notes.all().length, 1);
    w.deps.clock.set('2026-03-02T11:00:00.000Z');
    okValue(await w.uc.writeNote(w.actor('nqsw'), note()));
    assert.equal(w.deps.notes.all().length, 2, 'the same text an hour later is a new note');
  });

  it('the same note submitted twice (a double press) is stored once', async () => {
    const w = world();
    const a = okValue(await w.uc.writeNote(w.actor('nqsw'), note()));
    w.deps.clock.set('2026-03-02T10:00:20.000Z');
    const b = okValue(await w.uc.writeNote(w.actor('nqsw'), note()));
    assert.equal(b.noteId, a.noteId);
    assert.equal(w.deps.notes.all().length, 1);
    w.deps.clock.set('2026-03-02T11:00:00.000Z');
    okValue(await w.uc.writeNote(w.actor('nqsw'), note()));
    assert.equal(w.deps.notes.all().length, 2, 'written again an hour later, it is a new note');
  });

  it('over 10,000 characters: TEXT_TOO_LONG naming the field; nothing stored', async () => {
    const w = world();
    const e = failure(await w.uc.writeNote(w.actor('nqsw'), note({ howIFelt: 'y'.repeat(9990) })), 'TEXT_TOO_LONG', 'howIFelt');
    assert.doesNotMatch(e.message, /yyyy/);
    assert.equal(w.deps.notes.all().length, 0);
  });

  it('STORE_UNAVAILABLE comes back as a value', async () => {
    const w = world();
    w.deps.notes.failNext('create');
    failure(await w.uc.writeNote(w.actor('nqsw'), note()), 'STORE_UNAVAILABLE');
    assert.equal(w.deps.notes.all().length, 0);
    okValue(await w.uc.writeNote(w.actor('nqsw'), note()));
    assert.equal(w.deps.notes.all().length, 1);
    w.deps.notes.down = true;
    failure(await w.uc.listMyNotes(w.actor('nqsw'), {}), 'STORE_UNAVAILABLE');
  });
});
