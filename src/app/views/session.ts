/** Session views, and how they are built from the records for one viewer. */
import { DateTime } from 'luxon';
import {
  allowed,
  mayConfirmSession,
  mayRateSession,
  mayRecordSession,
  mayRespondToSchedule,
  type Viewer,
} from '../../domain/authorization';
import { sessionInvite } from '../../domain/ics';
import type { Agreement, Instant, LocalDate, PersonId, Session, SessionMode, SessionStatus } from '../../domain/model';
import { isQualifying, sessionFlags } from '../../domain/session';
import type { Ctx } from '../context';
import { factOf, type Fact, type PersonRef } from './common';

export type SessionFlag = 'short' | 'interrupted';

export interface SessionActionView {
  readonly text: string;
  readonly owner: PersonRef;
  readonly dueDate: LocalDate;
}

/** The session an "Add to calendar" link gives (the replacement once rescheduled), for whom, and when it ends. */
export interface CalendarTarget {
  readonly sessionId: string;
  readonly recipientId: PersonId;
  readonly end: Instant;
}

export interface SessionView {
  readonly sessionId: string;
  readonly agreementId: string;
  readonly zone: string;
  readonly status: SessionStatus;
  readonly mode: SessionMode;
  readonly supervisor: PersonRef;
  readonly supervisee: PersonRef;
  readonly scheduledStart: Instant;
  readonly plannedMinutes: number;
  /** Set once held. */
  readonly start?: Instant;
  readonly minutes?: number;
  readonly uninterrupted?: boolean;
  /** Held, >= 90 minutes, uninterrupted (Standard 5). */
  readonly qualifying: boolean;
  /** Why a held session does not qualify: it is recorded and reported, but meets no period. */
  readonly flags: readonly SessionFlag[];
  readonly agenda: readonly string[];
  readonly actions: readonly SessionActionView[];
  readonly cancelReason?: string;
  readonly rescheduledTo?: { readonly sessionId: string; readonly start: Instant };
  readonly rescheduledFrom?: { readonly sessionId: string; readonly start: Instant };
  readonly accepted: Fact | null;
  /** A time the supervisee proposed instead. */
  readonly proposedStart?: Instant;
  readonly recorded: Fact | null;
  readonly confirmed: Fact | null;
  readonly rating: (Fact & { readonly score: number; readonly comment?: string }) | null;
  /** An RFC 5545 invite while the session is scheduled (see src/domain/ics.ts). */
  readonly ics?: string;
  /**
   * For one of the session's two people, while it is to happen or after it was moved or cancelled:
   * what an "Add to calendar" link for them names (see src/app/getCalendarInvite.ts). Absent for
   * anyone else and once it was held.
   */
  readonly calendar?: CalendarTarget;
  readonly youCan: {
    readonly respond: boolean;
    readonly record: boolean;
    readonly confirm: boolean;
    readonly rate: boolean;
  };
}

// --- built from the records ------------------------------------------------------------------

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
