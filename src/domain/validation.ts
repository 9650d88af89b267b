/**
 * Small pure checks shared by the workflows: local dates, local times, text lengths. Each failure
 * names the field and says in a sentence what is wrong, so a card can show it next to the input.
 */
import { DateTime } from 'luxon';
import type { Instant, LocalDate } from './model';
import { fail, ok, type Result } from './result';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Characters as a person counts them (Unicode code points, so an emoji is one). */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && LOCAL_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function checkLocalDate(value: unknown, field: string, label: string): Result<LocalDate> {
  if (typeof value !== 'string' || value.trim() === '') return fail('INVALID_DATE', `${label} is required.`, field);
  if (!isLocalDate(value)) return fail('INVALID_DATE', `${label} must be a real date (YYYY-MM-DD).`, field);
  return ok(value);
}

export function isLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/**
 * A local date and wall-clock time in `zone` to an instant (UTC ISO). A time that does not exist on
 * that date (the hour skipped when clocks go forward) is refused rather than silently moved.
 */
export function localDateTimeToInstant(
  value: { readonly date: unknown; readonly time: unknown } | undefined,
  zone: string,
  field: string,
  label: string,
): Result<Instant> {
  if (value === undefined || value === null || typeof value !== 'object') return fail('INVALID_DATE', `${label} is required.`, field);
  const date = checkLocalDate(value.date, `${field}.date`, `The date of ${lower(label)}`);
  if (!date.ok) return date;
  if (!isLocalTime(value.time)) return fail('INVALID_DATE', `The time of ${lower(label)} must be a time of day (HH:mm).`, `${field}.time`);
  const local = DateTime.fromISO(`${date.value}T${value.time}`, { zone });
  if (!local.isValid) return fail('INVALID_DATE', `${label} is not a valid date and time.`, field);
  if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date.value} ${value.time}`) {
    return fail('INVALID_DATE', `${value.time} does not exist on ${date.value} (the clocks go forward): pick another time.`, `${field}.time`);
  }
  return ok(toInstant(local));
}

/** An instant as stored: UTC ISO-8601 with milliseconds. */
export function toInstant(dt: DateTime): Instant {
  return dt.toUTC().toISO() as Instant;
}

export function parseInstant(value: Instant): DateTime {
  return DateTime.fromISO(value, { setZone: true });
}

export function localDateOf(instant: Instant, zone: string): LocalDate {
  return parseInstant(instant).setZone(zone).toISODate() as LocalDate;
}

/** A local date in words for a sentence: "3 March 2026". */
export function longDate(date: LocalDate): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat('d MMMM yyyy');
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate;
}

/**
 * Optional or required free text: trimmed of surrounding whitespace; too long -> TEXT_TOO_LONG with
 * the length, the limit and the field.
 */
export function checkText(
  value: unknown,
  field: string,
  label: string,
  options: { readonly max: number; readonly required: boolean },
): Result<string> {
  if (value === undefined || value === null) {
    return options.required ? fail('INVALID_INPUT', `${label} is required.`, field) : ok('');
  }
  if (typeof value !== 'string') return fail('INVALID_INPUT', `${label} must be text.`, field);
  const text = value.trim();
  if (options.required && text === '') return fail('INVALID_INPUT', `${label} is required.`, field);
  const length = textLength(text);
  if (length > options.max) {
    return fail(
      'TEXT_TOO_LONG',
      `${label} is ${length.toLocaleString('en-GB')} characters; the limit is ${options.max.toLocaleString('en-GB')}.`,
      field,
    );
  }
  return ok(text);
}

export function checkInteger(value: unknown, field: string, label: string, min: number, max: number): Result<number> {
  if (typeof value !== 'number' || !Number.isInteger(value)) return fail('INVALID_INPUT', `${label} must be a whole number.`, field);
  if (value < min || value > max) return fail('INVALID_INPUT', `${label} must be between ${min} and ${max}.`, field);
  return ok(value);
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, label: string): Result<T> {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return ok(value as T);
  return fail('INVALID_INPUT', `${label} must be one of: ${allowed.join(', ')}.`, field);
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
