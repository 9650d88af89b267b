/** The supervisee accepts the scheduled time or proposes another; the supervisor hears which. */
import { mayRespondToSchedule } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { acceptSchedule, proposeAnotherTime } from '../domain/session';
import { localDateTimeToInstant } from '../domain/validation';
import type { Actor, RespondToSchedule } from './commands';
import type { UseCaseDeps } from './deps';
import { changeSession } from './sessionSupport';
import type { SessionView } from './views';

export function respondToSchedule(deps: UseCaseDeps, actor: Actor, command: RespondToSchedule, now: Instant): Promise<Result<SessionView>> {
  return changeSession(
    deps,
    actor,
    now,
    command.sessionId,
    (ctx, current) => {
      const allowed = mayRespondToSchedule(ctx.viewer, current);
      if (!allowed.ok) return allowed;
      if (command.response === 'accept') return acceptSchedule(current, now);
      const proposed = localDateTimeToInstant(command.proposedStart, ctx.zone, 'proposedStart', 'The time you propose');
      if (!proposed.ok) return proposed;
      return proposeAnotherTime(current, proposed.value, now);
    },
    (_ctx, after) => [after.supervisorId, 'schedule-response'],
  );
}
