/**
 * The verbs as the families declare them: each parses into the command of the use case its route
 * calls (checked by the compiler below), and each form's declaration agrees with its card.
 */
import { strict as assert } from 'assert';
import type {
  EscalationTarget,
  AcknowledgeConcern,
  AgreeToAgreement,
  AssignConcern,
  ChangeSupervisor,
  AcceptProposedTime,
  RequestSession,
  ConfirmSession,
  EndAgreement,
  GetAgreement,
  GetAgreementForm,
  GetConcern,
  GetHome,
  GetSession,
  GetSettings,
  ListConcerns,
  ListMyNotes,
  ListSharedNotes,
  PauseAgreement,
  ProposeAgreement,
  RaiseConcern,
  RateSession,
  ReadNote,
  RecordSession,
  ResolveConcern,
  RespondToSchedule,
  ResumeAgreement,
  ScheduleSession,
  UpdateSettings,
  WriteNote,
} from '../../../src/app/commands';
import {
  fieldsOf,
  TEMPLATE_NAMES,
  templateSource,
  VERB_DECLARATIONS,
  VERBS,
  type CommandOf,
  type NoInput,
  type OpenScheduleForm,
} from '../../../src/adapters/cards';
import { objects } from './json';

/** True when each type is assignable to the other (an `unknown` command is not). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The command each verb parses into, as the use cases name them. */
interface Expected {
  'home.show': GetHome;
  'help.show': NoInput;
  'agreement.propose.form': GetAgreementForm;
  'agreement.propose': ProposeAgreement;
  'agreement.show': GetAgreement;
  'agreement.agree': AgreeToAgreement;
  'agreement.changeSupervisor.form': GetAgreement;
  'agreement.changeSupervisor': ChangeSupervisor;
  'agreement.pause': PauseAgreement;
  'agreement.resume': ResumeAgreement;
  'agreement.end': EndAgreement;
  'session.schedule.form': OpenScheduleForm;
  'session.schedule': ScheduleSession;
  'session.show': GetSession;
  'session.accept': RespondToSchedule;
  'session.proposeTime': RespondToSchedule;
  'session.recordHeld': RecordSession;
  'session.cancel': RecordSession;
  'session.reschedule': RecordSession;
  'session.acceptProposal': AcceptProposedTime;
  'session.request.form': OpenScheduleForm;
  'session.request': RequestSession;
  'session.confirm': ConfirmSession;
  'session.rate': RateSession;
  'note.write.form': NoInput;
  'note.write': WriteNote;
  'note.list': ListMyNotes;
  'note.listShared': ListSharedNotes;
  'note.read': ReadNote;
  'concern.raise.form': NoInput;
  'concern.raise': RaiseConcern;
  'concern.list': ListConcerns;
  'concern.filter': ListConcerns;
  'concern.show': GetConcern;
  'concern.acknowledge': AcknowledgeConcern;
  'concern.assign': AssignConcern;
  'concern.resolve': ResolveConcern;
  'settings.show': GetSettings;
  'settings.update': UpdateSettings;
  'escalation.nudge': EscalationTarget;
  'escalation.acknowledge': EscalationTarget;
}

// Compile-time: the same verbs, and each verb's parsed command is narrower than or equal to the
// use case's (a parser that yields `unknown`, or a verb missing here, does not compile).
const sameVerbs: Same<keyof Expected, keyof CommandOf> = true;
const parsesInto: { [V in keyof Expected]: [CommandOf[V]] extends [Expected[V]] ? true : false } = {
  'home.show': true,
  'help.show': true,
  'agreement.propose.form': true,
  'agreement.propose': true,
  'agreement.show': true,
  'agreement.agree': true,
  'agreement.changeSupervisor.form': true,
  'agreement.changeSupervisor': true,
  'agreement.pause': true,
  'agreement.resume': true,
  'agreement.end': true,
  'session.schedule.form': true,
  'session.schedule': true,
  'session.show': true,
  'session.accept': true,
  'session.proposeTime': true,
  'session.recordHeld': true,
  'session.cancel': true,
  'session.reschedule': true,
  'session.acceptProposal': true,
  'session.request.form': true,
  'session.request': true,
  'session.confirm': true,
  'session.rate': true,
  'note.write.form': true,
  'note.write': true,
  'note.list': true,
  'note.listShared': true,
  'note.read': true,
  'concern.raise.form': true,
  'concern.raise': true,
  'concern.list': true,
  'concern.filter': true,
  'concern.show': true,
  'concern.acknowledge': true,
  'concern.assign': true,
  'concern.resolve': true,
  'settings.show': true,
  'settings.update': true,
  'escalation.nudge': true,
  'escalation.acknowledge': true,
};

describe('cards: verbs as declared by the families', () => {
  it('lists every verb once, named after its family', () => {
    assert.equal(sameVerbs, true);
    assert.equal(new Set(VERBS).size, VERBS.length);
    assert.deepEqual(Object.keys(parsesInto).sort(), [...VERBS].sort());
    for (const verb of VERBS) assert.match(verb, /^[a-z]+\.[a-zA-Z]+(\.form)?$/, verb);
  });

  it('gives each form input one id', () => {
    for (const verb of VERBS) {
      const ids = fieldsOf(verb).map((f) => f.id);
      assert.equal(new Set(ids).size, ids.length, verb);
    }
  });

  it('names as the section of a form a part of a card (Action.ShowCard) that holds its inputs', () => {
    const showCards = TEMPLATE_NAMES.flatMap((name) => objects(templateSource(name)).filter((o) => o.type === 'Action.ShowCard'));
    let sections = 0;
    for (const verb of VERBS) {
      const section = (VERB_DECLARATIONS[verb] as { section?: string }).section;
      if (section === undefined) continue;
      sections++;
      const part = showCards.find((a) => a.title === section);
      assert.ok(part, `${verb}: no Action.ShowCard titled “${section}”`);
      // A repeated row's id is a binding (`action${n}Text`): it stands for any value of its binding.
      const inputIds = objects(part.card)
        .filter((o) => typeof o.type === 'string' && o.type.startsWith('Input.'))
        .map((o) => new RegExp(`^${String(o.id).replace(/\$\{[^}]*\}/g, '.+')}$`));
      for (const f of fieldsOf(verb)) assert.ok(inputIds.some((id) => id.test(f.id)), `${verb}: input ${f.id} is not under “${section}”`);
    }
    assert.equal(sections, 8);
  });
});
