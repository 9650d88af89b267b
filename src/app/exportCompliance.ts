/**
 * The export for the annual health check (Standards for employers of social workers in England:
 * the employer shows how often and how well supervision actually happens): a CSV file with one row
 * per agreement of the organisation that was live at some point in the chosen window (default: the
 * twelve months to today), for the PSW and admins only.
 *
 * Unlike the tab, the export reads each agreement's sessions (once a year, one single-partition
 * query per agreement, a few at a time), because the health check asks for figures over a window:
 * - periods: the required periods that started in the window, with their status as of the window's
 *   end (or the agreement's end), by the cadence engine; "frequency met" = met / (met + missed);
 * - sessions held in the window (by their local start date): qualifying, under 90 minutes,
 *   interrupted, average length; sessions cancelled in the window (by their planned date);
 * - quality: the sessions held in the window that the supervisee rated, and the mean score;
 * - and where each agreement stands today (next due by, overdue since, last session).
 * It never contains a reflective note, a concern, an agenda, an action, a cancel reason or a rating
 * comment. Cells that a spreadsheet would run as a formula are neutralised.
 */
import { DateTime } from 'luxon';
import { maySeeCompliance } from '../domain/authorization';
import { storedPeriods } from '../domain/cadence';
import type { Agreement, Instant, LocalDate, Session } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { isQualifying } from '../domain/session';
import { addDays, checkLocalDate, localDateOf } from '../domain/validation';
import type { Actor } from './commands';
import { begin, type Ctx } from './acting';
import type { UseCaseDeps } from './deps';
import { sessionsThatCount, withSummary } from './proactivePlanning';
import { averageRating, standingOf, summaryAsOf, visibleAgreements, type Standing } from './getCompliance';

export interface ExportCompliance {
  /** First day of the window, `YYYY-MM-DD` (default: the day after `to` a year earlier). */
  readonly from?: unknown;
  /** Last day of the window, inclusive (default: today; never after today). */
  readonly to?: unknown;
}

export interface ComplianceExport {
  readonly fileName: string;
  /** RFC 4180: CRLF line ends, a header row, UTF-8 with a byte-order mark (so Excel reads names right). */
  readonly csv: string;
  readonly rows: number;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly zone: string;
}

/** The longest window one export covers: it bounds the work of one request. */
export const MAX_WINDOW_YEARS = 3;
/** Agreements whose sessions are read at the same time. */
const CONCURRENT_READS = 8;

export const EXPORT_COLUMNS = [
  'Agreement',
  'Supervisee',
  'Supervisee email',
  'Team',
  'NQSW (ASYE)',
  'Employment start',
  'Agreement start',
  'Supervisor',
  'Line manager is a registered social worker',
  'Professional supervisor',
  'Agreement status',
  'Ended on',
  'Periods met',
  'Periods missed',
  'Periods excused (leave)',
  'Periods in progress',
  'Frequency met (%)',
  'Sessions held',
  'Qualifying sessions (90+ minutes, uninterrupted)',
  'Sessions under 90 minutes',
  'Sessions interrupted',
  'Average session length (minutes)',
  'Sessions cancelled',
  'Sessions rated',
  'Average quality rating (1-5)',
  'Standing today',
  'Next due by',
  'Overdue since',
  'Last session on',
] as const;

const STANDING_WORDS: Readonly<Record<Standing | 'ended', string>> = {
  overdue: 'Overdue',
  due: 'Due',
  'on-track': 'On track',
  paused: 'Paused',
  'not-agreed': 'Not yet agreed',
  ended: 'Ended',
};

export async function exportCompliance(deps: UseCaseDeps, actor: Actor, command: ExportCompliance, now: Instant): Promise<Result<ComplianceExport>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = maySeeCompliance(ctx.viewer);
  if (!allowed.ok) return fail('NOT_AUTHORIZED', 'Only the Principal Social Worker and admins can download the health-check export.');

  const window = checkWindow(command ?? {}, ctx.today);
  if (!window.ok) return window;
  const { from, to } = window.value;

  const visible = await visibleAgreements(ctx, true);
  if (!visible.ok) return visible;
  const agreements = visible.value.agreements
    .filter((a) => a.agreementStart <= to && (a.status !== 'ended' || a.endedOn === undefined || a.endedOn >= from));
  const loaded = await ctx.people.load(agreements.flatMap((a) => [a.superviseeId, a.supervisorId, a.professionalSupervisorId]));
  if (!loaded.ok) return loaded;
  agreements.sort((x, y) => ctx.people.ref(x.superviseeId).name.localeCompare(ctx.people.ref(y.superviseeId).name, 'en-GB') || x.id.localeCompare(y.id));

  const sessions = await sessionsOf(ctx, agreements);
  if (!sessions.ok) return sessions;

  const lines = [EXPORT_COLUMNS.map(csvCell).join(',')];
  for (let i = 0; i < agreements.length; i++) {
    lines.push(row(ctx, agreements[i], sessions.value[i], from, to).map(csvCell).join(','));
  }
  const slug = ctx.settings.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'organisation';
  return ok({
    fileName: `supervision-compliance_${slug}_${from}_to_${to}.csv`,
    csv: `\uFEFF${lines.join('\r\n')}\r\n`,
    rows: agreements.length,
    from,
    to,
    zone: ctx.zone,
  });
}

