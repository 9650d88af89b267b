/**
 * Retention (issue 11 §5): how long each kind of record is kept, and which records a pass on a given
 * day deletes. Pure: the records and `today` come in, the plan goes out.
 *
 * Per kind, configurable by admins (default 6 years each):
 * - `supervision`: an agreement and its sessions, counted from the day the agreement ended
 *   (`endedOn`). An agreement that has not ended, or has no end date, is kept.
 * - `notes`: a reflective note, counted from the day the last agreement its author took part in
 *   (as supervisee, supervisor, professional supervisor or a former supervisor) ended. While any of
 *   them has not ended, or when the author was never in one (nothing to count from), it is kept.
 * - `concerns`: a resolved concern, counted from the day it was resolved. An open one is kept.
 * A record expires on the day its period has run (`countedFrom` plus the years; 29 February counts
 * to 28 February) and is deleted on or after that day.
 *
 * A legal hold on a person stops the deletion of every record they are in: an agreement and its
 * sessions when they are its supervisee, (former) supervisor or professional supervisor, or are in
 * one of its sessions; a note they wrote or that was shared with them; a concern they raised,
 * handle or took part in. Such a record stays in the plan's `held` list, so a dry run shows it.
 */
import { DateTime } from 'luxon';
import type { DeletionDetail } from './audit';
import type {
  Agreement,
  Concern,
  LegalHold,
  LocalDate,
  OrganisationSettings,
  PersonId,
  ReflectiveNote,
  RetentionKind,
  RetentionSettings,
  Session,
} from './model';
import { fail, ok, type Result } from './result';
import { zoneClock } from './cadence';
import { dateOf as calendarDate, localDayOfInstant } from './calendar';
import { checkInteger } from './validation';

export const RETENTION_KINDS: readonly RetentionKind[] = ['supervision', 'notes', 'concerns'];
export const DEFAULT_RETENTION_YEARS = 6;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 50;

export const DEFAULT_RETENTION: RetentionSettings = {
  years: { supervision: DEFAULT_RETENTION_YEARS, notes: DEFAULT_RETENTION_YEARS, concerns: DEFAULT_RETENTION_YEARS },
  holds: [],
};

export const RETENTION_KIND_WORDS: Readonly<Record<RetentionKind, string>> = {
  supervision: 'Supervision agreements and session records (from the end of the agreement)',
  notes: "Reflective notes (from the end of the author's last agreement)",
  concerns: 'Concerns (from their resolution)',
};

export function retentionOf(settings: Pick<OrganisationSettings, 'retention'>): RetentionSettings {
  const r = settings.retention;
  if (r === undefined) return DEFAULT_RETENTION;
  return { years: { ...DEFAULT_RETENTION.years, ...r.years }, holds: r.holds ?? [] };
}

/** `countedFrom` plus `years`, as a calendar date (29 February + 1 year = 28 February). */
export function expiryOf(countedFrom: LocalDate, years: number): LocalDate {
  return DateTime.fromISO(countedFrom, { zone: 'UTC' }).plus({ years }).toISODate() as LocalDate;
}

export interface RetentionInput {
  readonly retention: RetentionSettings;
  readonly today: LocalDate;
  /** The organisation's zone: instants (a concern's resolution, a record's creation) become its dates. */
  readonly zone: string;
  readonly agreements: readonly Agreement[];
  /** Each agreement's sessions, by agreement id. */
  readonly sessions: ReadonlyMap<string, readonly Session[]>;
  readonly notes: readonly ReflectiveNote[];
  readonly concerns: readonly Concern[];
}

export interface RetentionItem extends DeletionDetail {
  /** The held people whose hold keeps it (empty when it is to be deleted). */
  readonly heldFor: readonly PersonId[];
}

export interface RetentionPlan {
  /** Expired and not held: to delete, each agreement's sessions before the agreement. */
  readonly expired: readonly RetentionItem[];
  /** Expired but kept by a legal hold. */
  readonly held: readonly RetentionItem[];
}

