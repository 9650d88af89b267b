/** The data the concern templates bind. */
import type { Choice, FactRow, FormPart, Line, NoticePart, ProblemsPart, TextColor } from '../shared/parts';

export type ConcernRaiseData = ProblemsPart & FormPart;

export interface ConcernCommonPart {
  readonly concernId: string;
  readonly category: string;
  readonly statusColor: TextColor;
  readonly facts: readonly FactRow[];
  readonly description: string;
  readonly history: readonly Line[];
  readonly hasResolution: boolean;
  readonly resolution: string;
}

export interface ConcernPswData extends ConcernCommonPart, ProblemsPart, NoticePart, FormPart {
  readonly status: string;
  readonly assignees: readonly Choice[];
  readonly can: { readonly acknowledge: boolean; readonly assign: boolean; readonly resolve: boolean };
}

export interface ConcernStatusData extends ConcernCommonPart, NoticePart {
  readonly headline: string;
  readonly routeText: string;
}

export interface ConcernRow {
  readonly concernId: string;
  readonly heading: string;
  readonly detail: string;
  readonly color: TextColor;
}

export interface ConcernListData extends ProblemsPart, FormPart {
  /** What the lists show, in words ("Open concerns raised in the last 90 days"). */
  readonly filterText: string;
  readonly hasHandling: boolean;
  /** Concerns they handle or oversee that are resolved: the history. */
  readonly hasClosed: boolean;
  readonly closed: readonly ConcernRow[];
  readonly handling: readonly ConcernRow[];
  readonly noneRaised: boolean;
  readonly raised: readonly ConcernRow[];
  readonly hasMore: boolean;
  readonly more: string;
}

/** The family's templates and the data each binds. */
export interface ConcernCards {
  'concern-raise': ConcernRaiseData;
  'concern-psw': ConcernPswData;
  'concern-status': ConcernStatusData;
  'concern-list': ConcernListData;
}

/** Where the family's templates are: concern/templates/<name>.json. */
export const CONCERN_TEMPLATES = {
  'concern-raise': 'concern',
  'concern-psw': 'concern',
  'concern-status': 'concern',
  'concern-list': 'concern',
} as const satisfies { readonly [N in keyof ConcernCards]: 'concern' };
