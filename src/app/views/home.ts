/** The home view: the viewer's supervision at a glance. */
import type { Instant, LocalDate, Role } from '../../domain/model';
import type { AgreementSummaryView } from './agreement';
import type { PersonRef } from './common';

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

/** Someone the bot cannot send cards to, why, and what to do (issue 9 part 7). */
export interface UnreachablePerson {
  readonly person: PersonRef;
  readonly reason: 'never-linked' | 'not-installed' | 'removed';
}

export interface HomeView {
  readonly person: PersonRef & { readonly email: string };
  readonly roles: readonly Role[];
  readonly zone: string;
  readonly organisationName: string;
  /** Earliest next-due-by over the agreements where the viewer is the supervisee. */
  readonly nextDueBy: LocalDate | null;
  readonly lastSession: LastSessionView | null;
  /** Overdue supervision the viewer is party to (as supervisee or supervisor); for a PSW, everyone's, longest overdue first. */
  readonly overdue: readonly OverdueItem[];
  /** Concerns the viewer raised or handles that are not resolved. */
  readonly openConcerns: number;
  /** Agreements where the viewer is the supervisee. */
  readonly asSupervisee: readonly AgreementSummaryView[];
  /** Agreements where the viewer is supervisor or professional supervisor. */
  readonly asSupervisor: readonly AgreementSummaryView[];
  readonly pending: readonly PendingItem[];
  /** To admins and PSWs: people in a live agreement (or a PSW) the bot cannot reach; else empty. */
  readonly unreachable: readonly UnreachablePerson[];
  readonly youCan: {
    readonly proposeAgreement: boolean;
    readonly scheduleSession: boolean;
    /** A supervisee with an active agreement may ask their supervisor for a session. */
    readonly requestSession: boolean;
    readonly writeNote: boolean;
    readonly raiseConcern: boolean;
    readonly editSettings: boolean;
    readonly seeCompliance: boolean;
  };
}

/** The help card's facts: the person's roles and which flows they may start. */
export type HelpView = Pick<HomeView, 'roles' | 'youCan'>;
