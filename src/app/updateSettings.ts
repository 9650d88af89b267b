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
    if (saved.ok) return ok(settingsView(saved.value.value, people));
    if (saved.error.code !== 'CONFLICT') return saved;
  }
  return conflictExhausted();
}
