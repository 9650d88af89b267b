/**
 * What each use case returns for the cards to render, by family (this folder). Plain
 * JSON-serialisable data, built for ONE viewer (the actor, or the recipient of a notification):
 * `youCan` says which buttons that person may press, and people are named (`PersonRef`), never raw
 * ids only. build/ holds, per family, the functions that build them from records, with `youCan`
 * from the same authorization decisions the use cases enforce (a button shown is a button allowed).
 *
 * Times are instants (ISO-8601, UTC) plus the organisation's `zone`, so a card shows
 * "Confirmed by Sam Patel, 3 Mar 14:05" in the organisation's local time.
 *
 * Stable contract: change additively only.
 */
import type { Instant, PersonId } from '../../domain/model';

export interface PersonRef {
  readonly id: PersonId;
  readonly name: string;
}

/** "<what> by <who> at <when>": agreed, accepted, recorded, confirmed, rated, acknowledged... */
export interface Fact {
  readonly by: PersonRef;
  readonly at: Instant;
}
