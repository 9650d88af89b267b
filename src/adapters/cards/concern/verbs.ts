/** The concern family's verbs, each declared once: its form, parser and route. */
import { ok, type Result } from '../../../domain/result';
import type { CardSpec } from '../catalogue';
import type { FormState } from '../shared/form';
import { none, withTarget, type Targets } from '../shared/schema';
import { declareVerb, missing, presented, type FamilyVerbs, type Turn } from '../shared/verb';
import { CONCERN_FORMS } from './fields';
import { concernTarget, parseAssignConcern, parseListConcerns, parseRaiseConcern, parseResolveConcern } from './parse';
import { presentConcern, presentConcernList, presentConcernRaise, presentConcernStatus } from './present';

/** The concern's card again, after a refused action on it. */
async function concernForm(t: Turn, targets: Targets, form: FormState): Promise<Result<CardSpec>> {
  if (targets.concernId === undefined) return missing('concern');
  const view = await t.run(t.useCases.getConcern, { concernId: targets.concernId });
  return presented(view, (v) => presentConcern(v, t.ctx, form));
}

const theConcern = withTarget(concernTarget, (d) => ({ concernId: d.concernId }));

export const CONCERN_VERBS = {
  'concern.raise.form': declareVerb({ parse: none, act: async () => ok(presentConcernRaise()) }),
  'concern.raise': declareVerb({
    ...CONCERN_FORMS['concern.raise'],
    parse: parseRaiseConcern,
    act: async (t, c) => presented(await t.run(t.useCases.raiseConcern, c), (v) => presentConcernStatus(v, t.ctx, 'Sent. You will hear at every stage.')),
    form: async (_t, _targets, form) => ok(presentConcernRaise(form)),
  }),
  'concern.list': declareVerb({ parse: none, act: async (t, c) => presented(await t.run(t.useCases.listConcerns, c), (v) => presentConcernList(v, t.ctx)) }),
  /** The list again, filtered by status and age (the list card's "Show"). */
  'concern.filter': declareVerb({
    ...CONCERN_FORMS['concern.filter'],
    parse: parseListConcerns,
    act: async (t, c) => presented(await t.run(t.useCases.listConcerns, c), (v) => presentConcernList(v, t.ctx)),
    form: async (t, _targets, form) => presented(await t.run(t.useCases.listConcerns, {}), (v) => presentConcernList(v, t.ctx, form)),
  }),
  'concern.show': declareVerb({ parse: theConcern, act: async (t, c) => presented(await t.run(t.useCases.getConcern, c), (v) => presentConcern(v, t.ctx)) }),
  'concern.acknowledge': declareVerb({
    parse: theConcern,
    act: async (t, c) => presented(await t.run(t.useCases.acknowledgeConcern, c), (v) => presentConcern(v, t.ctx, { notice: `Acknowledged; ${v.raisedBy.name} has been told.` })),
    form: concernForm,
  }),
  'concern.assign': declareVerb({
    ...CONCERN_FORMS['concern.assign'],
    parse: parseAssignConcern,
    act: async (t, c) => presented(await t.run(t.useCases.assignConcern, c), (v) => presentConcern(v, t.ctx, { notice: `Assigned; ${v.raisedBy.name} has been told.` })),
    form: concernForm,
  }),
  'concern.resolve': declareVerb({
    ...CONCERN_FORMS['concern.resolve'],
    parse: parseResolveConcern,
    act: async (t, c) => presented(await t.run(t.useCases.resolveConcern, c), (v) => presentConcern(v, t.ctx, { notice: `Resolved; ${v.raisedBy.name} has been told.` })),
    form: concernForm,
  }),
} satisfies FamilyVerbs<'concern'>;
