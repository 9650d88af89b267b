/** Pieces every view builder uses. */
import type { Instant } from '../../../domain/model';
import type { Directory } from '../../acting';
import type { Fact } from '../common';

/** A fact when both who and when are known, else null. */
export const factOf = (people: Directory, by: string | undefined, at: Instant | undefined): Fact | null =>
  by !== undefined && at !== undefined ? { by: people.ref(by), at } : null;
