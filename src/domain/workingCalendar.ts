/**
 * Working days and the moments a proactive message may go out (issue 9, part 1).
 *
 * - A working day is one of the organisation's working weekdays (ISO 1 = Monday .. 7 = Sunday;
 *   Monday to Friday by default, every day for an emergency duty team) that is not a bank holiday of
 *   its region (bankHolidays.ts).
 * - A proactive message goes out only on a working day, at the organisation's send time (default
 *   09:00 local) or later, and never in quiet hours. Whatever fell due on a non-working day, in quiet
 *   hours, or while the bot was down goes at the next such moment (`nextSendTime`).
 *
 * Dates are local dates in the organisation's zone; moments are computed in that zone with luxon, so
 * 09:00 stays 09:00 local across a clock change. The calendar is an argument everywhere, so a test
 * injects its own (`workingCalendar` with any holidays), and nothing here reads the clock.
 */
import { bankHolidays, DEFAULT_REGION } from './bankHolidays';
import { dateOf, dayOf, ZoneClock } from './calendar';
import type { Instant, IsoWeekday, LocalDate, Region } from './model';

export type { IsoWeekday } from './model';

export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
export const DEFAULT_WORKING_DAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5];
export const DEFAULT_SEND_TIME = '09:00';

/** A calendar can skip at most this many days in a row (a year of holidays would be a bug). */
const LONGEST_BREAK_DAYS = 366;

/** ISO weekday of a day number (day 0, 1 January 1970, was a Thursday). */
export function isoWeekdayOfDay(day: number): IsoWeekday {
  return ((((day + 3) % 7) + 7) % 7) + 1 as IsoWeekday;
}

function dayNumber(field: string, date: LocalDate): number {
  const d = dayOf(date);
  if (d !== d) throw new RangeError(`${field} is not a real date: ${JSON.stringify(date)}`);
  return d;
}

/**
 * Which days are worked. Date forms (`LocalDate`) for callers; day-number forms (days since
 * 1970-01-01, as calendar.ts) for the policies, which count many days.
 */
export class WorkingCalendar {
  private readonly weekdays: readonly boolean[];
  private readonly holidayYears = new Map<number, ReadonlySet<number>>();

  /**
   * `holidaysOf(year)`: the non-working dates of that year besides the weekly rest days (bank
   * holidays). Asked once per year.
   */
  constructor(
    readonly workingDays: readonly IsoWeekday[],
    private readonly holidaysOf: (year: number) => readonly LocalDate[],
  ) {
    if (!workingDays.some((d) => ISO_WEEKDAYS.includes(d))) throw new RangeError('a working calendar needs at least one working weekday');
    this.weekdays = [false, ...ISO_WEEKDAYS.map((d) => workingDays.includes(d))];
  }

  private holidays(year: number): ReadonlySet<number> {
    let days = this.holidayYears.get(year);
    if (days === undefined) {
      days = new Set(this.holidaysOf(year).map((d) => dayNumber('holiday', d)));
      this.holidayYears.set(year, days);
    }
    return days;
  }

  isWorkingDayNumber(day: number): boolean {
    if (!this.weekdays[isoWeekdayOfDay(day)]) return false;
    return !this.holidays(Number(dateOf(day).slice(0, 4))).has(day);
  }

  /** The first working day on or after `day` (step +1) or on or before it (step -1). */
  workingDayNumberFrom(day: number, step: 1 | -1): number {
    for (let d = day, i = 0; i <= LONGEST_BREAK_DAYS; d += step, i++) if (this.isWorkingDayNumber(d)) return d;
    throw new RangeError(`no working day within ${LONGEST_BREAK_DAYS} days of ${dateOf(day)}`);
  }

  /** The `n`-th working day after `day` (n > 0), before it (n < 0); n = 0: `day` if working, else the next. */
  addWorkingDayNumbers(day: number, n: number): number {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
    if (n === 0) return this.workingDayNumberFrom(day, 1);
    const step = n > 0 ? 1 : -1;
    let d = day;
    for (let left = Math.abs(n); left > 0; left--) d = this.workingDayNumberFrom(d + step, step);
    return d;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(dayNumber('date', date));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return dateOf(this.workingDayNumberFrom(dayNumber('date', date) + 1, 1));
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate {
    return dateOf(this.workingDayNumberFrom(dayNumber('date', date) - 1, -1));
  }

  /** `date` when it is a working day, else the next one. */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    return dateOf(this.workingDayNumberFrom(dayNumber('date', date), 1));
  }

