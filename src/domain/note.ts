/**
 * A reflective note: structured prompts (what happened; how I felt; what I learned and what it draws
 * on; what I will do next), an optional CPD tag, private to its author or shared with the author's
 * supervisor. Sensitive personal data: never logged; error messages name fields and lengths, never
 * the text.
 */
import type { Instant, PersonId, ReflectiveNote, TenantId } from './model';
import { fail, ok, type Result } from './result';
import { checkText, oneOf, textLength } from './validation';

/** Issue 3: a reflective note up to 10,000 characters (all prompts together). */
export const NOTE_MAX_CHARACTERS = 10_000;
export const CPD_TAG_MAX = 100;

export const NOTE_PROMPTS = [
  { field: 'whatHappened', label: 'What happened' },
  { field: 'howIFelt', label: 'How I felt' },
  { field: 'whatILearned', label: 'What I learned and what it draws on' },
  { field: 'whatNext', label: 'What I will do next' },
] as const;

export type NotePromptField = (typeof NOTE_PROMPTS)[number]['field'];

export interface NewNote {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly authorId: PersonId;
  readonly whatHappened: unknown;
  readonly howIFelt: unknown;
  readonly whatILearned: unknown;
  readonly whatNext: unknown;
  readonly cpdTag?: unknown;
  readonly visibility: unknown;
  /** The author's current supervisor, when there is one (a shared note is shared with them). */
  readonly supervisorId?: PersonId;
}

export function write(input: NewNote, now: Instant): Result<ReflectiveNote> {
  const texts = {} as Record<NotePromptField, string>;
  for (const { field, label } of NOTE_PROMPTS) {
    const text = checkText(input[field], field, label, { max: NOTE_MAX_CHARACTERS, required: false });
    if (!text.ok) return text;
    texts[field] = text.value;
  }
  if (texts.whatHappened === '') return fail('INVALID_INPUT', 'Write at least what happened.', 'whatHappened');
  const total = NOTE_PROMPTS.reduce((sum, p) => sum + textLength(texts[p.field]), 0);
  if (total > NOTE_MAX_CHARACTERS) {
    // Name the longest prompt: shortening it is the quickest way under the limit.
    const longest = NOTE_PROMPTS.reduce((a, b) => (textLength(texts[b.field]) > textLength(texts[a.field]) ? b : a));
    return fail(
      'TEXT_TOO_LONG',
      `Your note is ${total.toLocaleString('en-GB')} characters; the limit is ${NOTE_MAX_CHARACTERS.toLocaleString('en-GB')} in all. ` +
        `Shorten "${longest.label}" (the longest part).`,
      longest.field,
    );
  }
  const cpdTag = checkText(input.cpdTag, 'cpdTag', 'The CPD tag', { max: CPD_TAG_MAX, required: false });
  if (!cpdTag.ok) return cpdTag;
  const visibility = oneOf(input.visibility, ['private', 'shared'] as const, 'visibility', 'Who can read it');
  if (!visibility.ok) return visibility;
  if (visibility.value === 'shared' && input.supervisorId === undefined) {
    return fail('INVALID_INPUT', 'You have no supervisor to share this note with yet: keep it private for now.', 'visibility');
  }
  return ok({
    id: input.id,
    tenantId: input.tenantId,
    authorId: input.authorId,
    ...texts,
    ...(cpdTag.value !== '' ? { cpdTag: cpdTag.value } : {}),
    visibility: visibility.value,
    ...(visibility.value === 'shared' ? { sharedWithId: input.supervisorId } : {}),
    createdAt: now,
    updatedAt: now,
  });
}

/** Two submissions with the same content: the second is the same button pressed twice. */
export function sameNoteContent(a: ReflectiveNote, b: ReflectiveNote): boolean {
  return (
    a.authorId === b.authorId &&
    NOTE_PROMPTS.every((p) => a[p.field] === b[p.field]) &&
    (a.cpdTag ?? '') === (b.cpdTag ?? '') &&
    a.visibility === b.visibility &&
    a.sharedWithId === b.sharedWithId
  );
}

/** The start of "what happened" for a list, cut at a word where possible. */
export function notePreview(note: ReflectiveNote, max = 80): string {
  const chars = Array.from(note.whatHappened.replace(/\s+/g, ' '));
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
