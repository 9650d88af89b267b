/** Back from leave: a paused agreement is active again from today. */
import { resume } from '../domain/agreement';
import { mayManageAgreement } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { changeAgreementNotices } from './agreementNotices';
import { changeAgreement } from './agreementSupport';
import type { Actor, ResumeAgreement } from './commands';
import type { UseCaseDeps } from './deps';
import type { AgreementView } from './views';

export function resumeAgreement(deps: UseCaseDeps, actor: Actor, command: ResumeAgreement, now: Instant): Promise<Result<AgreementView>> {
  return changeAgreement(
    deps,
    actor,
    now,
    command.agreementId,
    (ctx, current) => {
      const allowed = mayManageAgreement(ctx.viewer, current);
      if (!allowed.ok) return allowed;
      return resume(current, ctx.today, now);
    },
    (_ctx, before, after) => changeAgreementNotices.statusChanged(before, after),
  );
}
