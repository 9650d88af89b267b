/**
 * The evidence exports (issue 11 §3), each recorded in the audit trail (auditTrail.ts):
 * - exportHealthCheck: per team per month (domain/healthCheck.ts), PSWs and admins;
 * - exportAsyeLog: one NQSW's early-career supervision log (domain/asyeLog.ts), for the NQSW
 *   themselves, anyone who supervises or supervised them in it, PSWs and admins;
 * - draftCpdRecord: a Social Work England CPD record from a reflective note (domain/cpdDraft.ts),
 *   for its author only (a note is private to its author; the PSW never reads it);
 * - exportPersonForAdmin: the subject access document of src/app/exportSubjectAccess.ts, for admins,
 *   in their own tenant only.
 * Each comes as CSV (UTF-8 with a byte-order mark, CRLF, formulas neutralised) or a printable page.
 * Who may do what is decided from the signed-in person's stored record and the organisation's
 * settings; the command names only what to export.
 */
import { DateTime } from 'luxon';
import { isAdmin, isPsw, maySeeCompliance } from '../domain/authorization';
import { asyeAgreementLog, type AsyeAgreementLog } from '../domain/asyeLog';
import { ASYE_REASON_LABELS } from '../domain/asyeWords';
import { cpdDraft, type CpdDraft } from '../domain/cpdDraft';
import { ALL_TEAMS, healthCheckFigures, lastDayOfMonth, monthsBetween, twelveMonthsTo, type Month } from '../domain/healthCheck';
import type { Agreement, Instant, LocalDate, PersonId } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { localDateOf, longDate } from '../domain/validation';
import { recordAccess, type OversightDeps } from './auditTrail';
import type { Actor } from './commands';
import { begin, type Ctx } from './acting';
import { csvFile, formatOf, htmlFile, slug, type Cell, type EvidenceFile } from './documents';
import { exportSubjectAccess } from './exportSubjectAccess';
import { sessionsByAgreement } from './proactivePlanning';

const badFormat = <T>(): Result<T> => fail('INVALID_INPUT', 'Choose CSV or a printable page.', 'format');

// --- health check ----------------------------------------------------------------------------

export interface ExportHealthCheck {
  /** First month, `YYYY-MM` (default: eleven months before `toMonth`). */
  readonly fromMonth?: unknown;
  /** Last month, `YYYY-MM` (default: this month; never after it). */
  readonly toMonth?: unknown;
  readonly format?: unknown;
}

export const HEALTH_CHECK_MAX_MONTHS = 36;

export const HEALTH_CHECK_COLUMNS = [
  'Month',
  'Team',
  'Periods required',
  'Periods met',
  'Periods missed',
  'Periods excused (leave)',
  'Frequency met (%)',
  'Sessions held',
  'Short or interrupted sessions',
  'Sessions rated',
  'Average quality (1-5)',
  'Staff in supervision',
  'Staff with 1.5 hours uninterrupted',
  'Staff with 1.5 hours uninterrupted (%)',
] as const;

function checkMonth(value: unknown, field: string, label: string): Result<Month> {
  if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return fail('INVALID_DATE', `${label} must be a month, YYYY-MM.`, field);
  return ok(value);
}

