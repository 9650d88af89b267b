/**
 * The tab's views by role beyond the agreement list (issue 11 §2), decided on the server from the
 * signed-in person's stored record:
 * - getTeamFigures (PSW and admins): over the twelve months to this month, by team and by NQSW or
 *   experienced: periods required, met, missed and excused, frequency met (%), sessions under 90
 *   minutes or interrupted, and the average quality; and a monthly trend of the same figures for
 *   every team together. Filtered by team and by supervisor (the agreement's current supervisor).
 *   The figures are the health check's (src/domain/healthCheck.ts), so the tab and the export agree.
 * - getAgreementDetail: one agreement's required periods with their status, its sessions (date,
 *   minutes, uninterrupted, rating score), and for an NQSW the ASYE's end and extensions, for its
 *   supervisee, its supervisors, the PSW and admins.
 * - recordAsyeExtension (PSW and admins): an NQSW's ASYE now ends later (absence, the assessment),
 *   saved under the agreement's ETag, recorded in the audit log (never the note's text), and the
 *   NQSW and their supervisor sent the agreement card with the new end.
 * Neither ever reads a note's or a concern's text; a rating's comment is not read either. Every
 * read of another person's data is recorded in the audit log, and fails when it cannot be.
 */
import { extendAsye } from '../domain/agreement';
import { asyeAgreementLog } from '../domain/asyeLog';
import { isAdmin, isPsw, mayRecordAsyeExtension, mayRecordAsyeExtensions, maySeeCompliance } from '../domain/authorization';
import { ALL_TEAMS, healthCheckFigures, lastDayOfMonth, NO_TEAM, twelveMonthsTo, type HealthCheckAgreement, type HealthCheckRow, type Month } from '../domain/healthCheck';
import type { Agreement, AgreementStatus, AsyeExtensionReason, Instant, LocalDate, PersonId } from '../domain/model';
import { compareTeams } from '../domain/pswDigest';
import { fail, ok, type Result } from '../domain/result';
import { recordAccess, type OversightDeps } from './auditTrail';
import type { Actor } from './commands';
import { sessionsByAgreement } from './proactivePlanning';
import { begin, type Ctx } from './acting';
import { changeAgreementNotices } from './agreementNotices';
import { tellAboutAgreement } from './agreementSupport';
import { updateAgreement } from './summaryUpkeep';
import type { PersonRef } from './views';

export interface GetTeamFigures {
  readonly team?: unknown;
  readonly supervisorId?: unknown;
}

/** The health check's figures for one group over the months asked for. */
export type GroupFigures = { readonly label: string } & Pick<
  HealthCheckRow,
  'required' | 'met' | 'missed' | 'excused' | 'frequencyMet' | 'sessionsHeld' | 'short' | 'rated' | 'averageQuality'
>;

export interface TrendMonth extends GroupFigures {
  readonly month: Month;
}

export interface TeamFiguresView {
  readonly today: LocalDate;
  readonly zone: string;
  readonly fromMonth: Month;
  readonly toMonth: Month;
  /** What the figures are filtered by (null: everyone). */
  readonly team: string | null;
  readonly supervisor: PersonRef | null;
  /** What may be chosen. */
  readonly teams: readonly string[];
  readonly supervisors: readonly PersonRef[];
  readonly byTeam: readonly GroupFigures[];
  readonly byExperience: readonly GroupFigures[];
  readonly trend: readonly TrendMonth[];
}

export const NQSW_LABEL = 'NQSW (newly qualified)';
export const EXPERIENCED_LABEL = 'Experienced';

function sum(label: string, rows: readonly HealthCheckRow[]): GroupFigures {
  let required = 0, met = 0, missed = 0, excused = 0, sessionsHeld = 0, short = 0, rated = 0, ratingTotal = 0;
  for (const r of rows) {
    required += r.required;
    met += r.met;
    missed += r.missed;
    excused += r.excused;
    sessionsHeld += r.sessionsHeld;
    short += r.short;
    rated += r.rated;
    ratingTotal += (r.averageQuality ?? 0) * r.rated;
  }
  return {
    label,
    required,
    met,
    missed,
    excused,
    frequencyMet: required === 0 ? null : Math.round((met / required) * 100),
    sessionsHeld,
    short,
    rated,
    averageQuality: rated === 0 ? null : Math.round((ratingTotal / rated) * 10) / 10,
  };
}

