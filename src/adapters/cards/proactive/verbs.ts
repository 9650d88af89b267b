/** The proactive family's verbs, each declared once: what a PSW does from an escalation's card. */
import type { EscalationTarget } from '../../../app/commands';
import { idOnly, withTarget } from '../shared/schema';
import { declareVerb, presented, type FamilyVerbs } from '../shared/verb';
import { presentEscalationAction } from './present';

/** The agreement and the missed period's start, as the escalation card carries them (ids only). */
const escalationTarget = withTarget(
  idOnly('agreementId', 'The agreement').extend(idOnly('periodStart', 'The missed period').shape),
  (d): EscalationTarget => ({ agreementId: d.agreementId, periodStart: d.periodStart }),
);

export const PROACTIVE_VERBS = {
  'escalation.nudge': declareVerb({
    parse: escalationTarget,
    act: async (t, c) => presented(await t.run(t.useCases.nudgeSupervisor, c), (v) => presentEscalationAction(v, t.ctx)),
  }),
  'escalation.acknowledge': declareVerb({
    parse: escalationTarget,
    act: async (t, c) => presented(await t.run(t.useCases.acknowledgeEscalation, c), (v) => presentEscalationAction(v, t.ctx)),
  }),
} satisfies FamilyVerbs<'escalation'>;
