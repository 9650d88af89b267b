/** Shows one agreement to a party to it, an admin or the PSW. */
import { mayViewAgreement } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { loadAgreementView } from './agreementSupport';
import type { Actor, GetAgreement } from './commands';
import { begin } from './acting';
import { getOrNotFound } from './guardedWrites';
import type { UseCaseDeps } from './deps';
import type { AgreementView } from './views';

export async function getAgreement(deps: UseCaseDeps, actor: Actor, command: GetAgreement, now: Instant): Promise<Result<AgreementView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const found = await getOrNotFound(deps.agreements, ctx.tenantId, command.agreementId, 'agreement');
  if (!found.ok) return found;
  const allowed = mayViewAgreement(ctx.viewer, found.value.value);
  if (!allowed.ok) return allowed;
  return loadAgreementView(ctx, found.value.value);
}
