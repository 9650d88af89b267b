/**
 * The card for a proactive message waiting in the outbox. Use cases' Notifications and the cards
 * adapter's own reminder / escalation go straight to `renderMessage`; the reminder sweep writes its
 * messages under its own template names and data (src/app/runReminderSweep.ts), which are turned into
 * the cards adapter's views here, so the two sides can each keep their vocabulary.
 */
import type { CardMessage } from '../../app/ports';
import {
  ESCALATION_TEMPLATE,
  REMINDER_TEMPLATE,
  type EscalationCardData,
  type ReminderCardData,
} from '../../app/runReminderSweep';
import { renderMessage, type AdaptiveCard, type EscalationView, type ReminderView } from '../cards';
import type { PresentContext } from '../cards';

function reminderView(d: ReminderCardData): ReminderView {
  return {
    zone: d.zone,
    audience: d.recipientIs,
    agreementId: d.agreementId,
    supervisee: d.supervisee,
    supervisor: d.supervisor,
    nqsw: d.nqsw,
    dueBy: d.dueBy,
    periodStart: d.periodStart,
    lastSessionOn: null,
  };
}

function escalationView(d: EscalationCardData): EscalationView {
  return {
    zone: d.zone,
    agreementId: d.agreementId,
    supervisee: d.supervisee,
    supervisor: d.supervisor,
    nqsw: d.nqsw,
    periodStart: d.periodStart,
    dueBy: d.dueBy,
    missedCount: d.missedCount,
    lastSessionOn: d.lastSessionOn,
  };
}

/** Throws on a template no one knows (a bug: the outbox entry is then marked failed). */
export function renderProactive(message: CardMessage, ctx: PresentContext = {}): AdaptiveCard {
  if (message.template === REMINDER_TEMPLATE) {
    return renderMessage({ template: 'reminder', data: reminderView(message.data as unknown as ReminderCardData) }, ctx);
  }
  if (message.template === ESCALATION_TEMPLATE) {
    return renderMessage({ template: 'escalation', data: escalationView(message.data as unknown as EscalationCardData) }, ctx);
  }
  return renderMessage(message, ctx);
}
