/**
 * Records -> views for one viewer: people named, times with the organisation's zone, and `youCan`
 * from the same authorization decisions the use cases enforce (a button shown is a button allowed).
 */
import { DateTime } from 'luxon';
import {
  allowed,
  mayAgree,
  mayConfirmSession,
  mayHandleConcern,
  mayManageAgreement,
  mayRateSession,
  mayRecordSession,
  mayRespondToSchedule,
  mayScheduleSession,
  type Viewer,
} from '../domain/authorization';
import { sessionInvite } from '../domain/ics';
import type { Agreement, Concern, Instant, Person, ReflectiveNote, Session } from '../domain/model';
import { notePreview } from '../domain/note';
import { isQualifying, sessionFlags } from '../domain/session';
import type { Ctx, Directory } from './acting';
import type {
  AgreementSummaryView,
  AgreementView,
  CalendarTarget,
  ConcernSummaryView,
  ConcernView,
  Fact,
  NoteSummaryView,
  NoteView,
  PersonRef,
  SessionView,
} from './views';

const fact = (people: Directory, by: string | undefined, at: Instant | undefined): Fact | null =>
  by !== undefined && at !== undefined ? { by: people.ref(by), at } : null;

export function agreementSummaryView(a: Agreement, people: Directory): AgreementSummaryView {
  return {
    agreementId: a.id,
    status: a.status,
    supervisee: people.ref(a.superviseeId),
    supervisor: people.ref(a.supervisorId),
    ...(a.professionalSupervisorId !== undefined ? { professionalSupervisor: people.ref(a.professionalSupervisorId) } : {}),
    nqsw: a.nqsw,
    nextDueBy: a.summary.nextDueBy,
    overdueSince: a.summary.overdueSince,
    lastSessionOn: a.summary.lastSessionOn,
    met: a.summary.met,
    missed: a.summary.missed,
    short: a.summary.short,
  };
}

/** The people an agreement view names. */
export const agreementPeople = (a: Agreement): string[] => [
  a.superviseeId,
  a.supervisorId,
  ...(a.professionalSupervisorId !== undefined ? [a.professionalSupervisorId] : []),
  ...a.supervisorHistory.map((t) => t.supervisorId),
];

export function agreementView(
  ctx: Ctx,
  a: Agreement,
  viewer: Viewer,
  sessions: readonly Session[],
): AgreementView {
  const { people } = ctx;
  const party = mayAgree(viewer, a);
  const agreedAlready =
    party.ok && (party.value === 'supervisor' ? a.agreedBySupervisorAt !== undefined : a.agreedBySuperviseeAt !== undefined);
  const manage = allowed(mayManageAgreement(viewer, a));
  return {
    ...agreementSummaryView(a, people),
    zone: ctx.zone,
    lineManagerIsRegisteredSocialWorker: a.lineManagerIsRegisteredSocialWorker,
    employmentStart: a.employmentStart,
    agreementStart: a.agreementStart,
    pauses: a.pauses,
    ...(a.stricterCadence !== undefined ? { stricterCadence: a.stricterCadence } : {}),
    ...(a.endedOn !== undefined ? { endedOn: a.endedOn } : {}),
    agreedBySupervisor: fact(people, a.supervisorHistory.length > 0 ? supervisorWhoAgreed(a) : a.supervisorId, a.agreedBySupervisorAt),
    agreedBySupervisee: fact(people, a.superviseeId, a.agreedBySuperviseeAt),
    supervisorHistory: a.supervisorHistory.map((t) => ({
      supervisor: people.ref(t.supervisorId),
      from: t.from,
      ...(t.to !== undefined ? { to: t.to } : {}),
      ...(t.handoverNote !== undefined ? { handoverNote: t.handoverNote } : {}),
    })),
    excused: a.summary.excused,
    upcomingSessions: sessions
      .filter((s) => s.agreementId === a.id && s.status === 'scheduled')
      .sort((x, y) => (x.scheduledStart < y.scheduledStart ? -1 : 1))
      .map((s) => ({ sessionId: s.id, start: s.scheduledStart })),
    youCan: {
      agree: party.ok && a.status === 'draft' && !agreedAlready,
      changeSupervisor: manage && a.status !== 'ended',
      pause: manage && a.status === 'active',
      resume: manage && a.status === 'paused',
      end: manage && a.status !== 'ended',
      scheduleSession: a.status === 'active' && allowed(mayScheduleSession(viewer, a)),
    },
  };
}

