/**
 * The one route table: every card verb (the cards adapter's closed VERBS list) to what it does.
 * `act` calls ONE use case with the parsed command and the actor, and presents the view it returns.
 * `form` (for verbs with something to type or press again) re-renders the verb's card with what
 * the person typed and the error shown, after a refused submission.
 *
 * The table is typed `{ [V in Verb]: Route<V> }`: a verb without a route, or a route that is not a
 * verb, does not compile (and a test checks both directions at run time too).
 */
import type { Actor } from '../../app/commands';
import type { UseCase, UseCases } from '../../app/index';
import type { AgreementView } from '../../app/views';
import type { Person } from '../../domain/model';
import { fail, ok, type ErrorCode, type Result } from '../../domain/result';
import {
  presentAgreement,
  presentAgreementSetup,
  presentAgreementStatus,
  presentChangeSupervisor,
  presentConcern,
  presentConcernList,
  presentConcernRaise,
  presentConcernStatus,
  presentHelp,
  presentHome,
  presentNoteList,
  presentNoteRead,
  presentNoteWrite,
  presentSession,
  presentSessionSchedule,
  presentSettings,
  type CardSpec,
  type CommandOf,
  type FormState,
  type PresentContext,
  type Targets,
  type Verb,
} from '../cards';

/** One turn's view of the world, as the routes need it. */
export interface Turn {
  readonly actor: Actor;
  readonly useCases: UseCases;
  readonly ctx: PresentContext;
  /** Calls a use case as the actor (linking an imported person on first contact). */
  run<C, V>(useCase: UseCase<C, V>, command: C): Promise<Result<V>>;
  /** The actor's stored person, when known. */
  me(): Promise<Person | undefined>;
}

export interface Route<V extends Verb> {
  readonly act: (t: Turn, command: CommandOf[V]) => Promise<Result<CardSpec>>;
  readonly form?: (t: Turn, targets: Targets, form: FormState) => Promise<Result<CardSpec>>;
  /** Refusals besides bad input that are about what was chosen on the form: shown on it, choices kept. */
  readonly formAgainOn?: readonly ErrorCode[];
}

export type RouteTable = { readonly [V in Verb]: Route<V> };

/** A view, if the use case gave one, presented. */
const then = <V>(r: Result<V>, present: (view: V) => CardSpec): Result<CardSpec> => (r.ok ? ok(present(r.value)) : r);

const NO_ONE_TO_SCHEDULE =
  'A supervisor schedules sessions with the people they supervise under an active agreement, and you have no one to schedule with.';

/** A card whose data names nothing to act on: nothing to show again, so a plain refusal. */
const missing = (what: string): Result<never> => ({ ok: false, error: { code: 'NOT_FOUND', message: `This card did not say which ${what}.` } });

// --- forms, shared by the verbs that submit them ----------------------------------------------

async function agreementForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.agreementId === undefined) return missing('agreement');
  const view = await t.run(t.useCases.getAgreement, { agreementId: targets.agreementId });
  return then(view, (v) => presentAgreement(v, t.ctx, form));
}

async function changeSupervisorCard(t: Turn, view: AgreementView, form?: FormState): Promise<Result<CardSpec>> {
  const people = await t.run(t.useCases.getAgreementForm, {});
  return then(people, (p) => presentChangeSupervisor(view, p.supervisors, form));
}

async function changeSupervisorForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.agreementId === undefined) return missing('agreement');
  const view = await t.run(t.useCases.getAgreement, { agreementId: targets.agreementId });
  return view.ok ? changeSupervisorCard(t, view.value, form) : view;
}

async function scheduleForm(t: Turn, targets: Targets, form?: FormState): Promise<Result<CardSpec>> {
  const home = await t.run(t.useCases.getHome, {});
  // The `schedule` shortcut reaches everyone: a form with no one to choose would only puzzle.
  if (home.ok && !home.value.youCan.scheduleSession) return fail('NOT_AUTHORIZED', NO_ONE_TO_SCHEDULE);
  return then(home, (h) =>
    presentSessionSchedule({ zone: h.zone, agreements: h.asSupervisor, ...(targets.agreementId ? { agreementId: targets.agreementId } : {}) }, form),
  );
}

