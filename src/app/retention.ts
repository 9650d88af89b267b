/**
 * Retention (issue 11 §5): admins see and change how long each kind of record is kept and who is
 * under a legal hold; the daily pass (`runRetentionPass`) deletes what has expired and writes an
 * audit record of each deletion (type, id, dates; never content).
 *
 * The pass, per tenant: read the agreements, their sessions, the notes and the concerns; plan with
 * the pure rule (src/domain/retention.ts); then for each expired record not under a hold, delete it
 * guarded by the etag it was read with (a record changed since is left for the next pass) and
 * write its deletion record. The deletion record's id is derived from the record, so a pass run
 * again after a failure never records one deletion twice. An agreement is deleted after its
 * sessions, and only when all of them were. A dry run plans and writes nothing.
 */
import { isAdmin, isPsw } from '../domain/authorization';
import { deletionRecord } from '../domain/audit';
import type { Instant, LegalHold, LocalDate, RetentionKind, Session, TenantId } from '../domain/model';
import { fail, ok, type Result } from '../domain/result';
import { planRetention, retentionOf, updateRetention as applyUpdate, RETENTION_KIND_WORDS, RETENTION_KINDS, type RetentionItem, type RetentionUpdate } from '../domain/retention';
import { localDateOf } from '../domain/validation';
import { recordAccess, type OversightDeps } from './auditTrail';
import type { Actor } from './commands';
import { begin, loadSettings, type Ctx } from './acting';
import { conflictExhausted, MAX_ATTEMPTS } from './guardedWrites';
import type { AgreementRepository, AuditLogRepository, ConcernRepository, NoteRepository, OrganisationRepository, SessionRepository, Versioned } from './ports';
import type { PersonRef } from './views';

export interface RetentionView {
  readonly organisationName: string;
  readonly kinds: readonly { readonly kind: RetentionKind; readonly label: string; readonly years: number }[];
  readonly holds: readonly { readonly person: PersonRef; readonly placedOn: LocalDate; readonly placedBy: PersonRef }[];
  /** People a hold may be placed on (admins only). */
  readonly people: readonly PersonRef[];
  readonly canEdit: boolean;
}

function mayReadRetention(ctx: Ctx): Result<void> {
  return isAdmin(ctx.viewer) || isPsw(ctx.viewer) ? ok(undefined) : fail('NOT_AUTHORIZED', 'Only admins and the Principal Social Worker can see the retention settings.');
}

async function view(ctx: Ctx, holds: readonly LegalHold[], years: Readonly<Record<RetentionKind, number>>): Promise<Result<RetentionView>> {
  const canEdit = isAdmin(ctx.viewer);
  const everyone = canEdit ? await ctx.deps.people.listByTenant(ctx.tenantId) : ok([]);
  if (!everyone.ok) return everyone;
  for (const p of everyone.value) ctx.people.seed(p);
  const loaded = await ctx.people.load(holds.flatMap((h) => [h.personId, h.placedById]));
  if (!loaded.ok) return loaded;
  return ok({
    organisationName: ctx.settings.name,
    kinds: RETENTION_KINDS.map((kind) => ({ kind, label: RETENTION_KIND_WORDS[kind], years: years[kind] })),
    holds: holds.map((h) => ({ person: ctx.people.ref(h.personId), placedOn: h.placedOn, placedBy: ctx.people.ref(h.placedById) })),
    people: everyone.value
      .filter((p) => p.tenantId === ctx.tenantId)
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((x, y) => x.name.localeCompare(y.name, 'en-GB')),
    canEdit,
  });
}

export async function getRetention(deps: OversightDeps, actor: Actor, _command: Record<string, never>, now: Instant): Promise<Result<RetentionView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = mayReadRetention(ctx);
  if (!allowed.ok) return allowed;
  const r = retentionOf(ctx.settings);
  const audited = await recordAccess(deps, ctx, 'retention.read', r.holds.map((h) => h.personId));
  if (!audited.ok) return audited;
  return view(ctx, r.holds, r.years);
}

