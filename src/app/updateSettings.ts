/**
 * An admin changes the organisation's settings (only the fields present). Guarded by the settings'
 * ETag; a concurrent change by another admin is re-read and the same fields applied again.
 */
import { mayEditSettings } from '../domain/authorization';
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import { applySettings } from '../domain/settings';
import type { Actor, UpdateSettings } from './commands';
import { begin, loadSettings } from './acting';
import { conflictExhausted, MAX_ATTEMPTS } from './guardedWrites';
import type { UseCaseDeps } from './deps';
import { settingsView } from './settingsSupport';
import { planningOf } from './proactivePlanning';
import { replanNextActionAt } from '../domain/proactivePolicy';
import type { OrganisationSettings, TenantId } from '../domain/model';
import type { SettingsView } from './views';

export async function updateSettings(deps: UseCaseDeps, actor: Actor, command: UpdateSettings, now: Instant): Promise<Result<SettingsView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = mayEditSettings(ctx.viewer);
  if (!allowed.ok) return allowed;
  const everyone = await deps.people.listByTenant(ctx.tenantId);
  if (!everyone.ok) return everyone;
  const people = everyone.value.filter((p) => p.tenantId === ctx.tenantId);
  const ids = new Set(people.map((p) => p.id));
  const adminsByRole = people.filter((p) => p.roles.includes('admin')).length;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await loadSettings(deps, ctx.tenantId);
    if (!current.ok) return current;
    const next = applySettings(current.value.settings, command, ids, adminsByRole);
    if (!next.ok) return next;
    if (!next.value.changed && current.value.etag !== undefined) return ok(settingsView(next.value.value, people));
    const saved = await deps.organisations.save(next.value.value, current.value.etag);
    if (saved.ok) {
      const replanned = await replanAgreements(deps, ctx.tenantId, current.value.settings, saved.value.value, now);
      if (!replanned.ok) return replanned;
      return ok(settingsView(saved.value.value, people));
    }
    if (saved.error.code !== 'CONFLICT') return saved;
  }
  return conflictExhausted();
}

/**
 * Settings take effect at once (issue 9 part 4): every active agreement of the organisation gets the
 * next action time the new settings give, from its stored summary alone (replanNextActionAt), in
 * one pass over the organisation's agreements that reads no session. An agreement changed in
 * between (CONFLICT) is read again once; its writer has already planned it with the new settings
 * only if it read them, so it is re-planned here too.
 */
export async function replanAgreements(
  deps: UseCaseDeps,
  tenantId: TenantId,
  before: OrganisationSettings,
  after: OrganisationSettings,
  now: Instant,
): Promise<Result<{ readonly replanned: number }>> {
  const listed = await deps.agreements.listByTenant(tenantId);
  if (!listed.ok) return listed;
  const old = planningOf(before);
  const fresh = planningOf(after);
  let replanned = 0;
  for (const item of listed.value) {
    let current = item;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const a = current.value;
      if (a.tenantId !== tenantId || a.status !== 'active') break;
      const nextActionAt = replanNextActionAt(a, old, fresh, now);
      if (nextActionAt === a.summary.nextActionAt) break;
      const saved = await deps.agreements.replace({ ...a, summary: { ...a.summary, nextActionAt } }, current.etag);
      if (saved.ok) {
        replanned++;
        break;
      }
      if (saved.error.code !== 'CONFLICT') return saved;
      const again = await deps.agreements.get(tenantId, a.id);
      if (!again.ok) return again;
      if (again.value === null) break;
      current = again.value;
    }
  }
  return ok({ replanned });
}
