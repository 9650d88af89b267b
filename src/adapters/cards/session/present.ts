/**
 * Presenters of the session family: scheduling one, the invite (accept or propose another time),
 * recording what happened, confirming and rating it, and its outcome, from the use cases' views.
 * Which buttons show comes from the view's `youCan`.
 */
import type { AgreementSummaryView, SessionRequestView, SessionView } from '../../../app/views';
import type { SessionMode } from '../../../domain/model';
import { spec, type CardSpec } from '../catalogue';
import { inputIds } from '../shared/fields';
import { factLine, fmt, formPart, MAX_PEOPLE_CHOICES, noticeOf, problemsOf, type FormState, type PresentContext } from '../shared/form';
import { formatDate, formatInstant, localParts, MODE_LABEL, minutesText, type FormatContext } from '../shared/format';
import type { Line, TextColor } from '../shared/parts';
import type { ActionRowData, CalendarPart, SessionRecordPart } from './data';
import { ACTION_ROWS, DEFAULT_SESSION_MINUTES, SESSION_FORMS } from './fields';

/** The agreements a schedule card offers: the viewer's active ones as supervisor. */
export interface ScheduleFormInput {
  readonly zone: string;
  readonly agreements: readonly Pick<AgreementSummaryView, 'agreementId' | 'supervisee' | 'status'>[];
  /** Preselect this agreement (the card was opened from it). */
  readonly agreementId?: string;
}

export function presentSessionSchedule(input: ScheduleFormInput, form?: FormState): CardSpec {
  const active = input.agreements.filter((a) => a.status === 'active');
  const only = active.length === 1 ? active[0].agreementId : '';
  const part = formPart(
    inputIds(SESSION_FORMS['session.schedule']),
    { agreementId: input.agreementId ?? only, plannedMinutes: DEFAULT_SESSION_MINUTES, mode: '' },
    form,
    ['plannedMinutes'],
  );
  return spec('session-schedule', {
    zone: input.zone,
    ...noticeOf(form?.notice),
    ...problemsOf(form, SESSION_FORMS),
    ...part,
    agreements: [...active]
      .sort((a, b) => a.supervisee.name.localeCompare(b.supervisee.name, 'en-GB'))
      .slice(0, MAX_PEOPLE_CHOICES)
      .map((a) => ({ title: a.supervisee.name, value: a.agreementId })),
  });
}

/** The supervisee's "Request a session" card, to choose among their active agreements' supervisors. */
export interface RequestFormInput {
  readonly zone: string;
  /** The viewer's agreements as supervisee. */
  readonly agreements: readonly Pick<AgreementSummaryView, 'agreementId' | 'supervisor' | 'status'>[];
  readonly agreementId?: string;
  /** Sent already: nothing more to press. */
  readonly sent?: boolean;
}

export function presentSessionRequestForm(input: RequestFormInput, form?: FormState): CardSpec {
  const active = input.agreements.filter((a) => a.status === 'active');
  const only = active.length === 1 ? active[0].agreementId : '';
  const part = formPart(inputIds(SESSION_FORMS['session.request']), { agreementId: input.agreementId ?? only, requestMode: '' }, form);
  return spec('session-request', {
    zone: input.zone,
    ...noticeOf(form?.notice),
    ...problemsOf(form, SESSION_FORMS),
    ...part,
    sent: input.sent ?? false,
    agreements: active.slice(0, MAX_PEOPLE_CHOICES).map((a) => ({ title: a.supervisor.name, value: a.agreementId })),
  });
}

/** The request as it was sent: the supervisee's card again, what they asked for kept, nothing more to press. */
export function presentSessionRequestSent(view: SessionRequestView, ctx: PresentContext = {}): CardSpec {
  const when = localParts(view.preferredStart, view.zone);
  const at = formatInstant(view.preferredStart, fmt(view.zone, ctx));
  return presentSessionRequestForm(
    { zone: view.zone, agreements: [{ agreementId: view.agreementId, supervisor: view.supervisor, status: 'active' }], agreementId: view.agreementId, sent: true },
    {
      values: { requestDate: when.date, requestTime: when.time, requestMode: view.mode },
      notice: `Sent to ${view.supervisor.name}: you asked for ${at}, ${modeText(view.mode)}. You will get an invite once it is scheduled.`,
    },
  );
}

