/** Reflective-note views, and how they are built from the records. */
import type { Instant, ReflectiveNote } from '../../domain/model';
import { notePreview } from '../../domain/note';
import type { Ctx } from '../context';
import type { PersonRef } from './common';

export interface NoteView {
  readonly noteId: string;
  readonly zone: string;
  readonly author: PersonRef;
  readonly whatHappened: string;
  readonly howIFelt: string;
  readonly whatILearned: string;
  readonly whatNext: string;
  readonly cpdTag?: string;
  readonly visibility: 'private' | 'shared';
  readonly sharedWith?: PersonRef;
  readonly createdAt: Instant;
}

export interface NoteSummaryView {
  readonly noteId: string;
  readonly author: PersonRef;
  readonly createdAt: Instant;
  readonly cpdTag?: string;
  readonly visibility: 'private' | 'shared';
  readonly sharedWith?: PersonRef;
  /** The start of "what happened", for a list (shown only to those who may read the note). */
  readonly preview: string;
}

export interface NoteListView {
  readonly zone: string;
  /** Newest first. */
  readonly notes: readonly NoteSummaryView[];
}

// --- built from the records ------------------------------------------------------------------

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
