/** Shows one session to its supervisor, its supervisee, the agreement's current supervisor or the PSW. */
import { mayViewSession } from '../domain/authorization';
import type { Instant } from '../domain/model';
import type { Result } from '../domain/result';
import type { Actor, GetSession } from './commands';
import { begin } from './acting';
import type { UseCaseDeps } from './deps';
import { loadSessionWithAgreement, loadSessionView } from './sessionSupport';
import type { SessionView } from './views';

export async function getSession(deps: UseCaseDeps, actor: Actor, command: GetSession, now: Instant): Promise<Result<SessionView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const loaded = await loadSessionWithAgreement(ctx, command.sessionId);
  if (!loaded.ok) return loaded;
  const { session, agreement } = loaded.value;
  const allowed = mayViewSession(ctx.viewer, session.value, agreement);
  if (!allowed.ok) return allowed;
  return loadSessionView(ctx, session.value, agreement);
}
