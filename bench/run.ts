/**
 * `npm run bench`: runs every bench/*.bench.ts module in turn, each in its own process (so one
 * bench's heap and JIT state do not colour the next), and prints one JSON object per measure per
 * line on stdout:
 *   {"bench":"cadence.evaluate","n":100000,"value":0.42,"unit":"s"}
 *
 * A bench module's contract:
 *   import type { BenchResult } from './run';
 *   export default async function (): Promise<BenchResult[]> { ... }
 * It builds its own data, times only the work it names (never the set-up), closes everything it
 * opened, and returns its measures; it prints nothing on stdout (diagnostics go to stderr).
 * A module that throws makes the run exit 1 after the other modules have run.
 * `npm run bench -- cadence` runs only the modules whose file name contains `cadence`.
 */
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface BenchResult {
  /** What was measured, dotted: `<area>.<operation>`. */
  readonly bench: string;
  /** How many items the measure covers (agreements, lines, documents). */
  readonly n: number;
  readonly value: number;
  /** `s`, `ms`, `MB`, `ops/s`, ... */
  readonly unit: string;
}

type BenchModule = { default: () => Promise<BenchResult[]> };

async function runOne(file: string): Promise<void> {
  const mod = (await import(path.resolve(file))) as BenchModule;
  const results = await mod.default();
  for (const r of results) process.stdout.write(`${JSON.stringify({ bench: r.bench, n: r.n, value: r.value, unit: r.unit })}\n`);
}

async function runAll(filters: readonly string[]): Promise<number> {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((name) => f.includes(name))))
    .sort()
    .map((f) => path.join(__dirname, f));
  let failures = 0;
  for (const file of files) {
    const code = await new Promise<number>((resolve) => {
      const child = fork(__filename, ['--one', file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    if (code !== 0) {
      failures++;
      process.stderr.write(`bench: ${path.basename(file)} failed (exit ${code})\n`);
    }
  }
  return failures === 0 ? 0 : 1;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const work = args[0] === '--one' && args[1] !== undefined ? runOne(args[1]).then(() => 0) : runAll(args);
  work.then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