export async function exportHealthCheck(deps: OversightDeps, actor: Actor, command: ExportHealthCheck, now: Instant): Promise<Result<EvidenceFile>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  if (!maySeeCompliance(ctx.viewer).ok) return fail('NOT_AUTHORIZED', 'Only the Principal Social Worker and admins can download the health check.');
  const format = formatOf(command?.format);
  if (format === null) return badFormat();

  const thisMonth = ctx.today.slice(0, 7);
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  let toMonth = thisMonth;
  if (given(command.toMonth)) {
    const m = checkMonth(command.toMonth, 'toMonth', 'The last month');
    if (!m.ok) return m;
    if (m.value > thisMonth) return fail('INVALID_DATE', `The last month cannot be after this month (${thisMonth}).`, 'toMonth');
    toMonth = m.value;
  }
  let fromMonth = twelveMonthsTo(toMonth);
  if (given(command.fromMonth)) {
    const m = checkMonth(command.fromMonth, 'fromMonth', 'The first month');
    if (!m.ok) return m;
    fromMonth = m.value;
  }
  if (fromMonth > toMonth) return fail('INVALID_INPUT', 'The first month must be on or before the last month.', 'fromMonth');
  if (monthsBetween(fromMonth, toMonth).length > HEALTH_CHECK_MAX_MONTHS) {
    return fail('INVALID_INPUT', `One health check covers at most ${HEALTH_CHECK_MAX_MONTHS} months.`, 'fromMonth');
  }

  const listed = await deps.agreements.listByTenant(ctx.tenantId);
  if (!listed.ok) return listed;
  const first = `${fromMonth}-01`;
  const last = lastDayOfMonth(toMonth);
  const agreements = listed.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === ctx.tenantId && a.status !== 'draft' && a.agreementStart <= last && (a.status !== 'ended' || a.endedOn === undefined || a.endedOn >= first));
  const loaded = await ctx.people.load(agreements.map((a) => a.superviseeId));
  if (!loaded.ok) return loaded;
  const sessions = await sessionsByAgreement(ctx.deps.sessions, ctx.tenantId, agreements);
  if (!sessions.ok) return sessions;

  const figures = healthCheckFigures({
    zone: ctx.zone,
    today: ctx.today,
    fromMonth,
    toMonth,
    agreements: agreements.map((a) => ({ agreement: a, sessions: sessions.value.get(a.id) ?? [], team: ctx.people.get(a.superviseeId)?.team ?? null })),
  });
  const rows: Cell[][] = figures.map((r) => [
    r.month,
    r.team,
    r.required,
    r.met,
    r.missed,
    r.excused,
    r.frequencyMet,
    r.sessionsHeld,
    r.short,
    r.rated,
    r.averageQuality,
    r.staff,
    r.staffWithUninterrupted,
    r.uninterruptedShare,
  ]);
  const audited = await recordAccess(deps, ctx, 'health-check.export', agreements.map((a) => a.superviseeId), { format, from: first, to: last, count: rows.length }, true);
  if (!audited.ok) return audited;

  const name = `supervision-health-check_${slug(ctx.settings.name, 'organisation')}_${fromMonth}_to_${toMonth}`;
  if (format === 'csv') return ok(csvFile(`${name}.csv`, HEALTH_CHECK_COLUMNS, rows));
  const months = monthsBetween(fromMonth, toMonth);
  return ok(
    htmlFile(
      `${name}.html`,
      `Supervision health check: ${ctx.settings.name}`,
      [
        `${monthWords(fromMonth)} to ${monthWords(toMonth)}, figures as of ${longDate(ctx.today)} (dates in ${ctx.zone} time).`,
        'A period counts in the month of its last day, once it has ended. Required = met + missed; excused periods fell wholly in leave. ' +
          'Short or interrupted: sessions held under 90 minutes or interrupted. Staff with 1.5 hours uninterrupted: supervisees who had at least one uninterrupted session of 90 minutes or more in the month.',
      ],
      months.map((m) => ({
        heading: monthWords(m),
        table: {
          caption: `${monthWords(m)}: by team, with all teams last`,
          header: HEALTH_CHECK_COLUMNS.slice(1),
          rows: rows.filter((r) => r[0] === m).map((r) => r.slice(1)),
        },
      })),
      rows.length,
    ),
  );
}

const monthWords = (m: Month): string => DateTime.fromISO(`${m}-01`, { zone: 'UTC' }).toFormat('MMMM yyyy');

export { ALL_TEAMS };

// --- ASYE log --------------------------------------------------------------------------------

export interface ExportAsyeLog {
  /** The NQSW whose log it is. */
  readonly personId?: unknown;
  readonly format?: unknown;
}

export const ASYE_SESSION_COLUMNS = ['Agreement', 'Date', 'Start', 'Minutes', 'Uninterrupted', 'Qualifying (90+ minutes, uninterrupted)', 'Supervisor', 'Rating (1-5)'] as const;
export const ASYE_PERIOD_COLUMNS = ['Agreement', 'Period start', 'Period last day', 'Phase', 'Status', 'Met on'] as const;
const STATUS_WORDS = { met: 'Met', missed: 'Missed', excused: 'Excused (leave)', due: 'In progress', upcoming: 'Not started' } as const;

