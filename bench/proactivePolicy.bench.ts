/**
 * The proactive policy in working days (issue 9), pure, over 10,000 agreements of one organisation
 * (England and Wales bank holidays from date-holidays, Monday to Friday, 09:00):
 * - proactive.plan: `summaryWithProactivePlan` for each agreement with its 12 sessions (10 held,
 *   2 booked), what the sweep and every session change compute; median of 5 runs, ms.
 * - proactive.replan: `replanNextActionAt` from the stored summaries after a change of lead days,
 *   the bounded pass a settings change makes (no session read); median of 5 runs, ms.
 */
import { performance } from 'node:perf_hooks';
import type { Agreement, Session } from '../src/domain/model';
import { emptySummary } from '../src/domain/agreement';
import { replanNextActionAt, summaryWithProactivePlan, type ProactiveSettings } from '../src/domain/proactivePolicy';
import { workingCalendarOf } from '../src/domain/workingCalendar';
import type { BenchResult } from './run';

const N = 10_000;
const RUNS = 5;
const NOW = '2026-12-21T09:00:00.000Z';
const SETTINGS: ProactiveSettings = {
  zone: 'Europe/London',
  reminderLeadDays: 3,
  escalationGraceDays: 5,
  quietHours: { start: '19:00', end: '08:00' },
  sendTime: '09:00',
  pswIds: ['psw'],
  adminIds: [],
};
const CALENDAR = workingCalendarOf({});

function agreementNo(i: number): Agreement {
  const start = new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `agreement-${i}`,
    tenantId: 't',
    superviseeId: `person-${i}`,
    supervisorId: `person-${i % 500}`,
    lineManagerIsRegisteredSocialWorker: true,
    employmentStart: start,
    agreementStart: start,
    nqsw: i % 3 === 0,
    pauses: [],
    status: 'active',
    supervisorHistory: [],
    summary: emptySummary(start),
    createdAt: `${start}T09:00:00.000Z`,
    updatedAt: `${start}T09:00:00.000Z`,
  };
}

function sessionsOf(a: Agreement, i: number): Session[] {
  return Array.from({ length: 12 }, (_, k) => {
    const day = Date.parse(NOW) - (10 - k) * 17 * 86_400_000 + (i % 5) * 86_400_000;
    const start = new Date(day).toISOString();
    const held = k < 10;
    return {
      id: `${a.id}-s${k}`,
      tenantId: 't',
      agreementId: a.id,
      supervisorId: a.supervisorId,
      superviseeId: a.superviseeId,
      status: held ? 'held' : 'scheduled',
      mode: 'in-person',
      scheduledStart: start,
      plannedMinutes: 90,
      ...(held ? { start, minutes: k % 4 === 0 ? 60 : 90, uninterrupted: true } : {}),
      agenda: [],
      actions: [],
      createdAt: '2026-12-01T09:00:00.000Z',
      updatedAt: '2026-12-01T09:00:00.000Z',
    } satisfies Session;
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export default async function (): Promise<BenchResult[]> {
  const agreements = Array.from({ length: N }, (_, i) => agreementNo(i));
  const sessions = agreements.map((a, i) => sessionsOf(a, i));
  const stored: Agreement[] = [];
  const plan = (keep: boolean) => {
    for (let i = 0; i < N; i++) {
      const { summary } = summaryWithProactivePlan({ agreement: agreements[i], sessions: sessions[i], settings: SETTINGS, calendar: CALENDAR, now: NOW, acted: true });
      if (keep) stored.push({ ...agreements[i], summary });
    }
  };
  plan(true); // warm-up, and the stored summaries for the re-plan
  const planTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    plan(false);
    planTimes.push(performance.now() - t0);
  }
  const before = { settings: SETTINGS, calendar: CALENDAR };
  const after = { settings: { ...SETTINGS, reminderLeadDays: 5 }, calendar: CALENDAR };
  const replanTimes: number[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const t0 = performance.now();
    for (const a of stored) replanNextActionAt(a, before, after, NOW);
    if (r > 0) replanTimes.push(performance.now() - t0);
  }
  return [
    { bench: 'proactive.plan', n: N, value: Math.round(median(planTimes)), unit: 'ms' },
    { bench: 'proactive.replan', n: N, value: Math.round(median(replanTimes)), unit: 'ms' },
  ];
}
