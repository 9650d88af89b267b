/** Agreement views (built from the records in build/agreement.ts). */
import type { AgreementStatus, AsyeExtensionReason, DateRange, Instant, LocalDate, PersonId, StricterCadence } from '../../domain/model';
import type { Fact, PersonRef } from './common';

export interface AgreementSummaryView {
  readonly agreementId: string;
  readonly status: AgreementStatus;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly professionalSupervisor?: PersonRef;
  readonly nqsw: boolean;
  readonly nextDueBy: LocalDate | null;
  readonly overdueSince: LocalDate | null;
  readonly lastSessionOn: LocalDate | null;
  readonly met: number;
  readonly missed: number;
  readonly short: number;
}

export interface AgreementFormView {
  readonly zone: string;
  /** People who can be supervised (role supervisee). */
  readonly supervisees: readonly PersonRef[];
  /** People who can supervise (role supervisor). */
  readonly supervisors: readonly PersonRef[];
  /** Registered social workers who can give professional supervision. */
  readonly professionalSupervisors: readonly PersonRef[];
  /** The actor when the actor is a supervisor (the default), else null. */
  readonly defaultSupervisorId: PersonId | null;
}

export interface SupervisorTermView {
  readonly supervisor: PersonRef;
  readonly from: LocalDate;
  readonly to?: LocalDate;
  readonly handoverNote?: string;
}

/**
 * An NQSW's ASYE as both parties see it on the agreement: twelve months from employment start and
 * each extension's new end and reason (never its note, nor who recorded it: that is in the tab).
 */
export interface AgreementAsye {
  readonly plannedEnd: LocalDate;
  readonly currentEnd: LocalDate;
  readonly extensions: readonly { readonly newEnd: LocalDate; readonly reason: AsyeExtensionReason }[];
}

export interface AgreementView {
  readonly agreementId: string;
  readonly zone: string;
  readonly status: AgreementStatus;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly professionalSupervisor?: PersonRef;
  readonly lineManagerIsRegisteredSocialWorker: boolean;
  readonly nqsw: boolean;
  readonly employmentStart: LocalDate;
  readonly agreementStart: LocalDate;
  readonly pauses: readonly DateRange[];
  /**
   * Absent unless the supervisee is an NQSW, and on an agreement card queued in the outbox before
   * the ASYE was shown (so the card is still sent, without the line).
   */
  readonly asye?: AgreementAsye;
  readonly stricterCadence?: StricterCadence;
  readonly endedOn?: LocalDate;
  readonly agreedBySupervisor: Fact | null;
  readonly agreedBySupervisee: Fact | null;
  readonly supervisorHistory: readonly SupervisorTermView[];
  readonly nextDueBy: LocalDate | null;
  readonly overdueSince: LocalDate | null;
  readonly lastSessionOn: LocalDate | null;
  readonly met: number;
  readonly missed: number;
  readonly excused: number;
  readonly short: number;
  /** Sessions of this agreement still scheduled, earliest first. */
  readonly upcomingSessions: readonly { readonly sessionId: string; readonly start: Instant }[];
  readonly youCan: {
    readonly agree: boolean;
    readonly changeSupervisor: boolean;
    readonly pause: boolean;
    readonly resume: boolean;
    readonly end: boolean;
    readonly scheduleSession: boolean;
  };
}
