/**
 * The shared machinery of card submission parsers. A submission is the Action.Execute `data` merged
 * with the card's inputs (what Teams sends in `value.action.data`); it is untrusted: every field is
 * checked for type, real dates, ranges and lengths on the server (an Input's `maxLength` is only a
 * hint to the client). Each family's parse.ts builds its verbs' parsers from these schemas.
 *
 * - Unknown extra fields are ignored; nothing in a submission ever says who is acting.
 * - On error the result carries every field error (stable code, the input's id, a sentence naming
 *   the input's label) AND the raw inputs, so the card comes back with everything the person typed.
 * - Dates stay local (`LocalDate`, `LocalDateTime`): the use case combines them with the
 *   organisation's zone. When the caller passes the zone, a time skipped by the clocks going forward
 *   is refused here already, next to the time input.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { LocalDateTime } from '../../../app/commands';
import type { LocalDate } from '../../../domain/model';
import type { DomainError, ErrorCode } from '../../../domain/result';
// Characters as a person counts them (code points: an emoji is one), as the use cases count them.
import { textLength } from '../../../domain/validation';
import { TARGET_IDS, type FieldSpec, type TargetId } from './fields';

// --- what parsing yields ---------------------------------------------------------------------

/** Opening a form or a list: nothing to parse. */
export type NoInput = Record<string, never>;

/** What the person typed, by input id, exactly as submitted (strings), for re-rendering the card. */
export type Inputs = Readonly<Record<string, string>>;

/** The ids the submission named to act on, those that are well-formed (to re-fetch the view). */
export type Targets = Readonly<Partial<Record<TargetId, string>>>;

export interface FieldError {
  /** The input's id on the card, or a name for the whole form (e.g. `note` for its total length). */
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface Parsed<C> {
  readonly command: C;
  readonly inputs: Inputs;
  readonly targets: Targets;
  /** A notice for each input too long to give back in full (see ECHO_BUDGET_BYTES); usually none. */
  readonly cuts: readonly FieldError[];
}

/** Compatible with `Result<Parsed<C>>`; the failure also carries every field error and the inputs. */
export type ParseResult<C> =
  | { readonly ok: true; readonly value: Parsed<C> }
  | {
      readonly ok: false;
      readonly error: DomainError;
      readonly fieldErrors: readonly FieldError[];
      readonly inputs: Inputs;
      readonly targets: Targets;
      readonly cuts: readonly FieldError[];
    };

export interface ParseContext {
  /** The organisation's IANA zone; when given, local times that do not exist in it are refused. */
  readonly zone?: string;
}

// --- field schemas ---------------------------------------------------------------------------

export type Issue = z.core.$ZodIssue;

export const blankToUndefined = (v: unknown): unknown => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const codeParam = (code: ErrorCode) => ({ params: { code } });

export const thousands = (n: number): string => n.toLocaleString('en-GB');

function typeError(spec: FieldSpec, what: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? `${spec.label} is required.` : `${spec.label} must be ${what}.`);
}

/** An id naming what to act on (or a person chosen on the card). Opaque; no whitespace, <= 128. */
export const ID = /^[^\s\u0000-\u001f]{1,128}$/;
export function idSchema(label: string, missing = `${label} is missing.`) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: (iss) => (iss.input === undefined ? missing : `${label} is not valid.`) })
      .trim()
      .regex(ID, { message: `${label} is not valid.` }),
  );
}

export function textSchema(spec: FieldSpec, max: number) {
  const s = z
    .string({ error: typeError(spec, 'text') })
    .transform((v) => v.trim())
    .check((ctx) => {
      const n = textLength(ctx.value);
      if (n > max) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `${spec.label} is ${thousands(n)} characters; the limit is ${thousands(max)}.`,
          ...codeParam('TEXT_TOO_LONG'),
        });
      }
    });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isRealDate(v: string): boolean {
  return LOCAL_DATE.test(v) && DateTime.fromISO(v, { zone: 'UTC' }).isValid;
}

export function dateSchema(spec: FieldSpec) {
  const s = z
    .string({ error: (iss) => (iss.input === undefined ? `${spec.label} is required.` : `${spec.label} must be a date.`) })
    .transform((v) => v.trim())
    .refine(isRealDate, { message: `${spec.label} must be a real date (YYYY-MM-DD).`, ...codeParam('INVALID_DATE') });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** Input.Time gives HH:mm; some clients add seconds. */
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;
export function timeSchema(spec: FieldSpec) {
  const s = z
    .string({ error: (iss) => (iss.input === undefined ? `${spec.label} is required.` : `${spec.label} must be a time.`) })
    .transform((v) => v.trim())
    .refine((v) => LOCAL_TIME.test(v), { message: `${spec.label} must be a time of day (HH:mm).`, ...codeParam('INVALID_DATE') })
    .transform((v) => v.slice(0, 5));
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** Input.Number arrives as a string in Teams; a forged one may be anything. */
export function intSchema(spec: FieldSpec, min: number, max: number) {
  const s = z
    .union([z.number(), z.string().trim().regex(/^[+-]?\d+(\.\d+)?$/).transform(Number)], {
      error: typeError(spec, 'a whole number'),
    })
    .refine((n) => Number.isInteger(n), { message: `${spec.label} must be a whole number.` })
    .refine((n) => n >= min && n <= max, { message: `${spec.label} must be between ${min} and ${max}.` });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** Input.Toggle gives 'true'/'false'; a Yes/No ChoiceSet 'yes'/'no'. */
export function yesNoSchema(spec: FieldSpec) {
  const s = z
    .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no'])], { error: typeError(spec, 'yes or no') })
    .transform((v) => v === true || v === 'true' || v === 'yes');
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

export function enumSchema<T extends string>(spec: FieldSpec, values: readonly [T, ...T[]], labels?: readonly string[]) {
  const s = z.enum(values, { error: typeError(spec, `one of: ${(labels ?? values).join(', ')}`) });
  return spec.required ? z.preprocess(blankToUndefined, s) : z.preprocess(blankToUndefined, s.optional());
}

/** A multi-select ChoiceSet gives ids separated by commas. */
export function idListSchema(spec: FieldSpec) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .union([z.string(), z.array(z.string())], { error: typeError(spec, 'a list of people') })
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''))
      .refine((ids) => ids.every((id) => ID.test(id)), { message: `${spec.label} names someone who is not valid.` })
      .refine((ids) => ids.length <= 50, { message: `${spec.label}: choose at most 50 people.` })
      .transform((ids) => [...new Set(ids)]),
  );
}

