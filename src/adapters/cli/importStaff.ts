/**
 * `npm run cli -- import-staff <file.csv> --tenant <id> [--org-name <name>]`: the staff import
 * (src/app/importStaff.ts) from a CSV file, against the configured store. On the embedded default it
 * works whether or not the bot is running: openStore joins the bot's store as a guest, or hosts it
 * for the length of the command.
 *
 * Exit codes: 0 every row valid; 2 some rows invalid (the valid ones are imported); 1 nothing could
 * be done (bad arguments, unreadable file, a store failure).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { importStaff, type ImportStaffReport } from '../../app/importStaff';
import { FIELD_LABELS } from '../../domain/staffImport';
import { systemClock } from '../clock';
import { readArgs, tenantIdProblem } from './args';
import type { CliCommand } from './command';
import { openCommandStore } from './commandStore';

const COLUMNS: readonly (readonly [string, string])[] = [
  [`${FIELD_LABELS.email} (or UPN)`, 'required'],
  [FIELD_LABELS.name, 'required'],
  [FIELD_LABELS.roles, 'required: supervisee, supervisor, psw, admin, separated by ;'],
  [FIELD_LABELS.team, ''],
  [FIELD_LABELS.employmentStart, 'YYYY-MM-DD or DD/MM/YYYY (read day first: 03/04/2026 is 3 April)'],
  [`${FIELD_LABELS.nqsw} (y/n)`, 'newly qualified social worker (ASYE)'],
  [FIELD_LABELS.supervisorEmail, ''],
  [`${FIELD_LABELS.lineManagerIsRegisteredSocialWorker} (y/n)`, ''],
  [FIELD_LABELS.professionalSupervisorEmail, 'required when the line manager is not a registered social worker'],
  [FIELD_LABELS.agreementStart, 'optional, a date as employment start'],
  [`${FIELD_LABELS.registeredSocialWorker} (y/n)`, "optional, the person's own registration"],
];

export const HELP = `usage: npm run cli -- import-staff <file.csv> --tenant <tenant id> [--org-name <name>]

Imports staff from a CSV file (UTF-8, a header row, one row per person) into the organisation of
the Microsoft Entra tenant <tenant id>. --org-name names the organisation when it is new.

Columns (header spellings are matched loosely, in any case; other columns are ignored):
${COLUMNS.map(([label, note]) => `  ${label.padEnd(52)}${note}`.trimEnd()).join('\n')}

What it does:
  - People are matched by email. New people are linked to their Teams account the first time they
    talk to the bot. The file speaks for the columns it has; people not in the file are untouched.
  - PSWs and admins of the organisation follow the roles given.
  - A professional supervisor named in the file is recorded as a registered social worker (Standard
    5 requires it) unless their row says "n"; one not in the file must already be recorded as one.
  - A supervisee with a supervisor gets a supervision agreement, created ACTIVE: the import is the
    organisation's record of arrangements already in place, so reminders and compliance start at
    once. (Agreements set up in Teams become active when both people agree.) An existing agreement
    keeps its status; a different supervisor is a handover from today, with the history kept.
  - A new agreement starts at the beginning of the supervision period that contains today (or at
    employment start for someone who has not started yet), so nothing before the import counts
    as missed. Give an "agreement start" column to choose another date.
  - Invalid rows are listed by row number (the header is row 1) with the reasons; the valid rows
    are imported. Running the same file again changes nothing.

Exit codes: 0 all rows imported; 2 some rows invalid (the others imported); 1 nothing done.
`;

interface Args {
  readonly file: string;
  readonly tenantId: string;
  readonly organisationName?: string;
}

function parseArgs(args: readonly string[]): { ok: true; value: Args } | { ok: false; message: string } | { ok: 'help' } {
  const read = readArgs(args, ['tenant', 'org-name']);
  if (read.ok !== true) return read;
  const { tenant, 'org-name': organisationName } = read.options;
  const [file, another] = read.positionals;
  if (another !== undefined) return { ok: false, message: `one file at a time (got ${file} and ${another})` };
  if (file === undefined) return { ok: false, message: 'name the CSV file to import' };
  const tenantProblem = tenantIdProblem(tenant);
  if (tenantProblem !== undefined || tenant === undefined) return { ok: false, message: tenantProblem ?? '' };
  return { ok: true, value: { file, tenantId: tenant, ...(organisationName ? { organisationName } : {}) } };
}

/**
 * The cells of a CSV text, header first. The delimiter is the header row's: a comma, or a semicolon
 * or tab when the header has no comma (as some spreadsheet locales save). Cells are trimmed.
 */
export function parseStaffCsv(text: string): { ok: true; value: string[][] } | { ok: false; message: string } {
  if (text.includes('\uFFFD')) {
    return { ok: false, message: 'the file is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8"' };
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes(';') ? ';' : ',';
  try {
    const rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    return { ok: true, value: rows };
  } catch (error) {
    return { ok: false, message: `the file is not valid CSV: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function formatReport(report: ImportStaffReport, tenantId: string, file: string): string {
  const out: string[] = [];
  out.push(`Staff import for tenant ${tenantId} from ${path.basename(file)}:`);
  out.push(`  imported ${report.imported}, updated ${report.updated}, unchanged ${report.unchanged}, invalid ${report.invalid.length}`);
  out.push(`  organisation settings: ${report.organisation}`);
  const updated = report.rows.filter((r) => r.outcome === 'updated');
  if (updated.length > 0) {
    out.push('Updated:');
    for (const r of updated) out.push(`  row ${r.row} (${r.email}): ${r.changes.join(', ')}`);
  }
  if (report.invalid.length > 0) {
    out.push('Invalid rows (not imported):');
    for (const r of report.invalid) out.push(`  row ${r.row}${r.email ? ` (${r.email})` : ''}: ${r.reasons.join('; ')}`);
  }
  if (report.ignoredColumns.length > 0) out.push(`Ignored columns: ${report.ignoredColumns.join(', ')}`);
  return `${out.join('\n')}\n`;
}

export const run: CliCommand = async (args, io) => {
  const parsed = parseArgs(args);
  if (parsed.ok === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (!parsed.ok) {
    io.stderr.write(`import-staff: ${parsed.message}\n\n${HELP}`);
    return 1;
  }
  const { file, tenantId, organisationName } = parsed.value;

  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`import-staff: cannot read ${file}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(error)}`}\n`);
    return 1;
  }
  const table = parseStaffCsv(text);
  if (!table.ok) {
    io.stderr.write(`import-staff: ${file}: ${table.message}\n`);
    return 1;
  }

  const opened = await openCommandStore('import-staff', io.stderr);
  if (opened === undefined) return 1;
  try {
    const repos = opened.repositories;
    const result = await importStaff(
      {
        people: repos.people,
        agreements: repos.agreements,
        sessions: repos.sessions,
        organisations: repos.organisations,
        clock: systemClock,
        ids: { next: () => randomUUID() },
      },
      { tenantId, table: table.value, ...(organisationName ? { organisationName } : {}) },
    );
    if (!result.ok) {
      io.stderr.write(`import-staff: ${file}: ${result.error.message}\n`);
      return 1;
    }
    io.stdout.write(formatReport(result.value, tenantId, file));
    return result.value.invalid.length > 0 ? 2 : 0;
  } finally {
    await opened.close();
  }
};
