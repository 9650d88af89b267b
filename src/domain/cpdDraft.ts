/**
 * A Social Work England CPD record drafted from one reflective note, for its author to paste into
 * their SWE online account (issue 11 §3). SWE's CPD record asks for: the type of activity, a
 * description of it and why it is relevant to practice, the date, what was learnt, the impact on
 * practice, and peer reflection (who with, when); supervision counts as peer reflection.
 *
 * From the note: description = what happened (with its CPD tag as the topic), learnt = what I learned
 * and what it draws on, impact = what I will do next. "How I felt" stays out (the author may add it).
 * Peer reflection: when the note was shared with the author's supervisor and a supervision session
 * with them was held on or after the day the note was written, that session is suggested; the
 * author confirms they discussed the note there. Otherwise the draft says how to get it. Pure.
 */
import type { LocalDate, ReflectiveNote } from './model';
import { localDateOf } from './validation';

export const CPD_ACTIVITY_TYPE = 'Reflective practice: written reflection on a piece of work';

export interface CpdPeerSession {
  readonly date: LocalDate;
  readonly supervisorName: string;
}

export interface CpdDraft {
  readonly noteId: string;
  readonly type: string;
  readonly title: string;
  readonly date: LocalDate;
  readonly descriptionAndRelevance: string;
  readonly whatWasLearnt: string;
  readonly impactOnPractice: string;
  readonly peerReflection: string;
  /** The whole record as plain text, ready to paste field by field. */
  readonly text: string;
}

export function cpdDraft(
  note: ReflectiveNote,
  zone: string,
  sharedWithName: string | null,
  peerSession: CpdPeerSession | null,
  formatDate: (d: LocalDate) => string,
): CpdDraft {
  const date = localDateOf(note.createdAt, zone);
  const topic = note.cpdTag !== undefined && note.cpdTag.trim() !== '' ? note.cpdTag.trim() : null;
  const title = topic === null ? `Reflection on practice, ${formatDate(date)}` : `Reflection on practice: ${topic}`;
  const descriptionAndRelevance = [
    topic === null ? null : `Topic: ${topic}.`,
    note.whatHappened.trim(),
    'I wrote a structured reflection on this piece of work to learn from it and improve my practice.',
  ]
    .filter((x): x is string => x !== null && x !== '')
    .join('\n\n');
  let peerReflection: string;
  if (peerSession !== null) {
    peerReflection =
      `Supervision with ${peerSession.supervisorName} on ${formatDate(peerSession.date)} (supervision counts as peer reflection). ` +
      'I shared this reflection with my supervisor beforehand. Check that you discussed it in that session before you submit.';
  } else if (note.visibility === 'shared' && sharedWithName !== null) {
    peerReflection =
      `Shared with my supervisor, ${sharedWithName}; no supervision session has been held since. ` +
      'Discuss it at your next supervision (supervision counts as peer reflection), then add the date and who with.';
  } else {
    peerReflection =
      'Not yet recorded. Discuss this reflection with a peer or at supervision (supervision counts as peer reflection), then add the date and who with.';
  }
  const fields: [string, string][] = [
    ['Title', title],
    ['Type of CPD', CPD_ACTIVITY_TYPE],
    ['Date', formatDate(date)],
    ['Description and relevance to my practice', descriptionAndRelevance],
    ['What I learnt', note.whatILearned.trim()],
    ['Impact on my practice', note.whatNext.trim()],
    ['Peer reflection', peerReflection],
  ];
  return {
    noteId: note.id,
    type: CPD_ACTIVITY_TYPE,
    title,
    date,
    descriptionAndRelevance,
    whatWasLearnt: note.whatILearned.trim(),
    impactOnPractice: note.whatNext.trim(),
    peerReflection,
    text: `${fields.map(([label, value]) => `${label}\n${value}`).join('\n\n')}\n`,
  };
}