export async function getTeamFigures(deps: OversightDeps, actor: Actor, command: GetTeamFigures, now: Instant): Promise<Result<TeamFiguresView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  if (!maySeeCompliance(ctx.viewer).ok) return fail('NOT_AUTHORIZED', 'Only the Principal Social Worker and admins can see the figures by team.');
  const team = typeof command?.team === 'string' && command.team !== '' ? command.team : null;
  const supervisorId = typeof command?.supervisorId === 'string' && command.supervisorId !== '' ? command.supervisorId : null;

  const toMonth = ctx.today.slice(0, 7);
  const fromMonth = twelveMonthsTo(toMonth);
  const first = `${fromMonth}-01`;
  const listed = await deps.agreements.listByTenant(ctx.tenantId);
  if (!listed.ok) return listed;
  const all = listed.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === ctx.tenantId && a.status !== 'draft' && a.agreementStart <= lastDayOfMonth(toMonth) && (a.status !== 'ended' || a.endedOn === undefined || a.endedOn >= first));
  const loaded = await ctx.people.load(all.flatMap((a) => [a.superviseeId, a.supervisorId]));
  if (!loaded.ok) return loaded;
  const teamOf = (a: Agreement) => ctx.people.get(a.superviseeId)?.team ?? null;
  const teams = [...new Set(all.map((a) => teamOf(a) ?? NO_TEAM))].sort(compareTeams);
  const supervisors = [...new Set(all.map((a) => a.supervisorId))].map((id) => ctx.people.ref(id)).sort((x, y) => x.name.localeCompare(y.name, 'en-GB'));
  if (team !== null && !teams.includes(team)) return fail('INVALID_INPUT', 'Choose one of the teams listed.', 'team');
  if (supervisorId !== null && !supervisors.some((s) => s.id === supervisorId)) return fail('INVALID_INPUT', 'Choose one of the supervisors listed.', 'supervisorId');

  const chosen = all.filter((a) => (team === null || (teamOf(a) ?? NO_TEAM) === team) && (supervisorId === null || a.supervisorId === supervisorId));
  const sessions = await sessionsByAgreement(ctx.deps.sessions, ctx.tenantId, chosen);
  if (!sessions.ok) return sessions;
  const figures = (group: (a: Agreement) => string | null): HealthCheckRow[] =>
    healthCheckFigures({
      zone: ctx.zone,
      today: ctx.today,
      fromMonth,
      toMonth,
      agreements: chosen.map((a): HealthCheckAgreement => ({ agreement: a, sessions: sessions.value.get(a.id) ?? [], team: group(a) })),
    });
  const byTeamRows = figures(teamOf);
  const byExperienceRows = figures((a) => (a.nqsw ? NQSW_LABEL : EXPERIENCED_LABEL));
  const groups = (rows: HealthCheckRow[]) => [...new Set(rows.map((r) => r.team))].map((g) => sum(g, rows.filter((r) => r.team === g)));

  const audited = await recordAccess(deps, ctx, 'compliance.read', chosen.map((a) => a.superviseeId), { from: first, to: ctx.today, count: chosen.length });
  if (!audited.ok) return audited;
  return ok({
    today: ctx.today,
    zone: ctx.zone,
    fromMonth,
    toMonth,
    team,
    supervisor: supervisorId === null ? null : ctx.people.ref(supervisorId),
    teams,
    supervisors,
    byTeam: groups(byTeamRows),
    byExperience: [NQSW_LABEL, EXPERIENCED_LABEL, ALL_TEAMS].flatMap((label) => groups(byExperienceRows).filter((g) => g.label === label)),
    trend: byTeamRows.filter((r) => r.team === ALL_TEAMS).map((r) => ({ ...sum(r.month, [r]), month: r.month })),
  });
}

// --- one agreement ---------------------------------------------------------------------------

export interface GetAgreementDetail {
  readonly agreementId?: unknown;
}

export interface AgreementDetailView {
  readonly agreementId: string;
  readonly zone: string;
  readonly today: LocalDate;
  readonly supervisee: PersonRef;
  readonly supervisor: PersonRef;
  readonly team: string | null;
  readonly nqsw: boolean;
  readonly status: AgreementStatus;
  readonly agreementStart: LocalDate;
  /** Newest first. */
  readonly periods: readonly { readonly start: LocalDate; readonly lastDay: LocalDate; readonly status: 'met' | 'missed' | 'excused' | 'due' | 'upcoming'; readonly metOn: LocalDate | null }[];
  /** Held sessions, newest first; the rating's score only, never its comment. */
  readonly sessions: readonly { readonly date: LocalDate; readonly minutes: number; readonly uninterrupted: boolean; readonly qualifying: boolean; readonly supervisor: PersonRef; readonly rating: number | null }[];
  readonly totals: { readonly met: number; readonly missed: number; readonly excused: number };
  /** An NQSW's ASYE: twelve months to `plannedEnd`, each extension oldest first, and the end it runs to now; null for anyone else. */
  readonly asye: {
    readonly plannedEnd: LocalDate;
    readonly currentEnd: LocalDate;
    readonly extensions: readonly { readonly recordedOn: LocalDate; readonly newEnd: LocalDate; readonly reason: AsyeExtensionReason; readonly note: string | null; readonly recordedBy: PersonRef }[];
  } | null;
  /** The viewer may record an extension (the PSW or an admin, an NQSW's agreement that has not ended). */
  readonly canRecordAsyeExtension: boolean;
}

/** The supervisee, anyone who supervises or supervised them in it, the PSW and admins. */
function maySeeAgreement(ctx: Ctx, a: Agreement): boolean {
  const me = ctx.me.id;
  if (a.superviseeId === me || a.supervisorId === me || a.professionalSupervisorId === me) return true;
  if (isPsw(ctx.viewer) || isAdmin(ctx.viewer)) return true;
  return a.supervisorHistory.some((t) => t.supervisorId === me);
}

