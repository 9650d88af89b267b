/**
 * Presenters of the proactive messages: the reminder sweep's reminders and escalations (the proactive
 * family: proactive/templates, proactive/data.ts), and the card for each use case's notification,
 * as its recipient may see it (the families' presenters).
 */
import type { Notification, PersonRef } from '../../app/views';
import type { LocalDate } from '../../domain/model';
import { presentAgreement, presentAgreementStatus } from './agreement/present';
import { spec, type CardSpec } from './catalogue';
import { presentConcernHandler, presentConcernStatus } from './concern/present';
import { presentSession } from './session/present';
import { fmt, type PresentContext } from './shared/form';
import { formatDate } from './shared/format';

// --- reminders and escalations ---------------------------------------------------------------

/** A reminder that supervision is due soon, for the supervisee or the supervisor. */
export interface ReminderView {
  readonly zone: string;
  readonly audience: 'supervisee' | 'supervisor';
  readonly agreementId: string;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly nqsw: boolean;
  /** The last day of the period (inclusive). */
  readonly dueBy: LocalDate;
  readonly periodStart: LocalDate;
  readonly lastSessionOn: LocalDate | null;
}

/** To the PSW: a required period was missed. */
export interface EscalationView {
  readonly zone: string;
  readonly agreementId: string;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly nqsw: boolean;
  readonly periodStart: LocalDate;
  /** The period's last day. */
  readonly dueBy: LocalDate;
  /** Required periods missed so far. */
  readonly missedCount: number;
  readonly lastSessionOn: LocalDate | null;
}

export function presentReminder(view: ReminderView, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  const due = formatDate(view.dueBy, f);
  const toSupervisor = view.audience === 'supervisor';
  return spec('reminder', {
    agreementId: view.agreementId,
    headline: toSupervisor ? `Supervision with ${view.supervisee.name} is due by ${due}` : `Your supervision is due by ${due}`,
    detail: toSupervisor
      ? `No qualifying session is recorded yet for the period that started ${formatDate(view.periodStart, f)}. Schedule one if you have not.`
      : `No qualifying session with ${view.supervisor.name} is recorded yet for this period. ${view.supervisor.name} has been reminded too.`,
    facts: [
      { title: 'Supervisee', value: view.nqsw ? `${view.supervisee.name} (NQSW)` : view.supervisee.name },
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Due by', value: due },
      { title: 'Last session', value: view.lastSessionOn === null ? 'None yet' : formatDate(view.lastSessionOn, f) },
    ],
    canSchedule: toSupervisor,
  });
}

export function presentEscalation(view: EscalationView, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('escalation', {
    agreementId: view.agreementId,
    headline: `Overdue supervision: ${view.supervisee.name}`,
    detail:
      `${view.supervisee.name}${view.nqsw ? ' (NQSW)' : ''} had no qualifying supervision with ${view.supervisor.name} ` +
      `in the period ${formatDate(view.periodStart, f)} to ${formatDate(view.dueBy, f)}.`,
    facts: [
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Periods missed', value: String(view.missedCount) },
      { title: 'Last session', value: view.lastSessionOn === null ? 'None recorded' : formatDate(view.lastSessionOn, f) },
    ],
  });
}

// --- proactive notifications -----------------------------------------------------------------

/** The card for a notification, as its recipient may see it. */
export function presentNotification(n: Notification, ctx: PresentContext = {}): CardSpec {
  switch (n.template) {
    case 'agreement-to-agree':
      return presentAgreement(n.data, ctx);
    case 'agreement-updated':
      return presentAgreementStatus(n.data, ctx);
    case 'session-scheduled':
    case 'schedule-response':
    case 'session-recorded':
    case 'session-confirmed':
      return presentSession(n.data, ctx);
    case 'concern-to-handle':
      return presentConcernHandler(n.data, ctx);
    case 'concern-update':
      return presentConcernStatus(n.data, ctx);
  }
}