/** The supervisor's card for a supervisee's request: the schedule form, prefilled, so one press schedules it. */
export function presentSessionRequested(view: SessionRequestView, ctx: PresentContext = {}): CardSpec {
  const when = localParts(view.preferredStart, view.zone);
  const at = formatInstant(view.preferredStart, fmt(view.zone, ctx));
  return presentSessionSchedule(
    { zone: view.zone, agreements: [{ agreementId: view.agreementId, supervisee: view.supervisee, status: 'active' }], agreementId: view.agreementId },
    {
      values: { scheduleDate: when.date, scheduleTime: when.time, mode: view.mode },
      notice: `${view.supervisee.name} asks for a supervision session, ${at}, ${modeText(view.mode)}. Press Schedule to book it, or change the time first.`,
    },
  );
}

function sessionLines(view: SessionView, f: FormatContext): Line[] {
  const lines: Line[] = [...factLine('Accepted', view.accepted, f)];
  if (view.proposedStart !== undefined) {
    lines.push({ text: `${view.supervisee.name} proposed another time: ${formatInstant(view.proposedStart, f)}.` });
  }
  if (view.rescheduledFrom !== undefined) lines.push({ text: `Replaces the session of ${formatInstant(view.rescheduledFrom.start, f)}.` });
  lines.push(...factLine('Recorded', view.recorded, f));
  if (view.status === 'cancelled') {
    lines.push({ text: view.cancelReason !== undefined && view.cancelReason !== '' ? `Cancelled: ${view.cancelReason}` : 'Cancelled.' });
  }
  if (view.rescheduledTo !== undefined) lines.push({ text: `Moved to ${formatInstant(view.rescheduledTo.start, f)}.` });
  lines.push(...factLine('Confirmed', view.confirmed, f));
  if (view.rating !== null) lines.push({ text: `Rated ${view.rating.score} out of 5 by ${view.rating.by.name}, ${formatInstant(view.rating.at, f)}` });
  return lines;
}

// "On Teams" -> "on Teams": only the first letter, Teams keeps its capital.
const modeText = (mode: SessionMode): string => MODE_LABEL[mode].replace(/^./, (c) => c.toLowerCase());

function sessionDetail(view: SessionView): string {
  return `${minutesText(view.plannedMinutes)}, ${modeText(view.mode)}.`;
}

function flagText(view: SessionView): string {
  const short = view.flags.includes('short');
  const interrupted = view.flags.includes('interrupted');
  const what = short && interrupted ? 'shorter than 90 minutes and interrupted' : short ? 'shorter than 90 minutes' : 'interrupted';
  return `Flagged: this session was ${what}, so it does not count towards Standard 5. It is recorded and reported.`;
}

function recordPart(view: SessionView, f: FormatContext): SessionRecordPart {
  const when = formatInstant(view.scheduledStart, f);
  let headline: string;
  switch (view.status) {
    case 'held':
      headline =
        `Held ${formatInstant(view.start ?? view.scheduledStart, f)}, ${minutesText(view.minutes ?? 0)}` +
        (view.uninterrupted === false ? ', interrupted' : ', uninterrupted');
      break;
    case 'cancelled':
      headline = `Cancelled (was ${when})`;
      break;
    case 'rescheduled':
      headline = view.rescheduledTo !== undefined ? `Rescheduled to ${formatInstant(view.rescheduledTo.start, f)}` : `Rescheduled (was ${when})`;
      break;
    case 'scheduled':
      headline = `Scheduled for ${when}`;
      break;
  }
  const flagged = view.status === 'held' && view.flags.length > 0;
  return {
    sessionId: view.sessionId,
    agreementId: view.agreementId,
    supervisor: view.supervisor.name,
    supervisee: view.supervisee.name,
    headline,
    isFlagged: flagged,
    flagText: flagged ? flagText(view) : '',
    hasAgenda: view.agenda.length > 0,
    agenda: view.agenda.map((text) => ({ text })),
    hasActions: view.actions.length > 0,
    actions: view.actions.map((a) => ({ text: `${a.text} (${a.owner.name}, due ${formatDate(a.dueDate, f)})` })),
    outcomeLines: sessionLines(view, f),
  };
}

