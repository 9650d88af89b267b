/**
 * The supervisor records what became of a scheduled session: held (start, minutes, uninterrupted,
 * agenda, actions), cancelled (reason) or rescheduled (a replacement is scheduled and the supervisee
 * gets its invite). Only the supervisor may; a short or interrupted session is recorded and flagged.
 * The supervisee then confirms and rates a held session.
 */
import { mayRecordSession } from '../domain/authorization';
import type { Agreement, Instant, Session, SessionMode } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { cancel, recordHeld, reschedule, sameInstant } from '../domain/session';
import { localDateTimeToInstant } from '../domain/validation';
import type { Actor, RecordSession, RescheduleSession } from './commands';
import { begin, type Ctx } from './acting';
import { conflictExhausted, MAX_ATTEMPTS, updateWithRetry } from './guardedWrites';
import { refreshSummary } from './summaryUpkeep';
import type { UseCaseDeps } from './deps';
import type { Versioned } from './ports';
import { changeSession, loadSessionWithAgreement, loadSessionView, tellAboutSession } from './sessionSupport';
import type { SessionView } from './views';

export async function recordSession(deps: UseCaseDeps, actor: Actor, command: RecordSession, now: Instant): Promise<Result<SessionView>> {
  switch (command.kind) {
    case 'held':
      return changeSession(
        deps,
        actor,
        now,
        command.sessionId,
        (ctx, current, agreement) => {
          const allowed = mayRecordSession(ctx.viewer, current, agreement);
          if (!allowed.ok) return allowed;
          const start = localDateTimeToInstant(command.start, ctx.zone, 'start', 'The start');
          if (!start.ok) return start;
          return recordHeld(
            current,
            {
              start: start.value,
              minutes: command.minutes,
              uninterrupted: command.uninterrupted,
              agenda: command.agenda,
              actions: command.actions,
            },
            ctx.me.id,
            now,
          );
        },
        (_ctx, after) => [after.superviseeId, 'session-recorded'],
      );
    case 'cancelled':
      return changeSession(
        deps,
        actor,
        now,
        command.sessionId,
        (ctx, current, agreement) => {
          const allowed = mayRecordSession(ctx.viewer, current, agreement);
          if (!allowed.ok) return allowed;
          return cancel(current, command.reason, now);
        },
        (_ctx, after) => [after.superviseeId, 'session-recorded'],
      );
    case 'rescheduled':
      return rescheduleSession(deps, actor, command, now);
    default:
      return fail('INVALID_INPUT', 'Say whether the session was held, cancelled or rescheduled.', 'kind');
  }
}

/**
 * Creates the replacement first (its id is derived from the original's, so a retry after a failure
 * finds it), then marks the original rescheduled. Pressing again with the same new time shows the
 * same outcome.
 */
function rescheduleSession(deps: UseCaseDeps, actor: Actor, command: RescheduleSession, now: Instant): Promise<Result<SessionView>> {
  return rescheduleTo(deps, actor, command.sessionId, now, (ctx) => {
    const newStart = localDateTimeToInstant(command.newStart, ctx.zone, 'newStart', 'The new time');
    return newStart.ok ? ok({ newStart: newStart.value, plannedMinutes: command.plannedMinutes, mode: command.mode }) : newStart;
  });
}

/** Where a reschedule moves a session: its new start, and its length and mode when they change. */
export interface NewTime {
  readonly newStart: Instant;
  readonly plannedMinutes?: number;
  readonly mode?: SessionMode;
}

/** Reschedules the session to the time `to` names (after the actor was found allowed to). */
export async function rescheduleTo(
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  now: Instant,
  to: (ctx: Ctx, original: Session) => Result<NewTime>,
): Promise<Result<SessionView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const loaded = await loadSessionWithAgreement(ctx, sessionId);
  if (!loaded.ok) return loaded;
  const { agreement } = loaded.value;
  const original = loaded.value.session.value;
  const allowed = mayRecordSession(ctx.viewer, original, agreement);
  if (!allowed.ok) return allowed;
  const target = to(ctx, original);
  if (!target.ok) return target;
  const { newStart, plannedMinutes, mode } = target.value;

  if (original.status === 'rescheduled' && original.rescheduledToId !== undefined) {
    const replacement = await deps.sessions.get(ctx.tenantId, original.rescheduledToId);
    if (!replacement.ok) return replacement;
    if (replacement.value !== null && sameInstant(replacement.value.value.scheduledStart, newStart)) {
      return finish(ctx, original, agreement, false, replacement.value.value);
    }
    return fail('ALREADY_DONE', 'This session was already rescheduled: change the new session instead.');
  }

  const planned = reschedule(original, { newStart, plannedMinutes, mode }, now);
  if (!planned.ok) return planned;
  const replacement = await saveReplacement(ctx, planned.value.replacement);
  if (!replacement.ok) return replacement;

  const saved = await updateWithRetry(deps.sessions, ctx.tenantId, original.id, 'session', (current) => {
    const again = mayRecordSession(ctx.viewer, current, agreement);
    if (!again.ok) return again;
    if (current.status === 'rescheduled' && current.rescheduledToId === replacement.value.id) return ok({ value: current, changed: false });
    const next = reschedule(current, { newStart, plannedMinutes, mode }, now);
    return next.ok ? ok({ value: next.value.original, changed: true }) : next;
  });
  if (!saved.ok) return saved;
  return finish(ctx, saved.value.value.value, agreement, saved.value.changed, replacement.value);
}

/** Creates the replacement, or brings one left by an interrupted earlier attempt up to date. */
async function saveReplacement(ctx: Ctx, replacement: Session): Promise<Result<Session>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const created = await ctx.deps.sessions.create(replacement);
    if (created.ok) return ok(created.value.value);
    if (created.error.code !== 'CONFLICT') return created;
    const existing = await ctx.deps.sessions.get(ctx.tenantId, replacement.id);
    if (!existing.ok) return existing;
    if (existing.value === null) continue;
    const found: Versioned<Session> = existing.value;
    if (found.value.tenantId !== replacement.tenantId || found.value.rescheduledFromId !== replacement.rescheduledFromId) {
      return fail('CONFLICT', 'Please try again.');
    }
    if (found.value.status !== 'scheduled') return ok(found.value);
    if (sameInstant(found.value.scheduledStart, replacement.scheduledStart) && found.value.plannedMinutes === replacement.plannedMinutes && found.value.mode === replacement.mode) {
      return ok(found.value);
    }
    const updated = await ctx.deps.sessions.replace({ ...replacement, createdAt: found.value.createdAt }, found.etag);
    if (updated.ok) return ok(updated.value.value);
    if (updated.error.code !== 'CONFLICT') return updated;
  }
  return conflictExhausted();
}

async function finish(ctx: Ctx, original: Session, agreement: Agreement, changed: boolean, replacement: Session): Promise<Result<SessionView>> {
  if (changed) await tellAboutSession(ctx, replacement, agreement, replacement.superviseeId, 'session-scheduled');
  const summary = await refreshSummary(ctx, agreement.id);
  if (!summary.ok) return summary;
  return loadSessionView(ctx, original, summary.value.value);
}