export function personSchema(s: FieldSpec) {
  const inner = idSchema(s.label, `${s.label} is required.`);
  return s.required ? inner : z.preprocess(blankToUndefined, inner.optional());
}

/** A required id naming the thing to act on, from the action's data. */
export const target = (label: string) => idSchema(label);

// --- parsers ---------------------------------------------------------------------------------

export type Raw = Record<string, unknown>;
/** Parses the merged submission; returns the command or adds issues. */
export type VerbParser<C> = (raw: Raw, ctx: ParseContext) => { ok: true; command: C } | { ok: false; issues: readonly Issue[] };

export function fromSchema<S extends z.ZodType, C>(schema: S, build: (v: z.output<S>, ctx: ParseContext) => C | Issue[]): VerbParser<C> {
  return (raw, ctx) => {
    const r = schema.safeParse(raw);
    if (!r.success) return { ok: false, issues: r.error.issues };
    const built = build(r.data, ctx);
    return Array.isArray(built) ? { ok: false, issues: built } : { ok: true, command: built as C };
  };
}

export const none: VerbParser<NoInput> = () => ({ ok: true, command: {} });

export function customIssue(field: string, message: string, code: ErrorCode): Issue {
  return { code: 'custom', path: [field], message, input: undefined, params: { code } } as Issue;
}

/**
 * A local date and time. When the zone is known, refuse a wall-clock time that does not exist on
 * that date (the hour skipped when the clocks go forward), rather than let it move silently.
 */
export function localDateTime(date: LocalDate, time: string, timeField: string, ctx: ParseContext): LocalDateTime | Issue {
  if (ctx.zone !== undefined) {
    const local = DateTime.fromISO(`${date}T${time}`, { zone: ctx.zone });
    if (local.isValid && local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) {
      return customIssue(timeField, `${time} does not exist on ${date}: the clocks go forward then. Pick another time.`, 'INVALID_DATE');
    }
  }
  return { date, time };
}

export const isIssue = (v: unknown): v is Issue => typeof v === 'object' && v !== null && 'code' in v && 'message' in v && 'path' in v;

/** The schema of a verb's data that names only what to act on. */
export const idOnly = <K extends string>(key: K, label: string) => z.object({ [key]: target(label) } as Record<K, ReturnType<typeof target>>);

/** Verbs that only name what to act on. */
export function withTarget<C>(schema: z.ZodType, build: (d: Readonly<Record<string, string>>) => C): VerbParser<C> {
  return fromSchema(schema, (d) => build(d as Record<string, string>));
}

// --- failures --------------------------------------------------------------------------------

/** The ids the submission named to act on, those that are well-formed (to re-fetch the view). */
export function rawTargets(raw: Raw): Targets {
  const out: Partial<Record<TargetId, string>> = {};
  for (const key of TARGET_IDS) {
    const v = raw[key];
    if (typeof v === 'string' && ID.test(v.trim())) out[key] = v.trim();
  }
  return out;
}

function codeOf(issue: Issue, spec: FieldSpec | undefined): ErrorCode {
  const params = (issue as { params?: { code?: unknown } }).params;
  if (issue.code === 'custom' && typeof params?.code === 'string') return params.code as ErrorCode;
  // Any problem with a date or time input (missing, malformed) is a date problem.
  if (spec?.kind === 'date' || spec?.kind === 'time') return 'INVALID_DATE';
  return 'INVALID_INPUT';
}

/** The issues of a submission, one field error per input (the first says what to fix). */
export function toFieldErrors(fields: readonly FieldSpec[], issues: readonly Issue[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'submission';
    if (seen.has(field)) continue; // one message per input: the first says what to fix
    seen.add(field);
    const fieldSpec = fields.find((s) => s.id === field);
    const known = field === 'note' || fieldSpec !== undefined || (TARGET_IDS as readonly string[]).includes(field);
    out.push({ field, code: codeOf(issue, fieldSpec), message: known ? issue.message : 'Something in this card was not valid.' });
  }
  return out;
}

