/**
 * Every card template, by the family folder that holds it (`<family>/templates/<name>.json`), and
 * the data each binds. A family adds its templates here and in its data.ts; the compiler checks
 * that every template has a family and data, and a test that every file is listed.
 */
import type { AgreementCards } from './agreement/data';
import type { ConcernCards } from './concern/data';
import type { HomeCards } from './home/data';
import type { NoteCards } from './note/data';
import type { ProactiveCards } from './proactive/data';
import type { SessionCards } from './session/data';
import type { SettingsCards } from './settings/data';
import type { SharedCards } from './shared/parts';

/** Template name -> the data it binds. */
export interface CardDataMap extends SharedCards, HomeCards, AgreementCards, SessionCards, NoteCards, ConcernCards, SettingsCards, ProactiveCards {}

export const FAMILIES = ['shared', 'home', 'agreement', 'session', 'note', 'concern', 'settings', 'proactive'] as const;
export type Family = (typeof FAMILIES)[number];

/** The folder of each template. */
export const TEMPLATE_FAMILY = {
  error: 'shared',
  home: 'home',
  help: 'home',
  'agreement-setup': 'agreement',
  'agreement-agree': 'agreement',
  'agreement-status': 'agreement',
  'change-supervisor': 'agreement',
  'session-schedule': 'session',
  'session-invite': 'session',
  'session-record': 'session',
  'session-confirm-rate': 'session',
  'session-outcome': 'session',
  'note-write': 'note',
  'note-list': 'note',
  'note-read': 'note',
  'concern-raise': 'concern',
  'concern-psw': 'concern',
  'concern-status': 'concern',
  'concern-list': 'concern',
  settings: 'settings',
  reminder: 'proactive',
  escalation: 'proactive',
} as const satisfies { readonly [N in keyof CardDataMap]: Family };

export type TemplateName = keyof typeof TEMPLATE_FAMILY;

export const TEMPLATE_NAMES = Object.keys(TEMPLATE_FAMILY) as readonly TemplateName[];

/** A template and its data: what a presenter returns and renderCard takes. */
export type CardSpec = { [N in TemplateName]: { readonly template: N; readonly data: CardDataMap[N] } }[TemplateName];

export const spec = <N extends TemplateName>(template: N, data: CardDataMap[N]): { template: N; data: CardDataMap[N] } => ({ template, data });
