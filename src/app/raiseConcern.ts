/**
 * Standard 4: a social worker raises a concern, to their supervisor or straight to the PSW (then their
 * supervisor never sees it). Whoever handles it gets a card to act on; the same concern submitted
 * twice within a few minutes is stored once. The description is never logged.
 */
import { DateTime } from 'luxon';
import { sameConcernContent, raise } from '../domain/concern';
import type { Concern, Instant, PersonId } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, RaiseConcern } from './commands';
import { begin, supervisorsOf, type Ctx } from './acting';
import { createOnce, pressId } from './guardedWrites';
import { loadConcernView, tellAboutConcern, type ConcernNotice } from './concernSupport';
import type { UseCaseDeps } from './deps';
import type { ConcernView } from './views';
import { DUPLICATE_WINDOW_MINUTES } from './writeNote';

export async function raiseConcern(deps: UseCaseDeps, actor: Actor, command: RaiseConcern, now: Instant): Promise<Result<ConcernView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const supervisors = await supervisorsOf(ctx, ctx.me.id);
  if (!supervisors.ok) return supervisors;
  const psws = await pswsOf(ctx);
  if (!psws.ok) return psws;

  const raised = raise(
    {
      id: deps.ids.next(),
      tenantId: ctx.tenantId,
      raisedById: ctx.me.id,
      category: command.category,
      description: command.description,
      urgency: command.urgency,
      route: command.route,
    },
    {
      ...(supervisors.value.current !== undefined ? { supervisorId: supervisors.value.current } : {}),
      pswIds: psws.value,
      raisersSupervisorIds: supervisors.value.ids,
    },
    now,
  );
  if (!raised.ok) return raised;

  const mine = await deps.concerns.listRaisedBy(ctx.tenantId, ctx.me.id);
  if (!mine.ok) return mine;
  const since = DateTime.fromISO(now).minus({ minutes: DUPLICATE_WINDOW_MINUTES });
  const isDuplicate = (c: Concern) => sameConcernContent(c, raised.value) && DateTime.fromISO(c.createdAt) >= since;
  const duplicate = mine.value.map((v) => v.value).find(isDuplicate);
  if (duplicate !== undefined) return loadConcernView(ctx, duplicate, supervisors.value.ids);

  // Both presses of a double click can pass the check above before either saves: the id settles it.
  const r = raised.value;
  const stableId = pressId('concern', [r.tenantId, r.raisedById, r.category, r.description, r.urgency, r.route]);
  const created = await createOnce(deps.concerns, r, stableId, isDuplicate);
  if (!created.ok) return created;
  const concern = created.value.value;
  const view = await loadConcernView(ctx, concern, supervisors.value.ids);
  if (!view.ok || !created.value.created) return view;
  await tellAboutConcern(ctx, concern, supervisors.value.ids, handlersToTell(concern, psws.value, supervisors.value.ids));
  return view;
}

/** The organisation's PSWs: from its settings, else the people whose role is PSW. */
async function pswsOf(ctx: Ctx): Promise<Result<PersonId[]>> {
  if (ctx.settings.pswIds.length > 0) return ok([...ctx.settings.pswIds]);
  const everyone = await ctx.deps.people.listByTenant(ctx.tenantId);
  if (!everyone.ok) return everyone;
  return ok(everyone.value.filter((p) => p.tenantId === ctx.tenantId && p.roles.includes('psw')).map((p) => p.id));
}

/** Its handler; when sent to the PSW, every PSW who does not supervise the raiser. */
function handlersToTell(c: Concern, pswIds: readonly PersonId[], raisersSupervisorIds: readonly PersonId[]): ConcernNotice[] {
  const notices: ConcernNotice[] = [[c.handlerId, 'concern-to-handle']];
  if (c.route === 'psw') {
    for (const id of pswIds) {
      if (id !== c.raisedById && !raisersSupervisorIds.includes(id)) notices.push([id, 'concern-to-handle']);
    }
  }
  return notices;
}
