/** Reads one note back: its author, or the supervisor it was shared with. Nobody else (PSW included). */
import { mayReadNote } from '../domain/authorization';
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, ReadNote } from './commands';
import { begin } from './acting';
import { getOrNotFound } from './guardedWrites';
import type { UseCaseDeps } from './deps';
import { noteView } from './views/build/note';
import type { NoteView } from './views';

export async function readNote(deps: UseCaseDeps, actor: Actor, command: ReadNote, now: Instant): Promise<Result<NoteView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const found = await getOrNotFound(deps.notes, ctx.tenantId, command.noteId, 'note');
  if (!found.ok) return found;
  const note = found.value.value;
  const allowed = mayReadNote(ctx.viewer, note);
  if (!allowed.ok) return allowed;
  const loaded = await ctx.people.load([note.authorId, note.sharedWithId]);
  if (!loaded.ok) return loaded;
  return ok(noteView(ctx, note));
}
