/**
 * Staff import: the admin's spreadsheet of people and who supervises whom, stored as the
 * organisation's record.
 *
 * - Every row is checked first (src/domain/staffImport.ts); rows that cannot be stored are reported
 *   by spreadsheet row number with every reason, and the valid rows are stored.
 * - People are matched by email (lower-cased). A new person gets our own id and no aadObjectId: the
 *   identify use case links them to their Teams identity the first time they talk to the bot. For
 *   a person already stored, the file speaks for the columns it has (an empty cell clears an
 *   optional field; an absent column changes nothing) and their Teams link is kept.
 * - Naming someone in the file as professional supervisor records them as a registered social
 *   worker (Standard 5 requires it) unless their own row says otherwise; one who is only stored
 *   (not in this file) must already be recorded as one.
 * - PSWs and admins in the organisation settings follow the roles of the people listed; a new
 *   tenant gets the default settings (organisationDefaults.ts).
 * - A supervisee with a supervisor gets an agreement. A NEW AGREEMENT IS CREATED ACTIVE: the import
 *   is the organisation's record of supervision arrangements already in place, so reminders and
 *   compliance monitoring (Standard 5) start at once instead of waiting until every pair has
 *   clicked "agree" in Teams (people not yet linked to Teams could not). Agreements set up in Teams
 *   still go draft -> active when both agree. An existing agreement keeps its status (a draft stays
 *   a draft, a paused one stays paused); its fields follow the file, and a different supervisor is
 *   a change of supervisor from today, with the history kept.
 * - Agreement start (optional column): when empty, a new agreement starts at the beginning of the
 *   supervision period that contains the import date (employment start for someone not yet
 *   started), so nothing before the import counts as missed; a stored agreement keeps its own.
 * - Running the same file again changes nothing; a changed row updates only what changed.
 */
import { DateTime } from 'luxon';
import { draftAgreement, handOver } from '../domain/agreement';
import { evaluateCadence } from '../domain/cadence';
import type { Agreement, Instant, LocalDate, OrganisationSettings, Person, TenantId } from '../domain/model';
import { defaultOrganisationSettings, withRolesFromPeople } from '../domain/organisationDefaults';
import { fail, ok, type Result } from '../domain/result';
import { readStaffFile, type InvalidRow, type StaffRecord } from '../domain/staffImport';
import { sessionsThatCount, withSummary } from './proactivePlanning';
import type {
  AgreementRepository,
  Clock,
  IdGenerator,
  OrganisationRepository,
  PersonRepository,
  SessionRepository,
  Versioned,
} from './ports';

