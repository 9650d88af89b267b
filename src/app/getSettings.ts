/** The organisation's settings, for its admins. */
import { mayEditSettings } from '../domain/authorization';
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor, GetSettings } from './commands';
import { begin } from './acting';
import type { UseCaseDeps } from './deps';
import { settingsView } from './settingsSupport';
import type { SettingsView } from './views';

export async function getSettings(deps: UseCaseDeps, actor: Actor, _command: GetSettings, now: Instant): Promise<Result<SettingsView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = mayEditSettings(ctx.viewer);
  if (!allowed.ok) return allowed;
  const everyone = await deps.people.listByTenant(ctx.tenantId);
  if (!everyone.ok) return everyone;
  return ok(settingsView(ctx.settings, everyone.value.filter((p) => p.tenantId === ctx.tenantId)));
}
