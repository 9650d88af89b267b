/**
 * The supervisor accepts the time the supervisee proposed, with one press: the session is
 * rescheduled to it, and the replacement counts as accepted by the supervisee (they proposed it).
 */
import { fail, ok, type Result } from '../domain/result';
import type { Instant } from '../domain/model';
import type { AcceptProposedTime, Actor } from './commands';
import type { UseCaseDeps } from './deps';
import { rescheduleTo } from './recordSession';
import type { SessionView } from './views';

export function acceptProposedTime(deps: UseCaseDeps, actor: Actor, command: AcceptProposedTime, now: Instant): Promise<Result<SessionView>> {
  return rescheduleTo(deps, actor, command.sessionId, now, (_ctx, original) =>
    original.proposedStart === undefined
      ? fail('ALREADY_DONE', original.status === 'rescheduled' ? 'This session was already moved.' : 'No other time was proposed for this session.')
      : ok({ newStart: original.proposedStart }),
  );
}
