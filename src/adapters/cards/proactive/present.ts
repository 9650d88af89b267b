/**
 * Presenters of the proactive messages the outbox carries (src/app/proactiveMessages.ts): the
 * reminder sweep's reminders and escalations (this family's templates, proactive/templates), and
 * the card for every other kind, as its recipient may see it (the other families' presenters).
 */
import type {
  ConcernFollowUpFacts,
  EscalationAcknowledgedFacts,
  EscalationFacts,
  EscalationNoticeFacts,
  ProactiveMessage,
  ReminderDigestFacts,
  ReminderFacts,
  SupervisionNudgeFacts,
} from '../../../app/proactiveMessages';
import type { EscalationActionView } from '../../../app/escalationFollowUp';
import type { LocalDate } from '../../../domain/model';
import { presentAgreement, presentAgreementStatus } from '../agreement/present';
import { spec, type CardSpec } from '../catalogue';
import { presentConcernHandler, presentConcernStatus } from '../concern/present';
import { presentHome } from '../home/present';
import { presentSession, presentSessionRequested } from '../session/present';
import { fmt, type PresentContext } from '../shared/form';
import type { ReminderData } from './data';
import { CATEGORY_LABEL, formatDate, formatInstant, URGENCY_LABEL, type FormatContext } from '../shared/format';

/** The reminder's facts, as the sweep wrote them (src/app/proactiveMessages.ts). */
export type ReminderView = ReminderFacts;
/** The escalation's facts, as the sweep wrote them. */
export type EscalationView = EscalationFacts;

/** What the welcome on installation says above the person's home. */
export const WELCOME_NOTICE = 'Welcome! I will remind you when supervision is due and keep your records in one place.';

const lastSessionText = (on: LocalDate | null, none: string, f: FormatContext): string => (on === null ? none : formatDate(on, f));

export function presentReminder(view: ReminderView, ctx: PresentContext = {}): CardSpec {
  return spec('reminder', reminderData(view, ctx));
}

function reminderData(view: ReminderView, ctx: PresentContext): ReminderData {
  const f = fmt(view.zone, ctx);
  const due = formatDate(view.dueBy, f);
  const toSupervisor = view.audience === 'supervisor';
  const booked = view.scheduledSession === null ? undefined : formatInstant(view.scheduledSession.start, f);
  const today = view.reason === 'due-today' ? ' It is due today.' : '';
  const detail =
    booked !== undefined
      ? toSupervisor
        ? `A session is booked for ${booked}. It counts once it is recorded as held.`
        : `A session with ${view.supervisor.name} is booked for ${booked}. ${view.supervisor.name} has been reminded too.`
      : toSupervisor
        ? `No qualifying session is recorded yet for the period that started ${formatDate(view.periodStart, f)}.${today} Schedule one if you have not.`
        : `No qualifying session with ${view.supervisor.name} is recorded yet for this period.${today} ${view.supervisor.name} has been reminded too.`;
  const headline = toSupervisor ? `Supervision with ${view.supervisee.name} is due by ${due}` : `Your supervision is due by ${due}`;
  return {
    agreementId: view.agreementId,
    headline,
    detail,
    facts: [
      { title: 'Supervisee', value: view.nqsw ? `${view.supervisee.name} (NQSW)` : view.supervisee.name },
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Due by', value: due },
      { title: 'Last session', value: lastSessionText(view.lastSessionOn, 'None yet', f) },
      ...(booked === undefined ? [] : [{ title: 'Booked', value: booked }]),
    ],
    canSchedule: toSupervisor && booked === undefined,
  };
}

/** The supervisor's one reminder card of the day: every supervisee due, each with its facts. */
export function presentReminderDigest(view: ReminderDigestFacts, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  const n = view.items.length;
  return spec('reminder-digest', {
    headline: n === 1 ? 'Supervision reminder: 1 supervisee' : `Supervision reminders: ${n} supervisees`,
    detail: `Your supervision reminders for ${formatDate(view.date, f)}.`,
    items: view.items.map((i) => reminderData(i, ctx)),
  });
}

const missedText = (view: { readonly missedCount: number; readonly atOnce: boolean; readonly nqsw: boolean }): string =>
  view.atOnce && view.nqsw ? `${view.missedCount} in a row (an NQSW: escalated at once)` : String(view.missedCount);

export function presentEscalation(view: EscalationView, ctx: PresentContext = {}, notice = ''): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('escalation', {
    agreementId: view.agreementId,
    periodStart: view.periodStart,
    headline: `Overdue supervision: ${view.supervisee.name}`,
    detail:
      `${view.supervisee.name}${view.nqsw ? ' (NQSW)' : ''} had no qualifying supervision with ${view.supervisor.name} ` +
      `in the period ${formatDate(view.periodStart, f)} to ${formatDate(view.dueBy, f)}.`,
    hasNotice: notice !== '',
    notice,
    facts: [
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Due by', value: formatDate(view.dueBy, f) },
      { title: 'Periods missed', value: missedText(view) },
      ...(view.overdueSince === null ? [] : [{ title: 'Overdue since', value: formatDate(view.overdueSince, f) }]),
      { title: 'Last session', value: lastSessionText(view.lastSessionOn, 'None recorded', f) },
    ],
  });
}

const notice = (d: Partial<Parameters<typeof spec<'proactive-notice'>>[1]> & Pick<Parameters<typeof spec<'proactive-notice'>>[1], 'headline' | 'detail' | 'facts'>): CardSpec =>
  spec('proactive-notice', { style: 'default', footnote: '', agreementId: '', concernId: '', canSchedule: false, ...d });

const names = (people: readonly { readonly name: string }[]): string => people.map((p) => p.name).join(', ');

