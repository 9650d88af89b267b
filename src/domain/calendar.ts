/**
 * Calendar arithmetic for the cadence engine on integer day numbers (days since 1970-01-01), so that
 * evaluating many agreements never builds a date object per session or per period.
 *
 * Luxon stays the authority for every calendar fact: the first day and length of each month and
 * every zone offset come from luxon and are cached here, so each is asked for once per month (or per
 * zone and UTC day) instead of once per use. `plusMonths` reproduces luxon's `plus({ months })` on a
 * date (add to the month, then clamp the day to the length of that month); a property test checks it
 * against luxon.
 */
import { DateTime, IANAZone } from 'luxon';
import type { Instant, LocalDate } from './model';

export const MS_PER_DAY = 86_400_000;

/** Years 0000-9999: what a `YYYY-MM-DD` string can name. */
const MONTHS = 10_000 * 12;
const UNSET = -0x80000000;
const firstDays = new Int32Array(MONTHS).fill(UNSET);
const monthLengths = new Uint8Array(MONTHS);

function fillMonth(monthIndex: number): void {
  const dt = DateTime.utc(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
  firstDays[monthIndex] = Math.round(dt.toMillis() / MS_PER_DAY);
  monthLengths[monthIndex] = dt.daysInMonth as number;
}

/** Day number of the first day of a month; `monthIndex` = year * 12 + (month - 1). */
export function firstDayOfMonth(monthIndex: number): number {
  if (!(monthIndex >= 0 && monthIndex < MONTHS)) throw new RangeError(`month index ${monthIndex} is outside years 0000-9999`);
  if (firstDays[monthIndex] === UNSET) fillMonth(monthIndex);
  return firstDays[monthIndex];
}

export function daysInMonth(monthIndex: number): number {
  if (!(monthIndex >= 0 && monthIndex < MONTHS)) throw new RangeError(`month index ${monthIndex} is outside years 0000-9999`);
  if (firstDays[monthIndex] === UNSET) fillMonth(monthIndex);
  return monthLengths[monthIndex];
}

/** A calendar date split for month arithmetic. */
export interface CivilDate {
  readonly day: number;
  readonly monthIndex: number;
  readonly dayOfMonth: number;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
};

/** Day number of a prefix `YYYY-MM-DD`, NaN when it is not a real date (no allocation). */
function dayOfPrefix(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  // Each year digit checked: a sum alone lets a non-digit last place through ('302x' = 3020 - 1000).
  if ((y0 | y1 | y2 | y3) < 0) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (m < 1 || m > 12 || d < 1) return NaN;
  const monthIndex = y * 12 + m - 1;
  if (d > daysInMonth(monthIndex)) return NaN;
  return firstDays[monthIndex] + d - 1;
}

/** A `YYYY-MM-DD` that names a real calendar date (2026-02-30 does not), as parts; else null. */
export function parseLocalDate(s: string): CivilDate | null {
  const day = dayOf(s);
  if (day !== day) return null;
  const { monthIndex, dayOfMonth } = civilOfDay(day);
  return { day, monthIndex, dayOfMonth };
}

/** Day number of a real `YYYY-MM-DD` date; NaN otherwise. */
export function dayOf(s: LocalDate): number {
  return typeof s === 'string' && s.length === 10 ? dayOfPrefix(s) : NaN;
}

export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && s.length === 10 && !Number.isNaN(dayOfPrefix(s));
}

/** `date` plus `n` calendar months, as luxon's `plus({ months: n })` (31 Aug + 6 months = 28/29 Feb). */
export function plusMonths(date: CivilDate, n: number): number {
  const target = date.monthIndex + n;
  const length = daysInMonth(target);
  return firstDays[target] + (date.dayOfMonth <= length ? date.dayOfMonth : length) - 1;
}

