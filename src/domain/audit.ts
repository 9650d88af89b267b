/**
 * The audit trail (issue 11 §4): who read or exported whose data, and what the retention pass
 * deleted. A record says who, what, when and in which tenant, and never the content: no note or
 * concern text, no names beyond the actor's own, no figures from what was read.
 *
 * Records are written by the use cases (src/app/oversight.ts, src/app/runRetentionPass.ts) and are
 * never changed or deleted by the app.
 */
import type { Instant, LocalDate, PersonId, TenantId } from './model';

/** Reads of other people's data and every export, by the signed-in person. */
export type PersonAuditAction =
  | 'compliance.read'
  | 'compliance.export'
  | 'health-check.export'
  | 'asye-log.export'
  | 'cpd-draft.export'
  | 'subject-access.export'
  | 'audit-log.read'
  | 'audit-log.export'
  | 'retention.read'
  | 'retention.update'
  | 'asye-extension.record';

export type ExportFormat = 'csv' | 'html' | 'json' | 'text';

/** What was read or exported: the kind and its bounds, never the content. */
export interface AccessDetail {
  readonly format?: ExportFormat;
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /** Rows or records in what was read or exported. */
  readonly count?: number;
  /** The record read or changed (a note's id for a CPD draft, an agreement's for an ASYE extension). */
  readonly recordId?: string;
}

/** The kinds of record the retention pass deletes (see retention.ts). */
export type RetainedRecordType = 'agreement' | 'session' | 'note' | 'concern';

export interface DeletionDetail {
  readonly recordType: RetainedRecordType;
  readonly recordId: string;
  /** The date the retention period counts from: the agreement's end, the concern's resolution. */
  readonly countedFrom: LocalDate;
  /** The first day the record could be deleted. */
  readonly expiredOn: LocalDate;
  /** When the record was first made. */
  readonly createdOn: LocalDate;
}

interface AuditBase {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly at: Instant;
}

export type AuditRecord =
  | (AuditBase & {
      readonly kind: 'access';
      readonly action: PersonAuditAction;
      /** Who acted: their person id (the stored Person the verified token resolved to). */
      readonly actorId: PersonId;
      /** Whose data: the people whose records were read or exported (capped at MAX_SUBJECTS). */
      readonly subjectIds: readonly PersonId[];
      /** True when more people than MAX_SUBJECTS were in it (an organisation-wide read). */
      readonly moreSubjects?: boolean;
      readonly detail: AccessDetail;
    })
  | (AuditBase & {
      readonly kind: 'deletion';
      readonly action: 'retention.delete';
      /** The retention pass acts for the organisation, not for a person. */
      readonly actorId: 'retention-pass';
      readonly detail: DeletionDetail;
    });

export type AccessRecord = Extract<AuditRecord, { kind: 'access' }>;
export type DeletionRecord = Extract<AuditRecord, { kind: 'deletion' }>;

/** Enough to say whose data an organisation-wide read touched, without an unbounded record. */
export const MAX_SUBJECTS = 2_000;

export function accessRecord(input: {
  id: string;
  tenantId: TenantId;
  at: Instant;
  action: PersonAuditAction;
  actorId: PersonId;
  subjectIds: Iterable<PersonId>;
  detail?: AccessDetail;
}): AccessRecord {
  const subjects = [...new Set(input.subjectIds)].sort();
  return {
    id: input.id,
    tenantId: input.tenantId,
    at: input.at,
    kind: 'access',
    action: input.action,
    actorId: input.actorId,
    subjectIds: subjects.slice(0, MAX_SUBJECTS),
    ...(subjects.length > MAX_SUBJECTS ? { moreSubjects: true } : {}),
    detail: input.detail ?? {},
  };
}

/** The deletion record's id is derived from what was deleted, so a pass repeated after a failure records it once. */
export function deletionRecord(tenantId: TenantId, at: Instant, detail: DeletionDetail): DeletionRecord {
  return { id: `deleted-${detail.recordType}-${detail.recordId}`, tenantId, at, kind: 'deletion', action: 'retention.delete', actorId: 'retention-pass', detail };
}

export const AUDIT_ACTION_WORDS: Readonly<Record<AuditRecord['action'], string>> = {
  'compliance.read': 'Viewed compliance',
  'compliance.export': 'Downloaded the compliance export',
  'health-check.export': 'Downloaded the health-check export',
  'asye-log.export': 'Downloaded an ASYE supervision log',
  'cpd-draft.export': 'Made a CPD record draft from their reflective note',
  'subject-access.export': 'Downloaded a subject access export',
  'audit-log.read': 'Viewed the audit log',
  'audit-log.export': 'Downloaded the audit log',
  'retention.read': 'Viewed the retention settings',
  'retention.update': 'Changed the retention settings or a legal hold',
  'asye-extension.record': 'Recorded an extension of an ASYE',
  'retention.delete': 'Deleted by the retention pass',
};
