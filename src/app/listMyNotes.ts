/** The author's own reflective notes, newest first. */
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, ListMyNotes } from './commands';
import { begin } from './acting';
import type { UseCaseDeps } from './deps';
import { noteSummaryView } from './views/build/note';
import type { NoteListView } from './views';

export async function listMyNotes(deps: UseCaseDeps, actor: Actor, _command: ListMyNotes, now: Instant): Promise<Result<NoteListView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const notes = await deps.notes.listByAuthor(ctx.tenantId, ctx.me.id);
  if (!notes.ok) return notes;
  const mine = notes.value.map((v) => v.value).filter((n) => n.tenantId === ctx.tenantId && n.authorId === ctx.me.id);
  const loaded = await ctx.people.load(mine.map((n) => n.sharedWithId));
  if (!loaded.ok) return loaded;
  return ok({
    zone: ctx.zone,
    notes: mine.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map((n) => noteSummaryView(ctx, n)),
  });
}
