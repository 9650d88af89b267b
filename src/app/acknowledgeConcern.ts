/** Whoever handles a concern acknowledges it; the raiser hears. Acknowledging twice changes nothing. */
import { mayHandleConcern } from '../domain/authorization';
import { acknowledge } from '../domain/concern';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import type { AcknowledgeConcern, Actor } from './commands';
import { changeConcern } from './concernSupport';
import type { UseCaseDeps } from './deps';
import type { ConcernView } from './views';

export function acknowledgeConcern(deps: UseCaseDeps, actor: Actor, command: AcknowledgeConcern, now: Instant): Promise<Result<ConcernView>> {
  return changeConcern(deps, actor, now, command.concernId, (ctx, current, supervisors) => {
    const allowed = mayHandleConcern(ctx.viewer, current, supervisors);
    if (!allowed.ok) return allowed;
    return acknowledge(current, ctx.me.id, now);
  });
}