/** The NQSW, anyone who supervises or supervised them in the agreement, PSWs and admins. */
function mayExportAsyeLog(ctx: Ctx, personId: PersonId, agreements: readonly Agreement[]): boolean {
  const me = ctx.me.id;
  if (personId === me || isPsw(ctx.viewer) || isAdmin(ctx.viewer)) return true;
  return agreements.some((a) => a.supervisorId === me || a.professionalSupervisorId === me || a.supervisorHistory.some((t) => t.supervisorId === me));
}

export async function exportAsyeLog(deps: OversightDeps, actor: Actor, command: ExportAsyeLog, now: Instant): Promise<Result<EvidenceFile>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const format = formatOf(command?.format);
  if (format === null) return badFormat();
  const personId = command?.personId ?? ctx.me.id;
  if (typeof personId !== 'string' || personId.trim() === '') return fail('INVALID_INPUT', 'Whose log? Choose a newly qualified social worker.', 'personId');
  const loaded = await ctx.people.load([personId]);
  if (!loaded.ok) return loaded;
  const person = ctx.people.get(personId);
  const listed = await deps.agreements.listForPerson(ctx.tenantId, personId);
  if (!listed.ok) return listed;
  const agreements = listed.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === ctx.tenantId && a.superviseeId === personId && a.nqsw && a.status !== 'draft')
    .sort((x, y) => x.agreementStart.localeCompare(y.agreementStart) || x.id.localeCompare(y.id));
  // The same answer whether the person exists or not, to anyone who may not see their log.
  if (person === undefined || !mayExportAsyeLog(ctx, personId, agreements)) {
    return fail('NOT_AUTHORIZED', 'You can download the ASYE log of yourself or of someone you supervise; the PSW and admins, of anyone.');
  }
  if (agreements.length === 0) return fail('NOT_FOUND', `${person.name} has no early-career (NQSW) supervision agreement.`, 'personId');
  const sessions = await sessionsByAgreement(ctx.deps.sessions, ctx.tenantId, agreements);
  if (!sessions.ok) return sessions;
  const logs = agreements.map((a) => asyeAgreementLog(a, sessions.value.get(a.id) ?? [], ctx.today, ctx.zone));
  const more = await ctx.people.load(
    logs.flatMap((l) => [...l.sessions.map((s) => s.supervisorId), ...l.supervisors.map((s) => s.supervisorId), l.professionalSupervisorId ?? undefined, ...l.asye.extensions.map((x) => x.recordedById)]),
  );
  if (!more.ok) return more;

  const name = (id: PersonId) => ctx.people.ref(id).name;
  const sessionRows = logs.flatMap((l) =>
    l.sessions.map((s): Cell[] => [l.agreementId, s.date, s.start, s.minutes, s.uninterrupted ? 'yes' : 'no', s.qualifying ? 'yes' : 'no', name(s.supervisorId), s.rating]),
  );
  const periodRows = logs.flatMap((l) => l.periods.map((p): Cell[] => [l.agreementId, p.start, p.lastDay, p.phase, STATUS_WORDS[p.status], p.metOn]));
  const audited = await recordAccess(deps, ctx, 'asye-log.export', [personId], { format, count: sessionRows.length }, true);
  if (!audited.ok) return audited;

  const base = `asye-supervision-log_${slug(person.name, 'nqsw')}_${ctx.today}`;
  if (format === 'csv') {
    // One file: the sessions, then the periods, each under its own header row (a "Record" column tells them apart).
    const width = Math.max(ASYE_SESSION_COLUMNS.length, ASYE_PERIOD_COLUMNS.length);
    const pad = (r: readonly Cell[]) => [...r, ...Array<Cell>(width - r.length).fill(null)];
    const rows: Cell[][] = [
      ...sessionRows.map((r) => ['Session', ...pad(r)]),
      ['Record', ...pad([...ASYE_PERIOD_COLUMNS])],
      ...periodRows.map((r) => ['Period', ...pad(r)]),
      ['Record', ...pad(['Agreement', 'Pause from', 'Pause to', 'Days'])],
      ...logs.flatMap((l) => l.pauses.map((p) => ['Pause', ...pad([l.agreementId, p.from, p.to, p.days])])),
      ['Record', ...pad(['Agreement', 'ASYE planned end (12 months from employment start)', 'ASYE current end', 'Extensions'])],
      ...logs.map((l) => ['ASYE', ...pad([l.agreementId, l.asye.plannedEnd, l.asye.currentEnd, l.asye.extensions.length])]),
      ['Record', ...pad(['Agreement', 'Extension recorded on', 'New end', 'Reason', 'Note', 'Recorded by'])],
      ...logs.flatMap((l) => l.asye.extensions.map((x) => ['Extension', ...pad([l.agreementId, x.recordedOn, x.newEnd, ASYE_REASON_LABELS[x.reason], x.note, name(x.recordedById)])])),
    ];
    const file = csvFile(`${base}.csv`, ['Record', ...ASYE_SESSION_COLUMNS], rows);
    return ok({ ...file, rows: sessionRows.length + periodRows.length });
  }
  return ok(
    htmlFile(
      `${base}.html`,
      `ASYE supervision log: ${person.name}`,
      [
        `${ctx.settings.name}. As of ${longDate(ctx.today)}; dates and times in ${ctx.zone} time.`,
        'For the ASYE portfolio: the ASYE\'s planned end (twelve months from employment start) and any extension, supervision sessions held, and each required period (weekly for the first six weeks, fortnightly to six months, then monthly) met, missed or excused.',
      ],
      logs.flatMap((l) => asyeSections(l, name)),
      sessionRows.length + periodRows.length,
    ),
  );
}

