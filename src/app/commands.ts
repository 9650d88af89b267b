/**
 * The input of each use case: plain typed objects. The cards adapter parses a card submission into
 * one of these; the Teams adapter passes it, with the `Actor`, to the use case.
 *
 * A command names WHAT to act on; the `Actor` says WHO acts. Who may act is decided by the use case
 * from the stored records and the actor's stored Person, never from anything in the command.
 *
 * Dates and times a person picks on a card are local to the organisation (its zone, default
 * Europe/London): `LocalDate` `YYYY-MM-DD` and `LocalDateTime` {date, time `HH:mm`}. The use case
 * turns them into instants with the organisation's zone, so a parser needs no settings; a local time
 * that does not exist on that date (clocks going forward) is refused with INVALID_DATE naming the field.
 *
 * Stable contract: change additively only.
 */
import type {
  ConcernCategory,
  OrganisationSettings,
  ConcernRoute,
  ConcernUrgency,
  DateRange,
  IsoWeekday,
  LocalDate,
  PersonId,
  SessionMode,
  StricterCadence,
  TenantId,
} from '../domain/model';

/** The authenticated identity, taken from the activity (`conversation.tenantId`, `from.aadObjectId`). */
export interface Actor {
  readonly tenantId: TenantId;
  readonly aadObjectId: string;
}

/** A local wall-clock time on a local date, in the organisation's zone. */
export interface LocalDateTime {
  readonly date: LocalDate;
  /** `HH:mm`, 24-hour. */
  readonly time: string;
}

// --- identity and home -----------------------------------------------------------------------

/**
 * Resolve the actor to a Person: by aadObjectId; else link the imported Person with this email or
 * UPN (from TeamsInfo.getMember) to the actor's aadObjectId.
 */
export interface Identify {
  readonly email?: string;
  readonly name?: string;
}

export type GetHome = Record<string, never>;
export type GetHelp = Record<string, never>;

// --- agreements ------------------------------------------------------------------------------

/** What the set-up card needs to offer (people to choose from). */
export type GetAgreementForm = Record<string, never>;

export interface ProposeAgreement {
  readonly superviseeId: PersonId;
  /** Defaults to the actor when the actor is a supervisor; required when an admin proposes. */
  readonly supervisorId?: PersonId;
  /** Defaults to the supervisee's record (continuity.ts); required when the record does not tell. */
  readonly employmentStart?: LocalDate;
  /**
   * Defaults to the employment start, or, for someone whose agreement ended, to the start of the
   * current period (continuity: what they already had in it counts).
   */
  readonly agreementStart?: LocalDate;
  /** Defaults to the supervisee's record, else false. */
  readonly nqsw?: boolean;
  readonly lineManagerIsRegisteredSocialWorker: boolean;
  /** Required (a registered social worker) when lineManagerIsRegisteredSocialWorker is false. */
  readonly professionalSupervisorId?: PersonId;
  readonly pauses?: readonly DateRange[];
  readonly stricterCadence?: StricterCadence;
}

export interface GetAgreement {
  readonly agreementId: string;
}

/** The supervisee or the supervisor agrees; the agreement becomes active when both have. */
export interface AgreeToAgreement {
  readonly agreementId: string;
}

export interface ChangeSupervisor {
  readonly agreementId: string;
  readonly newSupervisorId: PersonId;
  /** The first day of the new supervisor's term; defaults to today (organisation zone). */
  readonly from?: LocalDate;
  readonly handoverNote?: string;
}

