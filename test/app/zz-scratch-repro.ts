/**
 * The compliance tab's use case on the fakes: who sees which agreements, the figures of each (from
 * the stored summary brought forward to today, checked against a full recomputation), the standing
 * words, quality ratings, and that no note, concern or rating comment ever reaches the view.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { summaryAsOf, type ComplianceRow, type ComplianceView } from '../../src/app/getCompliance';
import { emptySummary } from '../../src/domain/agreement';
import { summarize } from '../../src/domain/compliance';
import type { Agreement, Instant } from '../../src/domain/model';
import { failure, okValue } from '../fakes/results';
import { NOW, PEOPLE, SETTINGS, T1, T2, seedAgreement, world } from '../fakes/world';
import { SECRET_COMMENT, SECRET_CONCERN, SECRET_NOTE, held, northshire } from './complianceWorld';

const names = (rows: readonly ComplianceRow[]) => rows.map((r) => r.supervisee.name);
const row = (view: ComplianceView, agreementId: string) => {
  const r = view.rows.find((x) => x.agreementId === agreementId);
  assert.ok(r, `${agreementId} is not in the view`);
  return r;
};

describe('app/getCompliance summaryAsOf', () => {
  const day = (base: string, n: number) => DateTime.fromISO(base, { zone: 'utc' }).plus({ days: n }).toISODate() as string;

  it('equals the summary recomputed on the later day, for any agreement, sessions, pauses and dates (property)', () => {
    const agreementArb = fc.record({
      nqsw: fc.boolean(),
      employmentOffset: fc.integer({ min: 0, max: 900 }),
      agreementDelay: fc.integer({ min: 0, max: 120 }),
      stricter: fc.option(fc.record({ weeklyPhaseDays: fc.integer({ min: 3, max: 7 }), monthlyPhaseDays: fc.integer({ min: 10, max: 28 }) }), { nil: undefined }),
      pauses: fc.array(fc.record({ start: fc.integer({ min: -30, max: 500 }), length: fc.integer({ min: 0, max: 70 }) }), { maxLength: 3 }),
      sessions: fc.array(fc.record({ offset: fc.integer({ min: -10, max: 500 }), minutes: fc.constantFrom(45, 89, 90, 120), uninterrupted: fc.boolean(), hour: fc.integer({ min: 0, max: 23 }) }), { maxLength: 25 }),
      evaluatedAfter: fc.integer({ min: -20, max: 500 }),
      laterBy: fc.integer({ min: 0, max: 400 }),
      paused: fc.boolean(),
    });
    fc.assert(
      fc.property(agreementArb, (c) => {
        const employmentStart = day('2023-01-01', c.employmentOffset);
        const agreementStart = day(employmentStart, c.agreementDelay);
        const evaluatedOn = day(employmentStart, c.evaluatedAfter);
        const today = day(evaluatedOn, c.laterBy);
        const base: Agreement = {
          id: 'agr-p',
          tenantId: T1,
          superviseeId: 'nqsw',
          supervisorId: 'sup1',
          lineManagerIsRegisteredSocialWorker: true,
          employmentStart,
          agreementStart,
          nqsw: c.nqsw,
          pauses: c.pauses.map((p) => ({ from: day(employmentStart, p.start), to: day(employmentStart, p.start + p.length) })),
          ...(c.stricter !== undefined ? { stricterCadence: c.stricter } : {}),
          status: c.paused ? 'paused' : 'active',
          supervisorHistory: [],
          summary: emptySummary(employmentStart),
          createdAt: NOW,
          updatedAt: NOW,
        };
        // Sessions are recorded by the day the summary was saved (a held session never starts later).
        const sessions = c.sessions
          .filter((s) => s.offset <= c.evaluatedAfter)
          .map((s, i) =>
            held(base, day(employmentStart, s.offset), s.minutes, {
              id: `p-${i}`,
              start: DateTime.fromISO(`${day(employmentStart, s.offset)}T${String(s.hour).padStart(2, '0')}:30`, { zone: 'Europe/London' }).toUTC().toISO() as Instant,
              uninterrupted: s.uninterrupted,
            }),
          )
          .filter((s) => DateTime.fromISO(s.start as string).setZone('Europe/London').toISODate()! <= evaluatedOn);
        const noon = (d: string) => DateTime.fromISO(`${d}T12:00`, { zone: 'Europe/London' }).toUTC().toISO() as Instant;
        const saved = summarize({ agreement: base, sessions, settings: SETTINGS, now: noon(evaluatedOn) });
        const expected = summarize({ agreement: base, sessions, settings: SETTINGS, now: noon(today) });
        const forward = summaryAsOf({ ...base, summary: saved }, today);
        assert.ok(forward !== null, 'a summary of a live agreement can always be brought forward');
        assert.deepEqual(
          { nextDueBy: forward.nextDueBy, met: forward.met, missed: forward.missed, excused: forward.excused, overdueSince: forward.overdueSince },
          { nextDueBy: expected.nextDueBy, met: expected.met, missed: expected.missed, excused: expected.excused, overdueSince: expected.overdueSince },
        );
        assert.ok(forward.periodStart !== null && forward.nextDueBy !== null && forward.periodStart <= forward.nextDueBy);
      }),
      { numRuns: Number(process.env.RUNS ?? 20000), seed: process.env.SEED ? Number(process.env.SEED) : undefined, verbose: 1 },
    );
  });

  it('gives up (null) on an ended agreement and on a summary that does not fit the schedule', () => {
    const w = world(NOW);
    const a = seedAgreement(w);
    const summary = summarize({ agreement: a, sessions: [], settings: SETTINGS, now: NOW });
    assert.notEqual(summaryAsOf({ ...a, summary }, '2026-03-02'), null);
    assert.equal(summaryAsOf({ ...a, summary, status: 'ended', endedOn: '2026-03-01' }, '2026-03-02'), null);
    assert.equal(summaryAsOf({ ...a, summary: { ...summary, nextDueBy: '2026-03-05' } }, '2026-03-02'), null, 'not the last day of a period');
  });
});
