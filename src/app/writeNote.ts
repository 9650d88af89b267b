/**
 * A reflective note by its author: private, or shared with the author's current supervisor. The same
 * note submitted twice within a few minutes (a double press) is stored once. The text is never
 * logged or put in an error message.
 */
import { DateTime } from 'luxon';
import type { Instant, ReflectiveNote } from '../domain/model';
import { NOTE_PROMPTS, sameNoteContent, write } from '../domain/note';
import { ok, type Result } from '../domain/result';
import type { Actor, WriteNote } from './commands';
import { begin, supervisorsOf } from './acting';
import { createOnce, pressId } from './guardedWrites';
import type { UseCaseDeps } from './deps';
import { noteView } from './views/build/note';
import type { NoteView } from './views';

/** A second identical submission within this window is the same press. */
export const DUPLICATE_WINDOW_MINUTES = 10;

export async function writeNote(deps: UseCaseDeps, actor: Actor, command: WriteNote, now: Instant): Promise<Result<NoteView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const supervisors = await supervisorsOf(ctx, ctx.me.id);
  if (!supervisors.ok) return supervisors;
  const note = write(
    {
      id: deps.ids.next(),
      tenantId: ctx.tenantId,
      authorId: ctx.me.id,
      whatHappened: command.whatHappened,
      howIFelt: command.howIFelt,
      whatILearned: command.whatILearned,
      whatNext: command.whatNext,
      cpdTag: command.cpdTag,
      visibility: command.visibility,
      ...(supervisors.value.current !== undefined ? { supervisorId: supervisors.value.current } : {}),
    },
    now,
  );
  if (!note.ok) return note;

  const mine = await deps.notes.listByAuthor(ctx.tenantId, ctx.me.id);
  if (!mine.ok) return mine;
  const since = DateTime.fromISO(now).minus({ minutes: DUPLICATE_WINDOW_MINUTES });
  const isDuplicate = (n: ReflectiveNote) => sameNoteContent(n, note.value) && DateTime.fromISO(n.createdAt) >= since;
  const duplicate = mine.value.map((v) => v.value).find(isDuplicate);
  const saved = duplicate !== undefined ? ok(duplicate) : await createNote(deps, note.value, isDuplicate);
  if (!saved.ok) return saved;
  const loaded = await ctx.people.load([saved.value.authorId, saved.value.sharedWithId]);
  if (!loaded.ok) return loaded;
  return ok(noteView(ctx, saved.value));
}

/** Both presses of a double click can pass the check above before either saves: the id settles it. */
async function createNote(deps: UseCaseDeps, note: ReflectiveNote, isDuplicate: (n: ReflectiveNote) => boolean): Promise<Result<ReflectiveNote>> {
  const stableId = pressId('note', [
    note.tenantId,
    note.authorId,
    ...NOTE_PROMPTS.map((p) => note[p.field]),
    note.cpdTag ?? '',
    note.visibility,
    note.sharedWithId ?? '',
  ]);
  const created = await createOnce(deps.notes, note, stableId, isDuplicate);
  return created.ok ? ok(created.value.value) : created;
}