export async function getAgreementDetail(deps: OversightDeps, actor: Actor, command: GetAgreementDetail, now: Instant): Promise<Result<AgreementDetailView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const id = command?.agreementId;
  if (typeof id !== 'string' || id === '') return fail('INVALID_INPUT', 'Which agreement? Choose one from the list.', 'agreementId');
  const got = await deps.agreements.get(ctx.tenantId, id);
  if (!got.ok) return got;
  const a = got.value?.value;
  // The same answer whether it exists or not, to anyone who may not see it.
  if (a === undefined || a.tenantId !== ctx.tenantId || a.status === 'draft' || !maySeeAgreement(ctx, a)) {
    return fail('NOT_FOUND', 'That agreement is not one you can see.', 'agreementId');
  }
  const detail = await detailOf(ctx, a);
  if (!detail.ok) return detail;
  const audited = await recordAccess(deps, ctx, 'compliance.read', [a.superviseeId], { recordId: a.id, count: detail.value.sessions.length });
  return audited.ok ? detail : audited;
}

/** One agreement as the drill-down shows it to `ctx.me` (who may see it: checked by the caller). */
async function detailOf(ctx: Ctx, a: Agreement): Promise<Result<AgreementDetailView>> {
  const sessions = await sessionsByAgreement(ctx.deps.sessions, ctx.tenantId, [a]);
  if (!sessions.ok) return sessions;
  const log = asyeAgreementLog(a, sessions.value.get(a.id) ?? [], ctx.today, ctx.zone);
  const loaded = await ctx.people.load([a.superviseeId, a.supervisorId, ...log.sessions.map((s) => s.supervisorId), ...log.asye.extensions.map((x) => x.recordedById)]);
  if (!loaded.ok) return loaded;
  const ref = (p: PersonId) => ctx.people.ref(p);
  return ok({
    agreementId: a.id,
    zone: ctx.zone,
    today: ctx.today,
    supervisee: ref(a.superviseeId),
    supervisor: ref(a.supervisorId),
    team: ctx.people.get(a.superviseeId)?.team ?? null,
    nqsw: a.nqsw,
    status: a.status,
    agreementStart: a.agreementStart,
    periods: log.periods.filter((p) => p.start <= ctx.today).map((p) => ({ start: p.start, lastDay: p.lastDay, status: p.status, metOn: p.metOn })).reverse(),
    sessions: log.sessions
      .map((s) => ({ date: s.date, minutes: s.minutes, uninterrupted: s.uninterrupted, qualifying: s.qualifying, supervisor: ref(s.supervisorId), rating: s.rating }))
      .reverse(),
    totals: { met: log.totals.met, missed: log.totals.missed, excused: log.totals.excused },
    asye: a.nqsw
      ? {
          plannedEnd: log.asye.plannedEnd,
          currentEnd: log.asye.currentEnd,
          extensions: log.asye.extensions.map(({ recordedById, ...x }) => ({ ...x, recordedBy: ref(recordedById) })),
        }
      : null,
    canRecordAsyeExtension: a.nqsw && a.status !== 'ended' && mayRecordAsyeExtension(ctx.viewer, a).ok,
  });
}

// --- an ASYE extension -----------------------------------------------------------------------

export interface RecordAsyeExtension {
  readonly agreementId?: unknown;
  /** `YYYY-MM-DD`, after the ASYE's current end. */
  readonly newEnd?: unknown;
  readonly reason?: unknown;
  /** Optional, at most 200 characters: a portfolio fact. Never logged or audited. */
  readonly note?: unknown;
}

/**
 * The PSW or an admin records that an NQSW's ASYE now ends later. Answers with the agreement as the
 * drill-down shows it. Pressed twice, it is recorded (and audited) once.
 */
export async function recordAsyeExtension(deps: OversightDeps, actor: Actor, command: RecordAsyeExtension, now: Instant): Promise<Result<AgreementDetailView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  // Decided before reading the agreement: nobody else learns whether it exists.
  const mayRecord = mayRecordAsyeExtensions(ctx.viewer);
  if (!mayRecord.ok) return mayRecord;
  const saved = await updateAgreement(ctx, command?.agreementId, (current) => {
    const allowed = mayRecordAsyeExtension(ctx.viewer, current);
    if (!allowed.ok) return allowed;
    return extendAsye(current, { newEnd: command.newEnd, reason: command.reason, note: command.note, by: ctx.me.id }, ctx.today, now);
  });
  if (!saved.ok) return saved;
  const a = saved.value.value.value;
  if (saved.value.changed) {
    // Which agreement, never the note.
    const audited = await recordAccess(deps, ctx, 'asye-extension.record', [a.superviseeId], { recordId: a.id }, true);
    if (!audited.ok) return audited;
    // The NQSW and their supervisor see the new end on the agreement card (its reason, never the note).
    // As for every action, the person who recorded it is not sent a copy: they see it in the tab.
    await tellAboutAgreement(ctx, a, changeAgreementNotices.asyeExtended(a));
  }
  return detailOf(ctx, a);
}
