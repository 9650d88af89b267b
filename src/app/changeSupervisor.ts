/** Hands an agreement to a new supervisor (the current supervisor or an admin), keeping its history:
 * the current term closes, the new one opens with the handover note. */
import { handOver } from '../domain/agreement';
import { mayManageAgreement } from '../domain/authorization';
import type { Instant } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { changeAgreementNotices } from './agreementNotices';
import { changeAgreement } from './agreementSupport';
import type { Actor, ChangeSupervisor } from './commands';
import type { UseCaseDeps } from './deps';
import type { AgreementView } from './views';

export function changeSupervisor(deps: UseCaseDeps, actor: Actor, command: ChangeSupervisor, now: Instant): Promise<Result<AgreementView>> {
  return changeAgreement(
    deps,
    actor,
    now,
    command.agreementId,
    (ctx, current) => {
      const allowed = mayManageAgreement(ctx.viewer, current);
      if (!allowed.ok) return allowed;
      const newSupervisor = ctx.people.get(command.newSupervisorId);
      if (newSupervisor === undefined) {
        return fail('INVALID_INPUT', "That person is not on your organisation's staff list.", 'newSupervisorId');
      }
      return handOver(
        current,
        { newSupervisor, from: command.from === '' ? undefined : command.from, handoverNote: command.handoverNote, by: ctx.me.id },
        ctx.today,
        now,
      );
    },
    (_ctx, before, after) => changeAgreementNotices.supervisorChanged(before, after),
    async (ctx) => {
      if (typeof command.newSupervisorId !== 'string' || command.newSupervisorId === '') {
        return fail('INVALID_INPUT', 'Choose the new supervisor.', 'newSupervisorId');
      }
      const loaded = await ctx.people.load([command.newSupervisorId]);
      return loaded.ok ? ok(undefined) : loaded;
    },
  );
}
