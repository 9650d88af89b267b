/**
 * What a PSW does from an escalation's card (issue 9 part 3): nudge the supervisor (one press sends
 * them a card) and acknowledge it (recorded on the agreement, and the other PSWs are told who took
 * it on). Only a PSW (or, where the organisation names none, an admin: the escalation's recipients)
 * may, decided from the authenticated person, never from the card.
 */
import { isAdmin, isPsw } from '../domain/authorization';
import type { Agreement, Instant } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { checkLocalDate } from '../domain/validation';
import { begin, type Ctx } from './acting';
import type { Actor, EscalationTarget } from './commands';
import type { UseCaseDeps } from './deps';
import { getOrNotFound } from './guardedWrites';
import { notifyEach } from './notifying';
import type { EscalationAcknowledgedFacts } from './proactiveMessages';
import { updateAgreement } from './summaryUpkeep';
import type { PersonRef } from './views';

/** What the PSW's card shows after the press. */
export interface EscalationActionView extends EscalationAcknowledgedFacts {
  readonly action: 'nudged' | 'acknowledged';
  /** Who was sent a card by this press. */
  readonly told: readonly PersonRef[];
  /** Acknowledged: true when someone had already acknowledged it (then `acknowledgedBy` is them). */
  readonly already: boolean;
}

function mayFollowUpEscalation(ctx: Ctx): Result<void> {
  const recipients = ctx.settings.pswIds.length > 0 ? isPsw(ctx.viewer) : isPsw(ctx.viewer) || isAdmin(ctx.viewer);
  return recipients ? ok(undefined) : fail('NOT_AUTHORIZED', 'Only a Principal Social Worker can follow up an escalation.');
}

async function start(deps: UseCaseDeps, actor: Actor, command: EscalationTarget, now: Instant): Promise<Result<{ ctx: Ctx; agreement: Agreement; periodStart: string }>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = mayFollowUpEscalation(ctx);
  if (!allowed.ok) return allowed;
  const periodStart = checkLocalDate(command.periodStart, 'periodStart', 'The missed period');
  if (!periodStart.ok) return periodStart;
  const found = await getOrNotFound(deps.agreements, ctx.tenantId, command.agreementId, 'agreement');
  if (!found.ok) return found;
  const loaded = await ctx.people.load([found.value.value.superviseeId, found.value.value.supervisorId, ...ctx.settings.pswIds]);
  if (!loaded.ok) return loaded;
  return ok({ ctx, agreement: found.value.value, periodStart: periodStart.value });
}

const factsOf = (ctx: Ctx, a: Agreement, periodStart: string, byId: string, at: Instant): EscalationAcknowledgedFacts => ({
  zone: ctx.zone,
  agreementId: a.id,
  supervisee: ctx.people.ref(a.superviseeId),
  supervisor: ctx.people.ref(a.supervisorId),
  periodStart,
  acknowledgedBy: ctx.people.ref(byId),
  at,
});

/** Sends the supervisor a card asking them to book supervision. */
export async function nudgeSupervisor(deps: UseCaseDeps, actor: Actor, command: EscalationTarget, now: Instant): Promise<Result<EscalationActionView>> {
  const s = await start(deps, actor, command, now);
  if (!s.ok) return s;
  const { ctx, agreement: a, periodStart } = s.value;
  if (a.status === 'ended') return fail('AGREEMENT_NOT_ACTIVE', 'This agreement has ended: there is nobody to nudge.');
  await notifyEach(ctx, [
    [
      a.supervisorId,
      {
        kind: 'supervision-nudge',
        data: { zone: ctx.zone, agreementId: a.id, supervisee: ctx.people.ref(a.superviseeId), supervisor: ctx.people.ref(a.supervisorId), periodStart, from: ctx.people.ref(ctx.me.id), at: now },
      },
    ],
  ]);
  return ok({ ...factsOf(ctx, a, periodStart, ctx.me.id, now), action: 'nudged', told: a.supervisorId === ctx.me.id ? [] : [ctx.people.ref(a.supervisorId)], already: false });
}

/** Records the acknowledgement once; the other PSWs are told who took it on. */
export async function acknowledgeEscalation(deps: UseCaseDeps, actor: Actor, command: EscalationTarget, now: Instant): Promise<Result<EscalationActionView>> {
  const s = await start(deps, actor, command, now);
  if (!s.ok) return s;
  const { ctx, periodStart } = s.value;
  const updated = await updateAgreement(ctx, command.agreementId, (a) => {
    if ((a.escalationAcknowledgements ?? []).some((x) => x.periodStart === periodStart)) return ok({ value: a, changed: false });
    return ok({ value: { ...a, escalationAcknowledgements: [...(a.escalationAcknowledgements ?? []), { periodStart, byId: ctx.me.id, at: now }], updatedAt: now }, changed: true });
  });
  if (!updated.ok) return updated;
  const a = updated.value.value.value;
  const ack = (a.escalationAcknowledgements ?? []).find((x) => x.periodStart === periodStart);
  if (ack === undefined) return fail('CONFLICT', 'The acknowledgement could not be recorded; please try again.');
  await ctx.people.load([ack.byId]);
  const facts = factsOf(ctx, a, periodStart, ack.byId, ack.at);
  if (!updated.value.changed) return ok({ ...facts, action: 'acknowledged', told: [], already: true });
  const others = ctx.settings.pswIds.filter((id) => id !== ctx.me.id);
  await notifyEach(ctx, others.map((id) => [id, { kind: 'escalation-acknowledged', data: facts }] as const));
  return ok({ ...facts, action: 'acknowledged', told: others.map((id) => ctx.people.ref(id)), already: false });
}
