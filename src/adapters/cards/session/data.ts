/** The data the session templates bind. */
import type { Choice, FormPart, Line, NoticePart, ProblemsPart, TextColor } from '../shared/parts';

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

export interface SessionScheduleData extends ProblemsPart, FormPart, NoticePart {
  readonly zone: string;
  readonly agreements: readonly Choice[];
}

/** The supervisee's "Request a session" card: which supervisor, and when they would like it. */
export interface SessionRequestData extends ProblemsPart, FormPart, NoticePart {
  readonly zone: string;
  readonly agreements: readonly Choice[];
  /** Sent: the card shows what was asked, with nothing more to press. */
  readonly sent: boolean;
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
  /** "Accept <the proposed time>": one press reschedules to it. */
  readonly acceptProposedTitle: string;
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
  /** Who reads the rating and its comment (the supervisor), said above the form. */
  readonly ratingReader: string;
  /** Rated already: "Saved: ..." above the form, which then changes the rating. */
  readonly hasSavedRating: boolean;
  readonly savedRating: string;
  /** "Send rating", or "Change your rating" once one is saved. */
  readonly rateTitle: string;
}

export interface SessionOutcomeData extends SessionRecordPart, NoticePart, CalendarPart {
  readonly headlineColor: TextColor;
  readonly hasRatingComment: boolean;
  readonly ratingComment: string;
  readonly hasReplacement: boolean;
  readonly replacementId: string;
}

/** The family's templates and the data each binds. */
export interface SessionCards {
  'session-schedule': SessionScheduleData;
  'session-request': SessionRequestData;
  'session-invite': SessionInviteData;
  'session-record': SessionRecordData;
  'session-confirm-rate': SessionConfirmRateData;
  'session-outcome': SessionOutcomeData;
}

/** Where the family's templates are: session/templates/<name>.json. */
export const SESSION_TEMPLATES = {
  'session-schedule': 'session',
  'session-request': 'session',
  'session-invite': 'session',
  'session-record': 'session',
  'session-confirm-rate': 'session',
  'session-outcome': 'session',
} as const satisfies { readonly [N in keyof SessionCards]: 'session' };
