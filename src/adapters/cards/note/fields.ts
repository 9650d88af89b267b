/** The reflective-note family's form: the inputs of a note. */
import { field, type VerbForms } from '../shared/fields';

/** Issue 3: a reflective note up to 10,000 characters in all (the four prompts together). */
export const NOTE_MAX_TOTAL = 10_000;
export const CPD_TAG_MAX = 100;

export const NOTE_FORMS = {
  'note.write': {
    fields: [
      field('whatHappened', 'What happened', 'longText', true, NOTE_MAX_TOTAL),
      field('howIFelt', 'How I felt', 'longText', false, NOTE_MAX_TOTAL),
      field('whatILearned', 'What I learned, and what it draws on', 'longText', false, NOTE_MAX_TOTAL),
      field('whatNext', 'What I will do next', 'longText', false, NOTE_MAX_TOTAL),
      field('cpdTag', 'CPD tag', 'text', false, CPD_TAG_MAX),
      field('visibility', 'Who can read it', 'choice', true),
    ],
  },
} satisfies VerbForms;
