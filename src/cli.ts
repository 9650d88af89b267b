/**
 * Command-line entry: `npm run --silent cli -- <command> [arguments]`.
 * Each command lives in src/adapters/cli/<command>.ts and exports `run: CliCommand`; a new command
 * is one line in COMMANDS. Commands load on demand, so one command never pays for another's
 * dependencies (the cadence command starts without touching the database).
 */
import type { CliCommand } from './adapters/cli/command';

const COMMANDS: Record<string, { readonly usage: string; readonly load: () => Promise<CliCommand> }> = {
  cadence: { usage: 'cadence --jsonl   evaluate cadence cases: one JSON case per stdin line, one JSON result per stdout line', load: async () => (await import('./adapters/cli/cadence')).run },
  'import-staff': { usage: 'import-staff <file.csv> --tenant <id> [--org-name <name>]   import people and supervision agreements (--help for the columns)', load: async () => (await import('./adapters/cli/importStaff')).run },
  retention: { usage: 'retention [--dry-run] [--tenant <id>]   run the retention pass now (--dry-run: list what would be deleted, change nothing)', load: async () => (await import('./adapters/cli/retention')).run },
  'export-person': { usage: 'export-person --tenant <id> --email <address> [--out <file.json>]   export what is kept about one person, for a subject access request', load: async () => (await import('./adapters/cli/exportPerson')).run },
};

function usage(): string {
  return ['usage: npm run --silent cli -- <command> [arguments]', '', 'commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`), ''].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(name === undefined || name === '--help' || name === 'help' ? usage() : `unknown command: ${name}\n\n${usage()}`);
    return name === '--help' || name === 'help' ? 0 : 2;
  }
  const run = await command.load();
  return run(args, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