  /** `date` when it is a working day, else the one before. */
  workingDayOnOrBefore(date: LocalDate): LocalDate {
    return dateOf(this.workingDayNumberFrom(dayNumber('date', date), -1));
  }

  /** The `n`-th working day after `date` (n >= 1); n = 0: `workingDayOnOrAfter(date)`. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (n < 0) throw new RangeError(`addWorkingDays takes n >= 0, got ${n}`);
    return dateOf(this.addWorkingDayNumbers(dayNumber('date', date), n));
  }

  /** The `n`-th working day before `date` (n >= 1); n = 0: `workingDayOnOrBefore(date)`. */
  subtractWorkingDays(date: LocalDate, n: number): LocalDate {
    if (n < 0) throw new RangeError(`subtractWorkingDays takes n >= 0, got ${n}`);
    const day = dayNumber('date', date);
    return dateOf(n === 0 ? this.workingDayNumberFrom(day, -1) : this.addWorkingDayNumbers(day, -n));
  }
}

/** What of an organisation's settings decides its working days. */
export interface CalendarSettings {
  readonly region: Region;
  readonly workingDays: readonly IsoWeekday[];
}

const calendars = new Map<string, WorkingCalendar>();

/** The working calendar of an organisation: its working weekdays less its region's bank holidays. Shared per settings. */
export function workingCalendarOf(settings: Partial<CalendarSettings>): WorkingCalendar {
  const region = settings.region ?? DEFAULT_REGION;
  const days = [...new Set(settings.workingDays ?? DEFAULT_WORKING_DAYS)].sort();
  const key = `${region}:${days.join('')}`;
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    calendar = new WorkingCalendar(days, (year) => bankHolidays(region, year));
    calendars.set(key, calendar);
  }
  return calendar;
}

/** A calendar with the given holidays (any year): for tests and for what-ifs. */
export function workingCalendar(workingDays: readonly IsoWeekday[], holidays: readonly LocalDate[] = []): WorkingCalendar {
  return new WorkingCalendar(workingDays, (year) => holidays.filter((d) => d.startsWith(`${String(year).padStart(4, '0')}-`)));
}

