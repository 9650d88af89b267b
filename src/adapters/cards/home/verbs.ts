/** The home family's verbs, each declared once: its parser and its route. */
import { ok } from '../../../domain/result';
import { none } from '../shared/schema';
import { declareVerb, presented, type FamilyVerbs } from '../shared/verb';
import { presentHelp, presentHome } from './present';

export const HOME_VERBS = {
  'home.show': declareVerb({ parse: none, act: async (t, c) => presented(await t.run(t.useCases.getHome, c), (v) => presentHome(v, t.ctx)) }),
  'help.show': declareVerb({
    parse: none,
    act: async (t) => {
      const help = await t.run(t.useCases.getHelp, {});
      return ok(help.ok ? presentHelp(help.value) : presentHelp());
    },
  }),
} satisfies FamilyVerbs<'home' | 'help'>;
