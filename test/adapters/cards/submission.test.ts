import { strict as assert } from 'assert';
import { parseSubmission, rawInputs, VERBS } from '../../../src/adapters/cards';
import { errorOn, GOOD, ok, refused, x } from './parsing';

describe('cards: a submission, parsed', () => {
  describe('every verb', () => {
    for (const verb of VERBS) {
      it(`${verb}: accepts what its card sends, ignoring extra fields and anything naming an actor`, () => {
        const extra = { actorId: 'p-evil', aadObjectId: 'aad-evil', tenantId: 't-evil', from: { id: 'aad-evil' }, role: 'admin' };
        const command = ok(verb, { ...GOOD[verb], ...extra });
        assert.deepEqual(command, ok(verb, GOOD[verb]), `${verb}: extra fields changed the command`);
        assert.ok(!JSON.stringify(command).includes('evil'), `${verb} kept a forged actor`);
      });
    }

    it('a submission that is not an object is an empty one', () => {
      for (const data of [null, 'text', 42, ['a']]) {
        const r = refused('note.read', data);
        errorOn(r, 'noteId', 'INVALID_INPUT');
      }
      assert.deepEqual(ok('home.show', null as never), {});
    });

    it('ids to act on must be present and well-formed', () => {
      errorOn(refused('session.confirm', {}), 'sessionId', 'INVALID_INPUT');
      errorOn(refused('session.confirm', { sessionId: 'a b' }), 'sessionId', 'INVALID_INPUT');
      errorOn(refused('session.confirm', { sessionId: 7 }), 'sessionId', 'INVALID_INPUT');
      errorOn(refused('session.confirm', { sessionId: x(129) }), 'sessionId', 'INVALID_INPUT');
      assert.deepEqual(ok('session.confirm', { sessionId: '  s-1 ' }), { sessionId: 's-1' });
    });
  });


  describe('raw inputs', () => {
    it('keeps only the verb’s inputs, as strings, and caps what no client could have typed', () => {
      const inputs = rawInputs('session.rate', { sessionId: 's-1', score: 4, comment: x(3999), other: 'x' });
      assert.deepEqual(Object.keys(inputs).sort(), ['comment', 'score']);
      assert.equal(inputs.score, '4');
      assert.equal(inputs.comment.length, 3999, 'over the limit, but still what was typed');
      assert.equal(rawInputs('session.rate', { comment: x(1_000_000) }).comment.length, 4000);
      assert.equal(rawInputs('session.rate', { score: x(1000) }).score.length, 200);
    });

    it('space around the text goes before the text: a valid note padded with spaces keeps all its text', () => {
      const text = '😀'.repeat(10_000);
      for (const padded of [`   ${text}`, `${'\n'.repeat(50_000)}${text}${' '.repeat(50_000)}`]) {
        const r = parseSubmission('note.write', { whatHappened: padded, visibility: 'private' });
        assert.ok(r.ok, 'valid once trimmed');
        assert.equal(r.value.inputs.whatHappened, text);
        assert.deepEqual(r.value.cuts, []);
      }
      // Split over prompts and over the byte budget (each under its own cap): the spaces go, the text stays.
      const r = parseSubmission('note.write', { whatHappened: `${text.slice(0, 10_000)}${' '.repeat(9_000)}`, whatNext: `${' '.repeat(19_000)}${text.slice(10_000)}`, visibility: 'private' });
      assert.ok(r.ok);
      assert.equal(r.value.inputs.whatHappened + r.value.inputs.whatNext, text);
      assert.deepEqual(r.value.cuts, []);
    });

    it('never splits a character when it cuts, and says how many characters it kept', () => {
      const r = refused('session.rate', { sessionId: 's-1', score: '4', comment: `x${'😀'.repeat(5_000)}` });
      const kept = r.inputs.comment;
      assert.equal(kept.length, 3_999, 'the half of a pair at the cap is left out');
      assert.equal(kept, `x${'😀'.repeat(1_999)}`);
      assert.deepEqual(r.cuts.map((c) => c.field), ['comment']);
      assert.match(r.cuts[0].message, /^Comment: .*only its first 2,000 characters are kept here/);
    });

    it('returns the targets named, to reload the card after a refusal', () => {
      const r = refused('session.rate', { sessionId: 's-1', score: '9' });
      assert.deepEqual(r.targets, { sessionId: 's-1' });
    });
  });
});
