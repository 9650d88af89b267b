/** Shared by the concern use cases: who supervises the raiser, loading the views, telling people. */
import type { Change } from '../domain/agreement';
import { mayHandleConcern, type Viewer } from '../domain/authorization';
import type { Concern, Instant, Person, PersonId } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor } from './commands';
import { begin, supervisorsOf, viewerFor, type Ctx } from './acting';
import { getOrNotFound, updateWithRetry } from './guardedWrites';
import { notifyEach } from './notifying';
import type { UseCaseDeps } from './deps';
import { concernPeople, concernView } from './views/build/concern';
import type { Notification } from './proactiveMessages';
import type { ConcernView } from './views';

/** The supervisors of the person who raised it: a concern sent to the PSW is never shown to them. */
export async function raisersSupervisors(ctx: Ctx, c: Pick<Concern, 'raisedById'>): Promise<Result<PersonId[]>> {
  const s = await supervisorsOf(ctx, c.raisedById);
  return s.ok ? ok(s.value.ids) : s;
}

/** The concern as `viewer` (default: the actor) may see it, with whom they may assign it to. */
export async function loadConcernView(
  ctx: Ctx,
  c: Concern,
  raisersSupervisorIds: readonly PersonId[],
  viewer: Viewer = ctx.viewer,
): Promise<Result<ConcernView>> {
  const loaded = await ctx.people.load(concernPeople(c));
  if (!loaded.ok) return loaded;
  let assignable: readonly Person[] = [];
  if (c.status !== 'resolved' && mayHandleConcern(viewer, c, raisersSupervisorIds).ok) {
    const everyone = await ctx.deps.people.listByTenant(ctx.tenantId);
    if (!everyone.ok) return everyone;
    assignable = everyone.value;
  }
  return ok(concernView(ctx, c, viewer, raisersSupervisorIds, assignable));
}

export type ConcernNotice = readonly [PersonId | undefined, 'concern-to-handle' | 'concern-update'];

export async function tellAboutConcern(
  ctx: Ctx,
  c: Concern,
  raisersSupervisorIds: readonly PersonId[],
  notices: readonly ConcernNotice[],
): Promise<void> {
  const loaded = await ctx.people.load(notices.map(([id]) => id));
  if (!loaded.ok) return;
  const messages: (readonly [PersonId, Notification])[] = [];
  const seen = new Set<PersonId>();
  for (const [recipientId, kind] of notices) {
    if (recipientId === undefined || seen.has(recipientId)) continue;
    seen.add(recipientId);
    const viewer = viewerFor(ctx, recipientId);
    if (viewer === undefined) continue;
    const view = await loadConcernView(ctx, c, raisersSupervisorIds, viewer);
    if (!view.ok) continue;
    messages.push([recipientId, { kind, data: view.value }]);
  }
  await notifyEach(ctx, messages);
}

/**
 * One guarded change of a concern by whoever handles it (`decide` = authorization + transition on
 * the re-read concern); the raiser hears every stage, and a new handler gets the card to act on.
 */
export async function changeConcern(
  deps: UseCaseDeps,
  actor: Actor,
  now: Instant,
  concernId: unknown,
  decide: (ctx: Ctx, current: Concern, raisersSupervisorIds: readonly PersonId[]) => Result<Change<Concern>>,
  prepare?: (ctx: Ctx) => Promise<Result<void>>,
): Promise<Result<ConcernView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const found = await getOrNotFound(deps.concerns, ctx.tenantId, concernId, 'concern');
  if (!found.ok) return found;
  const supervisors = await raisersSupervisors(ctx, found.value.value);
  if (!supervisors.ok) return supervisors;
  if (prepare !== undefined) {
    const prepared = await prepare(ctx);
    if (!prepared.ok) return prepared;
  }
  let before: Concern | undefined;
  const saved = await updateWithRetry(deps.concerns, ctx.tenantId, concernId, 'concern', (current) => {
    before = current;
    return decide(ctx, current, supervisors.value);
  });
  if (!saved.ok) return saved;
  const after = saved.value.value.value;
  const view = await loadConcernView(ctx, after, supervisors.value);
  if (!view.ok) return view;
  if (saved.value.changed) {
    const notices: ConcernNotice[] = [[after.raisedById, 'concern-update']];
    if (after.handlerId !== before?.handlerId) notices.push([after.handlerId, 'concern-to-handle']);
    // Whoever held it hears when someone else (a PSW) resolves it: it is no longer theirs to act on.
    else if (after.status === 'resolved') notices.push([after.handlerId, 'concern-update']);
    await tellAboutConcern(ctx, after, supervisors.value, notices);
  }
  return view;
}
