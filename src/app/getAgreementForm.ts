/** What the set-up card offers: the people of the organisation who can be supervisee, supervisor and
 * professional supervisor. For supervisors and admins only. */
import { mayProposeAgreement } from '../domain/authorization';
import type { Instant, Person } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, GetAgreementForm } from './commands';
import { begin } from './acting';
import type { UseCaseDeps } from './deps';
import type { AgreementFormView, PersonRef } from './views';

const refs = (people: readonly Person[]): PersonRef[] =>
  people.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name));

export async function getAgreementForm(
  deps: UseCaseDeps,
  actor: Actor,
  _command: GetAgreementForm,
  now: Instant,
): Promise<Result<AgreementFormView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = mayProposeAgreement(ctx.viewer, ctx.me.id);
  if (!allowed.ok) return allowed;
  const everyone = await deps.people.listByTenant(ctx.tenantId);
  if (!everyone.ok) return everyone;
  const people = everyone.value.filter((p) => p.tenantId === ctx.tenantId);
  return ok({
    zone: ctx.zone,
    supervisees: refs(people.filter((p) => p.roles.includes('supervisee'))),
    supervisors: refs(people.filter((p) => p.roles.includes('supervisor'))),
    professionalSupervisors: refs(people.filter((p) => p.isRegisteredSocialWorker === true)),
    defaultSupervisorId: ctx.me.roles.includes('supervisor') ? ctx.me.id : null,
  });
}