function asyeSections(l: AsyeAgreementLog, name: (id: PersonId) => string) {
  const supervisors = l.supervisors.map((s) => `${name(s.supervisorId)} from ${longDate(s.from)}${s.to === null ? '' : ` to ${longDate(s.to)}`}`).join('; ');
  return [
    {
      heading: `Agreement from ${longDate(l.agreementStart)}`,
      facts: [
        ['Employment start', longDate(l.employmentStart)],
        ['Status', l.endedOn === null ? l.status : `ended on ${longDate(l.endedOn)}`],
        ['Supervisors', supervisors],
        ...(l.professionalSupervisorId !== null ? [['Professional supervisor', name(l.professionalSupervisorId)] as [string, string]] : []),
        ['Pauses (leave, sickness)', l.pauses.length === 0 ? 'None' : l.pauses.map((p) => `${longDate(p.from)} to ${longDate(p.to)} (${p.days} days)`).join('; ')],
        ['ASYE planned end', `${longDate(l.asye.plannedEnd)} (12 months from employment start)`],
        ['ASYE extensions', l.asye.extensions.length === 0 ? 'None' : `${l.asye.extensions.length} (listed below)`],
        ['ASYE current end', longDate(l.asye.currentEnd)],
        ['Periods', `${l.totals.met} met, ${l.totals.missed} missed, ${l.totals.excused} excused, ${l.totals.inProgress} in progress`],
        ['Cancelled sessions', String(l.cancelledSessions)],
      ] as [string, string][],
      table: {
        caption: `Sessions held: ${l.sessions.length}`,
        header: ASYE_SESSION_COLUMNS.slice(1),
        rows: l.sessions.map((s): Cell[] => [longDate(s.date), s.start, s.minutes, s.uninterrupted ? 'yes' : 'no', s.qualifying ? 'yes' : 'no', name(s.supervisorId), s.rating]),
      },
    },
    ...(l.asye.extensions.length === 0
      ? []
      : [
          {
            table: {
              caption: 'ASYE extensions',
              header: ['Recorded on', 'New end', 'Reason', 'Note', 'Recorded by'],
              rows: l.asye.extensions.map((x): Cell[] => [longDate(x.recordedOn), longDate(x.newEnd), ASYE_REASON_LABELS[x.reason], x.note, name(x.recordedById)]),
            },
          },
        ]),
    {
      table: {
        caption: 'Required periods',
        header: ASYE_PERIOD_COLUMNS.slice(1),
        rows: l.periods.map((p): Cell[] => [longDate(p.start), longDate(p.lastDay), p.phase, STATUS_WORDS[p.status], p.metOn === null ? null : longDate(p.metOn)]),
      },
    },
  ];
}