export function planRetention(input: RetentionInput): RetentionPlan {
  const { retention, today, zone } = input;
  const held = new Set(retention.holds.map((h) => h.personId));
  const heldAmong = (ids: Iterable<PersonId | undefined>): PersonId[] => [...new Set([...ids].filter((id): id is PersonId => id !== undefined && held.has(id)))].sort();
  const clock = zoneClock(zone);
  const dateOf = (instant: string): LocalDate => calendarDate(localDayOfInstant(instant, clock));
  const expiries = new Map<string, LocalDate>();
  const expiry = (from: LocalDate, years: number): LocalDate => {
    const key = `${from}+${years}`;
    let e = expiries.get(key);
    if (e === undefined) {
      e = expiryOf(from, years);
      expiries.set(key, e);
    }
    return e;
  };
  const expiredList: RetentionItem[] = [];
  const heldList: RetentionItem[] = [];
  const place = (items: RetentionItem[]) => {
    for (const item of items) (item.heldFor.length > 0 ? heldList : expiredList).push(item);
  };

  for (const a of input.agreements) {
    if (a.status !== 'ended' || a.endedOn === undefined) continue;
    const expiredOn = expiry(a.endedOn, retention.years.supervision);
    if (today < expiredOn) continue;
    const sessions = input.sessions.get(a.id) ?? [];
    const heldFor = heldAmong([
      ...partiesOf(a),
      ...sessions.flatMap((s) => [s.superviseeId, s.supervisorId, s.recordedById]),
    ]);
    const common = { countedFrom: a.endedOn, expiredOn, heldFor };
    place([
      ...sessions.map((s) => ({ recordType: 'session' as const, recordId: s.id, createdOn: dateOf(s.createdAt), ...common })),
      { recordType: 'agreement', recordId: a.id, createdOn: dateOf(a.createdAt), ...common },
    ]);
  }

  // The day each person's last agreement ended, or null while one has not (or never had an end date).
  const lastEnded = new Map<PersonId, LocalDate | null>();
  for (const a of input.agreements) {
    const end = a.status === 'ended' && a.endedOn !== undefined ? a.endedOn : null;
    for (const id of partiesOf(a)) {
      const before = lastEnded.get(id);
      lastEnded.set(id, before === undefined ? end : before === null || end === null ? null : end > before ? end : before);
    }
  }
  for (const n of input.notes) {
    const countedFrom = lastEnded.get(n.authorId);
    if (countedFrom === undefined || countedFrom === null) continue;
    const expiredOn = expiry(countedFrom, retention.years.notes);
    if (today < expiredOn) continue;
    place([{ recordType: 'note', recordId: n.id, countedFrom, expiredOn, createdOn: dateOf(n.createdAt), heldFor: heldAmong([n.authorId, n.sharedWithId]) }]);
  }

  for (const c of input.concerns) {
    if (c.status !== 'resolved') continue;
    const resolvedAt = [...c.history].reverse().find((e) => e.status === 'resolved')?.at ?? c.updatedAt;
    const countedFrom = dateOf(resolvedAt);
    const expiredOn = expiry(countedFrom, retention.years.concerns);
    if (today < expiredOn) continue;
    const heldFor = heldAmong([c.raisedById, c.handlerId, ...c.history.flatMap((e) => [e.byId, e.assignedToId])]);
    place([{ recordType: 'concern', recordId: c.id, countedFrom, expiredOn, createdOn: dateOf(c.createdAt), heldFor }]);
  }
  return { expired: expiredList, held: heldList };
}

function partiesOf(a: Agreement): PersonId[] {
  return [a.superviseeId, a.supervisorId, ...(a.professionalSupervisorId !== undefined ? [a.professionalSupervisorId] : []), ...a.supervisorHistory.map((t) => t.supervisorId)];
}

/** An admin's change: the years of the kinds given, a hold placed on or released from a person. */
export interface RetentionUpdate {
  readonly years?: Partial<Record<RetentionKind, unknown>>;
  readonly placeHold?: unknown;
  readonly releaseHold?: unknown;
}

export function updateRetention(
  current: RetentionSettings,
  update: RetentionUpdate,
  byId: PersonId,
  today: LocalDate,
  peopleInTenant: ReadonlySet<PersonId>,
): Result<{ value: RetentionSettings; changed: boolean }> {
  let years = { ...current.years };
  let holds: LegalHold[] = [...current.holds];
  if (update.years !== undefined && update.years !== null) {
    if (typeof update.years !== 'object') return fail('INVALID_INPUT', 'Give the years to keep each kind of record.', 'years');
    for (const kind of RETENTION_KINDS) {
      const given = update.years[kind];
      if (given === undefined) continue;
      const checked = checkInteger(given, `years.${kind}`, `Years to keep ${kind}`, MIN_RETENTION_YEARS, MAX_RETENTION_YEARS);
      if (!checked.ok) return checked;
      years = { ...years, [kind]: checked.value };
    }
  }
  if (update.placeHold !== undefined) {
    if (typeof update.placeHold !== 'string' || !peopleInTenant.has(update.placeHold)) {
      return fail('INVALID_INPUT', 'Choose a person of your organisation to place a legal hold on.', 'placeHold');
    }
    const personId = update.placeHold;
    if (!holds.some((h) => h.personId === personId)) holds = [...holds, { personId, placedOn: today, placedById: byId }];
  }
  if (update.releaseHold !== undefined) {
    if (typeof update.releaseHold !== 'string' || !holds.some((h) => h.personId === update.releaseHold)) {
      return fail('INVALID_INPUT', 'That person is not under a legal hold.', 'releaseHold');
    }
    holds = holds.filter((h) => h.personId !== update.releaseHold);
  }
  const value: RetentionSettings = { years, holds };
  return ok({ value, changed: JSON.stringify(value) !== JSON.stringify(current) });
}
