/**
 * Reading a staff spreadsheet (already split into cells) into records the import can store, and
 * saying exactly what is wrong with every row that cannot be stored. Pure: the people already stored
 * and today's date are arguments.
 *
 * Row numbers are the spreadsheet's: the header is row 1, the first person row 2, and a blank line
 * still counts as a row (it is skipped, not reported).
 *
 * Dates: `YYYY-MM-DD`, or `DD/MM/YYYY` (`D/M/YYYY` too) read day first, as English councils write
 * them; `03/04/2026` is 3 April. A month-first date is never guessed: `04/13/2026` is refused.
 */
import { DateTime } from 'luxon';
import type { LocalDate, Role } from './model';

/** The fields a staff file can carry. */
export type StaffField =
  | 'email'
  | 'name'
  | 'roles'
  | 'team'
  | 'employmentStart'
  | 'agreementStart'
  | 'nqsw'
  | 'registeredSocialWorker'
  | 'supervisorEmail'
  | 'lineManagerIsRegisteredSocialWorker'
  | 'professionalSupervisorEmail';

export const REQUIRED_FIELDS: readonly StaffField[] = ['email', 'name', 'roles'];

/** The header each field is known by, as shown to people. */
export const FIELD_LABELS: Readonly<Record<StaffField, string>> = {
  email: 'email',
  name: 'name',
  roles: 'roles',
  team: 'team',
  employmentStart: 'employment start',
  agreementStart: 'agreement start',
  nqsw: 'NQSW',
  registeredSocialWorker: 'registered social worker',
  supervisorEmail: 'supervisor email',
  lineManagerIsRegisteredSocialWorker: 'line manager is a registered social worker',
  professionalSupervisorEmail: 'professional supervisor email',
};

/**
 * Header spellings accepted for each field, compared after lower-casing and dropping everything but
 * letters and digits ("Employment start date" -> "employmentstartdate").
 */
const HEADER_ALIASES: Readonly<Record<StaffField, readonly string[]>> = {
  email: ['email', 'emailaddress', 'mail', 'workemail', 'upn', 'userprincipalname', 'emailorupn', 'emailupn'],
  name: ['name', 'fullname', 'displayname', 'staffname', 'personname'],
  roles: ['roles', 'role'],
  team: ['team', 'teamname', 'service'],
  employmentStart: ['employmentstart', 'employmentstartdate', 'startdate', 'datestarted', 'employedfrom', 'start'],
  agreementStart: ['agreementstart', 'agreementstartdate', 'supervisionstart', 'supervisionstartdate'],
  nqsw: ['nqsw', 'isnqsw', 'nqswyn', 'asye', 'nqswasye'],
  registeredSocialWorker: [
    'registeredsocialworker',
    'isregisteredsocialworker',
    'registeredsocialworkeryn',
    'socialworkregistered',
    'swe',
    'sweregistered',
  ],
  supervisorEmail: ['supervisoremail', 'supervisor', 'supervisorupn', 'supervisoremailaddress', 'linemanageremail', 'linemanager'],
  lineManagerIsRegisteredSocialWorker: [
    'linemanagerisaregisteredsocialworker',
    'linemanagerisregisteredsocialworker',
    'linemanagerisaregisteredsocialworkeryn',
    'linemanagerisregisteredsocialworkeryn',
    'linemanagerregisteredsocialworker',
    'linemanagerrsw',
    'linemanagerisrsw',
    'linemanagerissocialworker',
    'linemanagersocialworker',
  ],
  professionalSupervisorEmail: [
    'professionalsupervisoremail',
    'professionalsupervisor',
    'professionalsupervisorupn',
    'profsupervisoremail',
    'profsupervisor',
  ],
};