export interface ImportStaffDeps {
  readonly people: PersonRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly organisations: OrganisationRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface ImportStaffInput {
  readonly tenantId: TenantId;
  /** The spreadsheet's cells, header row first. */
  readonly table: readonly (readonly string[])[];
  /** The organisation's name when the tenant is new (default: the tenant id). */
  readonly organisationName?: string;
}

export type RowOutcome = 'imported' | 'updated' | 'unchanged';

export interface ImportedRow {
  readonly row: number;
  readonly email: string;
  readonly outcome: RowOutcome;
  /** What changed, for `updated`: field names of the person and `agreement` / `agreement created`. */
  readonly changes: readonly string[];
}

export interface ImportStaffReport {
  readonly rows: readonly ImportedRow[];
  readonly invalid: readonly InvalidRow[];
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly blankRows: readonly number[];
  /** Header cells that name no known column (ignored). */
  readonly ignoredColumns: readonly string[];
  readonly organisation: 'created' | 'updated' | 'unchanged';
}

/** Optimistic concurrency: re-read and re-apply when someone saved the record in between. */
const MAX_ATTEMPTS = 3;

export async function importStaff(deps: ImportStaffDeps, input: ImportStaffInput): Promise<Result<ImportStaffReport>> {
  const { tenantId } = input;
  const now = deps.clock.now();

  const org = await deps.organisations.get(tenantId);
  if (!org.ok) return org;
  const baseSettings = org.value?.value ?? defaultOrganisationSettings(tenantId, input.organisationName?.trim() || tenantId);
  const zone = baseSettings.zone;
  const today = DateTime.fromISO(now, { zone }).toISODate() as LocalDate;

  const stored = await deps.people.listByTenant(tenantId);
  if (!stored.ok) return stored;
  const file = readStaffFile(
    input.table,
    stored.value.map((p) => ({ email: p.email, roles: p.roles, isRegisteredSocialWorker: p.isRegisteredSocialWorker })),
  );
  if (!file.ok) return fail('INVALID_INPUT', file.problems.join('\n'));
  const { header, blankRows } = file.value;
  const invalid: InvalidRow[] = [...file.value.invalid];
  let valid = file.value.valid;

  const professionalSupervisors = new Set(valid.flatMap((r) => (r.professionalSupervisorEmail ? [r.professionalSupervisorEmail] : [])));
  const has = (f: keyof typeof header.columns) => header.columns[f] !== undefined;

  // People first, so that every supervisor has an id before the agreements name them.
  const personByEmail = new Map<string, Person>();
  const outcomes = new Map<number, { outcome: RowOutcome; changes: string[] }>();
  for (const record of valid) {
    const saved = await upsertPerson(deps, tenantId, record, {
      has,
      namedProfessionalSupervisor: professionalSupervisors.has(record.email),
    });
    if (!saved.ok) return stopped(saved.error.code, saved.error.message, record.row);
    personByEmail.set(record.email, saved.value.person);
    outcomes.set(record.row, { outcome: saved.value.created ? 'imported' : saved.value.changes.length > 0 ? 'updated' : 'unchanged', changes: saved.value.changes });
  }

  // Organisation settings: PSWs and admins from the roles of the people listed.
  const settings = withRolesFromPeople(baseSettings, [...personByEmail.values()]);
  let organisation: ImportStaffReport['organisation'] = 'unchanged';
  if (org.value === null || JSON.stringify(settings) !== JSON.stringify(org.value.value)) {
    const saved = await deps.organisations.save(settings, org.value?.etag);
    if (!saved.ok) return stopped(saved.error.code, saved.error.message);
    organisation = org.value === null ? 'created' : 'updated';
  }

  const lookup = async (email: string): Promise<Result<Person | null>> => {
    const inFile = personByEmail.get(email);
    if (inFile) return ok(inFile);
    const found = await deps.people.findByEmail(tenantId, email);
    return found.ok ? ok(found.value?.value ?? null) : found;
  };

  for (const record of valid) {
    if (record.supervisorEmail === undefined || !record.roles.includes('supervisee')) continue;
    const supervisee = personByEmail.get(record.email) as Person;
    const supervisor = await lookup(record.supervisorEmail);
    if (!supervisor.ok) return stopped(supervisor.error.code, supervisor.error.message, record.row);
    const professional = record.professionalSupervisorEmail ? await lookup(record.professionalSupervisorEmail) : ok(null);
    if (!professional.ok) return stopped(professional.error.code, professional.error.message, record.row);
    if (supervisor.value === null || (record.professionalSupervisorEmail && professional.value === null)) {
      // readStaffFile checked both exist; only a deletion in between gets here.
      invalid.push({ row: record.row, email: record.email, reasons: ['a supervisor named on this row is no longer stored'] });
      continue;
    }
    const saved = await upsertAgreement(deps, {
      tenantId,
      record,
      supervisee,
      supervisor: supervisor.value,
      professionalSupervisor: professional.value ?? undefined,
      settings,
      today,
      now,
    });
    if (!saved.ok) {
      if (saved.error.code === 'STORE_UNAVAILABLE' || saved.error.code === 'CONFLICT') {
        return stopped(saved.error.code, saved.error.message, record.row);
      }
      // A rule of the agreement workflow the row-level checks did not foresee: report, go on.
      invalid.push({ row: record.row, email: record.email, reasons: [`the person is stored, but not the agreement: ${saved.error.message}`] });
      outcomes.delete(record.row);
      continue;
    }
    const current = outcomes.get(record.row) as { outcome: RowOutcome; changes: string[] };
    if (saved.value !== null) {
      current.changes.push(saved.value);
      if (current.outcome === 'unchanged') current.outcome = 'updated';
    }
  }

  valid = valid.filter((r) => outcomes.has(r.row));
  const rows: ImportedRow[] = valid.map((r) => {
    const o = outcomes.get(r.row) as { outcome: RowOutcome; changes: string[] };
    return { row: r.row, email: r.email, outcome: o.outcome, changes: o.changes };
  });
  invalid.sort((a, b) => a.row - b.row);
  return ok({
    rows,
    invalid,
    imported: rows.filter((r) => r.outcome === 'imported').length,
    updated: rows.filter((r) => r.outcome === 'updated').length,
    unchanged: rows.filter((r) => r.outcome === 'unchanged').length,
    blankRows,
    ignoredColumns: header.ignored,
    organisation,
  });
}

function stopped(code: string, message: string, row?: number): Result<never> {
  const where = row === undefined ? '' : ` at row ${row}`;
  return fail(
    code === 'CONFLICT' ? 'CONFLICT' : 'STORE_UNAVAILABLE',
    `The import stopped${where}: ${message} Rows before it are stored; run the same file again to finish (it is safe to repeat).`,
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function upsertPerson(
  deps: ImportStaffDeps,
  tenantId: TenantId,
  r: StaffRecord,
  opts: { has: (f: 'team' | 'employmentStart' | 'nqsw' | 'registeredSocialWorker') => boolean; namedProfessionalSupervisor: boolean },
): Promise<Result<{ person: Person; created: boolean; changes: string[] }>> {
  for (let attempt = 1; ; attempt++) {
    const found = await deps.people.findByEmail(tenantId, r.email);
    if (!found.ok) return found;
    const existing = found.value?.value;

    // Optional fields: the file speaks for a column it has; otherwise the stored value stands.
    const optional = <K extends 'team' | 'employmentStart' | 'nqsw' | 'isRegisteredSocialWorker'>(key: K, present: boolean, value: Person[K] | undefined) =>
      present ? (value === undefined ? {} : { [key]: value }) : existing?.[key] === undefined ? {} : { [key]: existing[key] };
    const registered = r.registeredSocialWorker ?? (opts.namedProfessionalSupervisor ? true : undefined);
    const person: Person = {
      id: existing?.id ?? deps.ids.next(),
      tenantId,
      email: r.email,
      name: r.name,
      roles: r.roles,
      ...optional('team', opts.has('team'), r.team),
      ...(existing?.aadObjectId !== undefined ? { aadObjectId: existing.aadObjectId } : {}),
      ...optional('employmentStart', opts.has('employmentStart'), r.employmentStart),
      ...optional('nqsw', opts.has('nqsw'), r.nqsw),
      ...optional(
        'isRegisteredSocialWorker',
        opts.has('registeredSocialWorker') || registered !== undefined,
        registered,
      ),
    };

    if (found.value === null) {
      const created = await deps.people.create(person);
      if (created.ok) return ok({ person: created.value.value, created: true, changes: [] });
      if (created.error.code !== 'CONFLICT' || attempt >= MAX_ATTEMPTS) return created;
      continue;
    }
    const changes = (['name', 'roles', 'team', 'employmentStart', 'nqsw', 'isRegisteredSocialWorker'] as const).filter(
      (k) => !sameJson(person[k], found.value?.value[k]),
    );
    if (changes.length === 0) return ok({ person: found.value.value, created: false, changes: [] });
    const replaced = await deps.people.replace(person, found.value.etag);
    if (replaced.ok) return ok({ person: replaced.value.value, created: false, changes: [...changes] });
    if (replaced.error.code !== 'CONFLICT' || attempt >= MAX_ATTEMPTS) return replaced;
  }
}

/**
 * The first day of the supervision period that contains `today` (counting periods from employment
 * start), or employment start when that is later: where an imported agreement starts by default.
 */
export function defaultAgreementStart(employmentStart: LocalDate, nqsw: boolean, today: LocalDate, zone: string): LocalDate {
  if (employmentStart >= today) return employmentStart;
  const tomorrow = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: 1 }).toISODate() as LocalDate;
  const { periods } = evaluateCadence({ zone, employmentStart, nqsw, today, until: tomorrow, sessions: [] });
  let start = employmentStart;
  for (const p of periods) if (p.start <= today) start = p.start;
  return start;
}

interface AgreementInput {
  readonly tenantId: TenantId;
  readonly record: StaffRecord;
  readonly supervisee: Person;
  readonly supervisor: Person;
  readonly professionalSupervisor?: Person;
  readonly settings: OrganisationSettings;
  readonly today: LocalDate;
  readonly now: Instant;
}

/** The fields of an agreement the file speaks for (what makes a row "changed"). */
function comparable(a: Agreement) {
  return {
    supervisorId: a.supervisorId,
    professionalSupervisorId: a.professionalSupervisorId ?? null,
    lineManagerIsRegisteredSocialWorker: a.lineManagerIsRegisteredSocialWorker,
    employmentStart: a.employmentStart,
    agreementStart: a.agreementStart,
    nqsw: a.nqsw,
  };
}

/** Creates or updates the supervisee's agreement; the value says what changed (null: nothing). */
async function upsertAgreement(deps: ImportStaffDeps, input: AgreementInput): Promise<Result<string | null>> {
  const { tenantId, record, supervisee, supervisor, professionalSupervisor, settings, today, now } = input;
  const employmentStart = record.employmentStart as LocalDate;
  const nqsw = record.nqsw as boolean;
  const lineManagerIsRegisteredSocialWorker = record.lineManagerIsRegisteredSocialWorker as boolean;

  for (let attempt = 1; ; attempt++) {
    const listed = await deps.agreements.listForPerson(tenantId, supervisee.id);
    if (!listed.ok) return listed;
    const open = listed.value.filter((v) => v.value.superviseeId === supervisee.id && v.value.status !== 'ended');
    const current: Versioned<Agreement> | undefined =
      open.find((v) => v.value.supervisorId === supervisor.id) ??
      [...open].sort((a, b) => (a.value.createdAt < b.value.createdAt ? 1 : -1))[0];

    if (current === undefined) {
      const drafted = draftAgreement(
        {
          id: deps.ids.next(),
          tenantId,
          supervisee,
          supervisor,
          ...(professionalSupervisor ? { professionalSupervisor } : {}),
          employmentStart,
          agreementStart: record.agreementStart ?? defaultAgreementStart(employmentStart, nqsw, today, settings.zone),
          nqsw,
          lineManagerIsRegisteredSocialWorker,
          proposedBy: 'admin',
        },
        settings.zone,
        now,
      );
      if (!drafted.ok) return drafted;
      const active: Agreement = { ...drafted.value, status: 'active' };
      const created = await deps.agreements.create(withSummary(active, [], settings, now));
      if (created.ok) return ok('agreement created');
      if (created.error.code !== 'CONFLICT' || attempt >= MAX_ATTEMPTS) return created;
      continue;
    }

    let next: Agreement = current.value;
    if (next.supervisorId !== supervisor.id) {
      const handed = handOver(next, { newSupervisor: supervisor, from: today, handoverNote: 'Changed by the staff import.' }, today, now);
      if (!handed.ok) return handed;
      next = handed.value.value;
    }
    const { professionalSupervisorId: _old, ...rest } = next;
    let agreementStart = record.agreementStart ?? next.agreementStart;
    if (agreementStart < employmentStart) agreementStart = defaultAgreementStart(employmentStart, nqsw, today, settings.zone);
    next = {
      ...rest,
      ...(professionalSupervisor ? { professionalSupervisorId: professionalSupervisor.id } : {}),
      lineManagerIsRegisteredSocialWorker,
      employmentStart,
      agreementStart,
      nqsw,
    };
    if (sameJson(comparable(next), comparable(current.value))) return ok(null);

    const sessions = await sessionsThatCount(deps, tenantId, next, settings.zone);
    if (!sessions.ok) return sessions;
    const { summary } = withSummary(next, sessions.value, settings, now);
    const replaced = await deps.agreements.replace({ ...next, summary, updatedAt: now }, current.etag);
    if (replaced.ok) {
      const before = comparable(current.value);
      const after = comparable(next);
      const fields = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
      return ok(`agreement (${fields.join(', ')})`);
    }
    if (replaced.error.code !== 'CONFLICT' || attempt >= MAX_ATTEMPTS) return replaced;
  }
}
