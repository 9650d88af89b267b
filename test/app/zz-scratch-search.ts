import { DateTime } from 'luxon';
import { summaryAsOf } from '../../src/app/getCompliance';
import { emptySummary } from '../../src/domain/agreement';
import { summarize } from '../../src/domain/compliance';
import type { Agreement, Instant } from '../../src/domain/model';
import { NOW, SETTINGS, T1 } from '../fakes/world';
import { held } from './complianceWorld';
const day = (base: string, n: number) => DateTime.fromISO(base, { zone: 'utc' }).plus({ days: n }).toISODate() as string;
let seed = Number(process.env.SEED ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const noon = (d: string) => DateTime.fromISO(`${d}T12:00`, { zone: 'Europe/London' }).toUTC().toISO() as Instant;
let fails = 0;
const N = Number(process.env.N ?? 100000);
for (let n = 0; n < N && fails < 5; n++) {
  const employmentStart = day('2023-01-01', int(0, 900));
  const agreementStart = day(employmentStart, rnd() < 0.5 ? 0 : int(0, 120));
  const evaluatedAfter = int(-20, 500);
  const evaluatedOn = day(employmentStart, evaluatedAfter);
  const today = day(evaluatedOn, int(0, 400));
  const stricter = rnd() < 0.6 ? { weeklyPhaseDays: int(1, 7), fortnightlyPhaseDays: int(1, 14), monthlyPhaseDays: int(1, 28) } : undefined;
  const pauses = Array.from({ length: int(0, 4) }, () => { const s = int(-30, 500); return { from: day(employmentStart, s), to: day(employmentStart, s + int(0, 70)) }; });
  const base: Agreement = { id: 'agr-p', tenantId: T1, superviseeId: 'nqsw', supervisorId: 'sup1', lineManagerIsRegisteredSocialWorker: true, employmentStart, agreementStart, nqsw: rnd() < 0.5, pauses, ...(stricter ? { stricterCadence: stricter } : {}), status: rnd() < 0.5 ? 'paused' : 'active', supervisorHistory: [], summary: emptySummary(employmentStart), createdAt: NOW, updatedAt: NOW };
  const sessions = Array.from({ length: int(0, 25) }, () => int(-10, 500)).filter((o) => o <= evaluatedAfter).map((o, i) => held(base, day(employmentStart, o), [45, 89, 90, 120][int(0, 3)], { id: `p-${i}`, uninterrupted: rnd() < 0.7 }));
  const saved = summarize({ agreement: base, sessions, settings: SETTINGS, now: noon(evaluatedOn) });
  const expected = summarize({ agreement: base, sessions, settings: SETTINGS, now: noon(today) });
  let forward;
  try { forward = summaryAsOf({ ...base, summary: saved }, today); } catch (e) { forward = String(e); }
  const f = forward as any;
  const same = f && typeof f === 'object' && f.nextDueBy === expected.nextDueBy && f.met === expected.met && f.missed === expected.missed && f.excused === expected.excused && f.overdueSince === expected.overdueSince;
  if (!same) { fails++; console.log(JSON.stringify({ n, base: { employmentStart, agreementStart, nqsw: base.nqsw, stricter, pauses, status: base.status }, sessions: sessions.map((s) => [s.start, s.minutes, s.uninterrupted]), evaluatedOn, today, saved, expected, forward })); }
}
console.log('fails', fails);
