/**
 * Oversight benchmarks (issue 11):
 * - healthCheck.figures: the health check's figures (src/domain/healthCheck.ts) for an organisation
 *   of 1,000 agreements in 10 teams (a third NQSW, a tenth with a pause, a tenth ended), two years of
 *   sessions each (about 30, some short or interrupted, half rated), over 12 months. Seconds, median
 *   of 3 runs after a warm-up; building the data is not timed. It runs once per export request.
 * - retention.plan: the retention rule (src/domain/retention.ts) over 10,000 agreements with 20
 *   sessions each, 10,000 notes and 5,000 concerns, with 50 legal holds: the daily pass's planning
 *   for one large organisation. Seconds, median of 3.
 */
import { dateOf, dayOf } from '../src/domain/calendar';
import { healthCheckFigures, type HealthCheckAgreement } from '../src/domain/healthCheck';
import type { Agreement, Concern, ReflectiveNote, Session } from '../src/domain/model';
import { DEFAULT_RETENTION, planRetention } from '../src/domain/retention';
import { random } from './random';
import type { BenchResult } from './run';


const T = 'bench';
const TODAY = '2026-03-02';

function organisation(n: number, sessionsEach: number, seed: number): HealthCheckAgreement[] {
  const rnd = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const today = dayOf(TODAY);
  const out: HealthCheckAgreement[] = [];
  for (let i = 0; i < n; i++) {
    const start = today - int(60, 730);
    const ended = rnd() < 0.1;
    const pauseFrom = start + int(0, 500);
    const a: Agreement = {
      id: `a${i}`,
      tenantId: T,
      superviseeId: `p${i}`,
      supervisorId: `s${i % 50}`,
      lineManagerIsRegisteredSocialWorker: true,
      employmentStart: dateOf(start),
      agreementStart: dateOf(start),
      nqsw: i % 3 === 0,
      pauses: rnd() < 0.1 ? [{ from: dateOf(pauseFrom), to: dateOf(pauseFrom + int(5, 40)) }] : [],
      status: ended ? 'ended' : 'active',
      ...(ended ? { endedOn: dateOf(today - int(1, 59)) } : {}),
      supervisorHistory: [{ supervisorId: `s${i % 50}`, from: dateOf(start) }],
      summary: { nextDueBy: null, nextActionAt: null, met: 0, missed: 0, excused: 0, short: 0, lastSessionOn: null, overdueSince: null, evaluatedOn: TODAY },
      createdAt: `${dateOf(start)}T09:00:00.000Z`,
      updatedAt: `${dateOf(start)}T09:00:00.000Z`,
    };
    const sessions: Session[] = [];
    for (let k = 0; k < sessionsEach; k++) {
      const day = start + Math.floor(((today - start) * (k + rnd())) / sessionsEach);
      const at = `${dateOf(day)}T${String(int(8, 17)).padStart(2, '0')}:00:00.000Z`;
      sessions.push({
        id: `a${i}s${k}`, tenantId: T, agreementId: a.id, supervisorId: a.supervisorId, superviseeId: a.superviseeId,
        status: 'held', mode: 'teams', scheduledStart: at, plannedMinutes: 90, start: at,
        minutes: rnd() < 0.85 ? int(90, 120) : int(30, 89), uninterrupted: rnd() < 0.92, agenda: [], actions: [],
        ...(rnd() < 0.5 ? { rating: { score: int(1, 5), ratedAt: at } } : {}),
        createdAt: at, updatedAt: at,
      });
    }
    out.push({ agreement: a, sessions, team: `Team ${i % 10}` });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(run: () => unknown): number {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export default async function (): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  const warm = organisation(200, 30, 1);
  healthCheckFigures({ zone: 'Europe/London', today: TODAY, fromMonth: '2025-03', toMonth: '2026-02', agreements: warm });
  const org = organisation(1_000, 30, 2);
  const runs = [0, 1, 2].map(() => time(() => healthCheckFigures({ zone: 'Europe/London', today: TODAY, fromMonth: '2025-03', toMonth: '2026-02', agreements: org })));
  results.push({ bench: 'healthCheck.figures', n: org.length, value: Math.round(median(runs) * 1000) / 1000, unit: 's' });

  const big = organisation(10_000, 20, 3).map((x) => ({ ...x, agreement: { ...x.agreement, status: 'ended' as const, endedOn: '2019-01-31' } }));
  const notes: ReflectiveNote[] = big.map((x, i) => ({
    id: `n${i}`, tenantId: T, authorId: x.agreement.superviseeId, whatHappened: 'x', howIFelt: 'x', whatILearned: 'x', whatNext: 'x', visibility: 'private',
    createdAt: '2018-01-01T10:00:00.000Z', updatedAt: '2018-01-01T10:00:00.000Z',
  }));
  const concerns: Concern[] = big.slice(0, 5_000).map((x, i) => ({
    id: `c${i}`, tenantId: T, raisedById: x.agreement.superviseeId, category: 'workload', description: 'x', urgency: 'low', route: 'psw', handlerId: 'psw', status: 'resolved',
    history: [{ at: '2018-01-01T10:00:00.000Z', byId: x.agreement.superviseeId, status: 'raised' }, { at: '2018-02-01T10:00:00.000Z', byId: 'psw', status: 'resolved' }],
    createdAt: '2018-01-01T10:00:00.000Z', updatedAt: '2018-02-01T10:00:00.000Z',
  }));
  const retention = { ...DEFAULT_RETENTION, holds: Array.from({ length: 50 }, (_, i) => ({ personId: `p${i * 7}`, placedOn: '2025-01-01', placedById: 'admin' })) };
  const input = { retention, today: TODAY, zone: 'Europe/London', agreements: big.map((x) => x.agreement), sessions: new Map(big.map((x) => [x.agreement.id, x.sessions])), notes, concerns };
  planRetention(input);
  const planRuns = [0, 1, 2].map(() => time(() => planRetention(input)));
  results.push({ bench: 'retention.plan', n: big.length + notes.length + concerns.length, value: Math.round(median(planRuns) * 1000) / 1000, unit: 's' });
  return results;
}