/** When messages may go out: the organisation's zone, send time and quiet hours (local `HH:mm`). */
export interface SendSettings {
  readonly zone: string;
  readonly sendTime: string;
  readonly quietHours: { readonly start: string; readonly end: string };
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTES_PER_DAY = 24 * 60;

function minutesOf(field: string, hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (m === null) throw new RangeError(`${field} is not a time HH:mm: ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when local minute `t` (0..1439) lies in quiet hours `[start, end)`, which may wrap midnight; start = end: none. */
export function isQuietMinute(t: number, quietHours: SendSettings['quietHours']): boolean {
  const start = minutesOf('quietHours.start', quietHours.start);
  const end = minutesOf('quietHours.end', quietHours.end);
  if (start === end) return false;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/**
 * The first local minute of a day, at or after `from`, at which a message may go: at or after the
 * send time and out of quiet hours; null when none is left that day. Should the send time lie in
 * quiet hours up to midnight (settings refuse that; a stored record might have it), the day's
 * first minute out of quiet hours is used instead, so a working day never goes without a moment.
 */
function firstSendMinute(from: number, settings: SendSettings): number | null {
  const send = minutesOf('sendTime', settings.sendTime);
  const start = minutesOf('quietHours.start', settings.quietHours.start);
  const end = minutesOf('quietHours.end', settings.quietHours.end);
  const outOfQuiet = (m: number): number | null => {
    if (start === end) return m;
    if (start < end) return m >= start && m < end ? (end < MINUTES_PER_DAY ? end : null) : m;
    if (m < end) return end < start ? end : null;
    return m >= start ? null : m;
  };
  const atSendTime = outOfQuiet(Math.max(from, send));
  if (atSendTime !== null) return atSendTime;
  return outOfQuiet(send) === null ? outOfQuiet(from) : null;
}

function clockOf(zone: string): ZoneClock {
  const clock = ZoneClock.of(zone);
  if (clock === null) throw new RangeError(`not an IANA time zone: ${JSON.stringify(zone)}`);
  return clock;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;
const HALF_DAY = MS_PER_DAY / 2;

/**
 * The instant (epoch ms) of local minute `minute` of day number `day` in `zone`. Away from a clock
 * change (the same offset half a day either side) it is arithmetic on the zone's cached offsets;
 * on the day of a change luxon decides (a time in the skipped hour moves on, as luxon does).
 */
function wallTimeAt(zone: ZoneClock, day: number, minute: number): number {
  const local = day * MS_PER_DAY + minute * MS_PER_MINUTE;
  const before = zone.offsetAt(local - HALF_DAY - 14 * 3_600_000);
  const after = zone.offsetAt(local + HALF_DAY + 14 * 3_600_000);
  if (before === after) return local - before * MS_PER_MINUTE;
  return zone.instantAt(day, Math.floor(minute / 60), minute % 60).toMillis();
}

/** Epoch ms form of `nextSendTime`: the policies ask it for many days. */
export function nextSendMoment(nowMs: number, settings: SendSettings, calendar: WorkingCalendar): number {
  if (nowMs !== nowMs) throw new RangeError('now is not an instant');
  const zone = clockOf(settings.zone);
  const localMs = nowMs + zone.offsetAt(nowMs) * MS_PER_MINUTE;
  const today = Math.floor(localMs / MS_PER_DAY);
  if (calendar.isWorkingDayNumber(today)) {
    const minute = Math.floor((localMs - today * MS_PER_DAY) / MS_PER_MINUTE);
    const m = firstSendMinute(minute, settings);
    if (m === minute) return nowMs;
    if (m !== null) return wallTimeAt(zone, today, m);
  }
  const m = firstSendMinute(0, settings);
  for (let day = today + 1, i = 0; m !== null && i <= LONGEST_BREAK_DAYS; day++, i++) {
    if (calendar.isWorkingDayNumber(day)) return wallTimeAt(zone, day, m);
  }
  throw new RangeError(`no moment to send within ${LONGEST_BREAK_DAYS} days of ${new Date(nowMs).toISOString()}`);
}

/** Epoch ms form of `sendTimeOn`, on a day number: the first send moment on or after the start of that local day. */
export function sendMomentOnDay(day: number, settings: SendSettings, calendar: WorkingCalendar): number {
  const zone = clockOf(settings.zone);
  const d = calendar.workingDayNumberFrom(day, 1);
  const m = firstSendMinute(0, settings);
  return m === null ? nextSendMoment(wallTimeAt(zone, d, 0), settings, calendar) : wallTimeAt(zone, d, m);
}

/**
 * The earliest moment at or after `now` at which a proactive message may go out: `now` itself when
 * it is on a working day, at or after the send time and out of quiet hours; else the next working
 * day's send time (or the end of quiet hours, when they run past it). A UTC ISO instant.
 */
export function nextSendTime(now: Instant, settings: SendSettings, calendar: WorkingCalendar): Instant {
  const nowMs = Date.parse(now);
  if (nowMs !== nowMs) throw new RangeError(`now is not an ISO instant: ${JSON.stringify(now)}`);
  return new Date(nextSendMoment(nowMs, settings, calendar)).toISOString();
}

/** The first moment a message may go out on or after local date `date` (its send time when it is a working day). */
export function sendTimeOn(date: LocalDate, settings: SendSettings, calendar: WorkingCalendar): Instant {
  return new Date(sendMomentOnDay(dayNumber('date', date), settings, calendar)).toISOString();
}

/** True when a message may go out at `at` (a working day, at or after the send time, out of quiet hours). */
export function isSendable(at: Instant, settings: SendSettings, calendar: WorkingCalendar): boolean {
  const ms = Date.parse(at);
  return nextSendMoment(ms, settings, calendar) === ms;
}
