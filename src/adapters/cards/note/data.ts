/** The data the reflective-note templates bind. */
import type { FormPart, NoticePart, ProblemsPart } from '../shared/parts';

export type NoteWriteData = ProblemsPart & FormPart;

export interface NoteListData {
  readonly title: string;
  readonly summary: string;
  readonly notes: readonly { readonly noteId: string; readonly heading: string; readonly preview: string }[];
  readonly canWrite: boolean;
}

export interface NoteReadData extends NoticePart {
  readonly byline: string;
  readonly sections: readonly { readonly heading: string; readonly body: string }[];
  readonly hasTruncated: boolean;
  readonly truncated: string;
  readonly isMine: boolean;
  readonly isShared: boolean;
}

/** The family's templates and the data each binds. */
export interface NoteCards {
  'note-write': NoteWriteData;
  'note-list': NoteListData;
  'note-read': NoteReadData;
}

/** Where the family's templates are: note/templates/<name>.json. */
export const NOTE_TEMPLATES = {
  'note-write': 'note',
  'note-list': 'note',
  'note-read': 'note',
} as const satisfies { readonly [N in keyof NoteCards]: 'note' };
