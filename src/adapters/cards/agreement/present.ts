/**
 * Presenters of the agreement family: setting one up, agreeing to it, its status (with pause, end and
 * change of supervisor), from the use cases' views. Which buttons show comes from the view's `youCan`.
 */
import type { AgreementFormView, AgreementView, PersonRef } from '../../../app/views';
import { asyeSentence } from '../../../domain/asyeWords';
import type { StricterCadence } from '../../../domain/model';
import { spec, type CardSpec } from '../catalogue';
import { inputIds } from '../shared/fields';
import { choicesNote, factLine, fmt, formPart, noticeOf, peopleChoices, problemsOf, splitIds, type FormState, type PresentContext } from '../shared/form';
import { AGREEMENT_STATUS_LABEL, formatDate, formatInstant, preview, type FormatContext } from '../shared/format';
import type { FactRow, Line, TextColor } from '../shared/parts';
import { AGREEMENT_FORMS } from './fields';

/** Characters of a handover note the status card shows (the whole note is kept). */
const MAX_HANDOVER_SHOWN = 500;

function cadenceText(nqsw: boolean, stricter: StricterCadence | undefined): string {
  const base = nqsw
    ? 'Standard 5, newly qualified: supervision at least weekly for the first six weeks of employment, fortnightly for the rest of the first six months, then at least monthly.'
    : 'Standard 5: supervision at least monthly.';
  const parts: string[] = [];
  if (stricter?.weeklyPhaseDays !== undefined) parts.push(`every ${stricter.weeklyPhaseDays} days in the first six weeks`);
  if (stricter?.fortnightlyPhaseDays !== undefined) parts.push(`every ${stricter.fortnightlyPhaseDays} days to six months`);
  if (stricter?.monthlyPhaseDays !== undefined) parts.push(`every ${stricter.monthlyPhaseDays} days after that`);
  const strict = parts.length > 0 ? ` Your organisation asks for more: ${parts.join(', ')}.` : '';
  return `${base} Each session lasts at least 90 minutes, uninterrupted.${strict}`;
}

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');

export function presentAgreementSetup(view: AgreementFormView, form?: FormState): CardSpec {
  const part = formPart(
    inputIds(AGREEMENT_FORMS['agreement.propose']),
    // NQSW 'record': as on the supervisee's staff record (the use case reads it), so it need not be typed again.
    { supervisorId: view.defaultSupervisorId ?? '', nqsw: 'record', lineManagerIsRegisteredSocialWorker: 'true' },
    form,
  );
  const supervisees = peopleChoices(view.supervisees, splitIds(part.values.superviseeId));
  const supervisors = peopleChoices(view.supervisors, splitIds(part.values.supervisorId));
  const professional = peopleChoices(view.professionalSupervisors, splitIds(part.values.professionalSupervisorId));
  return spec('agreement-setup', {
    zone: view.zone,
    ...problemsOf(form, AGREEMENT_FORMS),
    ...part,
    supervisees: supervisees.choices,
    supervisors: supervisors.choices,
    professionalSupervisors: professional.choices,
    ...choicesNote([supervisees, supervisors, professional]),
  });
}

function agreementFacts(view: AgreementView, f: FormatContext): FactRow[] {
  const facts: FactRow[] = [
    { title: 'Supervisee', value: view.nqsw ? `${view.supervisee.name} (NQSW)` : view.supervisee.name },
    { title: 'Supervisor', value: view.supervisor.name },
  ];
  if (view.professionalSupervisor !== undefined) facts.push({ title: 'Professional supervisor', value: view.professionalSupervisor.name });
  facts.push(
    { title: 'Line manager is a registered social worker', value: yesNo(view.lineManagerIsRegisteredSocialWorker) },
    { title: 'Employment start', value: formatDate(view.employmentStart, f) },
    { title: 'Agreement start', value: formatDate(view.agreementStart, f) },
  );
  if (view.asye !== undefined) facts.push({ title: 'ASYE', value: asyeSentence(view.asye, (d) => formatDate(d, f)) });
  if (view.pauses.length > 0) {
    facts.push({ title: 'Paused', value: view.pauses.map((p) => `${formatDate(p.from, f)} to ${formatDate(p.to, f)}`).join('; ') });
  }
  if (view.endedOn !== undefined) facts.push({ title: 'Ended on', value: formatDate(view.endedOn, f) });
  return facts;
}

function waitingFor(view: AgreementView): string {
  if (view.status !== 'draft') return view.status === 'active' ? 'Both have agreed: the agreement is active.' : '';
  const missing: string[] = [];
  if (view.agreedBySupervisor === null) missing.push(view.supervisor.name);
  if (view.agreedBySupervisee === null) missing.push(view.supervisee.name);
  return missing.length === 0 ? '' : `Waiting for ${missing.join(' and ')} to agree.`;
}

