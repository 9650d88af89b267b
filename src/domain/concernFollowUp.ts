/**
 * Following up a concern nobody acts on (issue 9, part 6). Pure: `now`, the settings and the working
 * calendar are arguments.
 *
 * - A concern still `raised` (nobody acknowledged it) `concernAckDays` working days (default 2)
 *   after it was raised is escalated again: `concern-unacknowledged` to every PSW (the admins when
 *   there is none) and to the organisation's senior-leader contacts; the person who raised it is told
 *   it was followed up (`concern-followed-up`).
 * - A concern still `assigned` (not resolved) `concernResolveTargetDays` working days (default 10)
 *   after it was first assigned reminds the assignee and the PSWs (`concern-overdue`).
 * Working days are counted from the first send moment on or after the event (a concern raised on
 * Saturday counts from Monday's send time; one raised on Monday at 14:00 is followed up on Wednesday
 * at 14:00), and the follow-up goes at a send moment. The raiser is never among the escalation's
 * recipients. Each message has a deterministic id per (kind, concern, recipient): it fires once.
 * Messages never quote the concern (its description is never logged nor carried here).
 */
import { DateTime } from 'luxon';
import { zoneClock } from './cadence';
import type { CompleteOrganisationSettings, Concern, Instant, PersonId } from './model';
import { pswsOrAdmins } from './organisationDefaults';
import { isSendable, nextSendTime, type WorkingCalendar } from './workingCalendar';

export type ConcernFollowUpSettings = Pick<
  CompleteOrganisationSettings,
  'zone' | 'sendTime' | 'quietHours' | 'pswIds' | 'adminIds' | 'seniorLeaderIds' | 'concernAckDays' | 'concernResolveTargetDays'
>;

export type ConcernMessageKind = 'concern-unacknowledged' | 'concern-followed-up' | 'concern-overdue';

export interface ConcernMessage {
  /** Deterministic: `concernMessageId(concernId, kind, recipientId)`. */
  readonly id: string;
  readonly kind: ConcernMessageKind;
  readonly concernId: string;
  readonly recipientId: PersonId;
  readonly recipientIs: 'psw' | 'senior-leader' | 'raiser' | 'assignee';
  /** The moment the policy planned it for. */
  readonly at: Instant;
  /** When the concern was raised, and (`concern-overdue`) first assigned. */
  readonly raisedAt: Instant;
  readonly assignedAt?: Instant;
  /** `concern-overdue`: who it is assigned to. */
  readonly assigneeId?: PersonId;
}

export interface ConcernFollowUpPlan {
  readonly sendNow: readonly ConcernMessage[];
  /** The follow-up's moment while it is ahead; null once it has come, or when none is due. */
  readonly nextActionAt: Instant | null;
}

export function concernMessageId(concernId: string, kind: ConcernMessageKind, recipientId: PersonId): string {
  return `${concernId}:${kind}:${recipientId}`;
}

/** `days` working days after the first send moment on or after `from`, at the same local time, at a send moment. */
export function workingDaysAfter(
  from: Instant,
  days: number,
  settings: Pick<ConcernFollowUpSettings, 'zone' | 'sendTime' | 'quietHours'>,
  calendar: WorkingCalendar,
): Instant {
  const zone = zoneClock(settings.zone);
  const start = DateTime.fromISO(nextSendTime(from, settings, calendar), { zone: zone.name });
  const day = calendar.addWorkingDayNumbers(zone.localDayAt(start.toMillis()), Math.max(0, Math.floor(days)));
  const target = zone.instantAt(day, start.hour, start.minute).toUTC().toISO() as Instant;
  return nextSendTime(target, settings, calendar);
}

const unique = (ids: readonly PersonId[], except: PersonId): PersonId[] => [...new Set(ids)].filter((id) => id !== except);

export function planConcernFollowUp(
  concern: Concern,
  settings: ConcernFollowUpSettings,
  calendar: WorkingCalendar,
  now: Instant,
): ConcernFollowUpPlan {
  const nowMs = Date.parse(now);
  if (nowMs !== nowMs) throw new RangeError(`now is not an ISO instant: ${JSON.stringify(now)}`);
  const psws = pswsOrAdmins(settings);
  const raisedAt = concern.createdAt;
  let at: Instant;
  let messages: (at: Instant) => ConcernMessage[];
  if (concern.status === 'raised') {
    at = workingDaysAfter(raisedAt, settings.concernAckDays, settings, calendar);
    messages = (at) => {
      const msg = (kind: ConcernMessageKind, recipientId: PersonId, recipientIs: ConcernMessage['recipientIs']): ConcernMessage => ({
        id: concernMessageId(concern.id, kind, recipientId),
        kind,
        concernId: concern.id,
        recipientId,
        recipientIs,
        at,
        raisedAt,
      });
      const pswIds = unique(psws, concern.raisedById);
      const leaders = unique(settings.seniorLeaderIds, concern.raisedById).filter((id) => !pswIds.includes(id));
      return [
        ...pswIds.map((id) => msg('concern-unacknowledged', id, 'psw')),
        ...leaders.map((id) => msg('concern-unacknowledged', id, 'senior-leader')),
        msg('concern-followed-up', concern.raisedById, 'raiser'),
      ];
    };
  } else if (concern.status === 'assigned' && concern.handlerId !== undefined) {
    const assignedAt = concern.history.find((e) => e.status === 'assigned')?.at ?? concern.updatedAt;
    const assigneeId = concern.handlerId;
    at = workingDaysAfter(assignedAt, settings.concernResolveTargetDays, settings, calendar);
    messages = (at) => {
      const msg = (recipientId: PersonId, recipientIs: ConcernMessage['recipientIs']): ConcernMessage => ({
        id: concernMessageId(concern.id, 'concern-overdue', recipientId),
        kind: 'concern-overdue',
        concernId: concern.id,
        recipientId,
        recipientIs,
        at,
        raisedAt,
        assignedAt,
        assigneeId,
      });
      return [msg(assigneeId, 'assignee'), ...unique(psws, concern.raisedById).filter((id) => id !== assigneeId).map((id) => msg(id, 'psw'))];
    };
  } else {
    return { sendNow: [], nextActionAt: null };
  }
  if (Date.parse(at) > nowMs) return { sendNow: [], nextActionAt: at };
  if (!isSendable(now, settings, calendar)) return { sendNow: [], nextActionAt: nextSendTime(now, settings, calendar) };
  return { sendNow: messages(at), nextActionAt: null };
}