/**
 * Per-day caches sit in chunks of 1024 days, allocated as used: a lookup is two array reads, where a
 * Map of day numbers would hash. Keys are day numbers shifted to be non-negative.
 */
const DAY_KEY_BASE = 800_000; // reaches back to about year -220: every date a LocalDate can name
const DAY_KEY_LIMIT = 1 << 22; // and forward beyond year 9999
const CHUNK_BITS = 10;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

function civilOfDay(day: number): { monthIndex: number; dayOfMonth: number } {
  let monthIndex = 1970 * 12 + Math.floor(day / 30.436875);
  while (firstDayOfMonth(monthIndex) > day) monthIndex--;
  while (firstDayOfMonth(monthIndex) + daysInMonth(monthIndex) <= day) monthIndex++;
  return { monthIndex, dayOfMonth: day - firstDays[monthIndex] + 1 };
}

function formatDay(day: number): LocalDate {
  const { monthIndex, dayOfMonth } = civilOfDay(day);
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

// Period boundaries repeat across agreements, so their strings are kept, in day chunks.
const dateChunks: (string[] | undefined)[] = [];

/** `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): LocalDate {
  const key = day + DAY_KEY_BASE;
  if (!(key >= 0 && key < DAY_KEY_LIMIT)) return formatDay(day);
  let chunk = dateChunks[key >> CHUNK_BITS];
  if (chunk === undefined) {
    chunk = Array.from({ length: 1 << CHUNK_BITS }, () => '');
    dateChunks[key >> CHUNK_BITS] = chunk;
  }
  let s = chunk[key & CHUNK_MASK];
  if (s === '') {
    s = formatDay(day);
    chunk[key & CHUNK_MASK] = s;
  }
  return s;
}

/** A day whose offset changes during the day (see `ZoneClock.changes`). */
const CHANGING = 0x7fffffff;

interface OffsetChange {
  /** The first millisecond of the new offset; NaN: more than one change, ask luxon per instant. */
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/**
 * A time zone with its offsets (from luxon) cached per UTC day. A day whose offset is the same at
 * its start, middle and end has that offset throughout; a day of change keeps the instant of the
 * change, found by bisection. No zone in the tz database changes twice in one UTC day; should one,
 * that day is asked of luxon per instant.
 */
export class ZoneClock {
  private readonly iana: IANAZone;
  private readonly chunks: (Int32Array | undefined)[] = [];
  private readonly changes = new Map<number, OffsetChange>();

  private constructor(readonly name: string) {
    this.iana = IANAZone.create(name);
  }

  private static readonly clocks = new Map<string, ZoneClock>();

  /** The clock of an IANA zone, or null when the name is not one. */
  static of(name: string): ZoneClock | null {
    let clock = ZoneClock.clocks.get(name);
    if (clock === undefined) {
      if (typeof name !== 'string' || !IANAZone.isValidZone(name)) return null;
      clock = new ZoneClock(name);
      ZoneClock.clocks.set(name, clock);
    }
    return clock;
  }

  private learnDay(utcDay: number): number {
    const start = utcDay * MS_PER_DAY;
    const end = start + MS_PER_DAY - 1;
    const before = this.iana.offset(start);
    const middle = this.iana.offset(start + MS_PER_DAY / 2);
    const after = this.iana.offset(end);
    if (before === middle && middle === after) return before;
    let at = NaN;
    if (before !== after) {
      let lo = start;
      let hi = end;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.iana.offset(mid) === before) lo = mid;
        else hi = mid;
      }
      const consistent = this.iana.offset(hi) === after && middle === (hi <= start + MS_PER_DAY / 2 ? after : before);
      if (consistent) at = hi;
    }
    this.changes.set(utcDay, { at, before, after });
    return CHANGING;
  }

  /** Offset from UTC in minutes at epoch milliseconds `ms`. */
  offsetAt(ms: number): number {
    const utcDay = Math.floor(ms / MS_PER_DAY);
    const key = utcDay + DAY_KEY_BASE;
    if (!(key >= 0 && key < DAY_KEY_LIMIT)) return this.iana.offset(ms);
    let chunk = this.chunks[key >> CHUNK_BITS];
    if (chunk === undefined) {
      chunk = new Int32Array(1 << CHUNK_BITS).fill(UNSET);
      this.chunks[key >> CHUNK_BITS] = chunk;
    }
    let offset = chunk[key & CHUNK_MASK];
    if (offset === UNSET) {
      offset = this.learnDay(utcDay);
      chunk[key & CHUNK_MASK] = offset;
    }
    if (offset !== CHANGING) return offset;
    const change = this.changes.get(utcDay) as OffsetChange;
    if (change.at !== change.at) return this.iana.offset(ms);
    return ms < change.at ? change.before : change.after;
  }

  /** The local day number on which the instant `ms` falls in this zone. */
  localDayAt(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms) * 60_000) / MS_PER_DAY);
  }

  /** The instant of a local wall time on a day number (a time in a spring-forward gap moves on, as luxon does). */
  instantAt(day: number, hour: number, minute: number): DateTime {
    const { monthIndex, dayOfMonth } = civilOfDay(day);
    return DateTime.fromObject(
      { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1, day: dayOfMonth, hour, minute },
      { zone: this.iana },
    );
  }

  /** Luxon's reading of an ISO string that `localDayOfInstant` does not read itself. */
  fallbackLocalDay(s: string): number {
    const dt = DateTime.fromISO(s, { zone: this.iana });
    if (!dt.isValid) return NaN;
    return firstDayOfMonth(dt.year * 12 + dt.month - 1) + dt.day - 1;
  }
}

