/**
 * `npm run --silent cli -- export-person --tenant <id> --email <address> [--out <file.json>]`: the
 * subject access export (src/app/exportSubjectAccess.ts) of one person, against the configured
 * store. On the embedded default it works whether or not the bot is running (see importStaff.ts).
 *
 * The document holds reflective notes and concerns, so it goes only where asked: to the file given
 * with --out (written atomically, readable by its owner only: mode 0600 from the moment it exists),
 * or to stdout. stderr gets one summary line of counts, never a note or a concern.
 *
 * Exit codes: 0 exported; 2 no one with that email in that tenant; 1 nothing done (bad arguments,
 * the database unavailable, the file not writable).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exportSubjectAccess, type SubjectAccessCounts } from '../../app/exportSubjectAccess';
import { systemClock } from '../clock';
import { readArgs, tenantIdProblem } from './args';
import type { CliCommand } from './command';
import { openCommandStore } from './commandStore';

export const HELP = `usage: npm run --silent cli -- export-person --tenant <tenant id> --email <address> [--out <file.json>]

Exports, for a subject access request (UK GDPR), what Supervision Bot keeps about one person of the
organisation of the Microsoft Entra tenant <tenant id>, found by email (in any case), as one JSON
document: the person, their agreements and sessions, every reflective note they wrote, the concerns
they raised in full, and the concerns they handle as metadata only. Its "notes" field says what is
left out and why.

  --out <file.json>   write the document to this file, readable by its owner only (mode 0600),
                      replacing it atomically if it exists; without --out it goes to stdout.

The document contains sensitive personal data: keep it safe and delete it once the request is answered.

Exit codes: 0 exported; 2 no one with that email in that tenant; 1 nothing done.
`;

interface Args {
  readonly tenantId: string;
  readonly email: string;
  readonly out?: string;
}

function parseArgs(args: readonly string[]): { ok: true; value: Args } | { ok: false; message: string } | { ok: 'help' } {
  const read = readArgs(args, ['tenant', 'email', 'out']);
  if (read.ok !== true) return read;
  const { tenant, email, out } = read.options;
  if (read.positionals.length > 0) return { ok: false, message: `unexpected argument "${read.positionals[0]}"` };
  const tenantProblem = tenantIdProblem(tenant);
  if (tenantProblem !== undefined || tenant === undefined) return { ok: false, message: tenantProblem ?? '' };
  if (email === undefined) return { ok: false, message: '--email <address> is required (the person to export)' };
  return { ok: true, value: { tenantId: tenant, email, ...(out !== undefined ? { out } : {}) } };
}

export function summaryLine(tenantId: string, personId: string, counts: SubjectAccessCounts, destination: string): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return (
    `export-person: exported person ${personId} of tenant ${tenantId} to ${destination}: ` +
    [
      n(counts.agreements, 'agreement', 'agreements'),
      n(counts.sessions, 'session', 'sessions'),
      n(counts.reflectiveNotes, 'reflective note', 'reflective notes'),
      n(counts.concernsRaised, 'concern raised', 'concerns raised'),
      n(counts.concernsHandled, 'concern handled', 'concerns handled'),
    ].join(', ') +
    '\n'
  );
}

/**
 * Writes `data` so that `filePath` holds either what it held before or all of `data`, and so that
 * no one but the owner can read it at any moment: the temp file is created with mode 0600 (and set
 * to 0600 again, whatever the umask), synced, then renamed over the target.
 */
export async function writePrivateFileAtomic(filePath: string, data: string): Promise<void> {
  const dir = path.dirname(filePath);
  const temp = path.join(dir, `.${path.basename(filePath)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.chmod(0o600);
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, filePath);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  let dirHandle: fs.FileHandle | undefined;
  try {
    dirHandle = await fs.open(dir, 'r');
    await dirHandle.sync();
  } catch {
    // Makes the rename durable where the platform allows it (not on Windows): best effort.
  } finally {
    await dirHandle?.close().catch(() => undefined);
  }
}

export const run: CliCommand = async (args, io) => {
  const parsed = parseArgs(args);
  if (parsed.ok === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (!parsed.ok) {
    io.stderr.write(`export-person: ${parsed.message}\n\n${HELP}`);
    return 1;
  }
  const { tenantId, email } = parsed.value;
  const out = parsed.value.out === undefined ? undefined : path.resolve(parsed.value.out);
  if (out !== undefined) {
    const where = await fs.stat(path.dirname(out)).catch(() => null);
    if (where === null || !where.isDirectory()) {
      io.stderr.write(`export-person: cannot write ${parsed.value.out}: the folder ${path.dirname(out)} does not exist\n`);
      return 1;
    }
    const existing = await fs.stat(out).catch(() => null);
    if (existing !== null && !existing.isFile()) {
      io.stderr.write(`export-person: cannot write ${parsed.value.out}: it is not a file\n`);
      return 1;
    }
  }

  const opened = await openCommandStore('export-person', io.stderr);
  if (opened === undefined) return 1;
  try {
    const repos = opened.repositories;
    // The adapter reads the clock; the use case takes the time as an argument.
    const now = systemClock.now();
    const result = await exportSubjectAccess(
      {
        people: repos.people,
        agreements: repos.agreements,
        sessions: repos.sessions,
        notes: repos.notes,
        concerns: repos.concerns,
        organisations: repos.organisations,
        conversations: repos.conversations,
      },
      { tenantId, email },
      now,
    );
    if (!result.ok) {
      io.stderr.write(`export-person: ${result.error.message}\n`);
      return result.error.code === 'NOT_FOUND' ? 2 : 1;
    }
    const { document, counts } = result.value;
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (out === undefined) {
      io.stdout.write(json);
    } else {
      try {
        await writePrivateFileAtomic(out, json);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        io.stderr.write(`export-person: cannot write ${parsed.value.out}: ${code ?? (error instanceof Error ? error.message : String(error))}\n`);
        return 1;
      }
    }
    io.stderr.write(summaryLine(tenantId, document.person.id, counts, out === undefined ? 'stdout' : parsed.value.out ?? out));
    return 0;
  } finally {
    await opened.close();
  }
};
