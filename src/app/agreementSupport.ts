/**
 * Shared by the agreement use cases: run one guarded change of an agreement, then build the views
 * for the actor and for whoever is told about it.
 */
import type { Change } from '../domain/agreement';
import type { Agreement, Instant, PersonId } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor } from './commands';
import { begin, viewerFor, type Ctx } from './acting';
import { notifyEach } from './notifying';
import { updateAgreement } from './summaryUpkeep';
import type { UseCaseDeps } from './deps';
import { agreementPeople, agreementView } from './views/build/agreement';
import type { Notification } from './proactiveMessages';
import type { AgreementView } from './views';

/** Everything needed to show an agreement: its people and its sessions. */
export async function loadAgreementView(ctx: Ctx, a: Agreement): Promise<Result<AgreementView>> {
  const loaded = await ctx.people.load(agreementPeople(a));
  if (!loaded.ok) return loaded;
  const sessions = await ctx.deps.sessions.listByAgreement(ctx.tenantId, a.id);
  if (!sessions.ok) return sessions;
  return ok(agreementView(ctx, a, ctx.viewer, sessions.value.map((s) => s.value)));
}

export type AgreementNotice = readonly [PersonId | undefined, Notification['kind'] & ('agreement-to-agree' | 'agreement-updated')];

/**
 * Applies `decide` (authorization + transition) to the stored agreement under ETag guard with the
 * compliance summary recomputed, tells `notices(before, after)` recipients when something changed,
 * and returns the actor's view.
 */
export async function changeAgreement(
  deps: UseCaseDeps,
  actor: Actor,
  now: Instant,
  agreementId: unknown,
  decide: (ctx: Ctx, current: Agreement) => Result<Change<Agreement>>,
  notices: (ctx: Ctx, before: Agreement | undefined, after: Agreement) => readonly AgreementNotice[],
  prepare?: (ctx: Ctx) => Promise<Result<void>>,
  /** What else the saved agreement asks for (e.g. its booked sessions cancelled), before the view is built. */
  follow?: (ctx: Ctx, after: Agreement) => Promise<Result<void>>,
): Promise<Result<AgreementView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  if (prepare !== undefined) {
    const prepared = await prepare(ctx);
    if (!prepared.ok) return prepared;
  }
  let before: Agreement | undefined;
  const saved = await updateAgreement(ctx, agreementId, (current) => {
    before = current;
    return decide(ctx, current);
  });
  if (!saved.ok) return saved;
  const after = saved.value.value.value;
  if (follow !== undefined) {
    const followed = await follow(ctx, after);
    if (!followed.ok) return followed;
  }
  const view = await loadAgreementView(ctx, after);
  if (!view.ok) return view;
  if (saved.value.changed) await tellAboutAgreement(ctx, after, notices(ctx, before, after));
  return view;
}

/** The agreement card, as each recipient may see it; everyone it names is loaded here, whoever called. */
export async function tellAboutAgreement(ctx: Ctx, a: Agreement, notices: readonly AgreementNotice[]): Promise<void> {
  const loaded = await ctx.people.load([...agreementPeople(a), ...notices.map(([id]) => id)]);
  if (!loaded.ok) return;
  const sessions = await ctx.deps.sessions.listByAgreement(ctx.tenantId, a.id);
  const list = sessions.ok ? sessions.value.map((s) => s.value) : [];
  const messages: (readonly [PersonId, Notification])[] = [];
  for (const [recipientId, kind] of notices) {
    if (recipientId === undefined) continue;
    const viewer = viewerFor(ctx, recipientId);
    if (viewer === undefined) continue;
    messages.push([recipientId, { kind, data: agreementView(ctx, a, viewer, list) }]);
  }
  await notifyEach(ctx, messages);
}
