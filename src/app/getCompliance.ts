/**
 * The compliance tab (SPEC item 6; Standard 5: the employer "monitors actual frequency and quality of
 * supervision"): one row per agreement the viewer may see, with where it stands today.
 *
 * Who sees what (decided from the actor's stored Person and the organisation's settings only):
 * - a PSW or an admin: every agreement of the organisation (`scope: 'organisation'`);
 * - anyone else: the agreements they supervise (as supervisor or professional supervisor) and
 *   their own as supervisee (`scope: 'personal'`); a supervisor never sees another's supervisees;
 * - only the tenant's records; ended agreements are left out (they are in the export).
 * No note, concern, agenda, action, cancel reason or rating comment is read into the view.
 *
 * Figures come from each agreement's stored compliance summary (src/domain/compliance.ts), never
 * from its session history. A summary is recomputed with every session and agreement change (and
 * by the reminder sweep), so when nothing changed since `evaluatedOn` it is brought forward to today
 * by `summaryAsOf` below, exactly: the qualifying sessions are still those it was computed from (a
 * held session cannot start in the future, and recording one refreshes the summary), so every
 * period from the one due by its `nextDueBy` onwards has none, and only pauses can excuse it (a
 * period wholly in leave is skipped by `nextDueBy` and counts as excused once it has started). The
 * periods after `evaluatedOn` are evaluated by the cadence engine itself (`evaluateCadenceFrom`), so
 * the tab can never count them differently from `summarize`. Only an agreement whose summary cannot
 * be brought forward (never summarised, paused to the end of the calendar, or saved on a later day
 * than today) is recomputed from its sessions, without saving.
 *
 * Standing today (the words the tab shows):
 * - `overdue`: a required period ended without a qualifying session and no period has been met
 *   since (`overdueSince` is the first day it was overdue);
 * - `due`: the period due by `nextDueBy` has started and has no qualifying session yet;
 * - `on-track`: the current period is met (or excused) and the next has not started;
 * - `paused` (leave, sickness) and `not-agreed` (a draft) whatever the figures say.
 */
import { maySeeCompliance, maySeeDelivery } from '../domain/authorization';
import { evaluateCadenceFrom } from '../domain/cadence';
import type { Agreement, AgreementStatus, ComplianceSummary, Instant, LocalDate, Role } from '../domain/model';
import { ok, type Result } from '../domain/result';
import { addDays } from '../domain/validation';
import type { Actor } from './commands';
import { begin, type Ctx } from './acting';
import type { UseCaseDeps } from './deps';
import { sessionsThatCount, withSummary } from './proactivePlanning';
import type { PersonRef } from './views';

/** No input: what the viewer sees follows from who they are. */
export type GetCompliance = Record<string, never>;

export type Standing = 'overdue' | 'due' | 'on-track' | 'paused' | 'not-agreed';

/** How the viewer relates to a row: their own supervision, someone they supervise, or oversight. */
export type Relation = 'own' | 'supervising' | 'organisation';

export interface ComplianceRow {
  readonly agreementId: string;
  readonly relation: Relation;
  readonly supervisee: PersonRef;
  readonly team: string | null;
  readonly supervisor: PersonRef;
  readonly professionalSupervisor: PersonRef | null;
  readonly nqsw: boolean;
  readonly agreementStatus: AgreementStatus;
  readonly standing: Standing;
  /** The last day of the earliest period still to be met. */
  readonly nextDueBy: LocalDate | null;
  /** The first day of that period. */
  readonly periodStart: LocalDate | null;
  readonly overdueSince: LocalDate | null;
  readonly lastSessionOn: LocalDate | null;
  /** Required periods so far: met, missed, excused (leave). */
  readonly met: number;
  readonly missed: number;
  readonly excused: number;
  /** Held sessions that did not qualify: under 90 minutes or interrupted. */
  readonly short: number;
  /** Sessions the supervisee rated, and their mean score (1-5, one decimal); null when none. */
  readonly rated: number;
  readonly averageRating: number | null;
}

export interface ComplianceTotals {
  readonly agreements: number;
  readonly overdue: number;
  readonly due: number;
  readonly onTrack: number;
  readonly paused: number;
  readonly notAgreed: number;
}

