/** Reflective-note views built from the records. */
import type { ReflectiveNote } from '../../../domain/model';
import { notePreview } from '../../../domain/note';
import type { Ctx } from '../../acting';
import type { NoteSummaryView, NoteView } from '../note';

export function noteView(ctx: Ctx, n: ReflectiveNote): NoteView {
  return {
    noteId: n.id,
    zone: ctx.zone,
    author: ctx.people.ref(n.authorId),
    whatHappened: n.whatHappened,
    howIFelt: n.howIFelt,
    whatILearned: n.whatILearned,
    whatNext: n.whatNext,
    ...(n.cpdTag !== undefined ? { cpdTag: n.cpdTag } : {}),
    visibility: n.visibility,
    ...(n.sharedWithId !== undefined ? { sharedWith: ctx.people.ref(n.sharedWithId) } : {}),
    createdAt: n.createdAt,
  };
}

export function noteSummaryView(ctx: Ctx, n: ReflectiveNote): NoteSummaryView {
  return {
    noteId: n.id,
    author: ctx.people.ref(n.authorId),
    createdAt: n.createdAt,
    ...(n.cpdTag !== undefined ? { cpdTag: n.cpdTag } : {}),
    visibility: n.visibility,
    ...(n.sharedWithId !== undefined ? { sharedWith: ctx.people.ref(n.sharedWithId) } : {}),
    preview: notePreview(n),
  };
}
