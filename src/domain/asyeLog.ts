/**
 * The ASYE / early-career supervision log of one newly qualified social worker, for their
 * portfolio (issue 11 §3): per early-career agreement, every session held (date, start, minutes,
 * uninterrupted, supervisor, rating score), the pauses (leave, sickness) and supervisor changes, and
 * every required period up to today (or the agreement's end) with its status and the session that
 * met it, and the ASYE's planned end (twelve months from employment start), each extension and the
 * end it runs to now. Pure. Never an agenda, an action, a cancellation reason or a rating comment.
 */
import { isQualifying, storedPeriods, type Phase, type PeriodStatus } from './cadence';
import { asyeEnd, asyeExtensionsOf } from './agreement';
import type { Agreement, AgreementStatus, AsyeExtensionReason, LocalDate, PersonId, Session } from './model';
import { addDays, localDateOf } from './validation';
import { DateTime } from 'luxon';

export interface AsyeSessionLine {
  readonly date: LocalDate;
  /** Local time HH:mm in the organisation's zone. */
  readonly start: string;
  readonly minutes: number;
  readonly uninterrupted: boolean;
  readonly qualifying: boolean;
  readonly supervisorId: PersonId;
  /** The supervisee's rating, 1-5; null when not rated. */
  readonly rating: number | null;
}

export interface AsyePeriodLine {
  readonly start: LocalDate;
  readonly lastDay: LocalDate;
  readonly phase: Phase;
  readonly status: PeriodStatus;
  /** The first qualifying session in the period. */
  readonly metOn: LocalDate | null;
}

export interface AsyeExtensionLine {
  readonly recordedOn: LocalDate;
  readonly newEnd: LocalDate;
  readonly reason: AsyeExtensionReason;
  readonly note: string | null;
  readonly recordedById: PersonId;
}

/** The ASYE's end: as planned, each extension (oldest first), and as it stands. */
export interface AsyeEndLine {
  readonly plannedEnd: LocalDate;
  readonly extensions: readonly AsyeExtensionLine[];
  readonly currentEnd: LocalDate;
}

export function asyeEndLine(a: Agreement): AsyeEndLine {
  const end = asyeEnd(a);
  return {
    plannedEnd: end.planned,
    extensions: asyeExtensionsOf(a).map((x) => ({ recordedOn: x.recordedOn, newEnd: x.newEnd, reason: x.reason, note: x.note ?? null, recordedById: x.recordedById })),
    currentEnd: end.current,
  };
}

export interface AsyeAgreementLog {
  readonly agreementId: string;
  readonly status: AgreementStatus;
  readonly employmentStart: LocalDate;
  readonly agreementStart: LocalDate;
  readonly endedOn: LocalDate | null;
  readonly asOf: LocalDate;
  readonly supervisors: readonly { readonly supervisorId: PersonId; readonly from: LocalDate; readonly to: LocalDate | null }[];
  readonly professionalSupervisorId: PersonId | null;
  readonly pauses: readonly { readonly from: LocalDate; readonly to: LocalDate; readonly days: number }[];
  readonly asye: AsyeEndLine;
  readonly sessions: readonly AsyeSessionLine[];
  readonly cancelledSessions: number;
  readonly periods: readonly AsyePeriodLine[];
  readonly totals: { readonly met: number; readonly missed: number; readonly excused: number; readonly inProgress: number };
}

export function asyeAgreementLog(a: Agreement, sessions: readonly Session[], today: LocalDate, zone: string): AsyeAgreementLog {
  const asOf = a.status === 'ended' && a.endedOn !== undefined && a.endedOn < today ? a.endedOn : today;
  const held = sessions
    .filter((s) => s.status === 'held' && s.start !== undefined)
    .sort((x, y) => (x.start as string).localeCompare(y.start as string));
  const lines: AsyeSessionLine[] = held.map((s) => {
    const start = DateTime.fromISO(s.start as string, { zone });
    return {
      date: localDateOf(s.start as string, zone),
      start: start.toFormat('HH:mm'),
      minutes: s.minutes ?? 0,
      uninterrupted: s.uninterrupted ?? false,
      qualifying: isQualifying({ held: true, minutes: s.minutes ?? 0, uninterrupted: s.uninterrupted ?? false }),
      supervisorId: s.supervisorId,
      rating: s.rating?.score ?? null,
    };
  });
  const periods = a.agreementStart > asOf ? [] : storedPeriods(a, held, zone, asOf, addDays(asOf, 1));
  const periodLines: AsyePeriodLine[] = periods.map((p) => ({
    start: p.start,
    lastDay: addDays(p.end, -1),
    phase: p.phase,
    status: p.status,
    metOn: p.status === 'met' ? (lines.find((l) => l.qualifying && l.date >= p.start && l.date < p.end)?.date ?? null) : null,
  }));
  const count = (s: PeriodStatus) => periodLines.filter((p) => p.status === s).length;
  return {
    agreementId: a.id,
    status: a.status,
    employmentStart: a.employmentStart,
    agreementStart: a.agreementStart,
    endedOn: a.endedOn ?? null,
    asOf,
    supervisors: a.supervisorHistory.map((t) => ({ supervisorId: t.supervisorId, from: t.from, to: t.to ?? null })),
    professionalSupervisorId: a.professionalSupervisorId ?? null,
    pauses: a.pauses.map((p) => ({
      from: p.from,
      to: p.to,
      days: Math.round(DateTime.fromISO(p.to, { zone: 'UTC' }).diff(DateTime.fromISO(p.from, { zone: 'UTC' }), 'days').days) + 1,
    })),
    asye: asyeEndLine(a),
    sessions: lines,
    cancelledSessions: sessions.filter((s) => s.status === 'cancelled').length,
    periods: periodLines,
    totals: { met: count('met'), missed: count('missed'), excused: count('excused'), inProgress: count('due') + count('upcoming') },
  };
}
