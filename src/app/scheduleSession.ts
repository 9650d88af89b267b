/**
 * The supervisor (or professional supervisor) schedules a session on an active agreement; the
 * supervisee gets a card to accept or propose another time, with an .ics invite. The same time
 * scheduled twice is one session.
 */
import { mayScheduleSession } from '../domain/authorization';
import type { Instant, Session } from '../domain/model';
import { fail, type Result } from '../domain/result';
import { DEFAULT_PLANNED_MINUTES, sameInstant, schedule } from '../domain/session';
import { localDateTimeToInstant } from '../domain/validation';
import type { Actor, ScheduleSession } from './commands';
import { begin } from './acting';
import { createOnce, getOrNotFound, pressId } from './guardedWrites';
import { refreshSummary } from './summaryUpkeep';
import type { UseCaseDeps } from './deps';
import { loadSessionView, tellAboutSession } from './sessionSupport';
import type { SessionView } from './views';

export async function scheduleSession(
  deps: UseCaseDeps,
  actor: Actor,
  command: ScheduleSession,
  now: Instant,
): Promise<Result<SessionView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const found = await getOrNotFound(deps.agreements, ctx.tenantId, command.agreementId, 'agreement');
  if (!found.ok) return found;
  const agreement = found.value.value;
  const supervisorId = mayScheduleSession(ctx.viewer, agreement);
  if (!supervisorId.ok) return supervisorId;
  const start = localDateTimeToInstant(command.start, ctx.zone, 'start', 'The start');
  if (!start.ok) return start;

  const existing = await deps.sessions.listByAgreement(ctx.tenantId, agreement.id);
  if (!existing.ok) return existing;
  const isSame = (s: Session) => s.status === 'scheduled' && s.supervisorId === supervisorId.value && sameInstant(s.scheduledStart, start.value);
  const same = existing.value.map((v) => v.value).find(isSame);
  if (same !== undefined) return loadSessionView(ctx, same, agreement);

  const session = schedule(
    {
      id: deps.ids.next(),
      agreement,
      supervisorId: supervisorId.value,
      start: start.value,
      plannedMinutes: command.plannedMinutes ?? DEFAULT_PLANNED_MINUTES,
      mode: command.mode,
    },
    now,
  );
  if (!session.ok) return session;
  // Both presses of a double click can pass the check above before either saves: the id settles it.
  const stableId = pressId('session', [ctx.tenantId, agreement.id, supervisorId.value, Date.parse(start.value)]);
  const created = await createOnce(deps.sessions, session.value, stableId, isSame);
  if (!created.ok) return created.error.code === 'CONFLICT' ? fail('CONFLICT', 'Please try again.') : created;
  if (!created.value.created) return loadSessionView(ctx, created.value.value, agreement);
  await tellAboutSession(ctx, created.value.value, agreement, agreement.superviseeId, 'session-scheduled');
  const summary = await refreshSummary(ctx, agreement.id);
  if (!summary.ok) return summary;
  return loadSessionView(ctx, created.value.value, summary.value.value);
}