async function sessionForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.sessionId === undefined) return missing('session');
  const view = await t.run(t.useCases.getSession, { sessionId: targets.sessionId });
  return then(view, (v) => presentSession(v, t.ctx, form));
}

async function concernForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.concernId === undefined) return missing('concern');
  const view = await t.run(t.useCases.getConcern, { concernId: targets.concernId });
  return then(view, (v) => presentConcern(v, t.ctx, form));
}

const agreementDone = (t: Turn, notice: string) => (v: AgreementView) => presentAgreementStatus(v, t.ctx, { notice });

// --- the table --------------------------------------------------------------------------------

export const ROUTES: RouteTable = {
  'home.show': { act: async (t, c) => then(await t.run(t.useCases.getHome, c), (v) => presentHome(v, t.ctx)) },
  'help.show': {
    act: async (t) => {
      const home = await t.run(t.useCases.getHome, {});
      return ok(home.ok ? presentHelp({ roles: home.value.roles, youCan: home.value.youCan }) : presentHelp());
    },
  },

  'agreement.propose.form': { act: async (t, c) => then(await t.run(t.useCases.getAgreementForm, c), (v) => presentAgreementSetup(v)) },
  'agreement.propose': {
    act: async (t, c) => then(await t.run(t.useCases.proposeAgreement, c), (v) => presentAgreement(v, t.ctx, { notice: 'Proposed.' })),
    form: async (t, _targets, form) => then(await t.run(t.useCases.getAgreementForm, {}), (v) => presentAgreementSetup(v, form)),
    // The supervisee chosen already has an agreement: choose someone else, or change that agreement.
    formAgainOn: ['ALREADY_DONE'],
  },
  'agreement.show': { act: async (t, c) => then(await t.run(t.useCases.getAgreement, c), (v) => presentAgreement(v, t.ctx)) },
  'agreement.agree': {
    act: async (t, c) => then(await t.run(t.useCases.agreeToAgreement, c), agreementDone(t, 'You agreed to this supervision agreement.')),
    form: agreementForm,
  },
  'agreement.changeSupervisor.form': {
    act: async (t, c) => {
      const view = await t.run(t.useCases.getAgreement, c);
      return view.ok ? changeSupervisorCard(t, view.value) : view;
    },
  },
  'agreement.changeSupervisor': {
    act: async (t, c) => then(await t.run(t.useCases.changeSupervisor, c), agreementDone(t, 'The supervisor was changed; the history is kept.')),
    form: changeSupervisorForm,
  },
  'agreement.pause': { act: async (t, c) => then(await t.run(t.useCases.pauseAgreement, c), agreementDone(t, 'Paused.')), form: agreementForm },
  'agreement.resume': { act: async (t, c) => then(await t.run(t.useCases.resumeAgreement, c), agreementDone(t, 'Resumed.')), form: agreementForm },
  'agreement.end': { act: async (t, c) => then(await t.run(t.useCases.endAgreement, c), agreementDone(t, 'Ended.')), form: agreementForm },

  'session.schedule.form': { act: (t, c) => scheduleForm(t, c.agreementId === undefined ? {} : { agreementId: c.agreementId }) },
  'session.schedule': {
    act: async (t, c) =>
      then(await t.run(t.useCases.scheduleSession, c), (v) =>
        // The invite card the supervisee gets carries the "Add to calendar" link when links can be made.
        presentSession(v, t.ctx, { notice: t.ctx.calendarLink !== undefined ? `Sent to ${v.supervisee.name}, with a calendar invite.` : `Sent to ${v.supervisee.name}.` }),
      ),
    form: scheduleForm,
  },
  'session.show': { act: async (t, c) => then(await t.run(t.useCases.getSession, c), (v) => presentSession(v, t.ctx)) },
  'session.accept': { act: async (t, c) => then(await t.run(t.useCases.respondToSchedule, c), (v) => presentSession(v, t.ctx, { notice: 'Accepted.' })), form: sessionForm },
  'session.proposeTime': {
    act: async (t, c) => then(await t.run(t.useCases.respondToSchedule, c), (v) => presentSession(v, t.ctx, { notice: `Your proposal was sent to ${v.supervisor.name}.` })),
    form: sessionForm,
  },
  'session.recordHeld': { act: async (t, c) => then(await t.run(t.useCases.recordSession, c), (v) => presentSession(v, t.ctx, { notice: 'Recorded.' })), form: sessionForm },
  'session.cancel': { act: async (t, c) => then(await t.run(t.useCases.recordSession, c), (v) => presentSession(v, t.ctx, { notice: 'Cancelled.' })), form: sessionForm },
  'session.reschedule': { act: async (t, c) => then(await t.run(t.useCases.recordSession, c), (v) => presentSession(v, t.ctx, { notice: 'Rescheduled.' })), form: sessionForm },
  'session.confirm': { act: async (t, c) => then(await t.run(t.useCases.confirmSession, c), (v) => presentSession(v, t.ctx, { notice: 'Confirmed.' })), form: sessionForm },
  'session.rate': { act: async (t, c) => then(await t.run(t.useCases.rateSession, c), (v) => presentSession(v, t.ctx, { notice: 'Thank you for rating it.' })), form: sessionForm },

  'note.write.form': { act: async () => ok(presentNoteWrite()) },
  'note.write': {
    act: async (t, c) => then(await t.run(t.useCases.writeNote, c), (v) => presentNoteRead(v, { ...t.ctx, audience: 'author', notice: 'Saved.' })),
    form: async (_t, _targets, form) => ok(presentNoteWrite(form)),
  },
  'note.list': { act: async (t, c) => then(await t.run(t.useCases.listMyNotes, c), (v) => presentNoteList(v, t.ctx)) },
  'note.listShared': { act: async (t, c) => then(await t.run(t.useCases.listSharedNotes, c), (v) => presentNoteList(v, { ...t.ctx, shared: true })) },
  'note.read': {
    act: async (t, c) => {
      const view = await t.run(t.useCases.readNote, c);
      if (!view.ok) return view;
      const me = await t.me();
      return ok(presentNoteRead(view.value, { ...t.ctx, audience: me?.id === view.value.author.id ? 'author' : 'reader' }));
    },
  },

  'concern.raise.form': { act: async () => ok(presentConcernRaise()) },
  'concern.raise': {
    act: async (t, c) => then(await t.run(t.useCases.raiseConcern, c), (v) => presentConcernStatus(v, t.ctx, 'Sent. You will hear at every stage.')),
    form: async (_t, _targets, form) => ok(presentConcernRaise(form)),
  },
  'concern.list': { act: async (t, c) => then(await t.run(t.useCases.listConcerns, c), (v) => presentConcernList(v, t.ctx)) },
  'concern.show': { act: async (t, c) => then(await t.run(t.useCases.getConcern, c), (v) => presentConcern(v, t.ctx)) },
  'concern.acknowledge': {
    act: async (t, c) => then(await t.run(t.useCases.acknowledgeConcern, c), (v) => presentConcern(v, t.ctx, { notice: `Acknowledged; ${v.raisedBy.name} has been told.` })),
    form: concernForm,
  },
  'concern.assign': {
    act: async (t, c) => then(await t.run(t.useCases.assignConcern, c), (v) => presentConcern(v, t.ctx, { notice: `Assigned; ${v.raisedBy.name} has been told.` })),
    form: concernForm,
  },
  'concern.resolve': {
    act: async (t, c) => then(await t.run(t.useCases.resolveConcern, c), (v) => presentConcern(v, t.ctx, { notice: `Resolved; ${v.raisedBy.name} has been told.` })),
    form: concernForm,
  },

  'settings.show': { act: async (t, c) => then(await t.run(t.useCases.getSettings, c), (v) => presentSettings(v)) },
  'settings.update': {
    act: async (t, c) => then(await t.run(t.useCases.updateSettings, c), (v) => presentSettings(v, { notice: 'Saved.' })),
    form: async (t, _targets, form) => then(await t.run(t.useCases.getSettings, {}), (v) => presentSettings(v, form)),
  },
};
