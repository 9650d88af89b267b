/**
 * The one computation of an agreement's summary and proactive plan, for every caller (the sweep,
 * every change to an agreement or its sessions, the import, the compliance tab and CSV, settings):
 * the organisation's complete settings (withSettingsDefaults), its working calendar
 * (workingCalendarOf) and the sessions that count for the agreement: its own, and those its
 * supervisee already had in its first period under an earlier, ended agreement (continuity.ts).
 */
import { sessionsCarriedOver } from '../domain/continuity';
import type { Agreement, ComplianceSummary, CompleteOrganisationSettings, Instant, OrganisationSettings, Session, TenantId } from '../domain/model';
import { withSettingsDefaults } from '../domain/organisationDefaults';
import { summaryWithProactivePlan, type AgreementPlan } from '../domain/proactivePolicy';
import { ok, type Result } from '../domain/result';
import { workingCalendarOf, type WorkingCalendar } from '../domain/workingCalendar';
import type { AgreementRepository, SessionRepository } from './ports';

export interface Planning {
  readonly settings: CompleteOrganisationSettings;
  readonly calendar: WorkingCalendar;
}

/** The settings with defaults, and the working calendar they name. */
export function planningOf(settings: OrganisationSettings): Planning {
  const complete = withSettingsDefaults(settings);
  return { settings: complete, calendar: workingCalendarOf(complete) };
}

/** The summary (with the policy's nextActionAt) and the plan of `agreement`, given the sessions that count. */
export function planAgreementSummary(
  agreement: Agreement,
  sessions: readonly Session[],
  settings: OrganisationSettings,
  now: Instant,
  acted: boolean,
): { readonly summary: ComplianceSummary; readonly plan: AgreementPlan } {
  const planning = planningOf(settings);
  return summaryWithProactivePlan({ agreement, sessions, settings: planning.settings, calendar: planning.calendar, now, acted });
}

/** `agreement` with its summary as of now (acted: false, see summaryWithProactivePlan). */
export function withSummary(agreement: Agreement, sessions: readonly Session[], settings: OrganisationSettings, now: Instant): Agreement {
  return { ...agreement, summary: planAgreementSummary(agreement, sessions, settings, now, false).summary };
}

/** Each agreement's own sessions, all in one request (tenant and agreement checked again); every agreement has an entry. */
export async function sessionsByAgreement(
  sessions: SessionRepository,
  tenantId: TenantId,
  agreements: readonly Pick<Agreement, 'id'>[],
): Promise<Result<Map<string, Session[]>>> {
  const out = new Map<string, Session[]>(agreements.map((a) => [a.id, []]));
  if (agreements.length === 0) return ok(out);
  const listed = await sessions.listByAgreements(tenantId, agreements.map((a) => a.id));
  if (!listed.ok) return listed;
  for (const { value: s } of listed.value) if (s.tenantId === tenantId) out.get(s.agreementId)?.push(s);
  return ok(out);
}

/**
 * The sessions that count for `agreement`: its own, and the held sessions of the supervisee's
 * earlier ended agreements on or after its start (continuity: a new agreement after an ended one
 * keeps what was already had in the current period).
 */
export async function sessionsThatCount(
  deps: { readonly agreements: AgreementRepository; readonly sessions: SessionRepository },
  tenantId: TenantId,
  agreement: Agreement,
  zone: string,
): Promise<Result<Session[]>> {
  const own = await deps.sessions.listByAgreement(tenantId, agreement.id);
  if (!own.ok) return own;
  const sessions = own.value.map((s) => s.value).filter((s) => s.tenantId === tenantId && s.agreementId === agreement.id);
  const theirs = await deps.agreements.listForPerson(tenantId, agreement.superviseeId);
  if (!theirs.ok) return theirs;
  const earlier = theirs.value
    .map((v) => v.value)
    .filter((a) => a.id !== agreement.id && a.tenantId === tenantId && a.superviseeId === agreement.superviseeId && a.status === 'ended')
    .filter((a) => (a.endedOn ?? a.agreementStart) >= agreement.agreementStart);
  for (const a of earlier) {
    const listed = await deps.sessions.listByAgreement(tenantId, a.id);
    if (!listed.ok) return listed;
    const held = listed.value.map((s) => s.value).filter((s) => s.tenantId === tenantId && s.agreementId === a.id);
    sessions.push(...sessionsCarriedOver(held, agreement.agreementStart, zone));
  }
  return ok(sessions);
}
