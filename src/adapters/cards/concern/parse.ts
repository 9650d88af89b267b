/** Parsers of the concern family's submissions into the use cases' commands. */
import { z } from 'zod';
import type { AssignConcern, ListConcerns, RaiseConcern, ResolveConcern } from '../../../app/commands';
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

const STATUS_FILTERS = ['open', 'resolved', 'all'] as const;
/** How far back a list goes, in days, or at any time. */
export const AGE_FILTERS = ['30', '90', '365', 'any'] as const;

export const parseListConcerns = (() => {
  const f = CONCERN_FORMS['concern.filter'];
  const schema = z.object({
    concernStatus: enumSchema(fieldOf(f, 'concernStatus'), STATUS_FILTERS, ['open', 'resolved', 'all']),
    concernAge: enumSchema(fieldOf(f, 'concernAge'), AGE_FILTERS, ['the last 30 days', 'the last 90 days', 'the last year', 'any time']),
  });
  return fromSchema(schema, (d): ListConcerns => ({
    ...(d.concernStatus !== undefined ? { status: d.concernStatus } : {}),
    ...(d.concernAge !== undefined && d.concernAge !== 'any' ? { withinDays: Number(d.concernAge) } : {}),
  }));
})();
