/**
 * Ends an agreement (the supervisor or an admin); nothing after its end counts against anyone. The
 * sessions booked under it are cancelled, and the supervisee is told of each.
 */
import { end } from '../domain/agreement';
import { mayManageAgreement } from '../domain/authorization';
import type { Agreement, Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import { cancel, cancelledByEnd, ENDED_AGREEMENT_REASON } from '../domain/session';
import type { Ctx } from './acting';
import { changeAgreementNotices } from './agreementNotices';
import { changeAgreement } from './agreementSupport';
import type { Actor, EndAgreement } from './commands';
import type { UseCaseDeps } from './deps';
import { updateWithRetry } from './guardedWrites';
import { tellAboutSession } from './sessionSupport';
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
    undefined,
    cancelBooked,
  );
}

/**
 * Cancels what was booked under an ended agreement. Run on every press of "End", so a press after an
 * interrupted one finishes the job; each session is told once, when it is cancelled.
 */
async function cancelBooked(ctx: Ctx, agreement: Agreement): Promise<Result<void>> {
  if (agreement.status !== 'ended' || agreement.endedOn === undefined) return ok(undefined);
  const endedOn = agreement.endedOn;
  const sessions = await ctx.deps.sessions.listByAgreement(ctx.tenantId, agreement.id);
  if (!sessions.ok) return sessions;
  for (const { value: session } of sessions.value) {
    if (!cancelledByEnd(session, endedOn, ctx.zone, ctx.now)) continue;
    const saved = await updateWithRetry(ctx.deps.sessions, ctx.tenantId, session.id, 'session', (current) =>
      cancelledByEnd(current, endedOn, ctx.zone, ctx.now) ? cancel(current, ENDED_AGREEMENT_REASON, ctx.now) : ok({ value: current, changed: false }),
    );
    if (!saved.ok) return saved;
    if (saved.value.changed) await tellAboutSession(ctx, saved.value.value.value, agreement, session.superviseeId, 'session-recorded');
  }
  return ok(undefined);
}
