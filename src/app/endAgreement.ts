/** Ends an agreement (the supervisor or an admin); nothing after its end counts against anyone. */
import { end } from '../domain/agreement';
import { mayManageAgreement } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { changeAgreementNotices } from './agreementNotices';
import { changeAgreement } from './agreementSupport';
import type { Actor, EndAgreement } from './commands';
import type { UseCaseDeps } from './deps';
import type { AgreementView } from './views';

export function endAgreement(deps: UseCaseDeps, actor: Actor, command: EndAgreement, now: Instant): Promise<Result<AgreementView>> {
  return changeAgreement(
    deps,
    actor,
    now,
    command.agreementId,
    (ctx, current) => {
      const allowed = mayManageAgreement(ctx.viewer, current);
      if (!allowed.ok) return allowed;
      return end(current, command.endedOn === undefined || command.endedOn === '' ? ctx.today : command.endedOn, now);
    },
    (_ctx, before, after) => changeAgreementNotices.statusChanged(before, after),
  );
}
