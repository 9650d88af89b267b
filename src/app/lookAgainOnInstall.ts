/**
 * When someone installs the app (or adds it again), what the sweep held back for them because it
 * could not reach them is sent at once: their active agreements (and, for a PSW or an admin, every
 * overdue agreement of the organisation, whose escalations are theirs) are made due now, so the
 * next sweep (within a minute) plans them again. Messages already queued are not written twice
 * (deterministic ids), so looking again is harmless.
 */
import { isAdmin, isPsw } from '../domain/authorization';
import type { Agreement, Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import { begin } from './acting';
import type { Actor } from './commands';
import type { UseCaseDeps } from './deps';
import type { Versioned } from './ports';

export type LookAgainOnInstall = Record<string, never>;

export async function lookAgainOnInstall(deps: UseCaseDeps, actor: Actor, _command: LookAgainOnInstall, now: Instant): Promise<Result<{ readonly relooked: number }>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const mine = await deps.agreements.listForPerson(ctx.tenantId, ctx.me.id);
  if (!mine.ok) return mine;
  const items: Versioned<Agreement>[] = [...mine.value];
  if (isPsw(ctx.viewer) || isAdmin(ctx.viewer)) {
    const all = await deps.agreements.listByTenant(ctx.tenantId);
    if (!all.ok) return all;
    items.push(...all.value.filter((v) => v.value.summary.overdueSince !== null));
  }
  let relooked = 0;
  const seen = new Set<string>();
  for (const item of items) {
    const a = item.value;
    if (seen.has(a.id) || a.tenantId !== ctx.tenantId || a.status !== 'active') continue;
    seen.add(a.id);
    if (a.summary.nextActionAt !== null && a.summary.nextActionAt <= now) continue;
    // CONFLICT: someone saved the agreement meanwhile; its next action stands (the retry finds them).
    const saved = await deps.agreements.replace({ ...a, summary: { ...a.summary, nextActionAt: now } }, item.etag);
    if (saved.ok) relooked++;
    else if (saved.error.code !== 'CONFLICT') return saved;
  }
  return ok({ relooked });
}
