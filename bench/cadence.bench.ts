/**
 * Cadence benchmarks (issue 2, item 11):
 * - cadence.evaluate: evaluating 100,000 agreements (NQSW and not, start dates over three years,
 *   a fifth with a pause, a tenth outside Europe/London) with two years of sessions each (30-60,
 *   some short, interrupted or not held): the periods up to two months ahead with their statuses,
 *   and nextDueBy. Seconds for all 100,000, median of 3 runs after a warm-up on other data;
 *   generating the data is not timed. Target: under 1 s on 2 cores.
 * - cadence.evaluate.cpu: the same runs in CPU seconds of this process (GC threads included), a
 *   steadier figure when other work shares the machine.
 * - cli.cadence.jsonl: the real CLI (`tsx src/cli.ts cadence --jsonl`, a new process) answering
 *   10,000 such cases piped through stdin; wall time including start-up.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { dateOf, dayOf } from '../src/domain/calendar';
import { evaluateCadence, type CadenceCase, type CadenceSession } from '../src/domain/cadence';
import { random } from './random';
import type { BenchResult } from './run';

const ZONES = ['America/New_York', 'Pacific/Auckland', 'Asia/Kolkata'];


const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function generateCases(n: number, seed: number): CadenceCase[] {
  const rnd = random(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const first = dayOf('2023-01-01');
  const cases: CadenceCase[] = [];
  for (let i = 0; i < n; i++) {
    const s = first + int(0, 3 * 365);
    const a = rnd() < 0.7 ? s : s + int(1, 120);
    const today = s + 730;
    const count = int(30, 60);
    const sessions: CadenceSession[] = [];
    for (let k = 0; k < count; k++) {
      // spread over two years, denser at first as for an NQSW, in order of time
      const day = s + Math.floor(730 * Math.pow((k + rnd()) / count, 1.3));
      sessions.push({
        start: `${dateOf(day)}T${pad(int(7, 18))}:${pad(int(0, 59))}:00.000Z`,
        minutes: rnd() < 0.85 ? int(90, 120) : int(30, 89),
        held: rnd() < 0.95,
        uninterrupted: rnd() < 0.92,
      });
    }
    const pauseStart = s + int(0, 700);
    cases.push({
      zone: rnd() < 0.9 ? 'Europe/London' : ZONES[int(0, ZONES.length - 1)],
      employmentStart: dateOf(s),
      agreementStart: dateOf(a),
      nqsw: rnd() < 0.4,
      today: dateOf(today),
      until: dateOf(today + 60),
      pauses: rnd() < 0.2 ? [{ from: dateOf(pauseStart), to: dateOf(pauseStart + int(7, 30)) }] : [],
      sessions,
    });
  }
  // as data arrives (from JSON: flat strings), not as built here
  return JSON.parse(JSON.stringify(cases)) as CadenceCase[];
}

function evaluateAll(cases: readonly CadenceCase[]): { seconds: number; cpuSeconds: number; check: number } {
  let check = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const c of cases) {
    const r = evaluateCadence(c);
    check += r.periods.length + (r.nextDueBy === null ? 0 : 1);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, check };
}

async function cliSeconds(cases: readonly CadenceCase[]): Promise<number> {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const root = path.resolve(__dirname, '..');
  const t0 = process.hrtime.bigint();
  const lines = await new Promise<number>((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['src/cli.ts', 'cadence', '--jsonl'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let count = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) count++;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(count) : reject(new Error(`cli exited ${code}`))));
    child.stdin.end(input);
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (lines !== cases.length) throw new Error(`cli answered ${lines} lines for ${cases.length}`);
  return seconds;
}

export default async function (): Promise<BenchResult[]> {
  const n = 100_000;
  evaluateAll(generateCases(20_000, 7)); // warm-up on other data
  const cases = generateCases(n, 42);
  const runs = [0, 1, 2].map(() => evaluateAll(cases));
  if (new Set(runs.map((r) => r.check)).size !== 1) throw new Error('runs disagree');
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[1];
  const seconds = median(runs.map((r) => r.seconds));
  const cpuSeconds = median(runs.map((r) => r.cpuSeconds));
  const cliCases = generateCases(10_000, 99);
  return [
    { bench: 'cadence.evaluate', n, value: Number(seconds.toFixed(3)), unit: 's' },
    { bench: 'cadence.evaluate.cpu', n, value: Number(cpuSeconds.toFixed(3)), unit: 's' },
    { bench: 'cli.cadence.jsonl', n: cliCases.length, value: Number((await cliSeconds(cliCases)).toFixed(3)), unit: 's' },
  ];
}
