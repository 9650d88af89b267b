/** Session views built from the records, for one viewer. */
import { DateTime } from 'luxon';
import {
  allowed,
  mayConfirmSession,
  mayRateSession,
  mayRecordSession,
  mayRespondToSchedule,
  type Viewer,
} from '../../../domain/authorization';
import { sessionInvite } from '../../../domain/ics';
import type { Agreement, Instant, Session } from '../../../domain/model';
import { isQualifying, sessionFlags } from '../../../domain/session';
import type { Ctx } from '../../acting';
import type { CalendarTarget, SessionView } from '../session';
import { factOf } from './common';

export const sessionPeople = (s: Session): string[] => [
  s.supervisorId,
  s.superviseeId,
  ...(s.recordedById !== undefined ? [s.recordedById] : []),
  ...s.actions.map((x) => x.ownerId),
];

export function sessionView(
  ctx: Ctx,
  s: Session,
  a: Agreement,
  viewer: Viewer,
  related: { readonly rescheduledTo?: Session; readonly rescheduledFrom?: Session } = {},
): SessionView {
  const { people } = ctx;
  const supervisor = people.get(s.supervisorId);
  const supervisee = people.get(s.superviseeId);
  const held = s.status === 'held';
  const ics =
    s.status === 'scheduled' && supervisor !== undefined && supervisee !== undefined
      ? sessionInvite({ session: s, supervisor, supervisee, organisationName: ctx.settings.name, now: ctx.now })
      : undefined;
  const calendar = calendarTarget(s, viewer, related.rescheduledTo);
  return {
    sessionId: s.id,
    agreementId: s.agreementId,
    zone: ctx.zone,
    status: s.status,
    mode: s.mode,
    supervisor: people.ref(s.supervisorId),
    supervisee: people.ref(s.superviseeId),
    scheduledStart: s.scheduledStart,
    plannedMinutes: s.plannedMinutes,
    ...(s.start !== undefined ? { start: s.start } : {}),
    ...(s.minutes !== undefined ? { minutes: s.minutes } : {}),
    ...(s.uninterrupted !== undefined ? { uninterrupted: s.uninterrupted } : {}),
    qualifying: isQualifying(s),
    flags: sessionFlags(s),
    agenda: s.agenda,
    actions: s.actions.map((x) => ({ text: x.text, owner: people.ref(x.ownerId), dueDate: x.dueDate })),
    ...(s.cancelReason !== undefined ? { cancelReason: s.cancelReason } : {}),
    ...(related.rescheduledTo !== undefined
      ? { rescheduledTo: { sessionId: related.rescheduledTo.id, start: related.rescheduledTo.scheduledStart } }
      : {}),
    ...(related.rescheduledFrom !== undefined
      ? { rescheduledFrom: { sessionId: related.rescheduledFrom.id, start: related.rescheduledFrom.scheduledStart } }
      : {}),
    accepted: factOf(people, s.superviseeId, s.superviseeAcceptedAt),
    ...(s.proposedStart !== undefined ? { proposedStart: s.proposedStart } : {}),
    recorded: factOf(people, s.recordedById, s.recordedAt),
    confirmed: factOf(people, s.superviseeId, s.superviseeConfirmedAt),
    rating:
      s.rating !== undefined
        ? {
            by: people.ref(s.superviseeId),
            at: s.rating.ratedAt,
            score: s.rating.score,
            ...(s.rating.comment !== undefined ? { comment: s.rating.comment } : {}),
          }
        : null,
    ...(ics !== undefined ? { ics } : {}),
    ...(calendar !== undefined ? { calendar } : {}),
    youCan: {
      respond: s.status === 'scheduled' && allowed(mayRespondToSchedule(viewer, s)),
      record: (s.status === 'scheduled' || (held && s.superviseeConfirmedAt === undefined)) && allowed(mayRecordSession(viewer, s, a)),
      confirm: held && s.superviseeConfirmedAt === undefined && allowed(mayConfirmSession(viewer, s)),
      rate: held && allowed(mayRateSession(viewer, s)),
    },
  };
}

/**
 * What an "Add to calendar" link names for this viewer: only the session's own supervisor or
 * supervisee gets one, and not once it was held. A rescheduled session's link gives its replacement.
 */
function calendarTarget(s: Session, viewer: Viewer, rescheduledTo: Session | undefined): CalendarTarget | undefined {
  const me = viewer.person.id;
  if (viewer.person.tenantId !== s.tenantId || (me !== s.supervisorId && me !== s.superviseeId) || s.status === 'held') return undefined;
  const target = s.status === 'rescheduled' && rescheduledTo !== undefined ? rescheduledTo : s;
  const end = DateTime.fromISO(target.scheduledStart, { setZone: true }).plus({ minutes: target.plannedMinutes });
  if (!end.isValid) return undefined;
  return { sessionId: target.id, recipientId: me, end: end.toUTC().toISO() as Instant };
}