/** Leave, sickness: an inclusive range of local dates. The agreement is paused until resumed. */
export interface PauseAgreement {
  readonly agreementId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface ResumeAgreement {
  readonly agreementId: string;
}

export interface EndAgreement {
  readonly agreementId: string;
  /** Defaults to today (organisation zone). */
  readonly endedOn?: LocalDate;
}

// --- sessions --------------------------------------------------------------------------------

export interface ScheduleSession {
  readonly agreementId: string;
  readonly start: LocalDateTime;
  /** Default 90 (Standard 5: at least an hour and a half). */
  readonly plannedMinutes: number;
  readonly mode: SessionMode;
}

export interface GetSession {
  readonly sessionId: string;
}

/** The supervisee accepts the scheduled time or proposes another. */
export type RespondToSchedule =
  | { readonly sessionId: string; readonly response: 'accept' }
  | { readonly sessionId: string; readonly response: 'propose'; readonly proposedStart: LocalDateTime };

export interface SessionActionInput {
  readonly text: string;
  /** The supervisor or the supervisee of the session. */
  readonly ownerId: PersonId;
  readonly dueDate: LocalDate;
}

export interface RecordSessionHeld {
  readonly kind: 'held';
  readonly sessionId: string;
  readonly start: LocalDateTime;
  readonly minutes: number;
  readonly uninterrupted: boolean;
  readonly agenda: readonly string[];
  readonly actions: readonly SessionActionInput[];
}

export interface CancelSession {
  readonly kind: 'cancelled';
  readonly sessionId: string;
  readonly reason: string;
}

/** Marks the session rescheduled and creates its replacement (scheduled, awaiting the supervisee). */
export interface RescheduleSession {
  readonly kind: 'rescheduled';
  readonly sessionId: string;
  readonly newStart: LocalDateTime;
  /** Default: the original session's. */
  readonly plannedMinutes?: number;
  readonly mode?: SessionMode;
}

/** The supervisee asks their supervisor for a session, at a time they would like. */
export interface RequestSession {
  readonly agreementId: string;
  readonly preferredStart: LocalDateTime;
  readonly mode: SessionMode;
}

/** The supervisor accepts the time the supervisee proposed instead. */
export interface AcceptProposedTime {
  readonly sessionId: string;
}

/** What the supervisor records about a scheduled session. */
export type RecordSession = RecordSessionHeld | CancelSession | RescheduleSession;

/** The supervisee confirms that the recorded session took place as recorded. */
export interface ConfirmSession {
  readonly sessionId: string;
}

/** The supervisee rates the quality of a held session. */
export interface RateSession {
  readonly sessionId: string;
  /** 1-5 */
  readonly score: number;
  readonly comment?: string;
}

// --- reflective notes ------------------------------------------------------------------------

export interface WriteNote {
  readonly whatHappened: string;
  readonly howIFelt: string;
  /** What I learned and what it draws on. */
  readonly whatILearned: string;
  readonly whatNext: string;
  readonly cpdTag?: string;
  /** 'shared': shared with the author's current supervisor. */
  readonly visibility: 'private' | 'shared';
}

export type ListMyNotes = Record<string, never>;

/** Notes others have shared with the actor (a supervisor reading shared notes). */
export type ListSharedNotes = Record<string, never>;

export interface ReadNote {
  readonly noteId: string;
}

// --- concerns --------------------------------------------------------------------------------

export interface RaiseConcern {
  readonly category: ConcernCategory;
  readonly description: string;
  readonly urgency: ConcernUrgency;
  /** 'psw': straight to the PSW; the supervisor never sees it. */
  readonly route: ConcernRoute;
}

export interface GetConcern {
  readonly concernId: string;
}

/** The concerns the actor raised and those the actor handles. */
/** Which concerns a list shows (views' ConcernStatusFilter): open, resolved or all; raised within the last N days, or at any time. */
export interface ListConcerns {
  /** Default: all. */
  readonly status?: 'open' | 'resolved' | 'all';
  /** Raised within this many days; absent: at any time. */
  readonly withinDays?: number;
}

/** An escalation's card names the agreement and the missed period it was about. */
export interface EscalationTarget {
  readonly agreementId: string;
  readonly periodStart: string;
}

export interface AcknowledgeConcern {
  readonly concernId: string;
}

export interface AssignConcern {
  readonly concernId: string;
  readonly assigneeId: PersonId;
}

export interface ResolveConcern {
  readonly concernId: string;
  readonly resolution: string;
}

// --- organisation settings (admins) ----------------------------------------------------------

export type GetSettings = Record<string, never>;

/** Only the fields present change. */
/** Issue 9's settings, as the model has them (all optional: only the fields present change). */
type ProactiveSettingsUpdate = Partial<
  Pick<OrganisationSettings, 'region' | 'workingDays' | 'sendTime' | 'seniorLeaderIds' | 'concernAckDays' | 'concernResolveTargetDays'>
>;

export interface UpdateSettings extends ProactiveSettingsUpdate {
  readonly name?: string;
  readonly zone?: string;
  readonly pswIds?: readonly PersonId[];
  readonly adminIds?: readonly PersonId[];
  readonly reminderLeadDays?: number;
  readonly escalationGraceDays?: number;
  /** Local times `HH:mm`. */
  readonly quietHours?: { readonly start: string; readonly end: string };
  /** The PSW's weekly digest: a weekday 1-7, 'off', or 'first' (the first working day of the week, the default). */
  readonly pswDigestDay?: IsoWeekday | 'off' | 'first';
}
