/**
 * The supervision ledger's vocabulary. Plain data, shared by the domain, the use cases and the
 * adapters. Every stored record carries `tenantId` (one Microsoft Entra tenant = one organisation);
 * nothing ever crosses from one tenant to another.
 *
 * Dates: `LocalDate` is a calendar date `YYYY-MM-DD` in the organisation's zone; `Instant` is an
 * ISO-8601 instant with offset (`2026-03-03T14:05:00.000Z`).
 */

export type LocalDate = string;
export type Instant = string;
export type TenantId = string;
/** Our own id for a person (stable across email changes and before they first talk to the bot). */
export type PersonId = string;

export const DEFAULT_ZONE = 'Europe/London';

/** An inclusive range of local dates: leave, sickness. */
export interface DateRange {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export type Role = 'supervisee' | 'supervisor' | 'psw' | 'admin';

export interface Person {
  readonly id: PersonId;
  readonly tenantId: TenantId;
  readonly email: string; // lower-cased; the import key
  readonly name: string;
  readonly roles: readonly Role[];
  readonly team?: string;
  /** Set the first time the person talks to the bot (or at import when known). */
  readonly aadObjectId?: string;
  readonly employmentStart?: LocalDate;
  readonly nqsw?: boolean;
  readonly isRegisteredSocialWorker?: boolean;
}

/** A Teams conversation reference, kept so the bot can message the person proactively. */
export interface ConversationRecord {
  readonly tenantId: TenantId;
  readonly aadObjectId: string;
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly botId: string;
  readonly channelId: string;
  /** The full botbuilder ConversationReference, opaque outside the teams adapter. */
  readonly reference: Record<string, unknown>;
  readonly installed: boolean;
  readonly updatedAt: Instant;
}

/**
 * Whose bank holidays an organisation keeps (bankHolidays.ts); 'none': no bank holidays (a service
 * that works every day of the year, such as an emergency duty team, or the demo organisation).
 */
export type Region = 'england-and-wales' | 'scotland' | 'northern-ireland' | 'none';

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Stored settings: the fields added by issue 9 (region .. concernResolveTargetDays) are optional so
 * that an organisation saved before them still loads; `withSettingsDefaults` (organisationDefaults.ts)
 * gives every reader the complete settings.
 */
export interface OrganisationSettings {
  readonly tenantId: TenantId;
  readonly name: string;
  readonly zone: string; // IANA zone, default Europe/London
  readonly pswIds: readonly PersonId[];
  readonly adminIds: readonly PersonId[];
  /** Remind this many days before a period's last day. */
  readonly reminderLeadDays: number;
  /** Escalate to the PSW this many days after a period was missed. */
  readonly escalationGraceDays: number;
  /** Local times `HH:mm`; no proactive message is sent between start and end. */
  readonly quietHours: { readonly start: string; readonly end: string };
  /** Whose bank holidays are not working days (default England and Wales). */
  readonly region?: Region;
  /** The weekdays worked (default Monday to Friday; every day for an emergency duty team). */
  readonly workingDays?: readonly IsoWeekday[];
  /** Local `HH:mm` from which proactive messages go out on a working day (default 09:00). */
  readonly sendTime?: string;
  /** Senior leaders told, with the PSWs, of a concern nobody acknowledged in time. */
  readonly seniorLeaderIds?: readonly PersonId[];
  /** Working days a raised concern may wait for acknowledgement before it is escalated again (default 2). */
  readonly concernAckDays?: number;
  /** Working days an assigned concern may stay unresolved before the assignee and the PSW are reminded (default 10). */
  readonly concernResolveTargetDays?: number;
  /** The PSW's weekly digest (pswDigest.ts): a weekday 1-7 to send from, or 'off'; absent: the first working day of the week. */
  readonly pswDigestDay?: IsoWeekday | 'off';
  /** How long records are kept, and who is under a legal hold (retention.ts); absent: the defaults, no holds. */
  readonly retention?: RetentionSettings;
}

/** The record types the retention pass deletes, each kept for its own number of years (retention.ts). */
export type RetentionKind = 'supervision' | 'notes' | 'concerns';

/** A legal hold: none of this person's records is deleted while it stands. */
export interface LegalHold {
  readonly personId: PersonId;
  readonly placedOn: LocalDate;
  readonly placedById: PersonId;
}

export interface RetentionSettings {
  readonly years: Readonly<Record<RetentionKind, number>>;
  readonly holds: readonly LegalHold[];
}

/** Settings with every field present (defaults applied). */
/** Retention keeps its own defaults (retentionOf in retention.ts), so it may stay absent here. */
export type CompleteOrganisationSettings = Required<Omit<OrganisationSettings, 'retention' | 'pswDigestDay'>> & Pick<OrganisationSettings, 'retention' | 'pswDigestDay'>;

/**
 * A stricter cadence an organisation may set for some agreements: the longest allowed period, in
 * days, in each phase. A value may only be shorter than the standard (Standard 5); see
 * `validateStricterCadence` in cadence.ts.
 */
export interface StricterCadence {
  readonly weeklyPhaseDays?: number;
  readonly fortnightlyPhaseDays?: number;
  readonly monthlyPhaseDays?: number;
}

export type AgreementStatus = 'draft' | 'active' | 'paused' | 'ended';

export interface SupervisorTerm {
  readonly supervisorId: PersonId;
  readonly from: LocalDate;
  /** Exclusive; absent while current. */
  readonly to?: LocalDate;
  /** For the new supervisor: shown to them and to whoever wrote it (handoverById), never the supervisee. */
  readonly handoverNote?: string;
  readonly handoverById?: PersonId;
}

/** Kept on every agreement and updated with every session change so nothing scans history. */
export interface ComplianceSummary {
  readonly nextDueBy: LocalDate | null;
  /** When the next reminder or escalation should be considered (the sweep queries on this). */
  readonly nextActionAt: Instant | null;
  readonly met: number;
  readonly missed: number;
  readonly excused: number;
  /** Sessions held that did not qualify (shorter than 90 minutes or interrupted). */
  readonly short: number;
  readonly lastSessionOn: LocalDate | null;
  readonly overdueSince: LocalDate | null;
  readonly evaluatedOn: LocalDate;
  /** Held sessions the supervisee rated, and the sum of their scores (quality, Standard 5); absent when none. */
  readonly rated?: number;
  readonly ratingTotal?: number;
  /**
   * The start of the session booked in the earliest open period, when there is one (set by
   * `summaryWithProactivePlan`), so reminders can be re-planned from the summary alone.
   */
  readonly bookedSessionStart?: Instant;
}

/** Why an ASYE was extended: absence (long sickness, parental leave) or the assessment panel's decision that more time is needed. */
export type AsyeExtensionReason = 'absence' | 'assessment' | 'other';

/**
 * An extension of a newly qualified social worker's ASYE beyond its planned twelve months: a fact for
 * their portfolio. It does not change the supervision cadence (SPEC.md); agreement.ts `asyeEnd`.
 */
export interface AsyeExtension {
  readonly newEnd: LocalDate;
  readonly reason: AsyeExtensionReason;
  /** A short portfolio fact ("parental leave, four months"). Never logged. */
  readonly note?: string;
  readonly recordedById: PersonId;
  readonly recordedOn: LocalDate;
}

export interface Agreement {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly superviseeId: PersonId;
  readonly supervisorId: PersonId;
  /** Standard 5: required when the line manager is not a registered social worker. */
  readonly lineManagerIsRegisteredSocialWorker: boolean;
  readonly professionalSupervisorId?: PersonId;
  readonly employmentStart: LocalDate;
  readonly agreementStart: LocalDate;
  readonly nqsw: boolean;
  readonly pauses: readonly DateRange[];
  readonly stricterCadence?: StricterCadence;
  readonly status: AgreementStatus;
  readonly agreedBySupervisorAt?: Instant;
  readonly agreedBySuperviseeAt?: Instant;
  readonly supervisorHistory: readonly SupervisorTerm[];
  readonly endedOn?: LocalDate;
  /** Escalations a PSW acknowledged (issue 9): the missed period's start, who and when. */
  readonly escalationAcknowledgements?: readonly { readonly periodStart: LocalDate; readonly byId: PersonId; readonly at: Instant }[];
  /** NQSW only, oldest first; absent on agreements stored before extensions existed (read as none). */
  readonly asyeExtensions?: readonly AsyeExtension[];
  readonly summary: ComplianceSummary;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export type SessionStatus = 'scheduled' | 'held' | 'cancelled' | 'rescheduled';
export type SessionMode = 'in-person' | 'teams';

export interface SessionAction {
  readonly text: string;
  readonly ownerId: PersonId;
  readonly dueDate: LocalDate;
}

export interface QualityRating {
  /** 1-5 */
  readonly score: number;
  readonly comment?: string;
  readonly ratedAt: Instant;
}

export interface Session {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly agreementId: string;
  readonly supervisorId: PersonId;
  readonly superviseeId: PersonId;
  readonly status: SessionStatus;
  readonly mode: SessionMode;
  readonly scheduledStart: Instant;
  readonly plannedMinutes: number;
  /** Set when held. */
  readonly start?: Instant;
  readonly minutes?: number;
  readonly uninterrupted?: boolean;
  readonly agenda: readonly string[];
  readonly actions: readonly SessionAction[];
  readonly cancelReason?: string;
  /** On a rescheduled session: the session that replaces it. */
  readonly rescheduledToId?: string;
  /** On a replacement session: the rescheduled session it replaces. */
  readonly rescheduledFromId?: string;
  readonly superviseeAcceptedAt?: Instant;
  readonly proposedStart?: Instant;
  readonly recordedById?: PersonId;
  readonly recordedAt?: Instant;
  readonly superviseeConfirmedAt?: Instant;
  readonly rating?: QualityRating;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export interface ReflectiveNote {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly authorId: PersonId;
  /** Structured prompts. Sensitive: never logged. */
  readonly whatHappened: string;
  readonly howIFelt: string;
  readonly whatILearned: string;
  readonly whatNext: string;
  readonly cpdTag?: string;
  readonly visibility: 'private' | 'shared';
  /** With whom a shared note is shared: the supervisor at the time of sharing. */
  readonly sharedWithId?: PersonId;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export type ConcernCategory = 'workload' | 'resources' | 'safety' | 'bullying' | 'supervision' | 'other';
export type ConcernUrgency = 'low' | 'medium' | 'high';
export type ConcernRoute = 'supervisor' | 'psw';
export type ConcernStatus = 'raised' | 'acknowledged' | 'assigned' | 'resolved';

export interface ConcernEvent {
  readonly at: Instant;
  readonly byId: PersonId;
  readonly status: ConcernStatus;
  readonly assignedToId?: PersonId;
}

export interface Concern {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly raisedById: PersonId;
  readonly category: ConcernCategory;
  /** Sensitive: never logged. */
  readonly description: string;
  readonly urgency: ConcernUrgency;
  readonly route: ConcernRoute;
  /** Who handles it now: the supervisor, or a PSW (then the supervisor never sees it). */
  readonly handlerId?: PersonId;
  readonly status: ConcernStatus;
  readonly history: readonly ConcernEvent[];
  readonly resolution?: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}