/** An admin changes the years kept, or places or releases a legal hold. Guarded by the settings' etag. */
export async function updateRetention(deps: OversightDeps, actor: Actor, command: RetentionUpdate, now: Instant): Promise<Result<RetentionView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  if (!isAdmin(ctx.viewer)) return fail('NOT_AUTHORIZED', 'Only an admin of your organisation can change how long records are kept or place a legal hold.');
  const everyone = await deps.people.listByTenant(ctx.tenantId);
  if (!everyone.ok) return everyone;
  const ids = new Set(everyone.value.filter((p) => p.tenantId === ctx.tenantId).map((p) => p.id));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await loadSettings(deps, ctx.tenantId);
    if (!current.ok) return current;
    const next = applyUpdate(retentionOf(current.value.settings), command ?? {}, ctx.me.id, ctx.today, ids);
    if (!next.ok) return next;
    if (!next.value.changed && current.value.etag !== undefined) return view(ctx, next.value.value.holds, next.value.value.years);
    const saved = await deps.organisations.save({ ...current.value.settings, retention: next.value.value }, current.value.etag);
    if (saved.ok) {
      const subjects = [command?.placeHold, command?.releaseHold].filter((x): x is string => typeof x === 'string');
      const audited = await recordAccess(deps, ctx, 'retention.update', subjects, {}, true);
      if (!audited.ok) return audited;
      return view(ctx, next.value.value.holds, next.value.value.years);
    }
    if (saved.error.code !== 'CONFLICT') return saved;
  }
  return conflictExhausted();
}

// --- the daily pass --------------------------------------------------------------------------

export interface RetentionDeps {
  readonly organisations: OrganisationRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly notes: NoteRepository;
  readonly concerns: ConcernRepository;
  readonly audit: AuditLogRepository;
}

export interface RetentionPassOptions {
  /** Plan only: nothing is deleted or recorded. */
  readonly dryRun?: boolean;
  /** One organisation only (default: every one). */
  readonly tenantId?: TenantId;
}

export interface TenantRetentionOutcome {
  readonly tenantId: TenantId;
  readonly today: LocalDate;
  /** Deleted (or, in a dry run, that would be). */
  readonly deleted: readonly RetentionItem[];
  /** Expired but kept by a legal hold. */
  readonly held: readonly RetentionItem[];
  /** Expired but changed since they were read (or whose sessions were): left for the next pass. */
  readonly skipped: readonly RetentionItem[];
  /** The first failure that stopped this tenant's pass, if any. */
  readonly failure?: { readonly code: string; readonly message: string };
}

export interface RetentionPassOutcome {
  readonly dryRun: boolean;
  readonly tenants: readonly TenantRetentionOutcome[];
}

export async function runRetentionPass(deps: RetentionDeps, now: Instant, options: RetentionPassOptions = {}): Promise<Result<RetentionPassOutcome>> {
  let tenants: readonly TenantId[];
  if (options.tenantId !== undefined) tenants = [options.tenantId];
  else {
    const listed = await deps.organisations.listTenants();
    if (!listed.ok) return listed;
    tenants = listed.value;
  }
  const out: TenantRetentionOutcome[] = [];
  for (const tenantId of tenants) out.push(await passForTenant(deps, tenantId, now, options.dryRun === true));
  return ok({ dryRun: options.dryRun === true, tenants: out });
}

