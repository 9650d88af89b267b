/**
 * Everything the outbox carries: one closed union of proactive messages, written by the use cases'
 * notifications (through the Notifier), the reminder sweep and the welcome, and turned into a card
 * by one exhaustive render in the cards adapter (renderMessage). Each message carries every fact its
 * card shows, as its recipient may see it, so a fact the card needs but the writer did not supply
 * does not compile, and neither does a new kind without a card.
 *
 * Later kinds (a digest, follow-ups) join the union here; the compiler then names the render and
 * the stored-message check below that must learn them.
 */
import type { ConcernCategory, ConcernUrgency, Instant, LocalDate } from '../domain/model';
import type { AgreementView, ConcernView, HomeView, PersonRef, SessionRequestView, SessionView } from './views';

/** A reminder that supervision is due soon, for one party to the agreement. */
export interface ReminderFacts {
  readonly zone: string;
  readonly agreementId: string;
  /** Who this card is for, as a party to the agreement. */
  readonly audience: 'supervisor' | 'supervisee';
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly nqsw: boolean;
  readonly periodStart: LocalDate;
  /** The period's last day (inclusive): supervision is due by then. */
  readonly dueBy: LocalDate;
  /** The day of the last qualifying session, as the agreement's summary knows it. */
  readonly lastSessionOn: LocalDate | null;
  /** A session booked in the period, if any: then the card says so instead of "schedule one". */
  readonly scheduledSession: { readonly sessionId: string; readonly start: Instant } | null;
  /**
   * Why it goes now: `due` (reminderLeadDays working days before dueBy), `due-today` (on dueBy,
   * nothing held or booked), `session` (the working day before the booked session).
   */
  readonly reason: 'due' | 'due-today' | 'session';
}

/** A supervisor's one reminder card of the day, listing every supervisee due (each as its reminder). */
export interface ReminderDigestFacts {
  readonly zone: string;
  readonly supervisor: PersonRef;
  /** The local day it is for. */
  readonly date: LocalDate;
  /** Every reminder to the supervisor that day (audience 'supervisor'), at least one. */
  readonly items: readonly ReminderFacts[];
}

/** To a PSW (or, without one, an admin): a required period was missed. */
export interface EscalationFacts {
  readonly zone: string;
  readonly agreementId: string;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly nqsw: boolean;
  readonly periodStart: LocalDate;
  /** The last day of the missed period. */
  readonly dueBy: LocalDate;
  /** Required periods missed since the last one that was met. */
  readonly missedCount: number;
  readonly overdueSince: LocalDate | null;
  readonly lastSessionOn: LocalDate | null;
  /** True when sent at once (an NQSW's second period missed in a row), not after the grace days. */
  readonly atOnce: boolean;
}

/** To the supervisor: the PSW(s) were told of the missed period. */
export interface EscalationNoticeFacts extends Omit<EscalationFacts, 'overdueSince'> {
  /** Who the escalation went to. */
  readonly informed: readonly PersonRef[];
}

/** To the supervisor: a PSW, from the escalation card, asks them to book supervision. */
export interface SupervisionNudgeFacts {
  readonly zone: string;
  readonly agreementId: string;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  /** The start of the missed period the escalation was about. */
  readonly periodStart: LocalDate;
  /** The PSW who pressed "Nudge". */
  readonly from: PersonRef;
  readonly at: Instant;
}

/** To the other PSWs: an escalation was acknowledged (who and when). */
export interface EscalationAcknowledgedFacts {
  readonly zone: string;
  readonly agreementId: string;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly periodStart: LocalDate;
  readonly acknowledgedBy: PersonRef;
  readonly at: Instant;
}

/**
 * A concern nobody acted on in time (concernFollowUp.ts), as its recipient may see it: never the
 * description. `unacknowledged` to the PSWs and senior leaders, `followed-up` to the raiser,
 * `overdue` to the assignee and the PSWs.
 */
export interface ConcernFollowUpFacts {
  readonly zone: string;
  readonly concernId: string;
  readonly reason: 'unacknowledged' | 'followed-up' | 'overdue';
  readonly recipientIs: 'psw' | 'senior-leader' | 'raiser' | 'assignee';
  readonly category: ConcernCategory;
  readonly urgency: ConcernUrgency;
  readonly raisedAt: Instant;
  /** The working days it was allowed (to acknowledge, or to resolve). */
  readonly targetDays: number;
  readonly assignedAt: Instant | null;
  readonly assignee: PersonRef | null;
}

