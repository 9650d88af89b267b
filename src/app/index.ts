/**
 * The conversation's use cases, bound to their dependencies. The Teams adapter calls these with the
 * authenticated `Actor` (from the activity) and the command a card submission was parsed into; each
 * returns a view for the cards to render, or an expected failure with a stable code.
 */
import type { Instant, Person } from '../domain/model';
import type { Result } from '../domain/result';
import { acknowledgeConcern } from './acknowledgeConcern';
import { agreeToAgreement } from './agreeToAgreement';
import { assignConcern } from './assignConcern';
import { changeSupervisor } from './changeSupervisor';
import { acceptProposedTime } from './acceptProposedTime';
import { requestSession } from './requestSession';
import { confirmSession } from './confirmSession';
import { endAgreement } from './endAgreement';
import { lookAgainOnInstall, type LookAgainOnInstall } from './lookAgainOnInstall';
import { acknowledgeEscalation, nudgeSupervisor, type EscalationActionView } from './escalationFollowUp';
import { exportCompliance, type ComplianceExport, type ExportCompliance } from './exportCompliance';
import { getAgreement } from './getAgreement';
import { getAgreementForm } from './getAgreementForm';
import { getCompliance, type ComplianceView, type GetCompliance } from './getCompliance';
import { getConcern } from './getConcern';
import { getHelp } from './getHelp';
import { getHome } from './getHome';
import { getSession } from './getSession';
import { getSettings } from './getSettings';
import { identify } from './identify';
import { listConcerns } from './listConcerns';
import { listMyNotes } from './listMyNotes';
import { listSharedNotes } from './listSharedNotes';
import { pauseAgreement } from './pauseAgreement';
import { proposeAgreement } from './proposeAgreement';
import { raiseConcern } from './raiseConcern';
import { rateSession } from './rateSession';
import { readNote } from './readNote';
import { recordSession } from './recordSession';
import { resolveConcern } from './resolveConcern';
import { respondToSchedule } from './respondToSchedule';
import { resumeAgreement } from './resumeAgreement';
import { scheduleSession } from './scheduleSession';
import { updateSettings } from './updateSettings';
import { writeNote } from './writeNote';
import type * as C from './commands';
import type { Actor } from './commands';
import type { UseCaseDeps } from './deps';
import type * as V from './views';

export type { UseCaseDeps } from './deps';

export type { UseCase } from './acting';
import type { UseCase } from './acting';

export interface UseCases {
  identify: UseCase<C.Identify, Person>;
  getHome: UseCase<C.GetHome, V.HomeView>;
  /** The help card: roles and what the person may start, without the home view's reads. */
  getHelp: UseCase<C.GetHelp, V.HelpView>;
  /** On installation: what the sweep held back for the person goes at the next sweep. */
  lookAgainOnInstall: UseCase<LookAgainOnInstall, { readonly relooked: number }>;

  getAgreementForm: UseCase<C.GetAgreementForm, V.AgreementFormView>;
  proposeAgreement: UseCase<C.ProposeAgreement, V.AgreementView>;
  getAgreement: UseCase<C.GetAgreement, V.AgreementView>;
  agreeToAgreement: UseCase<C.AgreeToAgreement, V.AgreementView>;
  changeSupervisor: UseCase<C.ChangeSupervisor, V.AgreementView>;
  pauseAgreement: UseCase<C.PauseAgreement, V.AgreementView>;
  resumeAgreement: UseCase<C.ResumeAgreement, V.AgreementView>;
  endAgreement: UseCase<C.EndAgreement, V.AgreementView>;