const ALIAS_TO_FIELD: ReadonlyMap<string, StaffField> = new Map(
  (Object.entries(HEADER_ALIASES) as [StaffField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((a) => [a, field] as [string, StaffField]),
  ),
);

const normaliseHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface HeaderMap {
  /** Column index of each field present. */
  readonly columns: Partial<Readonly<Record<StaffField, number>>>;
  /** Headers that name no field (ignored). */
  readonly ignored: readonly string[];
}

/** Maps the header row to fields; a missing required column or a field named twice is an error. */
export function mapHeader(header: readonly string[]): { ok: true; value: HeaderMap } | { ok: false; problems: string[] } {
  const columns: Partial<Record<StaffField, number>> = {};
  const ignored: string[] = [];
  const problems: string[] = [];
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') return;
    const field = ALIAS_TO_FIELD.get(normaliseHeader(text));
    if (field === undefined) {
      ignored.push(text);
    } else if (columns[field] !== undefined) {
      problems.push(`two columns mean ${FIELD_LABELS[field]}: "${header[columns[field] as number].trim()}" and "${text}"`);
    } else {
      columns[field] = index;
    }
  });
  const missing = REQUIRED_FIELDS.filter((f) => columns[f] === undefined);
  if (missing.length > 0) {
    problems.push(
      `the header row (row 1) has no ${missing.map((f) => FIELD_LABELS[f]).join(', ')} column` +
        `${missing.length > 1 ? 's' : ''}; it needs at least: ${REQUIRED_FIELDS.map((f) => FIELD_LABELS[f]).join(', ')}`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { columns, ignored } };
}

const ROLE_ALIASES: ReadonlyMap<string, Role> = new Map([
  ['supervisee', 'supervisee'],
  ['socialworker', 'supervisee'],
  ['supervisor', 'supervisor'],
  ['psw', 'psw'],
  ['principalsocialworker', 'psw'],
  ['admin', 'admin'],
  ['administrator', 'admin'],
]);

const ROLE_ORDER: readonly Role[] = ['supervisee', 'supervisor', 'psw', 'admin'];

// A pragmatic check of an email address or UPN: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export const MAX_NAME_LENGTH = 200;
export const MAX_TEAM_LENGTH = 200;

/** One person row as the import will store it. `undefined` = the cell is empty or the column absent. */
export interface StaffRecord {
  readonly row: number;
  /** Lower-cased. */
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly team?: string;
  readonly employmentStart?: LocalDate;
  readonly agreementStart?: LocalDate;
  readonly nqsw?: boolean;
  readonly registeredSocialWorker?: boolean;
  readonly supervisorEmail?: string;
  readonly lineManagerIsRegisteredSocialWorker?: boolean;
  readonly professionalSupervisorEmail?: string;
}

export interface InvalidRow {
  readonly row: number;
  /** The email as written, when there is one (to help find the row). */
  readonly email?: string;
  readonly reasons: readonly string[];
}

/** What the store already knows about a person the file may refer to. */
export interface KnownPerson {
  readonly email: string;
  readonly roles: readonly Role[];
  readonly isRegisteredSocialWorker?: boolean;
}

export interface StaffFileResult {
  readonly header: HeaderMap;
  readonly valid: readonly StaffRecord[];
  readonly invalid: readonly InvalidRow[];
  /** Rows with no content at all (skipped, not reported as invalid). */
  readonly blankRows: readonly number[];
}

/**
 * A date in a cell: `YYYY-MM-DD` or day-first `DD/MM/YYYY`. Returns the ISO date or a reason.
 */
export function parseSheetDate(text: string, label: string): { ok: true; value: LocalDate } | { ok: false; reason: string } {
  const s = text.trim();
  let dt: DateTime | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    dt = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: 'UTC' });
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    dt = DateTime.fromObject({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) }, { zone: 'UTC' });
  } else if (/^\d{1,2}\/\d{1,2}\/\d{2}$/.test(s)) {
    return { ok: false, reason: `${label} "${s}" has a two-digit year: write the year in full (DD/MM/YYYY or YYYY-MM-DD)` };
  } else {
    return { ok: false, reason: `${label} "${s}" is not a date: write YYYY-MM-DD or DD/MM/YYYY (day first)` };
  }
  if (!dt.isValid) {
    return { ok: false, reason: `${label} "${s}" is not a real date (DD/MM/YYYY is read day first)` };
  }
  if (dt.year < 1950 || dt.year > 2100) {
    return { ok: false, reason: `${label} "${s}" is outside the years 1950-2100` };
  }
  return { ok: true, value: dt.toISODate() as LocalDate };
}

