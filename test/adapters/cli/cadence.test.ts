/**
 * The cadence CLI contract, through the real CLI in a child process:
 * `tsx src/cli.ts cadence --jsonl`, one JSON case per stdin line -> one JSON result per stdout line.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { evaluateCadence, type CadenceCase } from '../../../src/domain/cadence';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function cli(input: string, args = ['cadence', '--jsonl']): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['src/cli.ts', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const outputLines = (stdout: string): string[] => {
  assert.ok(stdout === '' || stdout.endsWith('\n'), 'every answer ends with a newline');
  return stdout === '' ? [] : stdout.slice(0, -1).split('\n');
};

const good = {
  employmentStart: '2026-01-05',
  nqsw: true,
  today: '2026-01-20',
  until: '2026-01-20',
  pauses: [],
  sessions: [{ start: '2026-01-06T10:00:00Z', minutes: 90, held: true, uninterrupted: true }],
};
const GOOD_ANSWER =
  '{"periods":[' +
  '{"start":"2026-01-05","end":"2026-01-12","phase":"weekly","status":"met"},' +
  '{"start":"2026-01-12","end":"2026-01-19","phase":"weekly","status":"missed"},' +
  '{"start":"2026-01-19","end":"2026-01-26","phase":"weekly","status":"due"}],' +
  '"nextDueBy":"2026-01-25"}';

const errorOf = (line: string): string => {
  const parsed = JSON.parse(line) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ['error'], line);
  assert.equal(typeof parsed.error, 'string');
  return parsed.error as string;
};

describe('cli: cadence --jsonl', () => {
  it('answers each line on its own line, in order: results for good cases, an error naming the field for bad ones', async () => {
    const input = [
      JSON.stringify(good),
      '{"employmentStart": "2026-01-05", "nqsw": true, "today": "2026-01-20"', // not JSON
      JSON.stringify({ ...good, employmentStart: '2026-02-30' }),
      '',
      JSON.stringify({ ...good, zone: 'Mars/Olympus' }),
      JSON.stringify({ ...good, nqsw: 'yes' }),
      '[1, 2]',
      JSON.stringify({ ...good, sessions: [{ start: '2026-01-06T10:00:00Z', minutes: -5, held: true, uninterrupted: true }] }),
      JSON.stringify({ ...good, sessions: [{ start: 'last Tuesday', minutes: 90, held: true, uninterrupted: true }] }),
      JSON.stringify({ ...good, pauses: [{ from: '2026-01-10', to: '2026-01-01' }] }),
      JSON.stringify({ ...good, until: undefined }),
      JSON.stringify({ ...good, sessions: [{ start: '2026-01-06T10:00:00Z', minutes: 90, held: true }] }),
      JSON.stringify({ ...good, today: '20-01-2026' }),
      `${JSON.stringify(good)}\r`, // CRLF input
      JSON.stringify({ ...good, agreementStart: null, zone: null, ignoredField: 1 }),
      JSON.stringify(good), // last line without a newline
    ].join('\n');
    const { code, stdout, stderr } = await cli(input);
    assert.equal(code, 0, stderr);
    const out = outputLines(stdout);
    assert.equal(out.length, 16);
    assert.equal(out[0], GOOD_ANSWER);
    assert.match(errorOf(out[1]), /not valid JSON/);
    assert.match(errorOf(out[2]), /^employmentStart: "2026-02-30" is not a real calendar date$/);
    assert.match(errorOf(out[3]), /empty line/);
    assert.match(errorOf(out[4]), /^zone: "Mars\/Olympus" is not an IANA time zone/);
    assert.match(errorOf(out[5]), /^nqsw: must be true or false$/);
    assert.match(errorOf(out[6]), /JSON object/);
    assert.match(errorOf(out[7]), /^sessions\[0\]\.minutes: must not be negative$/);
    assert.match(errorOf(out[8]), /^sessions\[0\]\.start: "last Tuesday" is not an ISO-8601 date-time/);
    assert.match(errorOf(out[9]), /^pauses\[0\]: from 2026-01-10 is after to 2026-01-01$/);
    assert.match(errorOf(out[10]), /^until: is required$/);
    assert.match(errorOf(out[11]), /^sessions\[0\]\.uninterrupted: is required$/);
    assert.match(errorOf(out[12]), /^today: "20-01-2026" is not a date written YYYY-MM-DD$/);
    assert.equal(out[13], GOOD_ANSWER);
    assert.equal(out[14], GOOD_ANSWER);
    assert.equal(out[15], GOOD_ANSWER);
  });

  it('names every bad field of a line at once', async () => {
    const { stdout } = await cli(`${JSON.stringify({ employmentStart: '2025-02-29', nqsw: 1, today: '2026-01-01', until: '1850-01-01', stricterCadence: { monthlyPhaseDays: 30 } })}\n`);
    const error = errorOf(outputLines(stdout)[0]);
    for (const field of ['employmentStart:', 'nqsw:', 'until:', 'stricterCadence.monthlyPhaseDays:']) assert.ok(error.includes(field), `${field} in ${error}`);
    assert.match(error, /looser than the standard/);
  });

  it('writes exactly periods and nextDueBy, each period exactly start, end, phase, status', async () => {
    const c = { zone: 'Pacific/Auckland', employmentStart: '2026-02-02', agreementStart: '2026-03-02', nqsw: false, today: '2026-04-10', until: '2026-06-01', pauses: [{ from: '2026-05-02', to: '2026-06-01' }], sessions: [{ start: '2026-03-01T12:30:00Z', minutes: 95, held: true, uninterrupted: true }] };
    const out = outputLines((await cli(`${JSON.stringify(c)}\n`)).stdout);
    const result = JSON.parse(out[0]) as { periods: Record<string, unknown>[]; nextDueBy: string };
    assert.deepEqual(Object.keys(result), ['periods', 'nextDueBy']);
    for (const p of result.periods) assert.deepEqual(Object.keys(p), ['start', 'end', 'phase', 'status']);
    // 12:30 UTC on 1 Mar is 01:30 on 2 Mar in Auckland: it meets [2 Mar, 2 Apr); [2 May, 2 Jun) lies in the pause
    assert.deepEqual(result, {
      periods: [
        { start: '2026-03-02', end: '2026-04-02', phase: 'monthly', status: 'met' },
        { start: '2026-04-02', end: '2026-05-02', phase: 'monthly', status: 'due' },
        { start: '2026-05-02', end: '2026-06-02', phase: 'monthly', status: 'excused' },
      ],
      nextDueBy: '2026-05-01',
    });
  });

  it('answers 10,000 lines in one run, each in its place', async () => {
    const cases: (CadenceCase | string)[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 97 === 13) {
        cases.push(`{"line": ${i}`);
        continue;
      }
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String((i % 28) + 1).padStart(2, '0');
      const start = `${2020 + (i % 6)}-${month}-${day}`;
      cases.push({
        employmentStart: start,
        nqsw: i % 3 === 0,
        today: `${2021 + (i % 6)}-06-15`,
        until: `${2021 + (i % 6)}-09-01`,
        pauses: i % 5 === 0 ? [{ from: `${2021 + (i % 6)}-02-01`, to: `${2021 + (i % 6)}-03-31` }] : [],
        sessions: Array.from({ length: i % 20 }, (_, k) => ({
          start: `${2020 + (i % 6) + Math.floor(k / 10)}-${String((k % 12) + 1).padStart(2, '0')}-${day}T${String(8 + (k % 10)).padStart(2, '0')}:30:00Z`,
          minutes: 60 + ((i + k) % 60),
          held: (i + k) % 7 !== 0,
          uninterrupted: (i + k) % 11 !== 0,
        })),
      });
    }
    const input = cases.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join('\n') + '\n';
    const { code, stdout, stderr } = await cli(input);
    assert.equal(code, 0, stderr);
    const out = outputLines(stdout);
    assert.equal(out.length, 10_000);
    cases.forEach((c, i) => {
      if (typeof c === 'string') assert.match(errorOf(out[i]), /not valid JSON/, `line ${i + 1}`);
      else assert.equal(out[i], JSON.stringify(evaluateCadence(c)), `line ${i + 1}`);
    });
  });

  it('answers nothing to no input, and refuses a call without --jsonl or an unknown command with a usage line', async () => {
    assert.deepEqual(await cli(''), { code: 0, stdout: '', stderr: '' });
    const bare = await cli('', ['cadence']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /usage: .*cadence --jsonl/);
    const unknown = await cli('', ['no-such-command']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command: no-such-command/);
    assert.match(unknown.stderr, /cadence --jsonl/);
  });
});
