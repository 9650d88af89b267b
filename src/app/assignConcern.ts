/** Whoever handles a concern hands it to someone to act on (never the raiser, and never the raiser's
 * supervisor when it was sent to the PSW); the assignee gets the card, the raiser hears. */
import { mayAssignConcernTo, mayHandleConcern } from '../domain/authorization';
import { assign } from '../domain/concern';
import type { Instant } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import type { Actor, AssignConcern } from './commands';
import { changeConcern } from './concernSupport';
import type { UseCaseDeps } from './deps';
import type { ConcernView } from './views';

export function assignConcern(deps: UseCaseDeps, actor: Actor, command: AssignConcern, now: Instant): Promise<Result<ConcernView>> {
  return changeConcern(
    deps,
    actor,
    now,
    command.concernId,
    (ctx, current, supervisors) => {
      const assignee = ctx.people.get(command.assigneeId);
      if (assignee === undefined) {
        const handle = mayHandleConcern(ctx.viewer, current, supervisors);
        if (!handle.ok) return handle;
        return fail('INVALID_INPUT', "That person is not on your organisation's staff list.", 'assigneeId');
      }
      const allowed = mayAssignConcernTo(ctx.viewer, current, assignee, supervisors);
      if (!allowed.ok) return allowed;
      return assign(current, ctx.me.id, assignee.id, now);
    },
    async (ctx) => {
      if (typeof command.assigneeId !== 'string' || command.assigneeId === '') {
        return fail('INVALID_INPUT', 'Choose who will handle it.', 'assigneeId');
      }
      const loaded = await ctx.people.load([command.assigneeId]);
      return loaded.ok ? ok(undefined) : loaded;
    },
  );
}
