/** Shared by the session use cases: load a session with its agreement, present it, tell the other party. */
import type { Change } from '../domain/agreement';
import type { Agreement, Instant, PersonId, Session } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor } from './commands';
import { begin, viewerFor, type Ctx } from './acting';
import { getOrNotFound, updateWithRetry } from './guardedWrites';
import { notifyEach } from './notifying';
import { refreshSummary } from './summaryUpkeep';
import type { UseCaseDeps } from './deps';
import type { Versioned } from './ports';
import { sessionPeople, sessionView } from './views/build/session';
import type { Notification } from './proactiveMessages';
import type { SessionView } from './views';

export async function loadSessionWithAgreement(
  ctx: Ctx,
  sessionId: unknown,
): Promise<Result<{ session: Versioned<Session>; agreement: Agreement }>> {
  const session = await getOrNotFound(ctx.deps.sessions, ctx.tenantId, sessionId, 'session');
  if (!session.ok) return session;
  const agreement = await getOrNotFound(ctx.deps.agreements, ctx.tenantId, session.value.value.agreementId, 'agreement');
  if (!agreement.ok) return agreement;
  return ok({ session: session.value, agreement: agreement.value.value });
}

interface Related {
  rescheduledTo?: Session;
  rescheduledFrom?: Session;
}

async function related(ctx: Ctx, s: Session): Promise<Result<Related>> {
  const out: Related = {};
  for (const [key, id] of [
    ['rescheduledTo', s.rescheduledToId],
    ['rescheduledFrom', s.rescheduledFromId],
  ] as const) {
    if (id === undefined) continue;
    const got = await ctx.deps.sessions.get(ctx.tenantId, id);
    if (!got.ok) return got;
    if (got.value !== null) out[key] = got.value.value;
  }
  return ok(out);
}

/** The session as `viewer` (default: the actor) may see it. */
export async function loadSessionView(ctx: Ctx, s: Session, a: Agreement, viewerId?: PersonId): Promise<Result<SessionView>> {
  const loaded = await ctx.people.load(sessionPeople(s));
  if (!loaded.ok) return loaded;
  const rel = await related(ctx, s);
  if (!rel.ok) return rel;
  const viewer = viewerId === undefined ? ctx.viewer : viewerFor(ctx, viewerId);
  if (viewer === undefined) return ok(sessionView(ctx, s, a, ctx.viewer, rel.value));
  return ok(sessionView(ctx, s, a, viewer, rel.value));
}

/** Tells one party about the session with a card built for them. */
export async function tellAboutSession(
  ctx: Ctx,
  s: Session,
  a: Agreement,
  recipientId: PersonId,
  kind: Extract<Notification['kind'], `session-${string}` | 'schedule-response'>,
): Promise<void> {
  const loaded = await ctx.people.load([recipientId]);
  if (!loaded.ok || viewerFor(ctx, recipientId) === undefined) return;
  const view = await loadSessionView(ctx, s, a, recipientId);
  if (!view.ok) return;
  await notifyEach(ctx, [[recipientId, { kind, data: view.value } as Notification]]);
}

/**
 * One guarded change of a stored session (`decide` = authorization + transition, re-applied to the
 * re-read session on CONFLICT); the other party is told when something changed; then the agreement's
 * compliance summary is recomputed (also when nothing changed, to repair a summary an earlier press
 * could not save) and the actor's view is returned.
 */
export async function changeSession(
  deps: UseCaseDeps,
  actor: Actor,
  now: Instant,
  sessionId: unknown,
  decide: (ctx: Ctx, current: Session, agreement: Agreement) => Result<Change<Session>>,
  notice: (ctx: Ctx, after: Session) => SessionNotice | undefined,
): Promise<Result<SessionView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const loaded = await loadSessionWithAgreement(ctx, sessionId);
  if (!loaded.ok) return loaded;
  const { agreement } = loaded.value;
  const saved = await updateWithRetry(deps.sessions, ctx.tenantId, sessionId, 'session', (current) => decide(ctx, current, agreement));
  if (!saved.ok) return saved;
  const session = saved.value.value.value;
  // Told before the summary is refreshed: a retry after a failed refresh changes nothing and so
  // would never tell them.
  if (saved.value.changed) {
    const n = notice(ctx, session);
    if (n !== undefined) await tellAboutSession(ctx, session, agreement, n[0], n[1]);
  }
  const summary = await refreshSummary(ctx, agreement.id);
  if (!summary.ok) return summary;
  return loadSessionView(ctx, session, summary.value.value);
}

export type SessionNotice = readonly [PersonId, Extract<Notification['kind'], `session-${string}` | 'schedule-response'>];
