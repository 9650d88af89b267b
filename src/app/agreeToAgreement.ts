/** The supervisee or the supervisor agrees; the agreement becomes active when both have. Agreeing
 * twice changes nothing and shows the same card. */
import { agree } from '../domain/agreement';
import { mayAgree } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { changeAgreementNotices } from './agreementNotices';
import { changeAgreement } from './agreementSupport';
import type { Actor, AgreeToAgreement } from './commands';
import type { UseCaseDeps } from './deps';
import type { AgreementView } from './views';

export function agreeToAgreement(deps: UseCaseDeps, actor: Actor, command: AgreeToAgreement, now: Instant): Promise<Result<AgreementView>> {
  return changeAgreement(
    deps,
    actor,
    now,
    command.agreementId,
    (ctx, current) => {
      const party = mayAgree(ctx.viewer, current);
      if (!party.ok) return party;
      return agree(current, party.value, now);
    },
    (_ctx, before, after) => changeAgreementNotices.agreed(before, after),
  );
}
