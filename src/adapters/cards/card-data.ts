/**
 * The data each template binds, field by field. Presenters (present.ts) build these from the use
 * cases' views; every field a template names is present (an unbound `${...}` is a bug and makes
 * renderCard throw), and all wording and dates are already formatted.
 */

export interface Choice {
  readonly title: string;
  readonly value: string;
}

export interface Line {
  readonly text: string;
}

export interface FactRow {
  readonly title: string;
  readonly value: string;
}

/** An Adaptive Card text colour. */
export type TextColor = 'default' | 'good' | 'warning' | 'attention' | 'accent';

/** The banner at the top of a form when a submission was refused. */
export interface ProblemsPart {
  readonly hasProblems: boolean;
  readonly problemsTitle: string;
  readonly problems: readonly Line[];
}

/** A short line saying what just happened ("Saved."). */
export interface NoticePart {
  readonly hasNotice: boolean;
  readonly notice: string;
}

/**
 * An "Add to calendar" button (Action.OpenUrl): a link to the session's .ics on the bot's own
 * server. Absent (hasCalendar false) when no link can be made.
 */
export interface CalendarPart {
  readonly hasCalendar: boolean;
  /** "Add to calendar", or "Remove from calendar" for a cancelled session. */
  readonly calendarTitle: string;
  readonly calendarUrl: string;
}

/** Input values to prefill and the error to show next to each input ('' when none), by input id. */
export interface FormPart {
  readonly values: Readonly<Record<string, string | number>>;
  readonly errors: Readonly<Record<string, string>>;
}

/** Who may press which button; absent flags are false. */
export interface HomeAbilities {
  readonly scheduleSession: boolean;
  readonly proposeAgreement: boolean;
  readonly writeNote: boolean;
  readonly readSharedNotes: boolean;
  readonly raiseConcern: boolean;
  readonly editSettings: boolean;
  readonly seeCompliance: boolean;
}

export interface AgreementRow {
  readonly title: string;
  readonly detail: string;
  readonly color: TextColor;
  readonly agreementId: string;
}

export interface PendingRow {
  readonly text: string;
  readonly button: string;
  readonly isAgreement: boolean;
  readonly isSession: boolean;
  readonly agreementId: string;
  readonly sessionId: string;
}

export interface HomeData extends NoticePart {
  readonly greeting: string;
  readonly organisationName: string;
  readonly nextDueBy: string;
  readonly lastSession: string;
  readonly hasLastSessionNote: boolean;
  readonly lastSessionNote: string;
  readonly openConcerns: string;
  readonly hasOverdue: boolean;
  readonly overdue: readonly Line[];
  readonly hasPending: boolean;
  readonly pending: readonly PendingRow[];
  readonly hasMySupervision: boolean;
  readonly mySupervision: readonly AgreementRow[];
  readonly hasSupervisees: boolean;
  readonly supervisees: readonly AgreementRow[];
  readonly hasMoreSupervisees: boolean;
  readonly moreSupervisees: string;
  readonly can: HomeAbilities;
}

export interface HelpData {
  readonly intro: string;
  readonly hasUnknownText: boolean;
  readonly unknownText: string;
  readonly shortcuts: readonly { readonly command: string; readonly description: string }[];
  readonly known: boolean;
  readonly can: HomeAbilities;
  readonly privacy: string;
}

export interface ErrorData {
  readonly title: string;
  readonly message: string;
  readonly outcome: string;
  readonly hasHint: boolean;
  readonly hint: string;
  readonly code: string;
  readonly hasKept: boolean;
  readonly kept: readonly {
    readonly id: string;
    readonly label: string;
    readonly value: string;
    readonly isMultiline: boolean;
    readonly maxLength: number;
  }[];
  readonly hasRetry: boolean;
  readonly retry: { readonly verb: string; readonly data: Readonly<Record<string, string>> };
  readonly showHome: boolean;
}

export interface ChoicesNotePart {
  readonly hasChoicesNote: boolean;
  readonly choicesNote: string;
}

export interface AgreementSetupData extends ProblemsPart, FormPart, ChoicesNotePart {
  readonly zone: string;
  readonly supervisees: readonly Choice[];
  readonly supervisors: readonly Choice[];
  readonly professionalSupervisors: readonly Choice[];
}

export interface AgreementAgreeData extends ProblemsPart {
  readonly agreementId: string;
  readonly intro: string;
  readonly facts: readonly FactRow[];
  readonly cadence: string;
  readonly agreedLines: readonly Line[];
  readonly waitingFor: string;
}

export interface AgreementStatusData extends ProblemsPart, NoticePart, FormPart {
  readonly agreementId: string;
  readonly supervisee: string;
  readonly status: string;
  readonly statusColor: TextColor;
  readonly outcomeLines: readonly Line[];
  readonly facts: readonly FactRow[];
  readonly cadence: string;
  readonly hasOverdue: boolean;
  readonly overdue: string;
  readonly hasHistory: boolean;
  readonly history: readonly Line[];
  readonly hasUpcoming: boolean;
  readonly upcoming: readonly { readonly text: string; readonly sessionId: string }[];
  readonly can: {
    readonly scheduleSession: boolean;
    readonly changeSupervisor: boolean;
    readonly pause: boolean;
    readonly resume: boolean;
    readonly end: boolean;
  };
}

export interface ChangeSupervisorData extends ProblemsPart, FormPart, ChoicesNotePart {
  readonly agreementId: string;
  readonly supervisee: string;
  readonly currentSupervisor: string;
  readonly supervisors: readonly Choice[];
}

export interface SessionScheduleData extends ProblemsPart, FormPart {
  readonly zone: string;
  readonly agreements: readonly Choice[];
}

