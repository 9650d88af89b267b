/**
 * The tab's oversight use cases (issue 11 §3-5), bound to their dependencies like createUseCases:
 * the evidence exports, the audit log, retention settings, ASYE extensions, and the compliance view
 * and export with an audit record of every read of another person's data.
 */
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { RetentionUpdate } from '../domain/retention';
import type { CpdDraft } from '../domain/cpdDraft';
import { exportAuditLog, readAuditLog, recordAccess, type AuditLogView, type OversightDeps, type ReadAuditLog } from './auditTrail';
import type { Actor } from './commands';
import { begin } from './acting';
import type { EvidenceFile } from './documents';
import {
  draftCpdRecord,
  exportAsyeLog,
  exportHealthCheck,
  exportPersonForAdmin,
  type DraftCpdRecord,
  type ExportAsyeLog,
  type ExportHealthCheck,
  type ExportPersonForAdmin,
} from './evidence';
import { exportCompliance, type ComplianceExport, type ExportCompliance } from './exportCompliance';
import { getCompliance, type ComplianceView, type GetCompliance } from './getCompliance';
import type { UseCase } from './index';
import { getRetention, updateRetention, type RetentionView } from './retention';
import {
  getAgreementDetail,
  getTeamFigures,
  recordAsyeExtension,
  type AgreementDetailView,
  type GetAgreementDetail,
  type GetTeamFigures,
  type RecordAsyeExtension,
  type TeamFiguresView,
} from './teamOversight';

export type { OversightDeps } from './auditTrail';

export interface OversightUseCases {
  /** getCompliance, with an audit record when the view holds anyone else's agreements. */
  readonly getCompliance: UseCase<GetCompliance, ComplianceView>;
  /** exportCompliance, with an audit record. */
  readonly exportCompliance: UseCase<ExportCompliance, ComplianceExport>;
  readonly exportHealthCheck: UseCase<ExportHealthCheck, EvidenceFile>;
  readonly exportAsyeLog: UseCase<ExportAsyeLog, EvidenceFile>;
  readonly draftCpdRecord: UseCase<DraftCpdRecord, CpdDraft>;
  readonly exportPersonForAdmin: UseCase<ExportPersonForAdmin, EvidenceFile>;
  readonly readAuditLog: UseCase<ReadAuditLog, AuditLogView>;
  readonly exportAuditLog: UseCase<ReadAuditLog, EvidenceFile>;
  readonly getRetention: UseCase<Record<string, never>, RetentionView>;
  readonly updateRetention: UseCase<RetentionUpdate, RetentionView>;
  readonly getTeamFigures: UseCase<GetTeamFigures, TeamFiguresView>;
  readonly getAgreementDetail: UseCase<GetAgreementDetail, AgreementDetailView>;
  /** The PSW or an admin extends an NQSW's ASYE (audited, never with the note). */
  readonly recordAsyeExtension: UseCase<RecordAsyeExtension, AgreementDetailView>;
}

export async function getComplianceAudited(deps: OversightDeps, actor: Actor, command: GetCompliance, now: Instant): Promise<Result<ComplianceView>> {
  const r = await getCompliance(deps, actor, command, now);
  if (!r.ok) return r;
  const others = r.value.rows.filter((row) => row.relation !== 'own');
  if (others.length === 0) return r;
  const reader = { tenantId: actor.tenantId, me: { id: r.value.viewer.id }, now };
  const audited = await recordAccess(deps, reader, 'compliance.read', others.map((row) => row.supervisee.id), { count: others.length });
  return audited.ok ? r : audited;
}

export async function exportComplianceAudited(deps: OversightDeps, actor: Actor, command: ExportCompliance, now: Instant): Promise<Result<ComplianceExport>> {
  const r = await exportCompliance(deps, actor, command, now);
  if (!r.ok) return r;
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  // The export names agreements, not people: its subjects are every supervisee of the organisation's agreements in the window.
  const agreements = await deps.agreements.listByTenant(started.value.tenantId);
  if (!agreements.ok) return agreements;
  const subjects = agreements.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === started.value.tenantId && a.agreementStart <= r.value.to && (a.status !== 'ended' || a.endedOn === undefined || a.endedOn >= r.value.from))
    .map((a) => a.superviseeId);
  const audited = await recordAccess(deps, started.value, 'compliance.export', subjects, { format: 'csv', from: r.value.from, to: r.value.to, count: r.value.rows }, true);
  return audited.ok ? ok(r.value) : audited;
}

export function createOversightUseCases(deps: OversightDeps): OversightUseCases {
  const bind =
    <Cmd, View>(fn: (deps: OversightDeps, actor: Actor, command: Cmd, now: Instant) => Promise<Result<View>>): UseCase<Cmd, View> =>
    (actor, command) =>
      fn(deps, actor, command, deps.clock.now());
  return {
    getCompliance: bind(getComplianceAudited),
    exportCompliance: bind(exportComplianceAudited),
    exportHealthCheck: bind(exportHealthCheck),
    exportAsyeLog: bind(exportAsyeLog),
    draftCpdRecord: bind(draftCpdRecord),
    exportPersonForAdmin: bind(exportPersonForAdmin),
    readAuditLog: bind(readAuditLog),
    exportAuditLog: bind(exportAuditLog),
    getRetention: bind(getRetention),
    updateRetention: bind(updateRetention),
    getTeamFigures: bind(getTeamFigures),
    getAgreementDetail: bind(getAgreementDetail),
    recordAsyeExtension: bind(recordAsyeExtension),
  };
}