/** A message a use case sends about a change it made (see `notifyEach`). */
export type Notification =
  /** To the supervisee (or supervisor) who has still to agree. */
  | { readonly kind: 'agreement-to-agree'; readonly data: AgreementView }
  /** To the other party once the agreement is active, and to both on a change of supervisor. */
  | { readonly kind: 'agreement-updated'; readonly data: AgreementView }
  /** To the supervisee: a session scheduled (or rescheduled), with `ics`. */
  | { readonly kind: 'session-scheduled'; readonly data: SessionView }
  /** To the supervisor: the supervisee accepted or proposed another time. */
  | { readonly kind: 'schedule-response'; readonly data: SessionView }
  /** To the supervisor: the supervisee asks for a session (one press schedules it). */
  | { readonly kind: 'session-requested'; readonly data: SessionRequestView }
  /** To the supervisee: the session was recorded (held: confirm and rate; cancelled). */
  | { readonly kind: 'session-recorded'; readonly data: SessionView }
  /** To the supervisor: the supervisee confirmed or rated the session. */
  | { readonly kind: 'session-confirmed'; readonly data: SessionView }
  /** To the handler (supervisor, PSW, assignee): a concern to act on. */
  | { readonly kind: 'concern-to-handle'; readonly data: ConcernView }
  /** To the person who raised it: every stage of their concern. */
  | { readonly kind: 'concern-update'; readonly data: ConcernView }
  /** To the supervisor: a PSW's nudge from an escalation. */
  | { readonly kind: 'supervision-nudge'; readonly data: SupervisionNudgeFacts }
  /** To the other PSWs: an escalation was acknowledged. */
  | { readonly kind: 'escalation-acknowledged'; readonly data: EscalationAcknowledgedFacts };

export type NotificationKind = Notification['kind'];

/** What the reminder sweep queues. */
export type SweepMessage =
  /** To a supervisee (a supervisor's reminders go in the digest). */
  | { readonly kind: 'reminder'; readonly data: ReminderFacts }
  | { readonly kind: 'reminder-digest'; readonly data: ReminderDigestFacts }
  | { readonly kind: 'escalation'; readonly data: EscalationFacts }
  | { readonly kind: 'escalation-notice'; readonly data: EscalationNoticeFacts }
  | { readonly kind: 'concern-follow-up'; readonly data: ConcernFollowUpFacts };

/** The greeting on installation: the person's home, as the welcome shows it. */
export type WelcomeMessage = { readonly kind: 'welcome'; readonly data: HomeView };

export type ProactiveMessage = Notification | SweepMessage | WelcomeMessage;
export type ProactiveKind = ProactiveMessage['kind'];

/**
 * What an outbox entry keeps once it is finished (sent, failed, unreachable): its kind only. Notes
 * and concerns do not linger in the outbox once delivered (UK GDPR data minimisation).
 */
export interface SpentMessage {
  readonly kind: ProactiveKind;
  readonly spent: true;
}

/** Every kind, so a stored message can be checked before it is rendered; the compiler keeps it complete. */
const KINDS: { readonly [K in ProactiveKind]: true } = {
  'agreement-to-agree': true,
  'agreement-updated': true,
  'session-scheduled': true,
  'schedule-response': true,
  'session-requested': true,
  'session-recorded': true,
  'session-confirmed': true,
  'concern-to-handle': true,
  'concern-update': true,
  'supervision-nudge': true,
  'escalation-acknowledged': true,
  reminder: true,
  'reminder-digest': true,
  escalation: true,
  'escalation-notice': true,
  'concern-follow-up': true,
  welcome: true,
};

export function isProactiveKind(kind: unknown): kind is ProactiveKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KINDS, kind);
}

/**
 * The message a stored outbox payload carries, or why it cannot be read: stored records are data
 * from outside this build (an entry written before the messages were typed carries
 * `{ template, data }`), so they are checked before anything is rendered from them.
 */
export function readStoredMessage(payload: unknown): { readonly ok: true; readonly message: ProactiveMessage } | { readonly ok: false; readonly reason: string } {
  if (payload === null || typeof payload !== 'object') return { ok: false, reason: 'the entry carries no message' };
  const p = payload as { kind?: unknown; data?: unknown; spent?: unknown; template?: unknown };
  if (p.kind === undefined && typeof p.template === 'string') {
    return { ok: false, reason: `unreadable payload: a "${p.template}" message stored in the format before typed messages` };
  }
  if (!isProactiveKind(p.kind)) return { ok: false, reason: `unreadable payload: no message kind ${JSON.stringify(p.kind ?? null)}` };
  if (p.spent === true) return { ok: false, reason: `the "${p.kind}" message was already delivered and its content dropped` };
  if (p.data === null || typeof p.data !== 'object') return { ok: false, reason: `unreadable payload: the "${p.kind}" message has no data` };
  return { ok: true, message: payload as ProactiveMessage };
}