/** To the supervisor: the PSW was told of the missed period. */
export function presentEscalationNotice(view: EscalationNoticeFacts, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  return notice({
    style: 'warning',
    agreementId: view.agreementId,
    canSchedule: true,
    headline: `Supervision with ${view.supervisee.name} was missed`,
    detail:
      `No qualifying supervision was recorded for ${view.supervisee.name}${view.nqsw ? ' (NQSW)' : ''} in the period ` +
      `${formatDate(view.periodStart, f)} to ${formatDate(view.dueBy, f)}. ${names(view.informed)} ${view.informed.length === 1 ? 'has' : 'have'} been informed.`,
    facts: [
      { title: 'Due by', value: formatDate(view.dueBy, f) },
      { title: 'Periods missed', value: missedText(view) },
      { title: 'Last session', value: lastSessionText(view.lastSessionOn, 'None recorded', f) },
      { title: 'Informed', value: names(view.informed) },
    ],
    footnote: 'Standard 1: the Principal Social Worker has oversight of supervision.',
  });
}

/** To the supervisor: a PSW asks them to book supervision. */
export function presentSupervisionNudge(view: SupervisionNudgeFacts, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  return notice({
    style: 'warning',
    agreementId: view.agreementId,
    canSchedule: true,
    headline: `${view.from.name} asks you to book supervision with ${view.supervisee.name}`,
    detail: `Supervision for the period that started ${formatDate(view.periodStart, f)} was missed. Please book a session.`,
    facts: [
      { title: 'Supervisee', value: view.supervisee.name },
      { title: 'Missed period from', value: formatDate(view.periodStart, f) },
      { title: 'From', value: `${view.from.name}, ${formatInstant(view.at, f)}` },
    ],
  });
}

/** To the other PSWs: someone acknowledged the escalation. */
export function presentEscalationAcknowledged(view: EscalationAcknowledgedFacts, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  return notice({
    style: 'good',
    agreementId: view.agreementId,
    headline: `${view.acknowledgedBy.name} acknowledged the escalation for ${view.supervisee.name}`,
    detail: `The missed period that started ${formatDate(view.periodStart, f)} (supervisor ${view.supervisor.name}) is being followed up.`,
    facts: [
      { title: 'Acknowledged by', value: view.acknowledgedBy.name },
      { title: 'When', value: formatInstant(view.at, f) },
    ],
  });
}

/** A concern nobody acted on in time; never its description. */
export function presentConcernFollowUp(view: ConcernFollowUpFacts, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  const raised = formatInstant(view.raisedAt, f);
  const days = `${view.targetDays} working day${view.targetDays === 1 ? '' : 's'}`;
  const text =
    view.reason === 'unacknowledged'
      ? { headline: 'A concern has not been acknowledged', detail: `A concern raised ${raised} has not been acknowledged within ${days}. Please open it and act on it.` }
      : view.reason === 'followed-up'
        ? { headline: 'Your concern has been followed up', detail: `Nobody acknowledged your concern within ${days}, so it has been escalated again to the people who oversee concerns.` }
        : { headline: 'An assigned concern is not resolved', detail: `A concern assigned to ${view.assignee?.name ?? 'someone'} has not been resolved within ${days}.` };
  return notice({
    style: view.reason === 'followed-up' ? 'default' : 'attention',
    concernId: view.concernId,
    ...text,
    facts: [
      { title: 'Category', value: CATEGORY_LABEL[view.category] },
      { title: 'Urgency', value: URGENCY_LABEL[view.urgency] },
      { title: 'Raised', value: raised },
      ...(view.assignedAt === null ? [] : [{ title: 'Assigned', value: `${formatInstant(view.assignedAt, f)}${view.assignee === null ? '' : ` to ${view.assignee.name}`}` }]),
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
    case 'reminder-digest':
      return presentReminderDigest(message.data, ctx);
    case 'escalation-notice':
      return presentEscalationNotice(message.data, ctx);
    case 'supervision-nudge':
      return presentSupervisionNudge(message.data, ctx);
    case 'escalation-acknowledged':
      return presentEscalationAcknowledged(message.data, ctx);
    case 'concern-follow-up':
      return presentConcernFollowUp(message.data, ctx);
    case 'welcome':
      return presentHome(message.data, ctx, WELCOME_NOTICE);
    default: {
      const unknown: never = message;
      throw new Error(`no card for proactive message ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

/** The PSW's card after pressing Nudge or Acknowledge on an escalation. */
export function presentEscalationAction(view: EscalationActionView, ctx: PresentContext = {}): CardSpec {
  const f = fmt(view.zone, ctx);
  const headline =
    view.action === 'nudged'
      ? `${view.supervisor.name} has been nudged`
      : view.already
        ? `Already acknowledged by ${view.acknowledgedBy.name}`
        : 'Escalation acknowledged';
  const detail =
    view.action === 'nudged'
      ? `${view.supervisor.name} was sent a card asking them to book supervision with ${view.supervisee.name}.`
      : view.told.length > 0
        ? `Recorded. ${names(view.told)} ${view.told.length === 1 ? 'has' : 'have'} been told you are following it up.`
        : 'Recorded.';
  return notice({
    style: 'good',
    agreementId: view.agreementId,
    headline,
    detail,
    facts: [
      { title: 'Supervisee', value: view.supervisee.name },
      { title: 'Supervisor', value: view.supervisor.name },
      { title: 'Missed period from', value: formatDate(view.periodStart, f) },
      ...(view.action === 'acknowledged' ? [{ title: 'Acknowledged', value: `${view.acknowledgedBy.name}, ${formatInstant(view.at, f)}` }] : []),
    ],
  });
}
