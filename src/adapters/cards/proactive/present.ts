/**
 * Presenters of the proactive messages the outbox carries (src/app/proactiveMessages.ts): the
 * reminder sweep's reminders and escalations (this family's templates, proactive/templates), and
 * the card for every other kind, as its recipient may see it (the other families' presenters).
 */
import type { EscalationFacts, ProactiveMessage, ReminderFacts } from '../../../app/proactiveMessages';
import type { LocalDate } from '../../../domain/model';
import { presentAgreement, presentAgreementStatus } from '../agreement/present';
import { spec, type CardSpec } from '../catalogue';
import { presentConcernHandler, presentConcernStatus } from '../concern/present';
import { presentHome } from '../home/present';
import { presentSession, presentSessionRequested } from '../session/present';
import { fmt, type PresentContext } from '../shared/form';
import { formatDate, formatInstant, type FormatContext } from '../shared/format';

/** The reminder's facts, as the sweep wrote them (src/app/proactiveMessages.ts). */
export type ReminderView = ReminderFacts;
/** The escalation's facts, as the sweep wrote them. */
export type EscalationView = EscalationFacts;

/** What the welcome on installation says above the person's home. */
export const WELCOME_NOTICE = 'Welcome! I will remind you when supervision is due and keep your records in one place.';

const lastSessionText = (on: LocalDate | null, none: string, f: FormatContext): string => (on === null ? none : formatDate(on, f));

export function presentReminder(view: ReminderView, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  const due = formatDate(view.dueBy, f);
  const toSupervisor = view.audience === 'supervisor';
  const booked = view.scheduledSession === null ? undefined : formatInstant(view.scheduledSession.start, f);
  const detail =
    booked !== undefined
      ? toSupervisor
        ? `A session is booked for ${booked}. It counts once it is recorded as held.`
        : `A session with ${view.supervisor.name} is booked for ${booked}. ${view.supervisor.name} has been reminded too.`
      : toSupervisor
        ? `No qualifying session is recorded yet for the period that started ${formatDate(view.periodStart, f)}. Schedule one if you have not.`
        : `No qualifying session with ${view.supervisor.name} is recorded yet for this period. ${view.supervisor.name} has been reminded too.`;
  return spec('reminder', {
    agreementId: view.agreementId,
    headline: toSupervisor ? `Supervision with ${view.supervisee.name} is due by ${due}` : `Your supervision is due by ${due}`,
    detail,
    facts: [
      { title: 'Supervisee', value: view.nqsw ? `${view.supervisee.name} (NQSW)` : view.supervisee.name },
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Due by', value: due },
      { title: 'Last session', value: lastSessionText(view.lastSessionOn, 'None yet', f) },
      ...(booked === undefined ? [] : [{ title: 'Booked', value: booked }]),
    ],
    canSchedule: toSupervisor && booked === undefined,
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
      { title: 'Last session', value: lastSessionText(view.lastSessionOn, 'None recorded', f) },
    ],
  });
}

/**
 * The card for every proactive message the outbox carries, as its recipient may see it. Exhaustive:
 * a new kind in ProactiveMessage does not compile until it has a card here.
 */
export function presentProactive(message: ProactiveMessage, ctx: PresentContext = {}): CardSpec {
  switch (message.kind) {
    case 'agreement-to-agree':
      return presentAgreement(message.data, ctx);
    case 'agreement-updated':
      return presentAgreementStatus(message.data, ctx);
    case 'session-scheduled':
    case 'schedule-response':
    case 'session-recorded':
    case 'session-confirmed':
      return presentSession(message.data, ctx);
    case 'session-requested':
      return presentSessionRequested(message.data, ctx);
    case 'concern-to-handle':
      return presentConcernHandler(message.data, ctx);
    case 'concern-update':
      return presentConcernStatus(message.data, ctx);
    case 'reminder':
      return presentReminder(message.data, ctx);
    case 'escalation':
      return presentEscalation(message.data, ctx);
    case 'welcome':
      return presentHome(message.data, ctx, WELCOME_NOTICE);
    default: {
      const unknown: never = message;
      throw new Error(`no card for proactive message ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}