function agreedLines(view: AgreementView, f: FormatContext): Line[] {
  return [...factLine('Agreed', view.agreedBySupervisor, f), ...factLine('Agreed', view.agreedBySupervisee, f)];
}

export function presentAgreementAgree(view: AgreementView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('agreement-agree', {
    agreementId: view.agreementId,
    intro: `Please check this supervision agreement between ${view.supervisor.name} and ${view.supervisee.name}. It becomes active when both have agreed.`,
    ...problemsOf(form, AGREEMENT_FORMS),
    facts: agreementFacts(view, f),
    cadence: cadenceText(view.nqsw, view.stricterCadence),
    agreedLines: agreedLines(view, f),
    waitingFor: waitingFor(view),
  });
}

export function presentAgreementStatus(view: AgreementView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  const statusColor: TextColor = view.status === 'active' ? 'good' : view.status === 'draft' ? 'warning' : 'default';
  const waiting = waitingFor(view);
  const facts = agreementFacts(view, f);
  facts.push(
    { title: 'Next due by', value: view.nextDueBy === null ? 'Nothing due' : formatDate(view.nextDueBy, f) },
    { title: 'Last session', value: view.lastSessionOn === null ? 'None yet' : formatDate(view.lastSessionOn, f) },
    { title: 'Periods met / missed', value: `${view.met} / ${view.missed}${view.excused > 0 ? ` (${view.excused} excused)` : ''}` },
    { title: 'Sessions that did not count', value: String(view.short) },
  );
  const history = view.supervisorHistory.map((t) => {
    const range = t.to === undefined ? `since ${formatDate(t.from, f)}` : `${formatDate(t.from, f)} to ${formatDate(t.to, f)}`;
    const note = t.handoverNote !== undefined && t.handoverNote !== '' ? `. Handover: ${preview(t.handoverNote, MAX_HANDOVER_SHOWN)}` : '';
    return { text: `${t.supervisor.name}, ${range}${note}` };
  });
  return spec('agreement-status', {
    agreementId: view.agreementId,
    supervisee: view.supervisee.name,
    status: view.status === 'ended' && view.endedOn !== undefined ? `Ended on ${formatDate(view.endedOn, f)}` : AGREEMENT_STATUS_LABEL[view.status],
    statusColor,
    ...noticeOf(form?.notice),
    ...problemsOf(form, AGREEMENT_FORMS),
    outcomeLines: [...agreedLines(view, f), ...(view.status === 'draft' && waiting !== '' ? [{ text: waiting }] : [])],
    facts,
    cadence: cadenceText(view.nqsw, view.stricterCadence),
    hasOverdue: view.overdueSince !== null,
    overdue: view.overdueSince === null ? '' : `Supervision is overdue since ${formatDate(view.overdueSince, f)}.`,
    hasHistory: history.length > 1,
    history,
    hasUpcoming: view.upcomingSessions.length > 0,
    upcoming: view.upcomingSessions.slice(0, 5).map((s) => ({ text: formatInstant(s.start, f), sessionId: s.sessionId })),
    can: {
      scheduleSession: view.youCan.scheduleSession,
      changeSupervisor: view.youCan.changeSupervisor,
      // Pause and resume exclude each other, which keeps the card within five buttons.
      pause: view.youCan.pause && view.status !== 'paused',
      resume: view.youCan.resume && view.status === 'paused',
      end: view.youCan.end,
    },
    ...formPart([...inputIds(AGREEMENT_FORMS['agreement.pause']), ...inputIds(AGREEMENT_FORMS['agreement.end'])], {}, form),
  });
}

/** The agreement as its viewer should see it: the card to agree when they still may, else its status. */
export function presentAgreement(view: AgreementView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  return view.youCan.agree ? presentAgreementAgree(view, ctx, form) : presentAgreementStatus(view, ctx, form);
}

export function presentChangeSupervisor(view: AgreementView, supervisors: readonly PersonRef[], form?: FormState): CardSpec {
  const part = formPart(inputIds(AGREEMENT_FORMS['agreement.changeSupervisor']), {}, form);
  const list = peopleChoices(
    supervisors.filter((p) => p.id !== view.supervisor.id),
    splitIds(part.values.newSupervisorId),
  );
  return spec('change-supervisor', {
    agreementId: view.agreementId,
    supervisee: view.supervisee.name,
    currentSupervisor: view.supervisor.name,
    ...problemsOf(form, AGREEMENT_FORMS),
    ...part,
    supervisors: list.choices,
    ...choicesNote([list]),
  });
}

