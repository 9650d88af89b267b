/**
 * Every card template and the data each binds, gathered from the families: each family's data.ts
 * declares its templates (in `<family>/templates/<name>.json`) and their data, so adding a card
 * touches one family folder. The compiler checks that every template has a folder and data, and a
 * test that every file is listed.
 */
import { AGREEMENT_TEMPLATES, type AgreementCards } from './agreement/data';
import { CONCERN_TEMPLATES, type ConcernCards } from './concern/data';
import { HOME_TEMPLATES, type HomeCards } from './home/data';
import { NOTE_TEMPLATES, type NoteCards } from './note/data';
import { PROACTIVE_TEMPLATES, type ProactiveCards } from './proactive/data';
import { SESSION_TEMPLATES, type SessionCards } from './session/data';
import { SETTINGS_TEMPLATES, type SettingsCards } from './settings/data';
import { SHARED_TEMPLATES, type SharedCards } from './shared/parts';

/** Template name -> the data it binds. */
export interface CardDataMap extends SharedCards, HomeCards, AgreementCards, SessionCards, NoteCards, ConcernCards, SettingsCards, ProactiveCards {}

/** The folders that hold templates: the families, and shared/ for the error card. */
export const FAMILIES = ['shared', 'home', 'agreement', 'session', 'note', 'concern', 'settings', 'proactive'] as const;
export type Family = (typeof FAMILIES)[number];

/** The folder of each template. */
export const TEMPLATE_FAMILY = {
  ...SHARED_TEMPLATES,
  ...HOME_TEMPLATES,
  ...AGREEMENT_TEMPLATES,
  ...SESSION_TEMPLATES,
  ...NOTE_TEMPLATES,
  ...CONCERN_TEMPLATES,
  ...SETTINGS_TEMPLATES,
  ...PROACTIVE_TEMPLATES,
} as const satisfies { readonly [N in keyof CardDataMap]: Family };

export type TemplateName = keyof typeof TEMPLATE_FAMILY;

export const TEMPLATE_NAMES = Object.keys(TEMPLATE_FAMILY) as readonly TemplateName[];

/** A template and its data: what a presenter returns and renderCard takes. */
export type CardSpec = { [N in TemplateName]: { readonly template: N; readonly data: CardDataMap[N] } }[TemplateName];

export const spec = <N extends TemplateName>(template: N, data: CardDataMap[N]): { template: N; data: CardDataMap[N] } => ({ template, data });