const NO_CALENDAR: CalendarPart = { hasCalendar: false, calendarTitle: '', calendarUrl: '' };

/** The "Add to calendar" button for the view's viewer, when the view names a link for them and one can be made. */
function calendarPart(view: SessionView, ctx: PresentContext): CalendarPart {
  if (view.calendar === undefined || ctx.calendarLink === undefined) return NO_CALENDAR;
  const url = ctx.calendarLink(view.calendar);
  if (url === undefined) return NO_CALENDAR;
  // The link gives the session as it stands when opened; a cancelled one's invite withdraws the event.
  return { hasCalendar: true, calendarTitle: view.status === 'cancelled' ? 'Remove from calendar' : 'Add to calendar', calendarUrl: url };
}

export function presentSessionInvite(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('session-invite', {
    sessionId: view.sessionId,
    zone: view.zone,
    supervisor: view.supervisor.name,
    when: formatInstant(view.scheduledStart, f),
    detail: sessionDetail(view),
    ...noticeOf(form?.notice),
    ...problemsOf(form, SESSION_FORMS),
    outcomeLines: sessionLines(view, f),
    can: { respond: view.youCan.respond, accept: view.youCan.respond && view.accepted === null },
    ...formPart(inputIds(SESSION_FORMS['session.proposeTime']), {}, form),
    ...calendarPart(view, ctx),
  });
}

export function presentSessionRecord(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  // Recorded as held but not confirmed yet: the supervisor may still correct it, starting from what was recorded.
  const held = view.status === 'held';
  const record = recordPart(view, f);
  const start = localParts(view.start ?? view.scheduledStart, view.zone);
  const recorded: Record<string, string> = {};
  if (held) {
    recorded.uninterrupted = view.uninterrupted === false ? 'no' : 'yes';
    recorded.agenda = view.agenda.join('\n');
    view.actions.slice(0, ACTION_ROWS).forEach((a, i) => {
      recorded[`action${i + 1}Text`] = a.text;
      recorded[`action${i + 1}Owner`] = a.owner.id;
      recorded[`action${i + 1}Due`] = a.dueDate;
    });
  }
  const proposed = view.proposedStart === undefined ? undefined : localParts(view.proposedStart, view.zone);
  const part = formPart(
    [...inputIds(SESSION_FORMS['session.recordHeld']), ...inputIds(SESSION_FORMS['session.cancel']), ...inputIds(SESSION_FORMS['session.reschedule'])],
    {
      heldDate: start.date,
      heldTime: start.time,
      minutes: view.minutes ?? view.plannedMinutes,
      ...recorded,
      newDate: proposed?.date ?? '',
      newTime: proposed?.time ?? '',
      newMinutes: view.plannedMinutes,
      newMode: view.mode,
    },
    form,
    ['minutes', 'newMinutes'],
  );
  const actionRows: ActionRowData[] = [];
  for (let n = 1; n <= ACTION_ROWS; n++) {
    actionRows.push({
      n,
      text: String(part.values[`action${n}Text`] ?? ''),
      owner: String(part.values[`action${n}Owner`] ?? ''),
      due: String(part.values[`action${n}Due`] ?? ''),
      errText: part.errors[`action${n}Text`] ?? '',
      errOwner: part.errors[`action${n}Owner`] ?? '',
      errDue: part.errors[`action${n}Due`] ?? '',
    });
  }
  return spec('session-record', {
    sessionId: view.sessionId,
    zone: view.zone,
    supervisee: view.supervisee.name,
    headline: held ? record.headline : `Scheduled for ${formatInstant(view.scheduledStart, f)}. ${sessionDetail(view)}`,
    isFlagged: record.isFlagged,
    flagText: record.flagText,
    prompt: held
      ? `Until ${view.supervisee.name} confirms it, you can correct the record under “It was held”. Times are in ${view.zone}.`
      : `What happened? Times are in ${view.zone}.`,
    scheduled: !held,
    outcomeLines: sessionLines(view, f),
    hasProposed: view.proposedStart !== undefined,
    acceptProposedTitle: view.proposedStart === undefined ? '' : `Accept ${formatInstant(view.proposedStart, f)}`,
    proposed:
      view.proposedStart === undefined ? '' : `${view.supervisee.name} proposed ${formatInstant(view.proposedStart, f)} instead; it is filled in below.`,
    ...noticeOf(form?.notice),
    ...problemsOf(form, SESSION_FORMS),
    ...part,
    owners: [
      { title: `${view.supervisor.name} (supervisor)`, value: view.supervisor.id },
      { title: `${view.supervisee.name} (supervisee)`, value: view.supervisee.id },
    ],
    actionRows,
    ...(held ? NO_CALENDAR : calendarPart(view, ctx)),
  });
}

