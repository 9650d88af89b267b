/**
 * The help card's facts: the person's roles and which flows they may start, and no more. A "help"
 * turn (or text the bot does not understand) reads the person, their organisation's settings and
 * their own agreements (whether they supervise, or are supervised in, one that is active), never sessions, concerns or the
 * other people of the home view.
 */
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import { begin } from './acting';
import type { Actor, GetHelp } from './commands';
import type { UseCaseDeps } from './deps';
import { partiesOf, youCanFrom } from './getHome';
import type { HelpView } from './views';

export async function getHelp(deps: UseCaseDeps, actor: Actor, _command: GetHelp, now: Instant): Promise<Result<HelpView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const { me, viewer, tenantId } = started.value;
  const listed = await deps.agreements.listForPerson(tenantId, me.id);
  if (!listed.ok) return listed;
  return ok({ roles: me.roles, youCan: youCanFrom(viewer, partiesOf(listed.value, tenantId, me)) });
}
