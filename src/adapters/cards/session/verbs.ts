/** The session family's verbs, each declared once: its form, parser and route. */
import type { RespondToSchedule } from '../../../app/commands';
import { fail, ok, type Result } from '../../../domain/result';
import type { SessionView } from '../../../app/views';
import type { CardSpec } from '../catalogue';
import type { FormState } from '../shared/form';
import { withTarget, type Targets } from '../shared/schema';
import { declareVerb, missing, presented, type FamilyVerbs, type Turn } from '../shared/verb';
import { SESSION_FORMS } from './fields';
import {
  parseCancelSession,
  parseOpenScheduleForm,
  parseProposeTime,
  parseRateSession,
  parseRecordHeld,
  parseRequestSession,
  parseRescheduleSession,
  parseScheduleSession,
  sessionTarget,
} from './parse';
import { presentSession, presentSessionRequestForm, presentSessionRequestSent, presentSessionSchedule } from './present';
import { fmt } from '../shared/form';
import { formatInstant } from '../shared/format';

const NO_ONE_TO_SCHEDULE =
  'A supervisor schedules sessions with the people they supervise under an active agreement, and you have no one to schedule with.';

// --- forms, shared by the verbs that submit them ----------------------------------------------

async function scheduleForm(t: Turn, targets: Targets, form?: FormState): Promise<Result<CardSpec>> {
  const home = await t.run(t.useCases.getHome, {});
  // The `schedule` shortcut reaches everyone: a form with no one to choose would only puzzle.
  if (home.ok && !home.value.youCan.scheduleSession) {
    // A supervisee who typed "schedule" is told what they can do instead: ask for a session.
    return fail('NOT_AUTHORIZED', home.value.youCan.requestSession ? `${NO_ONE_TO_SCHEDULE} To ask your supervisor for a session, type request.` : NO_ONE_TO_SCHEDULE);
  }
  return presented(home, (h) =>
    presentSessionSchedule({ zone: h.zone, agreements: h.asSupervisor, ...(targets.agreementId ? { agreementId: targets.agreementId } : {}) }, form),
  );
}

/** What the session's viewer must be able to do for each verb's form to be on their card. */
const FORM_NEEDS: { readonly [verb: string]: keyof SessionView['youCan'] } = {
  'session.recordHeld': 'record',
  'session.cancel': 'record',
  'session.reschedule': 'record',
  'session.proposeTime': 'respond',
  'session.rate': 'rate',
};

async function sessionForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.sessionId === undefined) return missing('session');
  const view = await t.run(t.useCases.getSession, { sessionId: targets.sessionId });
  if (!view.ok) return view;
  // The session moved on (confirmed, cancelled, moved): its card no longer holds this form, so the
  // refusal comes back with what was typed instead of a card that would drop it.
  const needs = form.verb === undefined ? undefined : FORM_NEEDS[form.verb];
  if (needs !== undefined && !view.value.youCan[needs]) {
    return fail('ALREADY_DONE', `${form.errors?.[0]?.message ?? ''} This session can no longer be changed here: it is ${view.value.status}${view.value.confirmed !== null ? ' and confirmed' : ''}.`.trim());
  }
  return ok(presentSession(view.value, t.ctx, form));
}

const NO_ONE_TO_ASK = 'You can ask for a session under an active supervision agreement where you are the supervisee, and you have none.';

async function requestForm(t: Turn, targets: Targets, form?: FormState): Promise<Result<CardSpec>> {
  const home = await t.run(t.useCases.getHome, {});
  if (home.ok && !home.value.youCan.requestSession) return fail('NOT_AUTHORIZED', NO_ONE_TO_ASK);
  return presented(home, (h) =>
    presentSessionRequestForm({ zone: h.zone, agreements: h.asSupervisee, ...(targets.agreementId ? { agreementId: targets.agreementId } : {}) }, form),
  );
}

const theSession = withTarget(sessionTarget, (d) => ({ sessionId: d.sessionId }));
const acceptSession = withTarget(sessionTarget, (d): RespondToSchedule => ({ sessionId: d.sessionId, response: 'accept' }));

// --- the verbs --------------------------------------------------------------------------------

