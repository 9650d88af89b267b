/** The concerns the actor raised and those the actor handles, newest first. */
import { mayViewConcern } from '../domain/authorization';
import type { Concern, Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, ListConcerns } from './commands';
import { begin } from './acting';
import { raisersSupervisors } from './concernSupport';
import type { UseCaseDeps } from './deps';
import { concernPeople, concernSummaryView } from './views/build/concern';
import type { ConcernListView } from './views';

const newestFirst = (a: Concern, b: Concern): number => (a.createdAt < b.createdAt ? 1 : -1);

export async function listConcerns(deps: UseCaseDeps, actor: Actor, _command: ListConcerns, now: Instant): Promise<Result<ConcernListView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const raised = await deps.concerns.listRaisedBy(ctx.tenantId, ctx.me.id);
  if (!raised.ok) return raised;
  const handled = await deps.concerns.listHandledBy(ctx.tenantId, ctx.me.id);
  if (!handled.ok) return handled;
  const mine = raised.value.map((v) => v.value).filter((c) => c.tenantId === ctx.tenantId && c.raisedById === ctx.me.id);
  const handling: Concern[] = [];
  for (const c of handled.value.map((v) => v.value)) {
    if (c.raisedById === ctx.me.id) continue;
    const supervisors = await raisersSupervisors(ctx, c);
    if (!supervisors.ok) return supervisors;
    if (mayViewConcern(ctx.viewer, c, supervisors.value).ok) handling.push(c);
  }
  const loaded = await ctx.people.load([...mine, ...handling].flatMap(concernPeople));
  if (!loaded.ok) return loaded;
  return ok({
    zone: ctx.zone,
    raised: mine.sort(newestFirst).map((c) => concernSummaryView(ctx, c)),
    handling: handling.sort(newestFirst).map((c) => concernSummaryView(ctx, c)),
  });
}
