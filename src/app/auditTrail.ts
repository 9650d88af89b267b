/**
 * The audit trail's use cases (issue 11 §4): writing an access record for every read of another
 * person's data through the tab and every export, and reading and exporting the log (PSWs and
 * admins). A record holds who, what, when and the tenant, never content (src/domain/audit.ts).
 *
 * A read or export whose record cannot be written fails (STORE_UNAVAILABLE) and returns nothing:
 * no one sees data that the trail does not show they saw.
 */
import { DateTime } from 'luxon';
import { AUDIT_ACTION_WORDS, accessRecord, type AccessDetail, type AuditRecord, type PersonAuditAction } from '../domain/audit';
import { isAdmin, isPsw } from '../domain/authorization';
import type { Instant, LocalDate, PersonId, TenantId } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { addDays, checkLocalDate } from '../domain/validation';
import type { Actor } from './commands';
import { begin, type Ctx } from './acting';
import type { UseCaseDeps } from './deps';
import { csvFile, type EvidenceFile } from './documents';
import type { AuditLogRepository, ConversationRepository } from './ports';
import type { PersonRef } from './views';

/** What the oversight use cases need beyond the conversation's: the audit trail, and conversations for the subject access export. */
export interface OversightDeps extends UseCaseDeps {
  readonly audit: AuditLogRepository;
  readonly conversations: ConversationRepository;
}

/** Who read or exported, in which tenant, when (a use case's Ctx is one). */
export interface Reader {
  readonly tenantId: TenantId;
  readonly me: { readonly id: PersonId };
  readonly now: Instant;
}

/**
 * Writes the access record of what `ctx.me` just read or exported. Only people other than them are
 * its subjects; with none, a read is not recorded (their own data) unless `always` (every export is).
 */
export async function recordAccess(
  deps: Pick<OversightDeps, 'audit' | 'ids'>,
  ctx: Reader,
  action: PersonAuditAction,
  subjectIds: Iterable<PersonId>,
  detail: AccessDetail = {},
  always = false,
): Promise<Result<void>> {
  const others = [...subjectIds].filter((id) => id !== ctx.me.id);
  if (others.length === 0 && !always) return ok(undefined);
  const record = accessRecord({ id: `audit-${deps.ids.next()}`, tenantId: ctx.tenantId, at: ctx.now, action, actorId: ctx.me.id, subjectIds: others, detail });
  const saved = await deps.audit.append(record);
  if (!saved.ok) return fail('STORE_UNAVAILABLE', 'This could not be recorded in the audit log just now, so nothing was shown. Please try again in a moment.');
  return ok(undefined);
}

export function mayReadAuditLog(ctx: Ctx): Result<void> {
  return isPsw(ctx.viewer) || isAdmin(ctx.viewer) ? ok(undefined) : fail('NOT_AUTHORIZED', 'Only the Principal Social Worker and admins can see the audit log.');
}

export interface ReadAuditLog {
  /** First day, `YYYY-MM-DD` (default: 30 days before `to`). */
  readonly from?: unknown;
  /** Last day, inclusive (default: today). */
  readonly to?: unknown;
}

export interface AuditLine {
  readonly id: string;
  readonly at: Instant;
  readonly action: AuditRecord['action'];
  readonly what: string;
  /** Who acted; the retention pass acts for the organisation. */
  readonly actor: PersonRef | { readonly id: 'retention-pass'; readonly name: string };
  readonly subjects: readonly PersonRef[];
  readonly moreSubjects: boolean;
  readonly detail: AuditRecord['detail'];
}

export interface AuditLogView {
  readonly organisationName: string;
  readonly zone: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly lines: readonly AuditLine[];
  /** True when the window held more than the view shows (narrow the dates). */
  readonly truncated: boolean;
}

export const AUDIT_VIEW_MAX = 500;
export const AUDIT_EXPORT_MAX = 20_000;
const DEFAULT_DAYS = 30;
const MAX_WINDOW_DAYS = 3 * 366;

function windowOf(command: ReadAuditLog, today: LocalDate): Result<{ from: LocalDate; to: LocalDate }> {
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  let to = today;
  if (given(command.to)) {
    const checked = checkLocalDate(command.to, 'to', 'The last day');
    if (!checked.ok) return checked;
    to = checked.value > today ? today : checked.value;
  }
  let from = addDays(to, -(DEFAULT_DAYS - 1));
  if (given(command.from)) {
    const checked = checkLocalDate(command.from, 'from', 'The first day');
    if (!checked.ok) return checked;
    from = checked.value;
  }
  if (from > to) return fail('INVALID_INPUT', 'The first day must be on or before the last day.', 'from');
  if (from < addDays(to, -MAX_WINDOW_DAYS)) return fail('INVALID_INPUT', 'Choose at most three years at a time.', 'from');
  return ok({ from, to });
}

