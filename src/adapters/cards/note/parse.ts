/** The parser of a reflective note's submission into the use case's command. */
import { z } from 'zod';
import type { WriteNote } from '../../../app/commands';
import { textLength } from '../../../domain/validation';
import { fieldOf } from '../shared/fields';
import { customIssue, enumSchema, fromSchema, idOnly, textSchema, thousands, type Issue } from '../shared/schema';
import { CPD_TAG_MAX, NOTE_FORMS, NOTE_MAX_TOTAL } from './fields';

export const noteTarget = idOnly('noteId', 'The note');

export const parseWriteNote = (() => {
  const f = NOTE_FORMS['note.write'];
  const prompt = (id: string) => textSchema(fieldOf(f, id), NOTE_MAX_TOTAL);
  const schema = z.object({
    whatHappened: prompt('whatHappened'),
    howIFelt: prompt('howIFelt'),
    whatILearned: prompt('whatILearned'),
    whatNext: prompt('whatNext'),
    cpdTag: textSchema(fieldOf(f, 'cpdTag'), CPD_TAG_MAX),
    visibility: enumSchema(fieldOf(f, 'visibility'), ['private', 'shared'] as const, ['private', 'shared with my supervisor']),
  });
  return fromSchema(schema, (d): WriteNote | Issue[] => {
    const prompts = [d.whatHappened, d.howIFelt, d.whatILearned, d.whatNext].map((p) => p ?? '');
    const total = prompts.reduce((n, p) => n + textLength(p), 0);
    if (total > NOTE_MAX_TOTAL) {
      return [
        customIssue(
          'note',
          `Your note is ${thousands(total)} characters; the limit is ${thousands(NOTE_MAX_TOTAL)} for the four answers together. ` +
            `Shorten it by ${thousands(total - NOTE_MAX_TOTAL)}.`,
          'TEXT_TOO_LONG',
        ),
      ];
    }
    return {
      whatHappened: prompts[0],
      howIFelt: prompts[1],
      whatILearned: prompts[2],
      whatNext: prompts[3],
      ...(d.cpdTag !== undefined && d.cpdTag !== '' ? { cpdTag: d.cpdTag } : {}),
      visibility: d.visibility as 'private' | 'shared',
    };
  });
})();