// --- CPD draft -------------------------------------------------------------------------------

export interface DraftCpdRecord {
  readonly noteId?: unknown;
}

export async function draftCpdRecord(deps: OversightDeps, actor: Actor, command: DraftCpdRecord, now: Instant): Promise<Result<CpdDraft>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const noteId = command?.noteId;
  if (typeof noteId !== 'string' || noteId.trim() === '') return fail('INVALID_INPUT', 'Which reflective note? Choose one of yours.', 'noteId');
  const got = await deps.notes.get(ctx.tenantId, noteId);
  if (!got.ok) return got;
  const note = got.value?.value;
  // Only the author: a note shared with a supervisor is still the author's CPD, not theirs.
  if (note === undefined || note.tenantId !== ctx.tenantId || note.authorId !== ctx.me.id) {
    return fail('NOT_FOUND', 'That reflective note is not one of yours. A CPD draft can be made only from your own notes.', 'noteId');
  }
  const written = localDateOf(note.createdAt, ctx.zone);
  let peer: { date: LocalDate; supervisorName: string } | null = null;
  let sharedWithName: string | null = null;
  if (note.visibility === 'shared' && note.sharedWithId !== undefined) {
    const loaded = await ctx.people.load([note.sharedWithId]);
    if (!loaded.ok) return loaded;
    sharedWithName = ctx.people.ref(note.sharedWithId).name;
    const agreements = await deps.agreements.listForPerson(ctx.tenantId, ctx.me.id);
    if (!agreements.ok) return agreements;
    const mine = agreements.value.map((v) => v.value).filter((a) => a.tenantId === ctx.tenantId && a.superviseeId === ctx.me.id);
    const sessions = await sessionsByAgreement(ctx.deps.sessions, ctx.tenantId, mine);
    if (!sessions.ok) return sessions;
    const dates = [...sessions.value.values()]
      .flat()
      .filter((s) => s.status === 'held' && s.start !== undefined && s.supervisorId === note.sharedWithId)
      .map((s) => localDateOf(s.start as string, ctx.zone))
      .filter((d) => d >= written && d <= ctx.today)
      .sort();
    if (dates[0] !== undefined) peer = { date: dates[0], supervisorName: sharedWithName };
  }
  const draft = cpdDraft(note, ctx.zone, sharedWithName, peer, longDate);
  const audited = await recordAccess(deps, ctx, 'cpd-draft.export', [], { format: 'text', recordId: note.id }, true);
  if (!audited.ok) return audited;
  return ok(draft);
}

// --- subject access --------------------------------------------------------------------------

export interface ExportPersonForAdmin {
  readonly email?: unknown;
}

/** The CLI's export-person document, for an admin, in the admin's own tenant. */
export async function exportPersonForAdmin(deps: OversightDeps, actor: Actor, command: ExportPersonForAdmin, now: Instant): Promise<Result<EvidenceFile>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  if (!isAdmin(ctx.viewer)) return fail('NOT_AUTHORIZED', 'Only admins can download a subject access export.');
  const r = await exportSubjectAccess(deps, { tenantId: ctx.tenantId, email: typeof command?.email === 'string' ? command.email : '' }, now);
  if (!r.ok) return r;
  const { document, counts } = r.value;
  const audited = await recordAccess(deps, ctx, 'subject-access.export', [document.person.id], { format: 'json', count: counts.agreements + counts.sessions + counts.reflectiveNotes + counts.concernsRaised + counts.concernsHandled }, true);
  if (!audited.ok) return audited;
  return ok({
    fileName: `subject-access_${slug(document.person.name, 'person')}_${ctx.today}.json`,
    contentType: 'application/json; charset=utf-8',
    body: `${JSON.stringify(document, null, 2)}\n`,
    rows: 1,
  });
}