export const SESSION_VERBS = {
  'session.schedule.form': declareVerb({
    parse: parseOpenScheduleForm,
    act: (t, c) => scheduleForm(t, c.agreementId === undefined ? {} : { agreementId: c.agreementId }),
  }),
  'session.schedule': declareVerb({
    ...SESSION_FORMS['session.schedule'],
    parse: parseScheduleSession,
    act: async (t, c) =>
      presented(await t.run(t.useCases.scheduleSession, c), (v) =>
        // The invite card the supervisee gets carries the "Add to calendar" link when links can be made.
        presentSession(v, t.ctx, { notice: t.ctx.calendarLink !== undefined ? `Sent to ${v.supervisee.name}, with a calendar invite.` : `Sent to ${v.supervisee.name}.` }),
      ),
    form: scheduleForm,
  }),
  'session.request.form': declareVerb({
    parse: parseOpenScheduleForm,
    act: (t, c) => requestForm(t, c.agreementId === undefined ? {} : { agreementId: c.agreementId }),
  }),
  'session.request': declareVerb({
    ...SESSION_FORMS['session.request'],
    parse: parseRequestSession,
    act: async (t, c) => presented(await t.run(t.useCases.requestSession, c), (v) => presentSessionRequestSent(v, t.ctx)),
    form: requestForm,
    formAgainOn: ['AGREEMENT_NOT_ACTIVE'],
  }),
  'session.show': declareVerb({
    parse: theSession,
    act: async (t, c) => presented(await t.run(t.useCases.getSession, c), (v) => presentSession(v, t.ctx)),
  }),
  'session.accept': declareVerb({
    parse: acceptSession,
    act: async (t, c) => presented(await t.run(t.useCases.respondToSchedule, c), (v) => presentSession(v, t.ctx, { notice: 'Accepted.' })),
    form: sessionForm,
  }),
  'session.proposeTime': declareVerb({
    ...SESSION_FORMS['session.proposeTime'],
    parse: parseProposeTime,
    act: async (t, c) => presented(await t.run(t.useCases.respondToSchedule, c), (v) => presentSession(v, t.ctx, { notice: `Your proposal was sent to ${v.supervisor.name}.` })),
    form: sessionForm,
  }),
  'session.recordHeld': declareVerb({
    ...SESSION_FORMS['session.recordHeld'],
    parse: parseRecordHeld,
    act: async (t, c) => presented(await t.run(t.useCases.recordSession, c), (v) => presentSession(v, t.ctx, { notice: 'Recorded.' })),
    form: sessionForm,
  }),
  'session.cancel': declareVerb({
    ...SESSION_FORMS['session.cancel'],
    parse: parseCancelSession,
    act: async (t, c) => presented(await t.run(t.useCases.recordSession, c), (v) => presentSession(v, t.ctx, { notice: 'Cancelled.' })),
    form: sessionForm,
  }),
  'session.reschedule': declareVerb({
    ...SESSION_FORMS['session.reschedule'],
    parse: parseRescheduleSession,
    act: async (t, c) => presented(await t.run(t.useCases.recordSession, c), (v) => presentSession(v, t.ctx, { notice: 'Rescheduled.' })),
    form: sessionForm,
  }),
  'session.acceptProposal': declareVerb({
    parse: theSession,
    act: async (t, c) =>
      presented(await t.run(t.useCases.acceptProposedTime, c), (v) =>
        presentSession(v, t.ctx, { notice: v.rescheduledTo === undefined ? 'Accepted.' : `Accepted: moved to ${formatInstant(v.rescheduledTo.start, fmt(v.zone, t.ctx))}; ${v.supervisee.name} has been told.` }),
      ),
    form: sessionForm,
  }),
  'session.confirm': declareVerb({
    parse: theSession,
    act: async (t, c) => presented(await t.run(t.useCases.confirmSession, c), (v) => presentSession(v, t.ctx, { notice: 'Confirmed.' })),
    form: sessionForm,
  }),
  'session.rate': declareVerb({
    ...SESSION_FORMS['session.rate'],
    parse: parseRateSession,
    act: async (t, c) => presented(await t.run(t.useCases.rateSession, c), (v) => presentSession(v, t.ctx, { notice: 'Thank you: your rating is saved.' })),
    form: sessionForm,
  }),
} satisfies FamilyVerbs<'session'>;
