/**
 * The supervisee rates the session's quality 1-5 with an optional comment (Standard 5: the employer
 * monitors quality). The same rating again changes nothing; a different one replaces it (the latest
 * stands; see src/domain/session.ts).
 */
import { mayRateSession } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import { rate } from '../domain/session';
import type { Actor, RateSession } from './commands';
import type { UseCaseDeps } from './deps';
import { changeSession } from './sessionSupport';
import type { SessionView } from './views';

export function rateSession(deps: UseCaseDeps, actor: Actor, command: RateSession, now: Instant): Promise<Result<SessionView>> {
  return changeSession(
    deps,
    actor,
    now,
    command.sessionId,
    (ctx, current) => {
      const allowed = mayRateSession(ctx.viewer, current);
      if (!allowed.ok) return allowed;
      return rate(current, command.score, command.comment, now);
    },
    (_ctx, after) => [after.supervisorId, 'session-confirmed'],
  );
}
