/**
 * How cards say dates, times and the vocabulary, in British English and the organisation's zone:
 * "3 Mar 14:05", "Tue 3 Mar", "Agreed by Sam Patel, 3 Mar 14:05". The year is shown only when it
 * is not the viewer's current year (when `now` is known).
 */
import { DateTime } from 'luxon';
import type {
  AgreementStatus,
  ConcernCategory,
  ConcernRoute,
  ConcernStatus,
  ConcernUrgency,
  Instant,
  LocalDate,
  SessionMode,
} from '../../../domain/model';
import type { Fact } from '../../../app/views';

const LOCALE = 'en-GB';

export interface FormatContext {
  readonly zone: string;
  /** The current year in `zone`: dates in it omit the year. Null when `now` is unknown (every date without its year). */
  readonly currentYear: number | null;
}

/** The context a card formats its dates with: the current year worked out here, once, not per date. */
export function formatContext(zone: string, now: Instant | undefined): FormatContext {
  const dt = now === undefined ? undefined : DateTime.fromISO(now, { zone });
  return { zone, currentYear: dt?.isValid === true ? dt.year : null };
}

/** An instant in the organisation's zone: "3 Mar 14:05" (or "3 Mar 2025 14:05"). */
export function formatInstant(instant: Instant, ctx: FormatContext): string {
  // Parsed straight into the zone and locale: one DateTime, not three.
  const dt = DateTime.fromISO(instant, { zone: ctx.zone, locale: LOCALE });
  if (!dt.isValid) return instant;
  const year = ctx.currentYear;
  return dt.toFormat(year === null || year === dt.year ? 'd LLL HH:mm' : 'd LLL yyyy HH:mm');
}

/** A local date: "Tue 3 Mar" (or "Tue 3 Mar 2025"). */
export function formatDate(date: LocalDate, ctx: FormatContext): string {
  const dt = DateTime.fromISO(date, { zone: 'UTC', locale: LOCALE });
  if (!dt.isValid) return date;
  const year = ctx.currentYear;
  return dt.toFormat(year === null || year === dt.year ? 'ccc d LLL' : 'ccc d LLL yyyy');
}

/** The local date and time of an instant, for prefilling Input.Date and Input.Time. */
export function localParts(instant: Instant, zone: string): { date: LocalDate; time: string } {
  const dt = DateTime.fromISO(instant, { setZone: true }).setZone(zone);
  if (!dt.isValid) return { date: '', time: '' };
  return { date: dt.toISODate() as string, time: dt.toFormat('HH:mm') };
}

/** "Agreed by Sam Patel, 3 Mar 14:05" */
export function formatFact(what: string, fact: Fact, ctx: FormatContext): string {
  return `${what} by ${fact.by.name}, ${formatInstant(fact.at, ctx)}`;
}

export function firstName(name: string): string {
  const first = name.trim().split(/\s+/)[0];
  return first === undefined || first === '' ? name : first;
}

export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Shortens read-only text for a list, at a word boundary, with an ellipsis. */
export function preview(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if ([...flat].length <= max) return flat;
  const cut = [...flat].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export const CATEGORY_LABEL: Readonly<Record<ConcernCategory, string>> = {
  workload: 'Workload',
  resources: 'Resources',
  safety: 'Safety',
  bullying: 'Bullying or harassment',
  supervision: 'Supervision',
  other: 'Other',
};

export const URGENCY_LABEL: Readonly<Record<ConcernUrgency, string>> = { low: 'Low', medium: 'Medium', high: 'High' };

export const ROUTE_LABEL: Readonly<Record<ConcernRoute, string>> = {
  supervisor: 'To the supervisor',
  psw: 'Straight to the Principal Social Worker',
};

export const CONCERN_STATUS_LABEL: Readonly<Record<ConcernStatus, string>> = {
  raised: 'Raised',
  acknowledged: 'Acknowledged',
  assigned: 'Assigned',
  resolved: 'Resolved',
};

export const AGREEMENT_STATUS_LABEL: Readonly<Record<AgreementStatus, string>> = {
  draft: 'Waiting to be agreed',
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
};

export const MODE_LABEL: Readonly<Record<SessionMode, string>> = { 'in-person': 'In person', teams: 'On Teams' };
