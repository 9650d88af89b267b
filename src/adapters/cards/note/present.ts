/** Presenters of the reflective-note family: writing one, the lists, and reading one. */
import type { NoteListView, NoteView } from '../../../app/views';
import { spec, type CardSpec } from '../catalogue';
import { inputIds } from '../shared/fields';
import { fmt, formPart, noticeOf, problemsOf, type FormState, type PresentContext } from '../shared/form';
import { formatInstant, preview } from '../shared/format';
import { NOTE_FORMS, NOTE_MAX_TOTAL } from './fields';

/** Notes a list card shows (keeps it well under Teams' ~28 KB), and the characters of each preview. */
export const MAX_NOTES_LISTED = 20;
export const NOTE_PREVIEW_CHARS = 160;

export function presentNoteWrite(form?: FormState): CardSpec {
  return spec('note-write', { ...problemsOf(form, NOTE_FORMS), ...formPart(inputIds(NOTE_FORMS['note.write']), { visibility: 'private' }, form) });
}

export function presentNoteList(view: NoteListView, opts: { readonly shared?: boolean } & PresentContext = {}): CardSpec {
  const f = fmt(view.zone, opts);
  const shared = opts.shared ?? false;
  const notes = view.notes.slice(0, MAX_NOTES_LISTED).map((n) => {
    const parts = [formatInstant(n.createdAt, f)];
    if (shared) parts.unshift(n.author.name);
    if (n.cpdTag !== undefined && n.cpdTag !== '') parts.push(n.cpdTag);
    if (!shared) parts.push(n.visibility === 'private' ? 'Private' : `Shared with ${n.sharedWith?.name ?? 'your supervisor'}`);
    return { noteId: n.noteId, heading: parts.join(' · '), preview: preview(n.preview, NOTE_PREVIEW_CHARS) };
  });
  const total = view.notes.length;
  const summary =
    total === 0
      ? shared
        ? 'No one has shared a note with you yet.'
        : 'You have not written a note yet.'
      : total > notes.length
        ? `The latest ${notes.length} of ${total}, newest first.`
        : `${total} ${total === 1 ? 'note' : 'notes'}, newest first.`;
  return spec('note-list', {
    title: shared ? 'Notes shared with you' : 'Your reflective notes',
    summary,
    notes,
    canWrite: !shared,
  });
}

/** Read-only note text beyond this is cut for display (a note holds at most 10,000 in all). */
const NOTE_DISPLAY_MAX = NOTE_MAX_TOTAL;

export function presentNoteRead(
  view: NoteView,
  opts: { readonly audience?: 'author' | 'reader'; readonly notice?: string } & PresentContext = {},
): CardSpec {
  const f = fmt(view.zone, opts);
  const author = (opts.audience ?? 'author') === 'author';
  const who = view.visibility === 'private' ? 'Private: only the author can read it' : `Shared with ${view.sharedWith?.name ?? 'the supervisor'}`;
  const bylineParts = [`Written by ${view.author.name}, ${formatInstant(view.createdAt, f)}`, who];
  if (view.cpdTag !== undefined && view.cpdTag !== '') bylineParts.push(`CPD: ${view.cpdTag}`);
  let budget = NOTE_DISPLAY_MAX;
  let cut = false;
  const sections = (
    [
      ['What happened', view.whatHappened],
      ['How I felt', view.howIFelt],
      ['What I learned, and what it draws on', view.whatILearned],
      ['What I will do next', view.whatNext],
    ] as const
  )
    .filter(([, body]) => body.trim() !== '')
    .map(([heading, body]) => {
      const chars = [...body];
      if (chars.length > budget) {
        cut = true;
        const shown = chars.slice(0, budget).join('');
        budget = 0;
        return { heading, body: `${shown}…` };
      }
      budget -= chars.length;
      return { heading, body };
    });
  return spec('note-read', {
    byline: bylineParts.join(' · '),
    ...noticeOf(opts.notice),
    sections,
    hasTruncated: cut,
    truncated: cut ? 'This note is longer than a card can show; the rest is kept and included in a data export.' : '',
    isMine: author,
    isShared: !author,
  });
}
