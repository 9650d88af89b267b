/** Notes others shared with the actor (their supervisor), newest first. Private notes never appear. */
import { mayReadNote } from '../domain/authorization';
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, ListSharedNotes } from './commands';
import { begin } from './acting';
import type { UseCaseDeps } from './deps';
import { noteSummaryView } from './views/build/note';
import type { NoteListView } from './views';

export async function listSharedNotes(deps: UseCaseDeps, actor: Actor, _command: ListSharedNotes, now: Instant): Promise<Result<NoteListView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const notes = await deps.notes.listSharedWith(ctx.tenantId, ctx.me.id);
  if (!notes.ok) return notes;
  const shared = notes.value
    .map((v) => v.value)
    .filter((n) => n.authorId !== ctx.me.id && mayReadNote(ctx.viewer, n).ok);
  const loaded = await ctx.people.load(shared.map((n) => n.authorId));
  if (!loaded.ok) return loaded;
  return ok({
    zone: ctx.zone,
    notes: shared.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map((n) => noteSummaryView(ctx, n)),
  });
}