/** y/yes/true/1 or n/no/false/0, any case; undefined for an empty cell. */
function parseYesNo(text: string, label: string): { ok: true; value: boolean | undefined } | { ok: false; reason: string } {
  const s = text.trim().toLowerCase();
  if (s === '') return { ok: true, value: undefined };
  if (['y', 'yes', 'true', '1'].includes(s)) return { ok: true, value: true };
  if (['n', 'no', 'false', '0'].includes(s)) return { ok: true, value: false };
  return { ok: false, reason: `${label} "${text.trim()}" must be y or n` };
}

function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const parts = text
    .split(/[;,|/]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const found = new Set<Role>();
  const unknown: string[] = [];
  for (const part of parts) {
    const role = ROLE_ALIASES.get(normaliseHeader(part));
    if (role === undefined) unknown.push(part);
    else found.add(role);
  }
  return { roles: ROLE_ORDER.filter((r) => found.has(r)), unknown };
}

/** Parses one row on its own (references to other people are checked by `readStaffFile`). */
function readRow(cells: readonly string[], row: number, header: HeaderMap): { record?: StaffRecord; reasons: string[] } {
  const cell = (f: StaffField): string => {
    const i = header.columns[f];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const reasons: string[] = [];

  const emailText = cell('email');
  const email = emailText.toLowerCase();
  if (emailText === '') reasons.push('email is empty');
  else if (email.length > 254 || !EMAIL.test(email)) reasons.push(`email "${emailText}" is not an email address`);

  const name = cell('name');
  if (name === '') reasons.push('name is empty');
  else if (name.length > MAX_NAME_LENGTH) reasons.push(`name is longer than ${MAX_NAME_LENGTH} characters`);

  const rolesText = cell('roles');
  const { roles, unknown } = parseRoles(rolesText);
  if (unknown.length > 0) {
    reasons.push(
      `unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}: ` +
        'use supervisee, supervisor, psw, admin (separated by ;)',
    );
  } else if (roles.length === 0) {
    reasons.push('roles is empty: give at least one of supervisee, supervisor, psw, admin');
  }

  const team = cell('team');
  if (team.length > MAX_TEAM_LENGTH) reasons.push(`team is longer than ${MAX_TEAM_LENGTH} characters`);

  const date = (f: 'employmentStart' | 'agreementStart'): LocalDate | undefined => {
    const text = cell(f);
    if (text === '') return undefined;
    const parsed = parseSheetDate(text, FIELD_LABELS[f]);
    if (!parsed.ok) {
      reasons.push(parsed.reason);
      return undefined;
    }
    return parsed.value;
  };
  const employmentStart = date('employmentStart');
  const agreementStart = date('agreementStart');

  const yesNo = (f: 'nqsw' | 'registeredSocialWorker' | 'lineManagerIsRegisteredSocialWorker'): boolean | undefined => {
    const parsed = parseYesNo(cell(f), FIELD_LABELS[f]);
    if (!parsed.ok) {
      reasons.push(parsed.reason);
      return undefined;
    }
    return parsed.value;
  };
  const nqsw = yesNo('nqsw');
  const registeredSocialWorker = yesNo('registeredSocialWorker');
  const lineManagerIsRegisteredSocialWorker = yesNo('lineManagerIsRegisteredSocialWorker');

  const otherEmail = (f: 'supervisorEmail' | 'professionalSupervisorEmail'): string | undefined => {
    const text = cell(f);
    if (text === '') return undefined;
    const lower = text.toLowerCase();
    if (lower.length > 254 || !EMAIL.test(lower)) {
      reasons.push(`${FIELD_LABELS[f]} "${text}" is not an email address`);
      return undefined;
    }
    if (lower === email) {
      reasons.push(`${FIELD_LABELS[f]} is the person's own email: nobody supervises themselves`);
      return undefined;
    }
    return lower;
  };
  const supervisorEmail = otherEmail('supervisorEmail');
  const professionalSupervisorEmail = otherEmail('professionalSupervisorEmail');

  const supervisorGiven = cell('supervisorEmail') !== '';
  const isSupervisee = roles.includes('supervisee');
  if (supervisorGiven && unknown.length === 0 && roles.length > 0 && !isSupervisee) {
    reasons.push('has a supervisor email but the roles do not include supervisee');
  }
  if (supervisorGiven && isSupervisee) {
    // An agreement will be kept for this row: the cadence needs these (Standard 5).
    const absent = (f: StaffField) => (header.columns[f] === undefined ? ` (the file has no ${FIELD_LABELS[f]} column)` : '');
    if (cell('employmentStart') === '') {
      reasons.push(`employment start is required for a supervisee with a supervisor${absent('employmentStart')}`);
    }
    if (cell('nqsw') === '') {
      reasons.push(`NQSW (y or n) is required for a supervisee with a supervisor${absent('nqsw')}`);
    }
    if (cell('lineManagerIsRegisteredSocialWorker') === '') {
      reasons.push(
        `line manager is a registered social worker (y or n) is required for a supervisee with a supervisor` +
          absent('lineManagerIsRegisteredSocialWorker'),
      );
    } else if (lineManagerIsRegisteredSocialWorker === false && cell('professionalSupervisorEmail') === '') {
      reasons.push(
        'the line manager is not a registered social worker, so a professional supervisor email is required ' +
          '(Standard 5: additional professional supervision from a registered social worker)',
      );
    }
  }
  if (!supervisorGiven && cell('professionalSupervisorEmail') !== '') {
    reasons.push('has a professional supervisor email but no supervisor email');
  }
  if (employmentStart !== undefined && agreementStart !== undefined && agreementStart < employmentStart) {
    reasons.push(`agreement start ${agreementStart} is before employment start ${employmentStart}`);
  }
  if (professionalSupervisorEmail !== undefined && professionalSupervisorEmail === supervisorEmail) {
    reasons.push('the professional supervisor is the supervisor: the additional supervision must come from someone else');
  }

  if (reasons.length > 0) return { reasons };
  const record: StaffRecord = {
    row,
    email,
    name,
    roles,
    ...(team !== '' ? { team } : {}),
    ...(employmentStart !== undefined ? { employmentStart } : {}),
    ...(agreementStart !== undefined ? { agreementStart } : {}),
    ...(nqsw !== undefined ? { nqsw } : {}),
    ...(registeredSocialWorker !== undefined ? { registeredSocialWorker } : {}),
    ...(supervisorEmail !== undefined ? { supervisorEmail } : {}),
    ...(lineManagerIsRegisteredSocialWorker !== undefined ? { lineManagerIsRegisteredSocialWorker } : {}),
    ...(professionalSupervisorEmail !== undefined ? { professionalSupervisorEmail } : {}),
  };
  return { record, reasons };
}

/**
 * Reads every row, then checks what rows say about each other and about people already stored:
 * an email on two rows (both are refused: which one is right is the admin's call), a supervisor or
 * professional supervisor who is neither in the file nor stored, who lacks the supervisor role, or
 * whose own row is refused. A refusal can make another row refused in turn; that is followed to the end.
 */
export function readStaffFile(table: readonly (readonly string[])[], known: readonly KnownPerson[]): { ok: true; value: StaffFileResult } | { ok: false; problems: string[] } {
  if (table.length === 0) return { ok: false, problems: ['the file is empty: it needs a header row and one row per person'] };
  const header = mapHeader(table[0]);
  if (!header.ok) return { ok: false, problems: header.problems };

  const reasons = new Map<number, string[]>();
  const emailOfRow = new Map<number, string>();
  const records: StaffRecord[] = [];
  const blankRows: number[] = [];
  for (let i = 1; i < table.length; i++) {
    const row = i + 1;
    const cells = table[i];
    if (cells.every((c) => c.trim() === '')) {
      blankRows.push(row);
      continue;
    }
    const emailCell = cells[header.value.columns.email as number]?.trim() ?? '';
    if (emailCell !== '') emailOfRow.set(row, emailCell);
    const read = readRow(cells, row, header.value);
    if (read.record) records.push(read.record);
    else reasons.set(row, read.reasons);
  }

  // The same email on two rows: refuse all of them.
  const rowsByEmail = new Map<string, number[]>();
  for (const [row, email] of emailOfRow) {
    const key = email.toLowerCase();
    rowsByEmail.set(key, [...(rowsByEmail.get(key) ?? []), row]);
  }
  for (const rows of rowsByEmail.values()) {
    if (rows.length < 2) continue;
    for (const row of rows) {
      const others = rows.filter((r) => r !== row);
      const list = reasons.get(row) ?? [];
      list.push(`the same email is also on row${others.length > 1 ? 's' : ''} ${others.join(', ')}`);
      reasons.set(row, list);
    }
  }

  const knownByEmail = new Map(known.map((p) => [p.email.toLowerCase(), p]));
  const fileRowOf = new Map<string, number[]>();
  for (const [email, rows] of rowsByEmail) fileRowOf.set(email, rows);

  let valid = records.filter((r) => !reasons.has(r.row));
  for (;;) {
    const validByEmail = new Map(valid.map((r) => [r.email, r]));
    const refusedNow: [number, string][] = [];
    for (const r of valid) {
      const check = (email: string | undefined, label: string, professional: boolean) => {
        if (email === undefined) return;
        const inFile = validByEmail.get(email);
        const fileRows = fileRowOf.get(email);
        const stored = knownByEmail.get(email);
        if (inFile) {
          if (!inFile.roles.includes('supervisor')) {
            refusedNow.push([r.row, `${label} ${email} (row ${inFile.row}) does not have the supervisor role`]);
          } else if (professional && inFile.registeredSocialWorker === false) {
            refusedNow.push([r.row, `${label} ${email} (row ${inFile.row}) is not a registered social worker`]);
          }
        } else if (stored) {
          // Their own row may be refused this time: the stored record still stands.
          if (!stored.roles.includes('supervisor')) {
            refusedNow.push([r.row, `${label} ${email} is stored without the supervisor role`]);
          } else if (professional && stored.isRegisteredSocialWorker !== true) {
            refusedNow.push([
              r.row,
              `${label} ${email} is not recorded as a registered social worker: add their row to the file ` +
                '(naming someone as professional supervisor in the file records them as one)',
            ]);
          }
        } else if (fileRows !== undefined) {
          refusedNow.push([r.row, `${label} ${email} is on row ${fileRows.join(', ')}, which cannot be imported`]);
        } else {
          refusedNow.push([r.row, `${label} ${email} is not in the file nor already stored`]);
        }
      };
      check(r.supervisorEmail, 'supervisor', false);
      check(r.professionalSupervisorEmail, 'professional supervisor', true);
    }
    if (refusedNow.length === 0) break;
    for (const [row, reason] of refusedNow) reasons.set(row, [...(reasons.get(row) ?? []), reason]);
    valid = valid.filter((r) => !reasons.has(r.row));
  }

  const invalid: InvalidRow[] = [...reasons.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, rs]) => ({ row, ...(emailOfRow.has(row) ? { email: emailOfRow.get(row) as string } : {}), reasons: rs }));
  return { ok: true, value: { header: header.value, valid, invalid, blankRows } };
}