/** The supervisor's agreement was given by the first supervisor (handovers keep the agreement). */
function supervisorWhoAgreed(a: Agreement): string {
  return a.supervisorHistory[0].supervisorId;
}

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
    accepted: fact(people, s.superviseeId, s.superviseeAcceptedAt),
    ...(s.proposedStart !== undefined ? { proposedStart: s.proposedStart } : {}),
    recorded: fact(people, s.recordedById, s.recordedAt),
    confirmed: fact(people, s.superviseeId, s.superviseeConfirmedAt),
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

export function noteView(ctx: Ctx, n: ReflectiveNote): NoteView {
  return {
    noteId: n.id,
    zone: ctx.zone,
    author: ctx.people.ref(n.authorId),
    whatHappened: n.whatHappened,
    howIFelt: n.howIFelt,
    whatILearned: n.whatILearned,
    whatNext: n.whatNext,
    ...(n.cpdTag !== undefined ? { cpdTag: n.cpdTag } : {}),
    visibility: n.visibility,
    ...(n.sharedWithId !== undefined ? { sharedWith: ctx.people.ref(n.sharedWithId) } : {}),
    createdAt: n.createdAt,
  };
}

export function noteSummaryView(ctx: Ctx, n: ReflectiveNote): NoteSummaryView {
  return {
    noteId: n.id,
    author: ctx.people.ref(n.authorId),
    createdAt: n.createdAt,
    ...(n.cpdTag !== undefined ? { cpdTag: n.cpdTag } : {}),
    visibility: n.visibility,
    ...(n.sharedWithId !== undefined ? { sharedWith: ctx.people.ref(n.sharedWithId) } : {}),
    preview: notePreview(n),
  };
}

export const concernPeople = (c: Concern): string[] => [
  c.raisedById,
  ...(c.handlerId !== undefined ? [c.handlerId] : []),
  ...c.history.flatMap((e) => [e.byId, ...(e.assignedToId !== undefined ? [e.assignedToId] : [])]),
];

export function concernView(
  ctx: Ctx,
  c: Concern,
  viewer: Viewer,
  raisersSupervisorIds: readonly string[],
  assignable: readonly Person[],
): ConcernView {
  const { people } = ctx;
  const handle = allowed(mayHandleConcern(viewer, c, raisersSupervisorIds));
  const open = c.status !== 'resolved';
  return {
    concernId: c.id,
    zone: ctx.zone,
    raisedBy: people.ref(c.raisedById),
    category: c.category,
    description: c.description,
    urgency: c.urgency,
    route: c.route,
    status: c.status,
    ...(c.handlerId !== undefined ? { handler: people.ref(c.handlerId) } : {}),
    history: c.history.map((e) => ({
      status: e.status,
      by: people.ref(e.byId),
      at: e.at,
      ...(e.assignedToId !== undefined ? { assignedTo: people.ref(e.assignedToId) } : {}),
    })),
    ...(c.resolution !== undefined ? { resolution: c.resolution } : {}),
    raisedAt: c.createdAt,
    assignees: handle && open ? assigneeChoices(ctx, c, assignable, raisersSupervisorIds) : [],
    youCan: {
      acknowledge: handle && c.status === 'raised',
      assign: handle && open,
      resolve: handle && open,
    },
  };
}

/** Who a concern may be handed to: PSWs, admins and supervisors, never the raiser, and never the
 * raiser's supervisors when it was sent straight to the PSW. */
export function assigneeChoices(ctx: Ctx, c: Concern, people: readonly Person[], raisersSupervisorIds: readonly string[]): PersonRef[] {
  const { pswIds, adminIds } = ctx.settings;
  return people
    .filter(
      (p) =>
        p.tenantId === c.tenantId &&
        p.id !== c.raisedById &&
        !(c.route === 'psw' && raisersSupervisorIds.includes(p.id)) &&
        (p.roles.includes('psw') || p.roles.includes('admin') || p.roles.includes('supervisor') || pswIds.includes(p.id) || adminIds.includes(p.id)),
    )
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((x, y) => x.name.localeCompare(y.name));
}

export function concernSummaryView(ctx: Ctx, c: Concern): ConcernSummaryView {
  return {
    concernId: c.id,
    raisedBy: ctx.people.ref(c.raisedById),
    category: c.category,
    urgency: c.urgency,
    route: c.route,
    status: c.status,
    ...(c.handlerId !== undefined ? { handler: ctx.people.ref(c.handlerId) } : {}),
    raisedAt: c.createdAt,
  };
}
