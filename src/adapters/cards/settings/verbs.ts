/** The settings family's verbs, each declared once: its form, parser and route. */
import { none } from '../shared/schema';
import { declareVerb, presented, type FamilyVerbs } from '../shared/verb';
import { SETTINGS_FORMS } from './fields';
import { parseUpdateSettings } from './parse';
import { presentSettings } from './present';

export const SETTINGS_VERBS = {
  'settings.show': declareVerb({ parse: none, act: async (t, c) => presented(await t.run(t.useCases.getSettings, c), (v) => presentSettings(v)) }),
  'settings.update': declareVerb({
    ...SETTINGS_FORMS['settings.update'],
    parse: parseUpdateSettings,
    act: async (t, c) => presented(await t.run(t.useCases.updateSettings, c), (v) => presentSettings(v, { notice: 'Saved.' })),
    form: async (t, _targets, form) => presented(await t.run(t.useCases.getSettings, {}), (v) => presentSettings(v, form)),
  }),
} satisfies FamilyVerbs<'settings'>;