async function passForTenant(deps: RetentionDeps, tenantId: TenantId, now: Instant, dryRun: boolean): Promise<TenantRetentionOutcome> {
  const org = await deps.organisations.get(tenantId);
  const stop = (today: LocalDate, failure: Result<unknown>, done: Partial<TenantRetentionOutcome> = {}): TenantRetentionOutcome => ({
    tenantId,
    today,
    deleted: [],
    held: [],
    skipped: [],
    ...done,
    ...(failure.ok ? {} : { failure: { code: failure.error.code, message: failure.error.message } }),
  });
  if (!org.ok) return stop(now.slice(0, 10), org);
  // No settings saved: the organisation was never set up, so there is nothing of its own to keep or delete.
  if (org.value === null || org.value.value.tenantId !== tenantId) return stop(now.slice(0, 10), ok(undefined));
  const settings = org.value.value;
  const today = localDateOf(now, settings.zone);

  const agreements = await deps.agreements.listByTenant(tenantId);
  if (!agreements.ok) return stop(today, agreements);
  const own = agreements.value.filter((v) => v.value.tenantId === tenantId);
  const sessions = new Map<string, Versioned<Session>[]>();
  for (const a of own) {
    // Only ended agreements can have expired sessions.
    if (a.value.status !== 'ended') continue;
    const listed = await deps.sessions.listByAgreement(tenantId, a.value.id);
    if (!listed.ok) return stop(today, listed);
    sessions.set(a.value.id, listed.value.filter((s) => s.value.tenantId === tenantId && s.value.agreementId === a.value.id));
  }
  const notes = await deps.notes.listByTenant(tenantId);
  if (!notes.ok) return stop(today, notes);
  const concerns = await deps.concerns.listByTenant(tenantId);
  if (!concerns.ok) return stop(today, concerns);
  const ownNotes = notes.value.filter((n) => n.value.tenantId === tenantId);
  const ownConcerns = concerns.value.filter((c) => c.value.tenantId === tenantId);

  const plan = planRetention({
    retention: retentionOf(settings),
    today,
    zone: settings.zone,
    agreements: own.map((v) => v.value),
    sessions: new Map([...sessions].map(([id, list]) => [id, list.map((v) => v.value)])),
    notes: ownNotes.map((v) => v.value),
    concerns: ownConcerns.map((v) => v.value),
  });
  if (dryRun) return { tenantId, today, deleted: plan.expired, held: plan.held, skipped: [] };

  const etags = new Map<string, string>();
  for (const v of own) etags.set(`agreement\u0000${v.value.id}`, v.etag);
  for (const list of sessions.values()) for (const v of list) etags.set(`session\u0000${v.value.id}`, v.etag);
  for (const v of ownNotes) etags.set(`note\u0000${v.value.id}`, v.etag);
  for (const v of ownConcerns) etags.set(`concern\u0000${v.value.id}`, v.etag);
  const stores = { agreement: deps.agreements, session: deps.sessions, note: deps.notes, concern: deps.concerns } as const;

  const deleted: RetentionItem[] = [];
  const skipped: RetentionItem[] = [];
  const sessionsKept = new Set<string>(); // agreement ids with a session that could not be deleted
  const sessionAgreement = new Map<string, string>();
  for (const [agreementId, list] of sessions) for (const v of list) sessionAgreement.set(v.value.id, agreementId);
  for (const item of plan.expired) {
    if (item.recordType === 'agreement' && sessionsKept.has(item.recordId)) {
      skipped.push(item);
      continue;
    }
    const etag = etags.get(`${item.recordType}\u0000${item.recordId}`) ?? '';
    const removed = await stores[item.recordType].delete(tenantId, item.recordId, etag);
    if (!removed.ok && removed.error.code === 'CONFLICT') {
      skipped.push(item);
      if (item.recordType === 'session') sessionsKept.add(sessionAgreement.get(item.recordId) ?? '');
      continue;
    }
    // NOT_FOUND: gone already (an earlier pass that stopped before recording it): record it now.
    if (!removed.ok && removed.error.code !== 'NOT_FOUND') return stop(today, removed, { deleted, held: plan.held, skipped });
    const recorded = await deps.audit.append(deletionRecord(tenantId, now, {
      recordType: item.recordType,
      recordId: item.recordId,
      countedFrom: item.countedFrom,
      expiredOn: item.expiredOn,
      createdOn: item.createdOn,
    }));
    if (!recorded.ok && recorded.error.code !== 'CONFLICT') return stop(today, recorded, { deleted: [...deleted, item], held: plan.held, skipped });
    deleted.push(item);
  }
  return { tenantId, today, deleted, held: plan.held, skipped };
}

/** The logging the daily pass needs (a pino Logger fits). Counts and codes only, never content. */
export interface RetentionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * The daily hook for the scheduler: runs the pass on the first call of each UTC day (the scheduler
 * calls it every tick, on the instance holding the reminder lease). A pass that fails for any
 * tenant is tried again on the next call; a pass is safe to repeat (see the top of this file).
 */
export function dailyRetentionPass(deps: RetentionDeps, log: RetentionLog): (now: Instant) => Promise<RetentionPassOutcome | undefined> {
  let doneOn: string | undefined;
  return async (now) => {
    const day = now.slice(0, 10);
    if (day === doneOn) return undefined;
    const r = await runRetentionPass(deps, now);
    if (!r.ok) {
      log.warn({ event: 'retention.failed', code: r.error.code }, 'the retention pass could not run; it will try again');
      return undefined;
    }
    let failed = false;
    for (const t of r.value.tenants) {
      const counts = { tenantId: t.tenantId, deleted: t.deleted.length, held: t.held.length, skipped: t.skipped.length };
      if (t.failure !== undefined) {
        failed = true;
        // What this pass deleted, by type and id (never content): the last one may lack its audit record.
        const deletedRecords = t.deleted.map((i) => `${i.recordType}:${i.recordId}`);
        log.warn({ event: 'retention.tenant_failed', ...counts, code: t.failure.code, deletedRecords }, 'the retention pass stopped for an organisation; it will try again');
      } else if (t.deleted.length + t.held.length + t.skipped.length > 0) {
        log.info({ event: 'retention.pass', ...counts }, 'retention pass: expired records deleted (each recorded in the audit log)');
      }
    }
    if (!failed) doneOn = day;
    return r.value;
  };
}