  scheduleSession: UseCase<C.ScheduleSession, V.SessionView>;
  getSession: UseCase<C.GetSession, V.SessionView>;
  respondToSchedule: UseCase<C.RespondToSchedule, V.SessionView>;
  /** Held / cancelled: the session; rescheduled: the original, with `rescheduledTo`. */
  recordSession: UseCase<C.RecordSession, V.SessionView>;
  /** The supervisee asks for a session; their supervisor gets a card to schedule it. */
  requestSession: UseCase<C.RequestSession, V.SessionRequestView>;
  /** Reschedules to the time the supervisee proposed; the replacement counts as accepted. */
  acceptProposedTime: UseCase<C.AcceptProposedTime, V.SessionView>;
  confirmSession: UseCase<C.ConfirmSession, V.SessionView>;
  rateSession: UseCase<C.RateSession, V.SessionView>;

  writeNote: UseCase<C.WriteNote, V.NoteView>;
  listMyNotes: UseCase<C.ListMyNotes, V.NoteListView>;
  listSharedNotes: UseCase<C.ListSharedNotes, V.NoteListView>;
  readNote: UseCase<C.ReadNote, V.NoteView>;

  raiseConcern: UseCase<C.RaiseConcern, V.ConcernView>;
  getConcern: UseCase<C.GetConcern, V.ConcernView>;
  listConcerns: UseCase<C.ListConcerns, V.ConcernListView>;
  acknowledgeConcern: UseCase<C.AcknowledgeConcern, V.ConcernView>;
  assignConcern: UseCase<C.AssignConcern, V.ConcernView>;
  resolveConcern: UseCase<C.ResolveConcern, V.ConcernView>;

  /** From an escalation's card (a PSW). */
  nudgeSupervisor: UseCase<C.EscalationTarget, EscalationActionView>;
  acknowledgeEscalation: UseCase<C.EscalationTarget, EscalationActionView>;

  getSettings: UseCase<C.GetSettings, V.SettingsView>;
  updateSettings: UseCase<C.UpdateSettings, V.SettingsView>;

  /** The compliance tab and the health-check export (src/adapters/http/tab.ts). */
  getCompliance: UseCase<GetCompliance, ComplianceView>;
  exportCompliance: UseCase<ExportCompliance, ComplianceExport>;
}

/** Every use case bound to `deps`, with `now` from the deps' clock at the moment of each call. */
export function createUseCases(deps: UseCaseDeps): UseCases {
  const bind =
    <Cmd, View>(fn: (deps: UseCaseDeps, actor: Actor, command: Cmd, now: Instant) => Promise<Result<View>>): UseCase<Cmd, View> =>
    (actor, command) =>
      fn(deps, actor, command, deps.clock.now());
  return {
    identify: bind(identify),
    getHome: bind(getHome),
    getHelp: bind(getHelp),
    lookAgainOnInstall: bind(lookAgainOnInstall),
    getAgreementForm: bind(getAgreementForm),
    proposeAgreement: bind(proposeAgreement),
    getAgreement: bind(getAgreement),
    agreeToAgreement: bind(agreeToAgreement),
    changeSupervisor: bind(changeSupervisor),
    pauseAgreement: bind(pauseAgreement),
    resumeAgreement: bind(resumeAgreement),
    endAgreement: bind(endAgreement),
    scheduleSession: bind(scheduleSession),
    getSession: bind(getSession),
    respondToSchedule: bind(respondToSchedule),
    recordSession: bind(recordSession),
    acceptProposedTime: bind(acceptProposedTime),
    requestSession: bind(requestSession),
    confirmSession: bind(confirmSession),
    rateSession: bind(rateSession),
    writeNote: bind(writeNote),
    listMyNotes: bind(listMyNotes),
    listSharedNotes: bind(listSharedNotes),
    readNote: bind(readNote),
    raiseConcern: bind(raiseConcern),
    getConcern: bind(getConcern),
    listConcerns: bind(listConcerns),
    acknowledgeConcern: bind(acknowledgeConcern),
    assignConcern: bind(assignConcern),
    resolveConcern: bind(resolveConcern),
    nudgeSupervisor: bind(nudgeSupervisor),
    acknowledgeEscalation: bind(acknowledgeEscalation),
    getSettings: bind(getSettings),
    updateSettings: bind(updateSettings),
    getCompliance: bind(getCompliance),
    exportCompliance: bind(exportCompliance),
  };
}
