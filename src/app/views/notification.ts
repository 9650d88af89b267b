/** What a use case tells someone proactively: one card, as its recipient may see it. */
import type { AgreementView } from './agreement';
import type { ConcernView } from './concern';
import type { SessionView } from './session';

/**
 * A card for one person, sent proactively through the `Notifier` port. Each data is the view as
 * that recipient may see it. The template names are the cards adapter's; the kinds are closed.
 */
export type Notification =
  /** To the supervisee (or supervisor) who has still to agree. */
  | { readonly template: 'agreement-to-agree'; readonly data: AgreementView }
  /** To the other party once the agreement is active, and to both on a change of supervisor. */
  | { readonly template: 'agreement-updated'; readonly data: AgreementView }
  /** To the supervisee: a session scheduled (or rescheduled), with `ics`. */
  | { readonly template: 'session-scheduled'; readonly data: SessionView }
  /** To the supervisor: the supervisee accepted or proposed another time. */
  | { readonly template: 'schedule-response'; readonly data: SessionView }
  /** To the supervisee: the session was recorded (held: confirm and rate; cancelled). */
  | { readonly template: 'session-recorded'; readonly data: SessionView }
  /** To the supervisor: the supervisee confirmed or rated the session. */
  | { readonly template: 'session-confirmed'; readonly data: SessionView }
  /** To the handler (supervisor, PSW, assignee): a concern to act on. */
  | { readonly template: 'concern-to-handle'; readonly data: ConcernView }
  /** To the person who raised it: every stage of their concern. */
  | { readonly template: 'concern-update'; readonly data: ConcernView };

export type NotificationTemplate = Notification['template'];
