/** Parsers of the concern family's submissions into the use cases' commands. */
import { z } from 'zod';
import type { AssignConcern, RaiseConcern, ResolveConcern } from '../../../app/commands';
import type { ConcernCategory, ConcernRoute, ConcernUrgency } from '../../../domain/model';
import { fieldOf } from '../shared/fields';
import { enumSchema, fromSchema, idOnly, personSchema, textSchema } from '../shared/schema';
import { CONCERN_FORMS, CONCERN_MAX, RESOLUTION_MAX } from './fields';

export const concernTarget = idOnly('concernId', 'The concern');

const CATEGORIES = ['workload', 'resources', 'safety', 'bullying', 'supervision', 'other'] as const satisfies readonly ConcernCategory[];
const URGENCIES = ['low', 'medium', 'high'] as const satisfies readonly ConcernUrgency[];
const CONCERN_ROUTES = ['supervisor', 'psw'] as const satisfies readonly ConcernRoute[];

export const parseRaiseConcern = (() => {
  const f = CONCERN_FORMS['concern.raise'];
  const schema = z.object({
    category: enumSchema(fieldOf(f, 'category'), CATEGORIES, [
      'workload',
      'resources',
      'safety',
      'bullying or harassment',
      'supervision',
      'other',
    ]),
    description: textSchema(fieldOf(f, 'description'), CONCERN_MAX),
    urgency: enumSchema(fieldOf(f, 'urgency'), URGENCIES),
    route: enumSchema(fieldOf(f, 'route'), CONCERN_ROUTES, ['my supervisor', 'the Principal Social Worker']),
  });
  return fromSchema(schema, (d): RaiseConcern => ({
    category: d.category as ConcernCategory,
    description: d.description as string,
    urgency: d.urgency as ConcernUrgency,
    route: d.route as ConcernRoute,
  }));
})();

export const parseAssignConcern = fromSchema(
  concernTarget.extend({ assigneeId: personSchema(fieldOf(CONCERN_FORMS['concern.assign'], 'assigneeId')) }),
  (d): AssignConcern => ({ concernId: d.concernId as string, assigneeId: d.assigneeId as string }),
);

export const parseResolveConcern = fromSchema(
  concernTarget.extend({ resolution: textSchema(fieldOf(CONCERN_FORMS['concern.resolve'], 'resolution'), RESOLUTION_MAX) }),
  (d): ResolveConcern => ({ concernId: d.concernId as string, resolution: d.resolution as string }),
);
