/** Session views (built from the records in build/session.ts). */
import type { Instant, LocalDate, PersonId, SessionMode, SessionStatus } from '../../domain/model';
import type { Fact, PersonRef } from './common';

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

/** A supervisee's request for a session, as their supervisor's card shows it (nothing is stored). */
export interface SessionRequestView {
  readonly zone: string;
  readonly agreementId: string;
  readonly supervisor: PersonRef;
  readonly supervisee: PersonRef;
  readonly preferredStart: Instant;
  readonly mode: SessionMode;
}
