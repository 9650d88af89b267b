/** Leave or sickness: the supervisor or an admin pauses an active agreement for an inclusive range of
 * dates; periods lying wholly in it are excused. */
import { pause } from '../domain/agreement';
import { mayManageAgreement } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { changeAgreementNotices } from './agreementNotices';
import { changeAgreement } from './agreementSupport';
import type { Actor, PauseAgreement } from './commands';
import type { UseCaseDeps } from './deps';
import type { AgreementView } from './views';

export function pauseAgreement(deps: UseCaseDeps, actor: Actor, command: PauseAgreement, now: Instant): Promise<Result<AgreementView>> {
  return changeAgreement(
    deps,
    actor,
    now,
    command.agreementId,
    (ctx, current) => {
      const allowed = mayManageAgreement(ctx.viewer, current);
      if (!allowed.ok) return allowed;
      return pause(current, { from: command.from, to: command.to }, now);
    },
    (_ctx, before, after) => changeAgreementNotices.statusChanged(before, after),
  );
}
