/** Agreement views built from the records, for one viewer. */
import { asyeEndLine } from '../../../domain/asyeLog';
import { allowed, mayAgree, mayManageAgreement, mayScheduleSession, type Viewer } from '../../../domain/authorization';
import type { Agreement, Session } from '../../../domain/model';
import type { Ctx, Directory } from '../../acting';
import type { AgreementAsye, AgreementSummaryView, AgreementView } from '../agreement';
import { factOf } from './common';

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
    ...(a.nqsw ? { asye: asyeOf(a) } : {}),
    ...(a.stricterCadence !== undefined ? { stricterCadence: a.stricterCadence } : {}),
    ...(a.endedOn !== undefined ? { endedOn: a.endedOn } : {}),
    agreedBySupervisor: factOf(people, a.supervisorHistory.length > 0 ? supervisorWhoAgreed(a) : a.supervisorId, a.agreedBySupervisorAt),
    agreedBySupervisee: factOf(people, a.superviseeId, a.agreedBySuperviseeAt),
    supervisorHistory: a.supervisorHistory.map((t) => ({
      supervisor: people.ref(t.supervisorId),
      from: t.from,
      ...(t.to !== undefined ? { to: t.to } : {}),
      // A note for the new supervisor: theirs and its writer's to read, no one else's (never the supervisee's).
      ...(t.handoverNote !== undefined && (viewer.person.id === t.supervisorId || viewer.person.id === t.handoverById) ? { handoverNote: t.handoverNote } : {}),
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

/** The ASYE log's line, without what only the portfolio holds (each extension's note, who recorded it). */
function asyeOf(a: Agreement): AgreementAsye {
  const { plannedEnd, currentEnd, extensions } = asyeEndLine(a);
  return { plannedEnd, currentEnd, extensions: extensions.map(({ newEnd, reason }) => ({ newEnd, reason })) };
}

/** The supervisor's agreement was given by the first supervisor (handovers keep the agreement). */
function supervisorWhoAgreed(a: Agreement): string {
  return a.supervisorHistory[0].supervisorId;
}