export interface ComplianceView {
  readonly organisationName: string;
  /** Every date in the view is a calendar date in this zone. */
  readonly zone: string;
  readonly today: LocalDate;
  readonly viewer: PersonRef & { readonly roles: readonly Role[] };
  readonly scope: 'organisation' | 'personal';
  /** The health-check export (exportCompliance): PSWs and admins. */
  readonly canExport: boolean;
  /** The delivery report (getDeliveryReport): admins. The page asks for it only then. */
  readonly canSeeDelivery: boolean;
  /** Overdue first (longest overdue first), then due (soonest first), on track, paused, not agreed. */
  readonly rows: readonly ComplianceRow[];
  readonly totals: ComplianceTotals;
}

/** The figures of a summary that change with the date. */
export interface SummaryToday {
  readonly nextDueBy: LocalDate | null;
  readonly periodStart: LocalDate | null;
  readonly met: number;
  readonly missed: number;
  readonly excused: number;
  readonly overdueSince: LocalDate | null;
}

/**
 * The stored summary of an agreement brought forward from its `evaluatedOn` (E) to `today` (T), with
 * the start of the period due by `nextDueBy`; exact (see the module comment). The periods after E are
 * evaluated by the cadence engine itself (`evaluateCadenceFrom`) on the stored agreement with no
 * sessions, which is what they have:
 * - the period due by the stored `nextDueBy` (P) and every later one: missed or excused as the engine
 *   says on T, and the next one due;
 * - the periods before P that had not started by E: `nextDueBy` skipped them, so they are wholly in
 *   leave, and each counts as excused once it has started.
 * Null when it cannot be done: an ended agreement (nothing is due), a summary never computed, one
 * from a later day than `today`, or one that does not fit the agreement's schedule; the caller then
 * recomputes it from the sessions.
 */
export function summaryAsOf(agreement: Agreement, today: LocalDate): SummaryToday | null {
  const s = agreement.summary;
  if (agreement.status === 'ended' || s.nextDueBy === null || today < s.evaluatedOn || s.nextDueBy < s.evaluatedOn) return null;
  const schedule = {
    employmentStart: agreement.employmentStart,
    agreementStart: agreement.agreementStart,
    nqsw: agreement.nqsw,
    pauses: agreement.pauses,
    ...(agreement.stricterCadence !== undefined ? { stricterCadence: agreement.stricterCadence } : {}),
    sessions: [],
    today,
  };
  const tomorrow = addDays(today, 1);
  const onward = evaluateCadenceFrom({ ...schedule, from: s.nextDueBy, until: s.nextDueBy < today ? tomorrow : addDays(s.nextDueBy, 1) });
  const due = onward.periods[0];
  // P must be a period of this schedule that was due or upcoming on E (then it is not in leave).
  if (due === undefined || due.end !== addDays(s.nextDueBy, 1) || due.status === 'excused') return null;

  let { missed, excused, overdueSince } = s;
  const afterE = addDays(s.evaluatedOn, 1);
  if (due.start > afterE && today >= afterE) {
    const before = evaluateCadenceFrom({ ...schedule, from: afterE, until: due.start < tomorrow ? due.start : tomorrow });
    for (const p of before.periods) {
      if (p.start <= s.evaluatedOn) continue; // counted in the stored summary
      if (p.status !== 'excused') return null; // nextDueBy would not have skipped it: the summary does not fit
      excused++;
    }
  }
  for (const p of onward.periods) {
    if (p.status === 'missed') {
      missed++;
      overdueSince ??= p.end;
    } else if (p.status === 'excused' && p.start <= today) {
      excused++;
    }
  }
  const next = onward.nextDue;
  return { nextDueBy: next === null ? null : addDays(next.end, -1), periodStart: next?.start ?? null, met: s.met, missed, excused, overdueSince };
}

export function standingOf(status: AgreementStatus, today: LocalDate, figures: SummaryToday): Standing {
  if (status === 'draft') return 'not-agreed';
  if (status === 'paused') return 'paused';
  if (figures.overdueSince !== null) return 'overdue';
  if (figures.periodStart !== null && figures.periodStart <= today) return 'due';
  return 'on-track';
}

export function averageRating(summary: ComplianceSummary): number | null {
  const rated = summary.rated ?? 0;
  if (rated === 0 || summary.ratingTotal === undefined) return null;
  return Math.round((summary.ratingTotal / rated) * 10) / 10;
}

const STANDING_ORDER: Readonly<Record<Standing, number>> = { overdue: 0, due: 1, 'on-track': 2, paused: 3, 'not-agreed': 4 };