export interface SessionInviteData extends ProblemsPart, NoticePart, FormPart, CalendarPart {
  readonly sessionId: string;
  readonly zone: string;
  readonly supervisor: string;
  readonly when: string;
  readonly detail: string;
  readonly outcomeLines: readonly Line[];
  /** `accept`: not accepted yet (once accepted, only another time can be proposed). */
  readonly can: { readonly respond: boolean; readonly accept: boolean };
}

export interface ActionRowData {
  readonly n: number;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
  readonly errText: string;
  readonly errOwner: string;
  readonly errDue: string;
}

export interface SessionRecordData extends ProblemsPart, NoticePart, FormPart, CalendarPart {
  readonly sessionId: string;
  readonly zone: string;
  readonly supervisee: string;
  /** "Scheduled for 3 Mar 14:05. 1 h 30 min, in person." or, once recorded, "Held 3 Mar 14:05, ...". */
  readonly headline: string;
  readonly isFlagged: boolean;
  readonly flagText: string;
  /** What the card asks: what happened, or (recorded as held) that it can still be corrected. */
  readonly prompt: string;
  /** Still scheduled: it can also be recorded as cancelled or rescheduled. */
  readonly scheduled: boolean;
  readonly outcomeLines: readonly Line[];
  readonly hasProposed: boolean;
  readonly proposed: string;
  readonly owners: readonly Choice[];
  readonly actionRows: readonly ActionRowData[];
}

/** What a held session looked like, shared by the confirm-and-rate and outcome cards. */
export interface SessionRecordPart {
  readonly sessionId: string;
  readonly agreementId: string;
  readonly supervisor: string;
  readonly supervisee: string;
  readonly headline: string;
  readonly isFlagged: boolean;
  readonly flagText: string;
  readonly hasAgenda: boolean;
  readonly agenda: readonly Line[];
  readonly hasActions: boolean;
  readonly actions: readonly Line[];
  readonly outcomeLines: readonly Line[];
}

export interface SessionConfirmRateData extends SessionRecordPart, ProblemsPart, NoticePart, FormPart {
  readonly can: { readonly confirm: boolean; readonly rate: boolean };
}

export interface SessionOutcomeData extends SessionRecordPart, NoticePart, CalendarPart {
  readonly headlineColor: TextColor;
  readonly hasRatingComment: boolean;
  readonly ratingComment: string;
  readonly hasReplacement: boolean;
  readonly replacementId: string;
}

export type NoteWriteData = ProblemsPart & FormPart;

export interface NoteListData {
  readonly title: string;
  readonly summary: string;
  readonly notes: readonly { readonly noteId: string; readonly heading: string; readonly preview: string }[];
  readonly canWrite: boolean;
}

export interface NoteReadData extends NoticePart {
  readonly byline: string;
  readonly sections: readonly { readonly heading: string; readonly body: string }[];
  readonly hasTruncated: boolean;
  readonly truncated: string;
  readonly isMine: boolean;
  readonly isShared: boolean;
}

export type ConcernRaiseData = ProblemsPart & FormPart;

export interface ConcernCommonPart {
  readonly concernId: string;
  readonly category: string;
  readonly statusColor: TextColor;
  readonly facts: readonly FactRow[];
  readonly description: string;
  readonly history: readonly Line[];
  readonly hasResolution: boolean;
  readonly resolution: string;
}

export interface ConcernPswData extends ConcernCommonPart, ProblemsPart, NoticePart, FormPart {
  readonly status: string;
  readonly assignees: readonly Choice[];
  readonly can: { readonly acknowledge: boolean; readonly assign: boolean; readonly resolve: boolean };
}

export interface ConcernStatusData extends ConcernCommonPart, NoticePart {
  readonly headline: string;
  readonly routeText: string;
}

export interface ConcernRow {
  readonly concernId: string;
  readonly heading: string;
  readonly detail: string;
  readonly color: TextColor;
}

export interface ConcernListData {
  readonly hasHandling: boolean;
  readonly handling: readonly ConcernRow[];
  readonly noneRaised: boolean;
  readonly raised: readonly ConcernRow[];
  readonly hasMore: boolean;
  readonly more: string;
}

export interface SettingsData extends ProblemsPart, NoticePart, FormPart, ChoicesNotePart {
  readonly people: readonly Choice[];
}

export interface ReminderData {
  readonly agreementId: string;
  readonly headline: string;
  readonly detail: string;
  readonly facts: readonly FactRow[];
  readonly canSchedule: boolean;
}

export interface EscalationData {
  readonly agreementId: string;
  readonly headline: string;
  readonly detail: string;
  readonly facts: readonly FactRow[];
}

/** Template name -> the data it binds. */
export interface CardDataMap {
  home: HomeData;
  help: HelpData;
  error: ErrorData;
  'agreement-setup': AgreementSetupData;
  'agreement-agree': AgreementAgreeData;
  'agreement-status': AgreementStatusData;
  'change-supervisor': ChangeSupervisorData;
  'session-schedule': SessionScheduleData;
  'session-invite': SessionInviteData;
  'session-record': SessionRecordData;
  'session-confirm-rate': SessionConfirmRateData;
  'session-outcome': SessionOutcomeData;
  'note-write': NoteWriteData;
  'note-list': NoteListData;
  'note-read': NoteReadData;
  'concern-raise': ConcernRaiseData;
  'concern-psw': ConcernPswData;
  'concern-status': ConcernStatusData;
  'concern-list': ConcernListData;
  settings: SettingsData;
  reminder: ReminderData;
  escalation: EscalationData;
}
