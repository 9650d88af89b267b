/** The agreement family's verbs, each declared once: its form, parser and route. */
import type { AgreementView } from '../../../app/views';
import type { Result } from '../../../domain/result';
import type { CardSpec } from '../catalogue';
import type { FormState } from '../shared/form';
import { none, withTarget, type Targets } from '../shared/schema';
import { declareVerb, missing, presented, type FamilyVerbs, type Turn } from '../shared/verb';
import { AGREEMENT_FORMS } from './fields';
import { agreementTarget, parseChangeSupervisor, parseEndAgreement, parsePauseAgreement, parseProposeAgreement } from './parse';
import { presentAgreement, presentAgreementSetup, presentAgreementStatus, presentChangeSupervisor } from './present';

// --- forms, shared by the verbs that submit them ----------------------------------------------

async function agreementForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.agreementId === undefined) return missing('agreement');
  const view = await t.run(t.useCases.getAgreement, { agreementId: targets.agreementId });
  return presented(view, (v) => presentAgreement(v, t.ctx, form));
}

async function changeSupervisorCard(t: Turn, view: AgreementView, form?: FormState): Promise<Result<CardSpec>> {
  const people = await t.run(t.useCases.getAgreementForm, {});
  return presented(people, (p) => presentChangeSupervisor(view, p.supervisors, form));
}

async function changeSupervisorForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.agreementId === undefined) return missing('agreement');
  const view = await t.run(t.useCases.getAgreement, { agreementId: targets.agreementId });
  return view.ok ? changeSupervisorCard(t, view.value, form) : view;
}

const agreementDone = (t: Turn, notice: string) => (v: AgreementView) => presentAgreementStatus(v, t.ctx, { notice });

const theAgreement = withTarget(agreementTarget, (d) => ({ agreementId: d.agreementId }));

// --- the verbs --------------------------------------------------------------------------------

export const AGREEMENT_VERBS = {
  'agreement.propose.form': declareVerb({
    parse: none,
    act: async (t, c) => presented(await t.run(t.useCases.getAgreementForm, c), (v) => presentAgreementSetup(v)),
  }),
  'agreement.propose': declareVerb({
    ...AGREEMENT_FORMS['agreement.propose'],
    parse: parseProposeAgreement,
    act: async (t, c) => presented(await t.run(t.useCases.proposeAgreement, c), (v) => presentAgreement(v, t.ctx, { notice: 'Proposed.' })),
    form: async (t, _targets, form) => presented(await t.run(t.useCases.getAgreementForm, {}), (v) => presentAgreementSetup(v, form)),
    // The supervisee chosen already has an agreement: choose someone else, or change that agreement.
    formAgainOn: ['ALREADY_DONE'],
  }),
  'agreement.show': declareVerb({
    parse: theAgreement,
    act: async (t, c) => presented(await t.run(t.useCases.getAgreement, c), (v) => presentAgreement(v, t.ctx)),
  }),
  'agreement.agree': declareVerb({
    parse: theAgreement,
    act: async (t, c) => presented(await t.run(t.useCases.agreeToAgreement, c), agreementDone(t, 'You agreed to this supervision agreement.')),
    form: agreementForm,
  }),
  'agreement.changeSupervisor.form': declareVerb({
    parse: theAgreement,
    act: async (t, c) => {
      const view = await t.run(t.useCases.getAgreement, c);
      return view.ok ? changeSupervisorCard(t, view.value) : view;
    },
  }),
  'agreement.changeSupervisor': declareVerb({
    ...AGREEMENT_FORMS['agreement.changeSupervisor'],
    parse: parseChangeSupervisor,
    act: async (t, c) => presented(await t.run(t.useCases.changeSupervisor, c), agreementDone(t, 'The supervisor was changed; the history is kept.')),
    form: changeSupervisorForm,
  }),
  'agreement.pause': declareVerb({
    ...AGREEMENT_FORMS['agreement.pause'],
    parse: parsePauseAgreement,
    act: async (t, c) => presented(await t.run(t.useCases.pauseAgreement, c), agreementDone(t, 'Paused.')),
    form: agreementForm,
  }),
  'agreement.resume': declareVerb({
    parse: theAgreement,
    act: async (t, c) => presented(await t.run(t.useCases.resumeAgreement, c), agreementDone(t, 'Resumed.')),
    form: agreementForm,
  }),
  'agreement.end': declareVerb({
    ...AGREEMENT_FORMS['agreement.end'],
    parse: parseEndAgreement,
    act: async (t, c) => presented(await t.run(t.useCases.endAgreement, c), agreementDone(t, 'Ended.')),
    form: agreementForm,
  }),
} satisfies FamilyVerbs<'agreement'>;
