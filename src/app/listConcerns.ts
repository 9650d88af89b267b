/**
 * The concerns the actor raised and those the actor handles or oversees, newest first, open and
 * closed: a PSW sees every concern they may (those sent to the PSW, assigned on or resolved, too),
 * so there is a history; anyone else those they hold or held. Filtered by status and by age.
 */
import { DateTime } from 'luxon';
import { isPsw, mayViewConcern } from '../domain/authorization';
import type { Concern, Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, ListConcerns } from './commands';
import { begin } from './acting';
import { raisersSupervisors } from './concernSupport';
import type { UseCaseDeps } from './deps';
import { concernPeople, concernSummaryView } from './views/build/concern';
import type { ConcernListView } from './views';

const newestFirst = (a: Concern, b: Concern): number => (a.createdAt < b.createdAt ? 1 : -1);

export async function listConcerns(deps: UseCaseDeps, actor: Actor, command: ListConcerns, now: Instant): Promise<Result<ConcernListView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const status = command.status ?? 'all';
  const since = command.withinDays === undefined ? undefined : DateTime.fromISO(now).minus({ days: command.withinDays }).toUTC().toISO();
  const shown = (c: Concern): boolean =>
    (status === 'all' || (status === 'resolved') === (c.status === 'resolved')) && (since == null || DateTime.fromISO(c.createdAt) >= DateTime.fromISO(since));
  const raised = await deps.concerns.listRaisedBy(ctx.tenantId, ctx.me.id);
  if (!raised.ok) return raised;
  const overseen = isPsw(ctx.viewer) ? await deps.concerns.listByTenant(ctx.tenantId) : await deps.concerns.listHandledBy(ctx.tenantId, ctx.me.id);
  if (!overseen.ok) return overseen;
  const mine = raised.value.map((v) => v.value).filter((c) => c.tenantId === ctx.tenantId && c.raisedById === ctx.me.id && shown(c));
  const handling: Concern[] = [];
  for (const c of overseen.value.map((v) => v.value)) {
    if (c.raisedById === ctx.me.id || !shown(c)) continue;
    const supervisors = await raisersSupervisors(ctx, c);
    if (!supervisors.ok) return supervisors;
    if (mayViewConcern(ctx.viewer, c, supervisors.value).ok) handling.push(c);
  }
  const loaded = await ctx.people.load([...mine, ...handling].flatMap(concernPeople));
  if (!loaded.ok) return loaded;
  return ok({
    zone: ctx.zone,
    filter: { status, ...(command.withinDays !== undefined ? { withinDays: command.withinDays } : {}) },
    raised: mine.sort(newestFirst).map((c) => concernSummaryView(ctx, c)),
    handling: handling.sort(newestFirst).map((c) => concernSummaryView(ctx, c)),
  });
}
