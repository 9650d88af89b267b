/** Reflective-note views (built from the records in build/note.ts). */
import type { Instant } from '../../domain/model';
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
