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

  it('answers a reviewer\'s hand-worked cases exactly (month ends, 29 Feb, A mid-period, boundaries, DST, zones, pauses)', async () => {
    const held = (start: string, minutes = 90, uninterrupted = true, isHeld = true) => ({ start, minutes, held: isHeld, uninterrupted });
    // Each case with its periods as `start end phase status` and nextDueBy, worked out by hand from SPEC.md.
    const table: [string, Record<string, unknown>, string[], string][] = [
      [
        'S = 31 Aug 2025: M6 = 28 Feb, then 31 Mar, 30 Apr; A = 20 Feb drops the fortnight [15 Feb, 28 Feb); T on a boundary',
        { employmentStart: '2025-08-31', agreementStart: '2026-02-20', nqsw: true, today: '2026-03-31', until: '2026-05-01' },
        ['2026-02-28 2026-03-31 monthly missed', '2026-03-31 2026-04-30 monthly due', '2026-04-30 2026-05-31 monthly upcoming'],
        '2026-04-29',
      ],
      [
        'non-NQSW from 31 Jan 2024: 29 Feb, 31 Mar, 30 Apr',
        { employmentStart: '2024-01-31', nqsw: false, today: '2024-02-29', until: '2024-04-01' },
        ['2024-01-31 2024-02-29 monthly missed', '2024-02-29 2024-03-31 monthly due', '2024-03-31 2024-04-30 monthly upcoming'],
        '2024-03-30',
      ],
      [
        'S = 29 Feb 2024: M6 = 29 Aug, months on the 29th',
        { employmentStart: '2024-02-29', agreementStart: '2024-08-01', nqsw: true, today: '2024-08-29', until: '2024-10-01' },
        ['2024-08-01 2024-08-15 fortnightly missed', '2024-08-15 2024-08-29 fortnightly missed', '2024-08-29 2024-09-29 monthly due', '2024-09-29 2024-10-29 monthly upcoming'],
        '2024-09-28',
      ],
      [
        'the last fortnight cut at M6 (13 days); 23:30 UTC on 4 Jul is 5 Jul in London and meets the first month; a met current period is skipped by nextDueBy',
        { employmentStart: '2026-01-05', agreementStart: '2026-06-10', nqsw: true, today: '2026-07-05', until: '2026-08-06', sessions: [held('2026-07-04T23:30:00Z')] },
        ['2026-06-22 2026-07-05 fortnightly missed', '2026-07-05 2026-08-05 monthly met', '2026-08-05 2026-09-05 monthly upcoming'],
        '2026-09-04',
      ],
      [
        'qualifying: 90 held uninterrupted meets; 89 minutes, interrupted, not held do not; an offset is read as an instant',
        {
          employmentStart: '2026-01-05',
          nqsw: true,
          today: '2026-02-16',
          until: '2026-02-16',
          sessions: [held('2026-01-06T10:00:00Z'), held('2026-01-13T10:00:00Z', 89), held('2026-01-20T10:00:00Z', 120, false), held('2026-01-27T10:00:00Z', 120, true, false), held('2026-02-03T00:30:00+01:00')],
        },
        ['2026-01-05 2026-01-12 weekly met', '2026-01-12 2026-01-19 weekly missed', '2026-01-19 2026-01-26 weekly missed', '2026-01-26 2026-02-02 weekly missed', '2026-02-02 2026-02-09 weekly met', '2026-02-09 2026-02-16 weekly missed'],
        '2026-03-01',
      ],
      [
        'pauses: a whole week excused (past or upcoming), part of a week not',
        { employmentStart: '2026-01-05', nqsw: true, today: '2026-01-20', until: '2026-02-09', pauses: [{ from: '2026-01-12', to: '2026-01-18' }, { from: '2026-01-26', to: '2026-01-31' }, { from: '2026-02-02', to: '2026-02-08' }] },
        ['2026-01-05 2026-01-12 weekly missed', '2026-01-12 2026-01-19 weekly excused', '2026-01-19 2026-01-26 weekly due', '2026-01-26 2026-02-02 weekly upcoming', '2026-02-02 2026-02-09 weekly excused'],
        '2026-01-25',
      ],
      [
        'a paused due period is excused and nextDueBy passes it',
        { employmentStart: '2026-01-05', nqsw: true, today: '2026-01-06', until: '2026-01-19', pauses: [{ from: '2026-01-01', to: '2026-01-18' }] },
        ['2026-01-05 2026-01-12 weekly excused', '2026-01-12 2026-01-19 weekly excused'],
        '2026-01-25',
      ],
      [
        'autumn DST in London: 23:30 UTC is the next day in BST, the same day in GMT',
        { employmentStart: '2026-10-18', nqsw: true, today: '2026-11-10', until: '2026-11-08', sessions: [held('2026-10-24T23:30:00Z'), held('2026-10-31T23:30:00Z')] },
        ['2026-10-18 2026-10-25 weekly missed', '2026-10-25 2026-11-01 weekly met', '2026-11-01 2026-11-08 weekly missed'],
        '2026-11-14',
      ],
      [
        'spring DST in London: 00:30 UTC on the change day is that day; 23:30 UTC a week later is the next day',
        { employmentStart: '2026-03-22', nqsw: true, today: '2026-04-10', until: '2026-04-12', sessions: [held('2026-03-29T00:30:00Z'), held('2026-04-04T23:30:00Z', 95)] },
        ['2026-03-22 2026-03-29 weekly missed', '2026-03-29 2026-04-05 weekly met', '2026-04-05 2026-04-12 weekly met'],
        '2026-04-18',
      ],
      [
        'Pacific/Auckland: 12:00 UTC on 27 Feb is 28 Feb local',
        { zone: 'Pacific/Auckland', employmentStart: '2026-01-31', nqsw: false, today: '2026-03-31', until: '2026-04-01', sessions: [held('2026-02-27T12:00:00Z')] },
        ['2026-01-31 2026-02-28 monthly missed', '2026-02-28 2026-03-31 monthly met', '2026-03-31 2026-04-30 monthly due'],
        '2026-04-29',
      ],
      [
        'America/New_York across its spring change: 04:30 UTC is 23:30 EST, 03:30 UTC is 23:30 EDT, both the previous day',
        { zone: 'America/New_York', employmentStart: '2026-03-01', nqsw: true, today: '2026-03-09', until: '2026-03-15', sessions: [held('2026-03-08T04:30:00Z'), held('2026-03-15T03:30:00Z')] },
        ['2026-03-01 2026-03-08 weekly met', '2026-03-08 2026-03-15 weekly met'],
        '2026-03-21',
      ],
      ['before employment: nothing listed before until, the first week upcoming', { employmentStart: '2026-01-05', nqsw: true, today: '2026-01-04', until: '2026-01-05' }, [], '2026-01-11'],
    ];
    // The first line starts with a byte-order mark, as files saved by some editors do.
    const input = '\ufeff' + table.map(([, c]) => JSON.stringify(c)).join('\n') + '\n';
    const { code, stdout, stderr } = await cli(input);
    assert.equal(code, 0, stderr);
    const out = outputLines(stdout);
    assert.equal(out.length, table.length);
    table.forEach(([what, , periods, nextDueBy], i) => {
      const expected = {
        periods: periods.map((p) => {
          const [start, end, phase, status] = p.split(' ');
          return { start, end, phase, status };
        }),
        nextDueBy,
      };
      assert.equal(out[i], JSON.stringify(expected), what);
    });
  });

  it('names the field of a session with a wrong type, and a missing nqsw', async () => {
    const base = { employmentStart: '2026-01-05', nqsw: true, today: '2026-01-06', until: '2026-01-20' };
    const session = { start: '2026-01-06T10:00:00Z', minutes: 90, held: true, uninterrupted: true };
    const input = [
      { ...base, sessions: [session, { ...session, minutes: '90' }] },
      { ...base, sessions: [{ ...session, held: 'yes' }] },
      { ...base, sessions: [{ ...session, start: 20260106 }] },
      { ...base, sessions: { ...session } },
      { ...base, nqsw: undefined },
      { ...base, until: '2026-02-30' },
    ].map((c) => JSON.stringify(c)).join('\n');
    const out = outputLines((await cli(input)).stdout).map(errorOf);
    assert.deepEqual(out.map((e) => e.split(':')[0]), ['sessions[1].minutes', 'sessions[0].held', 'sessions[0].start', 'sessions', 'nqsw', 'until']);
    assert.match(out[4], /^nqsw: is required$/);
    assert.match(out[5], /not a real calendar date/);
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