export function presentSessionConfirmRate(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('session-confirm-rate', {
    ...recordPart(view, f),
    ...noticeOf(form?.notice),
    ...problemsOf(form, SESSION_FORMS),
    // Rated already: the form starts from that rating, to change it.
    ...formPart(inputIds(SESSION_FORMS['session.rate']), view.rating === null ? {} : { score: String(view.rating.score), comment: view.rating.comment ?? '' }, form),
    can: { confirm: view.youCan.confirm, rate: view.youCan.rate },
    ratingReader: `${view.supervisor.name} will read your rating and your comment.`,
    hasSavedRating: view.rating !== null,
    savedRating:
      view.rating === null
        ? ''
        : `Saved: you rated it ${view.rating.score} out of 5${view.rating.comment !== undefined && view.rating.comment !== '' ? ', with a comment' : ''}, ${formatInstant(view.rating.at, f)}. You can change your rating below.`,
    rateTitle: view.rating === null ? 'Send rating' : 'Change your rating',
  });
}

export function presentSessionOutcome(view: SessionView, ctx: PresentContext = {}, notice?: string): CardSpec {
  const f = fmt(view.zone, ctx);
  const comment = view.rating?.comment ?? '';
  const headlineColor: TextColor =
    view.status === 'held' ? (view.qualifying ? 'good' : 'warning') : view.status === 'cancelled' ? 'attention' : 'default';
  return spec('session-outcome', {
    ...recordPart(view, f),
    headlineColor,
    ...noticeOf(notice),
    hasRatingComment: comment !== '',
    ratingComment: comment === '' ? '' : `Comment: ${comment}`,
    hasReplacement: view.rescheduledTo !== undefined,
    replacementId: view.rescheduledTo?.sessionId ?? '',
    ...calendarPart(view, ctx),
  });
}

/**
 * A session as its viewer should see it: the form for what they may do now (record, respond,
 * confirm or rate), otherwise its outcome.
 */
export function presentSession(view: SessionView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  if (view.youCan.record) return presentSessionRecord(view, ctx, form);
  if (view.youCan.respond) return presentSessionInvite(view, ctx, form);
  if (view.youCan.confirm || view.youCan.rate) return presentSessionConfirmRate(view, ctx, form);
  if (view.status === 'scheduled') return presentSessionInvite(view, ctx, form);
  return presentSessionOutcome(view, ctx, form?.notice);
}