/** The agreements the viewer may see in the tab, and how they relate to each. */
export async function visibleAgreements(ctx: Ctx, includeEnded: boolean): Promise<Result<{ agreements: Agreement[]; scope: ComplianceView['scope'] }>> {
  const { deps, tenantId, me, viewer } = ctx;
  const organisation = maySeeCompliance(viewer).ok;
  const listed = organisation ? await deps.agreements.listByTenant(tenantId) : await deps.agreements.listForPerson(tenantId, me.id);
  if (!listed.ok) return listed;
  const agreements = listed.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === tenantId && (includeEnded || a.status !== 'ended'))
    .filter((a) => organisation || a.superviseeId === me.id || a.supervisorId === me.id || a.professionalSupervisorId === me.id);
  return ok({ agreements, scope: organisation ? 'organisation' : 'personal' });
}

/**
 * Today's figures of one agreement: its summary brought forward, or recomputed from its sessions
 * when that cannot be done (see summaryAsOf).
 */
export async function figuresToday(ctx: Ctx, a: Agreement): Promise<Result<{ figures: SummaryToday; summary: ComplianceSummary }>> {
  const forward = summaryAsOf(a, ctx.today);
  if (forward !== null) return ok({ figures: forward, summary: a.summary });
  const sessions = await sessionsThatCount(ctx.deps, ctx.tenantId, a, ctx.zone);
  if (!sessions.ok) return sessions;
  const summary = withSummary(a, sessions.value, ctx.settings, ctx.now).summary;
  const recomputed = summaryAsOf({ ...a, summary }, ctx.today);
  return ok({
    summary,
    figures: recomputed ?? {
      nextDueBy: summary.nextDueBy,
      periodStart: null,
      met: summary.met,
      missed: summary.missed,
      excused: summary.excused,
      overdueSince: summary.overdueSince,
    },
  });
}

export async function getCompliance(deps: UseCaseDeps, actor: Actor, _command: GetCompliance, now: Instant): Promise<Result<ComplianceView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const { me, people, viewer, today } = ctx;

  const visible = await visibleAgreements(ctx, false);
  if (!visible.ok) return visible;
  const { agreements, scope } = visible.value;
  const loaded = await people.load(agreements.flatMap((a) => [a.superviseeId, a.supervisorId, a.professionalSupervisorId]));
  if (!loaded.ok) return loaded;

  const rows: ComplianceRow[] = [];
  for (const a of agreements) {
    const got = await figuresToday(ctx, a);
    if (!got.ok) return got;
    const { figures, summary } = got.value;
    const relation: Relation =
      a.superviseeId === me.id ? 'own' : a.supervisorId === me.id || a.professionalSupervisorId === me.id ? 'supervising' : 'organisation';
    rows.push({
      agreementId: a.id,
      relation,
      supervisee: people.ref(a.superviseeId),
      team: people.get(a.superviseeId)?.team ?? null,
      supervisor: people.ref(a.supervisorId),
      professionalSupervisor: a.professionalSupervisorId === undefined ? null : people.ref(a.professionalSupervisorId),
      nqsw: a.nqsw,
      agreementStatus: a.status,
      standing: standingOf(a.status, today, figures),
      nextDueBy: figures.nextDueBy,
      periodStart: figures.periodStart,
      overdueSince: figures.overdueSince,
      lastSessionOn: summary.lastSessionOn,
      met: figures.met,
      missed: figures.missed,
      excused: figures.excused,
      short: summary.short,
      rated: summary.rated ?? 0,
      averageRating: averageRating(summary),
    });
  }
  rows.sort(compareRows);

  const count = (s: Standing) => rows.filter((r) => r.standing === s).length;
  return ok({
    organisationName: ctx.settings.name,
    zone: ctx.zone,
    today,
    viewer: { id: me.id, name: me.name, roles: me.roles },
    scope,
    canExport: scope === 'organisation',
    canSeeDelivery: maySeeDelivery(ctx.viewer).ok,
    rows,
    totals: {
      agreements: rows.length,
      overdue: count('overdue'),
      due: count('due'),
      onTrack: count('on-track'),
      paused: count('paused'),
      notAgreed: count('not-agreed'),
    },
  });
}

function compareRows(x: ComplianceRow, y: ComplianceRow): number {
  const byStanding = STANDING_ORDER[x.standing] - STANDING_ORDER[y.standing];
  if (byStanding !== 0) return byStanding;
  const date = (r: ComplianceRow) => (r.standing === 'overdue' ? r.overdueSince : r.nextDueBy) ?? '9999-12-31';
  const byDate = date(x).localeCompare(date(y));
  if (byDate !== 0) return byDate;
  return x.supervisee.name.localeCompare(y.supervisee.name, 'en-GB') || x.agreementId.localeCompare(y.agreementId);
}
