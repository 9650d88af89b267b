/**
 * `npm run --silent cli -- retention [--dry-run] [--tenant <id>]`: the retention pass
 * (src/app/retention.ts) now, against the configured store, for every organisation or one. With
 * --dry-run it lists what would be deleted and what a legal hold keeps, and changes nothing. The bot
 * runs the same pass once a day by itself; this is for checking a policy change before it bites, or
 * for running it by hand.
 *
 * Output: one line per record (type, id, the dates; never content) and a summary line per
 * organisation on stdout. Exit codes: 0 done; 1 nothing done or a pass that stopped part-way
 * (bad arguments, the database unavailable).
 */
import { runRetentionPass, type TenantRetentionOutcome } from '../../app/retention';
import { systemClock } from '../clock';
import { readArgs, tenantIdProblem } from './args';
import type { CliCommand } from './command';
import { openCommandStore } from './commandStore';

export const HELP = `usage: npm run --silent cli -- retention [--dry-run] [--tenant <tenant id>]

Runs the retention pass now: deletes the supervision agreements and their sessions, reflective notes
and concerns whose retention period has run (by default 6 years after the agreement ended or the
concern was resolved; admins change it in the Compliance tab), except those of people under a legal
hold, and records each deletion in the audit log. The bot runs this pass once a day by itself.

  --dry-run           list what would be deleted and what a legal hold keeps; change nothing
  --tenant <id>       one organisation only (default: every organisation)

Exit codes: 0 done; 1 nothing done, or the pass stopped part-way (run it again).
`;

export function outcomeLines(t: TenantRetentionOutcome, dryRun: boolean): string[] {
  const verb = dryRun ? 'would delete' : 'deleted';
  const line = (word: string, i: { recordType: string; recordId: string; countedFrom: string; expiredOn: string }, extra = '') =>
    `${word} ${i.recordType} ${i.recordId} (kept from ${i.countedFrom}, expired on ${i.expiredOn})${extra}`;
  return [
    ...t.deleted.map((i) => line(verb, i)),
    ...t.held.map((i) => line('held', i, `: legal hold on ${i.heldFor.join(', ')}`)),
    ...t.skipped.map((i) => line('skipped', i, ': changed since it was read; the next pass looks again')),
    `retention: tenant ${t.tenantId} on ${t.today}: ${t.deleted.length} ${verb}, ${t.held.length} held, ${t.skipped.length} skipped` +
      (t.failure === undefined ? '' : `; stopped: ${t.failure.message}`),
  ];
}

export const run: CliCommand = async (args, io) => {
  const dryRun = args.includes('--dry-run');
  const read = readArgs(args.filter((a) => a !== '--dry-run'), ['tenant']);
  if (read.ok === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (read.ok !== true) {
    io.stderr.write(`retention: ${read.message}\n\n${HELP}`);
    return 1;
  }
  if (read.positionals.length > 0) {
    io.stderr.write(`retention: unexpected argument "${read.positionals[0]}"\n\n${HELP}`);
    return 1;
  }
  const tenant = read.options.tenant;
  const problem = tenant === undefined ? undefined : tenantIdProblem(tenant);
  if (problem !== undefined) {
    io.stderr.write(`retention: ${problem}\n`);
    return 1;
  }
  const opened = await openCommandStore('retention', io.stderr);
  if (opened === undefined) return 1;
  try {
    // The adapter reads the clock; the use case takes the time as an argument.
    const r = await runRetentionPass(opened.repositories, systemClock.now(), { dryRun, ...(tenant !== undefined ? { tenantId: tenant } : {}) });
    if (!r.ok) {
      io.stderr.write(`retention: ${r.error.message}\n`);
      return 1;
    }
    for (const t of r.value.tenants) io.stdout.write(`${outcomeLines(t, dryRun).join('\n')}\n`);
    return r.value.tenants.some((t) => t.failure !== undefined) ? 1 : 0;
  } finally {
    await opened.close();
  }
};