const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The local day number on which an ISO-8601 instant starts in `zone`; NaN when `s` is not one.
 * A date-time without an offset is read as local wall time in the zone (its date is its own).
 * The common shapes (`2026-03-29T00:30`, `:00`, `.000`, `Z`, `+01:00`, `+0100`) are read here
 * without allocating; anything else is left to luxon's ISO parser.
 */
export function localDayOfInstant(s: Instant, zone: ZoneClock): number {
  if (typeof s !== 'string') return NaN;
  const len = s.length;
  if (len < 16 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return zone.fallbackLocalDay(s);
  const day = dayOfPrefix(s);
  const hh = two(s, 11);
  const mm = two(s, 14);
  if (day !== day || hh < 0 || hh > 23 || mm < 0 || mm > 59) return zone.fallbackLocalDay(s);
  let ms = hh * 3_600_000 + mm * 60_000;
  let i = 16;
  if (i < len && s.charCodeAt(i) === 58) {
    const ss = two(s, 17);
    if (ss < 0 || ss > 59) return zone.fallbackLocalDay(s);
    ms += ss * 1000;
    i = 19;
    if (i < len && s.charCodeAt(i) === 46) {
      i++;
      let scale = 100;
      const fracStart = i;
      while (i < len) {
        const c = digit(s, i);
        if (c < 0) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      if (i === fracStart) return zone.fallbackLocalDay(s);
    }
  }
  if (i === len) return day; // local wall time
  const c = s.charCodeAt(i);
  let offsetMinutes: number;
  if (c === 90 && i + 1 === len) offsetMinutes = 0;
  else if ((c === 43 || c === 45) && (len - i === 6 || len - i === 5)) {
    const oh = two(s, i + 1);
    const colon = len - i === 6;
    if (colon && s.charCodeAt(i + 3) !== 58) return zone.fallbackLocalDay(s);
    const om = two(s, colon ? i + 4 : i + 3);
    if (oh < 0 || oh > 18 || om < 0 || om > 59) return zone.fallbackLocalDay(s);
    offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
  } else return zone.fallbackLocalDay(s);
  return zone.localDayAt(day * MS_PER_DAY + ms - offsetMinutes * 60_000);
}
