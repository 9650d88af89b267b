/** The data the settings template binds. */
import type { Choice, ChoicesNotePart, FormPart, NoticePart, ProblemsPart } from '../shared/parts';

export interface SettingsData extends ProblemsPart, NoticePart, FormPart, ChoicesNotePart {
  readonly people: readonly Choice[];
  readonly digestDays: readonly Choice[];
}

/** The family's templates and the data each binds. */
export interface SettingsCards {
  settings: SettingsData;
}

/** Where the family's templates are: settings/templates/<name>.json. */
export const SETTINGS_TEMPLATES = {
  settings: 'settings',
} as const satisfies { readonly [N in keyof SettingsCards]: 'settings' };
