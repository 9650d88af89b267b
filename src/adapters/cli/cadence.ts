/**
 * `npm run --silent cli -- cadence --jsonl`: the cadence engine as a line protocol other tools
 * depend on exactly.
 *
 * stdin: one JSON case per line
 *   {"zone"?, "employmentStart", "agreementStart"?, "nqsw", "today", "until",
 *    "pauses"?: [{"from","to"}], "sessions"?: [{"start","minutes","held","uninterrupted"}],
 *    "stricterCadence"?: {"weeklyPhaseDays"?, "fortnightlyPhaseDays"?, "monthlyPhaseDays"?}}
 * stdout: one JSON result per line, in the same order
 *   {"periods":[{"start","end","phase","status"}],"nextDueBy":"YYYY-MM-DD"|null}
 *   periods: the required periods that start before `until`; nextDueBy over the whole schedule.
 * A line that is not a valid case yields {"error":"<field>: <what is wrong>; ..."} on its line and
 * the run goes on; so does a blank line (an error too, so that output line n always answers input
 * line n). Exit code 0 whatever the lines said; 1 only if evaluating a valid case failed (a bug:
 * that line answers {"error":"internal error ..."}, the trace goes to stderr, the run goes on);
 * 2 for a call without `--jsonl`.
 *
 * Reading of fields: dates are `YYYY-MM-DD` real calendar dates in the years 1900-2999 (a year
 * outside is taken for a typo); `zone` an IANA zone name (default Europe/London); session `start` an
 * ISO-8601 date-time, with an offset or `Z` (an instant) or without (local wall time in `zone`);
 * `minutes` a number >= 0; `pauses` inclusive, `from` <= `to`. A `null` optional field counts as
 * absent; unknown fields are ignored. `stricterCadence` is an extension: see cadence.ts.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { dayOf, isLocalDate, localDayOfInstant, ZoneClock } from '../../domain/calendar';
import { evaluateCadence, validateStricterCadence, type CadenceCase } from '../../domain/cadence';
import { DEFAULT_ZONE } from '../../domain/model';
import type { CliCommand } from './command';

const MIN_DAY = dayOf('1900-01-01');
const MAX_DAY = dayOf('2999-12-31');
const UTC = ZoneClock.of('UTC') as ZoneClock;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

const required = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : what);
const quoted = (value: unknown): string => JSON.stringify(value);

const localDate = z.string({ error: required('must be a date written YYYY-MM-DD') }).superRefine((s, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) ctx.addIssue({ code: 'custom', message: `${quoted(s)} is not a date written YYYY-MM-DD` });
  else {
    const day = dayOf(s);
    if (day !== day) ctx.addIssue({ code: 'custom', message: `${quoted(s)} is not a real calendar date` });
    else if (day < MIN_DAY || day > MAX_DAY) ctx.addIssue({ code: 'custom', message: `${s} is outside the years 1900-2999` });
  }
});
const flag = z.boolean({ error: required('must be true or false') });
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const session = z.object(
  {
    start: z.string({ error: required('must be an ISO-8601 date-time such as 2026-03-03T14:05:00Z') }).superRefine((s, ctx) => {
      const day = DATE_TIME.test(s) ? localDayOfInstant(s, UTC) : NaN;
      if (day !== day) ctx.addIssue({ code: 'custom', message: `${quoted(s)} is not an ISO-8601 date-time such as 2026-03-03T14:05:00Z` });
      else if (day < MIN_DAY || day > MAX_DAY) ctx.addIssue({ code: 'custom', message: `${s} is outside the years 1900-2999` });
    }),
    minutes: z.number({ error: required('must be a number of minutes') }).min(0, { error: 'must not be negative' }),
    held: flag,
    uninterrupted: flag,
  },
  { error: 'must be an object {start, minutes, held, uninterrupted}' },
);

const pause = z
  .object({ from: localDate, to: localDate }, { error: 'must be an object {from, to}' })
  .refine((p) => !(isLocalDate(p.from) && isLocalDate(p.to)) || p.from <= p.to, { error: (issue) => `from ${(issue.input as { from: string }).from} is after to ${(issue.input as { to: string }).to}` });

const phaseDays = optional(z.number({ error: 'must be a whole number of days' }));

const cadenceCase = z.object(
  {
    zone: optional(
      z.string({ error: 'must be an IANA time zone name such as Europe/London' }).refine((name) => ZoneClock.of(name) !== null, {
        error: (issue) => `${quoted(issue.input)} is not an IANA time zone name such as Europe/London`,
      }),
    ),
    employmentStart: localDate,
    agreementStart: optional(localDate),
    nqsw: flag,
    today: localDate,
    until: localDate,
    pauses: optional(z.array(pause, { error: 'must be a list of {from, to}' })),
    sessions: optional(z.array(session, { error: 'must be a list of {start, minutes, held, uninterrupted}' })),
    stricterCadence: optional(
      z
        .object(
          { weeklyPhaseDays: phaseDays, fortnightlyPhaseDays: phaseDays, monthlyPhaseDays: phaseDays },
          { error: 'must be an object {weeklyPhaseDays?, fortnightlyPhaseDays?, monthlyPhaseDays?}' },
        )
        .superRefine((c, ctx) => {
          const valid = validateStricterCadence(c);
          if (!valid.ok) ctx.addIssue({ code: 'custom', message: valid.error.message, path: valid.error.field === undefined ? [] : [valid.error.field] });
        }),
    ),
  },
  { error: 'a case must be a JSON object' },
);

function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) name += typeof key === 'number' ? `[${key}]` : name === '' ? String(key) : `.${String(key)}`;
  return name;
}

/** The answer to one input line, as one JSON text. */
export function answerLine(line: string): string {
  if (line.trim() === '') return JSON.stringify({ error: 'empty line: expected one JSON case' });
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return JSON.stringify({ error: `not valid JSON: ${(e as Error).message}` });
  }
  const parsed = cadenceCase.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length === 0 ? i.message : `${fieldName(i.path)}: ${i.message}`));
    return JSON.stringify({ error: problems.join('; ') });
  }
  const c = parsed.data;
  const input: CadenceCase = { ...c, zone: c.zone ?? DEFAULT_ZONE, sessions: c.sessions ?? [], pauses: c.pauses ?? [] };
  return JSON.stringify(evaluateCadence(input));
}

const FLUSH_AT = 1 << 16;

export const run: CliCommand = async (args, io) => {
  if (args.length !== 1 || args[0] !== '--jsonl') {
    io.stderr.write('usage: npm run --silent cli -- cadence --jsonl < cases.jsonl\n');
    return 2;
  }
  const write = (chunk: string): Promise<void> =>
    io.stdout.write(chunk) ? Promise.resolve() : new Promise((resolve) => io.stdout.once('drain', () => resolve()));
  let out = '';
  let lineNumber = 0;
  let failed = false;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    let answer: string;
    try {
      // A byte-order mark (files saved by some Windows editors) is not part of the first case.
      answer = answerLine(lineNumber === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
    } catch (e) {
      // A bug, not bad input: say so, keep the line's place, and go on with the rest.
      failed = true;
      io.stderr.write(`cadence: line ${lineNumber}: ${(e as Error).stack ?? String(e)}\n`);
      answer = JSON.stringify({ error: `internal error on this line: ${(e as Error).message}` });
    }
    out += answer + '\n';
    if (out.length >= FLUSH_AT) {
      await write(out);
      out = '';
    }
  }
  if (out !== '') await write(out);
  return failed ? 1 : 0;
};
