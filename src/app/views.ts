/**
 * What each use case returns for the cards to render. Plain JSON-serialisable data, built for ONE
 * viewer (the actor, or the recipient of a notification): `youCan` says which buttons that person may
 * press, and people are named (`PersonRef`), never raw ids only.
 *
 * Times are instants (ISO-8601, UTC) plus the organisation's `zone`, so a card shows
 * "Confirmed by Sam Patel, 3 Mar 14:05" in the organisation's local time.
 *
 * Stable contract: change additively only.
 */
import type {
  AgreementStatus,
  ConcernCategory,
  ConcernRoute,
  ConcernStatus,
  ConcernUrgency,
  DateRange,
  Instant,
  LocalDate,
  PersonId,
  Role,
  SessionMode,
  SessionStatus,
  StricterCadence,
  TenantId,
} from '../domain/model';

export interface PersonRef {
  readonly id: PersonId;
  readonly name: string;
}

/** "<what> by <who> at <when>": agreed, accepted, recorded, confirmed, rated, acknowledged... */
export interface Fact {
  readonly by: PersonRef;
  readonly at: Instant;
}

// --- home ------------------------------------------------------------------------------------

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

export interface LastSessionView {
  readonly sessionId: string;
  readonly agreementId: string;
  readonly start: Instant;
  readonly minutes: number;
  readonly qualifying: boolean;
  readonly with: PersonRef;
}

export interface OverdueItem {
  readonly agreementId: string;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly overdueSince: LocalDate;
}

/** Something waiting for the viewer to press a button. */
export type PendingItem =
  | { readonly kind: 'agree-to-agreement'; readonly agreementId: string; readonly with: PersonRef }
  | { readonly kind: 'respond-to-schedule'; readonly sessionId: string; readonly start: Instant; readonly with: PersonRef }
  | { readonly kind: 'record-session'; readonly sessionId: string; readonly start: Instant; readonly with: PersonRef }
  | { readonly kind: 'confirm-session'; readonly sessionId: string; readonly start: Instant; readonly with: PersonRef }
  | { readonly kind: 'rate-session'; readonly sessionId: string; readonly start: Instant; readonly with: PersonRef };

export interface HomeView {
  readonly person: PersonRef & { readonly email: string };
  readonly roles: readonly Role[];
  readonly zone: string;
  readonly organisationName: string;
  /** Earliest next-due-by over the agreements where the viewer is the supervisee. */
  readonly nextDueBy: LocalDate | null;
  readonly lastSession: LastSessionView | null;
  /** Overdue supervision the viewer is party to (as supervisee or supervisor). */
  readonly overdue: readonly OverdueItem[];
  /** Concerns the viewer raised or handles that are not resolved. */
  readonly openConcerns: number;
  /** Agreements where the viewer is the supervisee. */
  readonly asSupervisee: readonly AgreementSummaryView[];
  /** Agreements where the viewer is supervisor or professional supervisor. */
  readonly asSupervisor: readonly AgreementSummaryView[];
  readonly pending: readonly PendingItem[];
  readonly youCan: {
    readonly proposeAgreement: boolean;
    readonly scheduleSession: boolean;
    readonly writeNote: boolean;
    readonly raiseConcern: boolean;
    readonly editSettings: boolean;
    readonly seeCompliance: boolean;
  };
}

// --- agreements ------------------------------------------------------------------------------

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

// --- sessions --------------------------------------------------------------------------------

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

// --- reflective notes ------------------------------------------------------------------------

export interface NoteView {
  readonly noteId: string;
  readonly zone: string;
  readonly author: PersonRef;
  readonly whatHappened: string;
  readonly howIFelt: string;
  readonly whatILearned: string;
  readonly whatNext: string;
  readonly cpdTag?: string;
  readonly visibility: 'private' | 'shared';
  readonly sharedWith?: PersonRef;
  readonly createdAt: Instant;
}

export interface NoteSummaryView {
  readonly noteId: string;
  readonly author: PersonRef;
  readonly createdAt: Instant;
  readonly cpdTag?: string;
  readonly visibility: 'private' | 'shared';
  readonly sharedWith?: PersonRef;
  /** The start of "what happened", for a list (shown only to those who may read the note). */
  readonly preview: string;
}

export interface NoteListView {
  readonly zone: string;
  /** Newest first. */
  readonly notes: readonly NoteSummaryView[];
}

// --- concerns --------------------------------------------------------------------------------

export interface ConcernEventView {
  readonly status: ConcernStatus;
  readonly by: PersonRef;
  readonly at: Instant;
  readonly assignedTo?: PersonRef;
}

export interface ConcernView {
  readonly concernId: string;
  readonly zone: string;
  readonly raisedBy: PersonRef;
  readonly category: ConcernCategory;
  readonly description: string;
  readonly urgency: ConcernUrgency;
  readonly route: ConcernRoute;
  readonly status: ConcernStatus;
  readonly handler?: PersonRef;
  readonly history: readonly ConcernEventView[];
  readonly resolution?: string;
  readonly raisedAt: Instant;
  /** People the viewer may assign it to (empty when the viewer cannot assign). */
  readonly assignees: readonly PersonRef[];
  readonly youCan: {
    readonly acknowledge: boolean;
    readonly assign: boolean;
    readonly resolve: boolean;
  };
}

export interface ConcernSummaryView {
  readonly concernId: string;
  readonly raisedBy: PersonRef;
  readonly category: ConcernCategory;
  readonly urgency: ConcernUrgency;
  readonly route: ConcernRoute;
  readonly status: ConcernStatus;
  readonly handler?: PersonRef;
  readonly raisedAt: Instant;
}

export interface ConcernListView {
  readonly zone: string;
  readonly raised: readonly ConcernSummaryView[];
  readonly handling: readonly ConcernSummaryView[];
}

// --- settings --------------------------------------------------------------------------------

export interface SettingsView {
  readonly tenantId: TenantId;
  readonly name: string;
  readonly zone: string;
  readonly psws: readonly PersonRef[];
  readonly admins: readonly PersonRef[];
  readonly reminderLeadDays: number;
  readonly escalationGraceDays: number;
  readonly quietHours: { readonly start: string; readonly end: string };
  /** Everyone in the organisation, to choose PSWs and admins from. */
  readonly people: readonly PersonRef[];
}