function checkWindow(command: ExportCompliance, today: LocalDate): Result<{ from: LocalDate; to: LocalDate }> {
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  let to = today;
  if (given(command.to)) {
    const checked = checkLocalDate(command.to, 'to', 'The last day of the export');
    if (!checked.ok) return checked;
    if (checked.value > today) return fail('INVALID_DATE', `The last day of the export cannot be after today (${today}).`, 'to');
    to = checked.value;
  }
  let from = addDays(DateTime.fromISO(to, { zone: 'UTC' }).minus({ years: 1 }).toISODate() as LocalDate, 1);
  if (given(command.from)) {
    const checked = checkLocalDate(command.from, 'from', 'The first day of the export');
    if (!checked.ok) return checked;
    from = checked.value;
  }
  if (from > to) return fail('INVALID_INPUT', 'The first day of the export must be on or before its last day.', 'from');
  const earliest = DateTime.fromISO(to, { zone: 'UTC' }).minus({ years: MAX_WINDOW_YEARS }).toISODate() as LocalDate;
  if (from < earliest) return fail('INVALID_INPUT', `One export covers at most ${MAX_WINDOW_YEARS} years: choose a first day on or after ${addDays(earliest, 1)}.`, 'from');
  return ok({ from, to });
}

/** The sessions that count for each agreement (its own and those carried over), a few agreements at a time. */
async function sessionsOf(ctx: Ctx, agreements: readonly Agreement[]): Promise<Result<Session[][]>> {
  const out: Session[][] = new Array(agreements.length);
  let failure: Result<never> | undefined;
  let next = 0;
  const worker = async () => {
    while (failure === undefined && next < agreements.length) {
      const i = next++;
      const a = agreements[i];
      const r = await sessionsThatCount(ctx.deps, ctx.tenantId, a, ctx.zone);
      if (!r.ok) {
        failure = r;
        return;
      }
      out[i] = r.value;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, agreements.length) }, worker));
  return failure ?? ok(out);
}

type Cell = string | number | null;

function row(ctx: Ctx, a: Agreement, sessions: readonly Session[], from: LocalDate, to: LocalDate): Cell[] {
  const { people, zone } = ctx;
  const asOf = a.status === 'ended' && a.endedOn !== undefined && a.endedOn < to ? a.endedOn : to;
  const periods = a.agreementStart > asOf ? [] : storedPeriods(a, sessions, zone, asOf, addDays(asOf, 1)).filter((p) => p.start >= from);
  const count = (status: string) => periods.filter((p) => p.status === status).length;
  const met = count('met');
  const missed = count('missed');

  const inWindow = (instant: Instant | undefined) => {
    if (instant === undefined) return false;
    const day = localDateOf(instant, zone);
    return day >= from && day <= asOf;
  };
  const held = sessions.filter((s) => s.status === 'held' && inWindow(s.start));
  const minutes = held.map((s) => s.minutes ?? 0);
  const rated = held.filter((s) => s.rating !== undefined);
  const ratingTotal = rated.reduce((sum, s) => sum + (s.rating?.score ?? 0), 0);

  // Where it stands today: the summary recomputed from the sessions just read, so it is exact.
  const summary = withSummary(a, sessions, ctx.settings, ctx.now).summary;
  const today = summaryAsOf({ ...a, summary }, ctx.today);
  const standing: Standing | 'ended' =
    a.status === 'ended'
      ? 'ended'
      : standingOf(a.status, ctx.today, today ?? { nextDueBy: summary.nextDueBy, periodStart: null, met: summary.met, missed: summary.missed, excused: summary.excused, overdueSince: summary.overdueSince });

  const professional = a.professionalSupervisorId === undefined ? null : people.ref(a.professionalSupervisorId).name;
  const supervisee = people.get(a.superviseeId);
  return [
    a.id,
    people.ref(a.superviseeId).name,
    supervisee?.email ?? null,
    supervisee?.team ?? null,
    a.nqsw ? 'yes' : 'no',
    a.employmentStart,
    a.agreementStart,
    people.ref(a.supervisorId).name,
    a.lineManagerIsRegisteredSocialWorker ? 'yes' : 'no',
    professional,
    a.status,
    a.endedOn ?? null,
    met,
    missed,
    count('excused'),
    count('due'),
    met + missed === 0 ? null : Math.round((met / (met + missed)) * 100),
    held.length,
    held.filter((s) => isQualifying(s)).length,
    held.filter((s) => (s.minutes ?? 0) < 90).length,
    held.filter((s) => s.uninterrupted === false).length,
    minutes.length === 0 ? null : Math.round(minutes.reduce((x, y) => x + y, 0) / minutes.length),
    sessions.filter((s) => s.status === 'cancelled' && inWindow(s.scheduledStart)).length,
    rated.length,
    averageRating({ ...summary, rated: rated.length, ratingTotal }),
    STANDING_WORDS[standing],
    a.status === 'ended' ? null : (today?.nextDueBy ?? summary.nextDueBy),
    a.status === 'ended' ? null : (today?.overdueSince ?? summary.overdueSince),
    summary.lastSessionOn,
  ];
}

/**
 * One CSV field (RFC 4180). Text a spreadsheet would evaluate (starting with = + - @, a tab or a
 * carriage return: OWASP "CSV injection") gets a leading apostrophe, so a name can never run as a formula.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
