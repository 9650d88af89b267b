/** Whoever handles a concern resolves it with a resolution the raiser is told. */
import { mayHandleConcern } from '../domain/authorization';
import { resolve } from '../domain/concern';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import type { Actor, ResolveConcern } from './commands';
import { changeConcern } from './concernSupport';
import type { UseCaseDeps } from './deps';
import type { ConcernView } from './views';

export function resolveConcern(deps: UseCaseDeps, actor: Actor, command: ResolveConcern, now: Instant): Promise<Result<ConcernView>> {
  return changeConcern(deps, actor, now, command.concernId, (ctx, current, supervisors) => {
    const allowed = mayHandleConcern(ctx.viewer, current, supervisors);
    if (!allowed.ok) return allowed;
    return resolve(current, ctx.me.id, command.resolution, now);
  });
}
