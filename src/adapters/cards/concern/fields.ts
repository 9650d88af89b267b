/** The concern family's forms: the inputs each submitting verb reads, and where a refusal shows. */
import { field, type VerbForms } from '../shared/fields';

/** Issue 3: a concern up to 4,000 characters. */
export const CONCERN_MAX = 4_000;
export const RESOLUTION_MAX = 4_000;

export const CONCERN_FORMS = {
  'concern.raise': {
    fields: [
      field('category', 'Category', 'choice', true),
      field('description', 'Description', 'longText', true, CONCERN_MAX),
      field('urgency', 'Urgency', 'choice', true),
      field('route', 'Send it to', 'choice', true),
    ],
  },
  'concern.filter': { fields: [field('concernStatus', 'Show', 'choice', false), field('concernAge', 'Raised', 'choice', false)] },
  'concern.assign': { fields: [field('assigneeId', 'Assign to', 'people', true)], section: 'Assign' },
  'concern.resolve': { fields: [field('resolution', 'How it was resolved', 'longText', true, RESOLUTION_MAX)], section: 'Resolve' },
} satisfies VerbForms;
