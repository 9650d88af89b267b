import { strict as assert } from 'node:assert';
import { cpdDraft } from '../../src/domain/cpdDraft';
import type { ReflectiveNote } from '../../src/domain/model';

const NOTE: ReflectiveNote = {
  id: 'n1',
  tenantId: 't1',
  authorId: 'ee',
  whatHappened: '  A strategy meeting I chaired  ',
  howIFelt: 'Out of my depth',
  whatILearned: 'Agree the questions first',
  whatNext: 'Send an agenda the day before',
  visibility: 'private',
  createdAt: '2026-03-31T23:30:00.000Z', // 1 April in London (BST)
  updatedAt: '2026-03-31T23:30:00.000Z',
};
const day = (d: string) => `day ${d}`;

describe('domain/cpdDraft', () => {
  it('maps the note onto the Social Work England fields, dated in the organisation\'s zone, without how the author felt', () => {
    const d = cpdDraft(NOTE, 'Europe/London', null, null, day);
    assert.equal(d.date, '2026-04-01');
    assert.equal(d.title, 'Reflection on practice, day 2026-04-01');
    assert.match(d.descriptionAndRelevance, /^A strategy meeting I chaired\n\n/);
    assert.equal(d.whatWasLearnt, 'Agree the questions first');
    assert.equal(d.impactOnPractice, 'Send an agenda the day before');
    assert.match(d.peerReflection, /^Not yet recorded\./);
    assert.ok(!d.text.includes('Out of my depth'));
    assert.deepEqual(d.text.split('\n\n').map((block) => block.split('\n')[0]).filter((l) => /^[A-Z]/.test(l)).slice(0, 3), ['Title', 'Type of CPD', 'Date']);
  });

  it('peer reflection: the supervision session after the note when it was shared; otherwise what to do', () => {
    const shared = { ...NOTE, visibility: 'shared' as const, sharedWithId: 'sup', cpdTag: 'Chairing' };
    assert.match(cpdDraft(shared, 'Europe/London', 'Sam', { date: '2026-04-08', supervisorName: 'Sam' }, day).peerReflection, /^Supervision with Sam on day 2026-04-08 \(supervision counts as peer reflection\)/);
    assert.match(cpdDraft(shared, 'Europe/London', 'Sam', null, day).peerReflection, /^Shared with my supervisor, Sam; no supervision session has been held since\./);
    assert.equal(cpdDraft(shared, 'Europe/London', 'Sam', null, day).title, 'Reflection on practice: Chairing');
  });
});
