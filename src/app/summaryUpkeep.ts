/**
 * Summary upkeep: each agreement carries its compliance summary (what the reminder sweep and the
 * compliance views read), recomputed and saved with every change to the agreement or its sessions.
 */
import type { Change } from '../domain/agreement';
import type { Agreement } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Ctx } from './acting';
import { MAX_ATTEMPTS, conflictExhausted, getOrNotFound } from './guardedWrites';
import type { Versioned } from './ports';
import { sessionsThatCount, withSummary } from './proactivePlanning';

export { withSummary } from './proactivePlanning';

function sameSummary(a: Agreement['summary'], b: Agreement['summary']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Updates an agreement (`apply` = authorization + transition) and its compliance summary in one
 * guarded write. Sessions are re-read on every attempt so a concurrent session change is never
 * summarised away.
 */
export async function updateAgreement(
  ctx: Ctx,
  agreementId: unknown,
  apply: (current: Agreement) => Result<Change<Agreement>>,
): Promise<Result<Change<Versioned<Agreement>>>> {
  const { deps, tenantId } = ctx;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getOrNotFound(deps.agreements, tenantId, agreementId, 'agreement');
    if (!current.ok) return current;
    const next = apply(current.value.value);
    if (!next.ok) return next;
    const sessions = await sessionsThatCount(deps, tenantId, next.value.value, ctx.zone);
    if (!sessions.ok) return sessions;
    const summarised = withSummary(next.value.value, sessions.value, ctx.settings, ctx.now);
    if (!next.value.changed && sameSummary(summarised.summary, current.value.value.summary)) {
      return ok({ value: current.value, changed: false });
    }
    const saved = await deps.agreements.replace(summarised, current.value.etag);
    if (saved.ok) return ok({ value: saved.value, changed: next.value.changed });
    if (saved.error.code !== 'CONFLICT') return saved;
  }
  return conflictExhausted();
}

/**
 * Recomputes an agreement's summary after a session change (a pure function of the stored agreement
 * and sessions, so safe to retry on CONFLICT). Run even when the session command changed nothing, so
 * pressing again after a store outage repairs a summary the first press could not save.
 */
export async function refreshSummary(ctx: Ctx, agreementId: string): Promise<Result<Versioned<Agreement>>> {
  const r = await updateAgreement(ctx, agreementId, (a) => ok({ value: a, changed: false }));
  return r.ok ? ok(r.value.value) : r;
}
