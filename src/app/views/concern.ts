/** Concern views (built from the records in build/concern.ts). */
import type { ConcernCategory, ConcernRoute, ConcernStatus, ConcernUrgency, Instant } from '../../domain/model';
import type { PersonRef } from './common';

export interface ConcernEventView {
  readonly status: ConcernStatus;
  readonly by: PersonRef;
  readonly at: Instant;
  readonly assignedTo?: PersonRef;
}

export interface ConcernView {
  readonly concernId: string;
  readonly zone: string;
  readonly raisedBy: PersonRef;
  readonly category: ConcernCategory;
  readonly description: string;
  readonly urgency: ConcernUrgency;
  readonly route: ConcernRoute;
  readonly status: ConcernStatus;
  readonly handler?: PersonRef;
  readonly history: readonly ConcernEventView[];
  readonly resolution?: string;
  readonly raisedAt: Instant;
  /** People the viewer may assign it to (empty when the viewer cannot assign). */
  readonly assignees: readonly PersonRef[];
  readonly youCan: {
    readonly acknowledge: boolean;
    readonly assign: boolean;
    readonly resolve: boolean;
  };
}

export interface ConcernSummaryView {
  readonly concernId: string;
  readonly raisedBy: PersonRef;
  readonly category: ConcernCategory;
  readonly urgency: ConcernUrgency;
  readonly route: ConcernRoute;
  readonly status: ConcernStatus;
  readonly handler?: PersonRef;
  readonly raisedAt: Instant;
}

/** Which concerns a list shows: open (not resolved), resolved, or all. */
export type ConcernStatusFilter = 'open' | 'resolved' | 'all';

export interface ConcernListView {
  readonly zone: string;
  /** What the lists were filtered by. */
  readonly filter: { readonly status: ConcernStatusFilter; readonly withinDays?: number };
  readonly raised: readonly ConcernSummaryView[];
  readonly handling: readonly ConcernSummaryView[];
}
