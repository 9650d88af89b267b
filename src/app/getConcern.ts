/** Shows a concern to the person who raised it, whoever handles it, and (when sent to the PSW) the PSWs. */
import { mayViewConcern } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import type { Actor, GetConcern } from './commands';
import { begin } from './acting';
import { getOrNotFound } from './guardedWrites';
import { loadConcernView, raisersSupervisors } from './concernSupport';
import type { UseCaseDeps } from './deps';
import type { ConcernView } from './views';

export async function getConcern(deps: UseCaseDeps, actor: Actor, command: GetConcern, now: Instant): Promise<Result<ConcernView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const found = await getOrNotFound(deps.concerns, ctx.tenantId, command.concernId, 'concern');
  if (!found.ok) return found;
  const supervisors = await raisersSupervisors(ctx, found.value.value);
  if (!supervisors.ok) return supervisors;
  const allowed = mayViewConcern(ctx.viewer, found.value.value, supervisors.value);
  if (!allowed.ok) return allowed;
  return loadConcernView(ctx, found.value.value, supervisors.value);
}
