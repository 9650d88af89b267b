/** The supervisee confirms the session took place as recorded; confirming twice changes nothing. */
import { mayConfirmSession } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { confirm } from '../domain/session';
import type { Actor, ConfirmSession } from './commands';
import type { UseCaseDeps } from './deps';
import { changeSession } from './sessionSupport';
import type { SessionView } from './views';

export function confirmSession(deps: UseCaseDeps, actor: Actor, command: ConfirmSession, now: Instant): Promise<Result<SessionView>> {
  return changeSession(
    deps,
    actor,
    now,
    command.sessionId,
    (ctx, current) => {
      const allowed = mayConfirmSession(ctx.viewer, current);
      if (!allowed.ok) return allowed;
      return confirm(current, now);
    },
    (_ctx, after) => [after.supervisorId, 'session-confirmed'],
  );
}
