/**
 * A supervisee asks for supervision (Standard 5 is their entitlement): their supervisor gets a card
 * to schedule it with one press, prefilled with the time the supervisee would like. Nothing is
 * stored but the message; the session exists once the supervisor schedules it.
 */
import { DateTime } from 'luxon';
import type { Agreement, Instant } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { localDateTimeToInstant } from '../domain/validation';
import { begin } from './acting';
import type { Actor, RequestSession } from './commands';
import type { UseCaseDeps } from './deps';
import { getOrNotFound } from './guardedWrites';
import { notifyEach } from './notifying';
import type { SessionRequestView } from './views';

export async function requestSession(deps: UseCaseDeps, actor: Actor, command: RequestSession, now: Instant): Promise<Result<SessionRequestView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const found = await getOrNotFound(deps.agreements, ctx.tenantId, command.agreementId, 'agreement');
  if (!found.ok) return found;
  const agreement: Agreement = found.value.value;
  if (agreement.superviseeId !== ctx.me.id) return fail('NOT_AUTHORIZED', 'Only the supervisee of an agreement can ask for a session under it.');
  if (agreement.status !== 'active') return fail('AGREEMENT_NOT_ACTIVE', 'This agreement is not active, so no session can be asked for under it.', 'agreementId');
  const start = localDateTimeToInstant(command.preferredStart, ctx.zone, 'preferredStart', 'The time you would like');
  if (!start.ok) return start;
  if (DateTime.fromISO(start.value) <= DateTime.fromISO(now)) return fail('INVALID_DATE', 'Choose a time that is still to come.', 'preferredStart');
  const loaded = await ctx.people.load([agreement.supervisorId, agreement.superviseeId]);
  if (!loaded.ok) return loaded;
  const view: SessionRequestView = {
    zone: ctx.zone,
    agreementId: agreement.id,
    supervisor: ctx.people.ref(agreement.supervisorId),
    supervisee: ctx.people.ref(agreement.superviseeId),
    preferredStart: start.value,
    mode: command.mode,
  };
  await notifyEach(ctx, [[agreement.supervisorId, { kind: 'session-requested', data: view }]]);
  return ok(view);
}
