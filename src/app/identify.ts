/**
 * Who is talking: the Person whose aadObjectId is the actor's. The first time, a person imported by
 * email is linked to their Teams identity using the email or UPN the Teams adapter got from
 * TeamsInfo.getMember; from then on the aadObjectId alone identifies them.
 */
import type { Instant, Person } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import type { Actor, Identify } from './commands';
import { unknownUser, validActor } from './acting';
import { MAX_ATTEMPTS, conflictExhausted } from './guardedWrites';
import type { UseCaseDeps } from './deps';

export async function identify(deps: UseCaseDeps, actor: Actor, command: Identify, _now: Instant): Promise<Result<Person>> {
  if (!validActor(actor)) return unknownUser();
  const byId = await deps.people.findByAadObjectId(actor.tenantId, actor.aadObjectId);
  if (!byId.ok) return byId;
  if (byId.value !== null) return ok(byId.value.value);

  const email = typeof command.email === 'string' ? command.email.trim().toLowerCase() : '';
  if (email === '') return unknownUser();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const byEmail = await deps.people.findByEmail(actor.tenantId, email);
    if (!byEmail.ok) return byEmail;
    if (byEmail.value === null) {
      return fail(
        'UNKNOWN_USER',
        `I can't find ${email} on your organisation's staff list yet. Ask your admin to import you, then say hello to me again.`,
      );
    }
    const person = byEmail.value.value;
    if (person.tenantId !== actor.tenantId) return unknownUser();
    if (person.aadObjectId === actor.aadObjectId) return ok(person);
    if (person.aadObjectId !== undefined) {
      return fail(
        'UNKNOWN_USER',
        `${email} is already linked to another Teams account. Ask your admin to check the staff list.`,
      );
    }
    const linked = await deps.people.replace({ ...person, aadObjectId: actor.aadObjectId }, byEmail.value.etag);
    if (linked.ok) return ok(linked.value.value);
    if (linked.error.code !== 'CONFLICT') return linked;
  }
  return conflictExhausted();
}