const startOfDay = (date: LocalDate, zone: string): Instant => DateTime.fromISO(date, { zone }).startOf('day').toUTC().toISO() as Instant;

async function linesIn(deps: OversightDeps, ctx: Ctx, command: ReadAuditLog, max: number) {
  const window = windowOf(command ?? {}, ctx.today);
  if (!window.ok) return window;
  const { from, to } = window.value;
  const listed = await deps.audit.list(ctx.tenantId, { from: startOfDay(from, ctx.zone), to: startOfDay(addDays(to, 1), ctx.zone), max: max + 1 });
  if (!listed.ok) return listed;
  const records = listed.value.filter((r) => r.tenantId === ctx.tenantId);
  const shown = records.slice(0, max);
  const loaded = await ctx.people.load(shown.flatMap((r) => (r.kind === 'access' ? [r.actorId, ...r.subjectIds] : [])));
  if (!loaded.ok) return loaded;
  const lines: AuditLine[] = shown.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    what: AUDIT_ACTION_WORDS[r.action],
    actor: r.kind === 'access' ? ctx.people.ref(r.actorId) : { id: 'retention-pass', name: 'The retention pass' },
    subjects: r.kind === 'access' ? r.subjectIds.map((id) => ctx.people.ref(id)) : [],
    moreSubjects: r.kind === 'access' && r.moreSubjects === true,
    detail: r.detail,
  }));
  return ok({ from, to, lines, truncated: records.length > max });
}

export async function readAuditLog(deps: OversightDeps, actor: Actor, command: ReadAuditLog, now: Instant): Promise<Result<AuditLogView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = mayReadAuditLog(ctx);
  if (!allowed.ok) return allowed;
  const got = await linesIn(deps, ctx, command, AUDIT_VIEW_MAX);
  if (!got.ok) return got;
  const { from, to, lines, truncated } = got.value;
  const audited = await recordAccess(deps, ctx, 'audit-log.read', actorsOf(lines), { from, to, count: lines.length });
  if (!audited.ok) return audited;
  return ok({ organisationName: ctx.settings.name, zone: ctx.zone, from, to, lines, truncated });
}

const actorsOf = (lines: readonly AuditLine[]): PersonId[] => lines.flatMap((l) => (l.actor.id === 'retention-pass' ? [] : [l.actor.id]));

export const AUDIT_COLUMNS = [
  'When (UTC)',
  'Who',
  'Who (id)',
  'What',
  'Action code',
  'Whose data',
  'Whose data (ids)',
  'Format',
  'From',
  'To',
  'Rows',
  'Record type',
  'Record id',
  'Kept from',
  'Expired on',
  'Created on',
] as const;

export async function exportAuditLog(deps: OversightDeps, actor: Actor, command: ReadAuditLog, now: Instant): Promise<Result<EvidenceFile>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = mayReadAuditLog(ctx);
  if (!allowed.ok) return allowed;
  const got = await linesIn(deps, ctx, command, AUDIT_EXPORT_MAX);
  if (!got.ok) return got;
  const { from, to, lines, truncated } = got.value;
  if (truncated) return fail('INVALID_INPUT', `More than ${AUDIT_EXPORT_MAX} records in those dates: choose fewer days.`, 'from');
  const rows = lines.map((l) => {
    const d = l.detail;
    const deletion = 'recordType' in d ? d : null;
    const access = 'recordType' in d ? null : d;
    return [
      l.at,
      l.actor.name,
      l.actor.id,
      l.what,
      l.action,
      l.subjects.map((s) => s.name).join('; ') + (l.moreSubjects ? '; and others' : ''),
      l.subjects.map((s) => s.id).join('; '),
      access?.format ?? null,
      access?.from ?? null,
      access?.to ?? null,
      access?.count ?? null,
      deletion?.recordType ?? null,
      deletion?.recordId ?? access?.recordId ?? null,
      deletion?.countedFrom ?? null,
      deletion?.expiredOn ?? null,
      deletion?.createdOn ?? null,
    ];
  });
  const audited = await recordAccess(deps, ctx, 'audit-log.export', actorsOf(lines), { format: 'csv', from, to, count: rows.length }, true);
  if (!audited.ok) return audited;
  return ok(csvFile(`supervision-audit-log_${from}_to_${to}.csv`, AUDIT_COLUMNS, rows));
}
