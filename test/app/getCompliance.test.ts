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

describe('app/getCompliance', () => {
  it("a supervisor sees their own supervisees only, most urgent first, with today's standing", async () => {
    const w = northshire();
    const view = okValue(await w.uc.getCompliance(w.actor('sup1'), {}));
    assert.equal(view.scope, 'personal');
    assert.equal(view.canExport, false);
    assert.equal(view.today, '2026-03-02');
    assert.equal(view.zone, 'Europe/London');
    assert.equal(view.organisationName, 'Northshire Council');
    assert.deepEqual(names(view.rows), ['Nia Quinn', 'Rhys Evans'], "not Jo's supervisees, not the ended agreement");
    assert.deepEqual(
      view.rows.map((r) => [r.standing, r.relation]),
      [
        ['overdue', 'supervising'],
        ['due', 'supervising'],
      ],
    );
    assert.deepEqual(view.totals, { agreements: 2, overdue: 1, due: 1, onTrack: 0, paused: 0, notAgreed: 0 });

    const other = okValue(await w.uc.getCompliance(w.actor('sup2'), {}));
    assert.deepEqual(names(other.rows), ['Ola Okafor', 'Tess Bell']);
    assert.deepEqual(other.rows.map((r) => r.standing), ['on-track', 'not-agreed']);
  });

  it('brings a summary saved before a period ended forward to today, exactly as a recomputation would', async () => {
    const w = northshire();
    const view = okValue(await w.uc.getCompliance(w.actor('sup1'), {}));
    const nia = row(view, 'agr-1');
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.summary.evaluatedOn, '2026-02-20', 'the stored summary is from before week 2 ended');
    assert.equal(w.deps.agreements.peek(T1, 'agr-1')?.summary.overdueSince, null);
    assert.deepEqual(
      { met: nia.met, missed: nia.missed, excused: nia.excused, overdueSince: nia.overdueSince, nextDueBy: nia.nextDueBy, periodStart: nia.periodStart },
      { met: 1, missed: 1, excused: 0, overdueSince: '2026-03-02', nextDueBy: '2026-03-08', periodStart: '2026-03-02' },
    );
    const a = w.deps.agreements.peek(T1, 'agr-1') as Agreement;
    const fresh = summarize({ agreement: a, sessions: w.deps.sessions.all().filter((s) => s.agreementId === 'agr-1'), settings: SETTINGS, now: NOW });
    assert.deepEqual([nia.met, nia.missed, nia.overdueSince, nia.nextDueBy], [fresh.met, fresh.missed, fresh.overdueSince, fresh.nextDueBy]);
    assert.equal(nia.lastSessionOn, '2026-02-17');
    assert.equal(nia.nqsw, true);
    assert.equal(w.deps.sessions.calls.list, 0, 'no session history was read');
  });

  it('shows due vs on track from the period that is running, and quality from the ratings', async () => {
    const w = northshire();
    const psw = okValue(await w.uc.getCompliance(w.actor('psw'), {}));
    const rhys = row(psw, 'agr-3');
    assert.deepEqual([rhys.standing, rhys.periodStart, rhys.nextDueBy, rhys.team], ['due', '2026-02-20', '2026-03-19', 'Adults East']);
    const ola = row(psw, 'agr-2');
    assert.equal(ola.standing, 'on-track');
    assert.equal(ola.nextDueBy, '2026-04-30', 'March is met: April is next');
    assert.equal(ola.periodStart, '2026-04-01');
    assert.deepEqual([ola.met, ola.missed, ola.short], [7, 0, 1]);
    assert.deepEqual([ola.rated, ola.averageRating], [2, 4.5]);
    assert.deepEqual([rhys.rated, rhys.averageRating], [0, null]);
  });

  it('the PSW and admins see the whole organisation (and may export); never another tenant', async () => {
    const w = northshire();
    w.deps.agreements.leakAcrossTenants = true; // even a store that leaks must not show tenant 2
    for (const who of ['psw', 'admin'] as const) {
      const view = okValue(await w.uc.getCompliance(w.actor(who), {}));
      assert.equal(view.scope, 'organisation', who);
      assert.equal(view.canExport, true, who);
      assert.equal(view.canSeeDelivery, who === 'admin', `${who}: only admins see the delivery report`);
      assert.deepEqual(names(view.rows), ['Nia Quinn', 'Rhys Evans', 'Ola Okafor', 'Tess Bell'], who);
      assert.deepEqual(view.totals, { agreements: 4, overdue: 1, due: 1, onTrack: 1, paused: 0, notAgreed: 1 }, who);
    }
    const outsider = okValue(await w.uc.getCompliance(w.actor('outsider'), {}));
    assert.deepEqual(names(outsider.rows), ['Vic Other']);
    assert.equal(outsider.organisationName, 'Elsewhere Trust');
  });

  it('a supervisee sees only their own agreement', async () => {
    const w = northshire();
    const view = okValue(await w.uc.getCompliance(w.actor('nqsw'), {}));
    assert.deepEqual(view.rows.map((r) => [r.agreementId, r.relation]), [['agr-1', 'own']]);
    assert.equal(view.canExport, false);
  });

  it('never puts note, concern or rating comment text in the view', async () => {
    const w = northshire();
    for (const who of ['psw', 'sup1', 'sup2', 'nqsw', 'sw2'] as const) {
      const text = JSON.stringify(okValue(await w.uc.getCompliance(w.actor(who), {})));
      for (const secret of [SECRET_NOTE, SECRET_CONCERN, SECRET_COMMENT]) assert.ok(!text.includes(secret), `${who}: ${secret}`);
    }
  });

  it('a paused agreement is paused whatever its figures; a summary never computed is recomputed from its sessions', async () => {
    const w = northshire();
    w.deps.agreements.seed({ ...(w.deps.agreements.peek(T1, 'agr-3') as Agreement), status: 'paused', pauses: [{ from: '2026-02-25', to: '2026-03-20' }] });
    const a1 = w.deps.agreements.peek(T1, 'agr-1') as Agreement;
    w.deps.agreements.seed({ ...a1, summary: { ...a1.summary, nextDueBy: null, met: 0 } });
    const view = okValue(await w.uc.getCompliance(w.actor('sup1'), {}));
    assert.equal(row(view, 'agr-3').standing, 'paused');
    const nia = row(view, 'agr-1');
    assert.deepEqual([nia.standing, nia.met, nia.missed, nia.nextDueBy], ['overdue', 1, 1, '2026-03-08']);
    assert.equal(w.deps.sessions.calls.list, 1, 'only that agreement read its sessions');
  });

  it('refuses someone not on the staff list, and says when the store is down', async () => {
    const w = northshire();
    failure(await w.uc.getCompliance({ tenantId: T1, aadObjectId: 'aad-nobody' }, {}), 'UNKNOWN_USER');
    failure(await w.uc.getCompliance({ tenantId: T2, aadObjectId: PEOPLE.sup1.aadObjectId as string }, {}), 'UNKNOWN_USER');
    w.deps.agreements.down = true;
    failure(await w.uc.getCompliance(w.actor('psw'), {}), 'STORE_UNAVAILABLE');
  });
});

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
      { numRuns: 400 },
    );
  });

  describe('fixed cases (each also checked against a full recomputation)', () => {
    const noon = (d: string) => DateTime.fromISO(`${d}T12:00`, { zone: 'Europe/London' }).toUTC().toISO() as Instant;
    const agreementOf = (overrides: Partial<Agreement>): Agreement => ({
      id: 'agr-t',
      tenantId: T1,
      superviseeId: 'nqsw',
      supervisorId: 'sup1',
      lineManagerIsRegisteredSocialWorker: true,
      employmentStart: '2026-01-01',
      agreementStart: '2026-01-01',
      nqsw: false,
      pauses: [],
      status: 'active',
      supervisorHistory: [],
      summary: emptySummary('2026-01-01'),
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    });
    const cases: Array<{ what: string; agreement: Partial<Agreement>; sessionsOn: string[]; evaluatedOn: string; today: string; expected: Omit<NonNullable<ReturnType<typeof summaryAsOf>>, 'met'> & { met: number } }> = [
      {
        // January under a 14-day maximum is 1-11, 12-21, 22-31; February 1-14, 15-28. Saved on 8 Jan,
        // the leave 12-21 Jan had not started (not counted yet); it counts once started, as does
        // the leave 1-14 Feb after the period nextDueBy named (22-31 Jan, missed).
        what: 'stricter monthly cadence, leave before and after the period due by nextDueBy',
        agreement: { stricterCadence: { monthlyPhaseDays: 14 }, pauses: [{ from: '2026-01-12', to: '2026-01-21' }, { from: '2026-02-01', to: '2026-02-14' }] },
        sessionsOn: ['2026-01-05'],
        evaluatedOn: '2026-01-08',
        today: '2026-02-20',
        expected: { nextDueBy: '2026-02-28', periodStart: '2026-02-15', met: 1, missed: 1, excused: 2, overdueSince: '2026-02-01' },
      },
      {
        // NQSW from Mon 16 Feb, weeks of at most 3 days: 16-18, 19-20, 21-22 | 23-25, 26-27, 28-1 | 2-4 ...
        what: 'stricter weekly cadence (NQSW), two sub-periods in leave not started when saved',
        agreement: { employmentStart: '2026-02-16', agreementStart: '2026-02-16', nqsw: true, stricterCadence: { weeklyPhaseDays: 3 }, pauses: [{ from: '2026-02-19', to: '2026-02-22' }] },
        sessionsOn: ['2026-02-17'],
        evaluatedOn: '2026-02-18',
        today: '2026-03-02',
        expected: { nextDueBy: '2026-03-04', periodStart: '2026-03-02', met: 1, missed: 3, excused: 2, overdueSince: '2026-02-26' },
      },
      {
        // The engine stops at the end of the calendar: nothing is ever due again, and nothing fails.
        what: 'leave to 9999-12-31 after the period due by nextDueBy',
        agreement: { pauses: [{ from: '2026-02-01', to: '9999-12-31' }] },
        sessionsOn: [],
        evaluatedOn: '2026-01-10',
        today: '2026-03-02',
        expected: { nextDueBy: null, periodStart: null, met: 0, missed: 1, excused: 2, overdueSince: '2026-02-01' },
      },
      {
        what: 'nothing has changed since the day it was saved',
        agreement: { stricterCadence: { monthlyPhaseDays: 14 }, pauses: [{ from: '2026-01-12', to: '2026-01-21' }] },
        sessionsOn: ['2026-01-05'],
        evaluatedOn: '2026-01-08',
        today: '2026-01-08',
        expected: { nextDueBy: '2026-01-31', periodStart: '2026-01-22', met: 1, missed: 0, excused: 0, overdueSince: null },
      },
    ];
    for (const c of cases) {
      it(c.what, () => {
        const a = agreementOf(c.agreement);
        const sessions = c.sessionsOn.map((d, i) => held(a, d, 90, { id: `t-${i}` }));
        const saved = summarize({ agreement: a, sessions, settings: SETTINGS, now: noon(c.evaluatedOn) });
        const forward = summaryAsOf({ ...a, summary: saved }, c.today);
        assert.deepEqual(forward, c.expected);
        const fresh = summarize({ agreement: a, sessions, settings: SETTINGS, now: noon(c.today) });
        assert.deepEqual(
          { nextDueBy: fresh.nextDueBy, met: fresh.met, missed: fresh.missed, excused: fresh.excused, overdueSince: fresh.overdueSince },
          { nextDueBy: c.expected.nextDueBy, met: c.expected.met, missed: c.expected.missed, excused: c.expected.excused, overdueSince: c.expected.overdueSince },
        );
      });
    }

    it('a summary saved on a later day than today (another clock ahead) is not carried backwards: null, recompute', () => {
      const a = agreementOf({});
      const saved = summarize({ agreement: a, sessions: [], settings: SETTINGS, now: noon('2026-02-02') });
      assert.equal(summaryAsOf({ ...a, summary: saved }, '2026-02-01'), null);
      assert.notEqual(summaryAsOf({ ...a, summary: saved }, '2026-02-02'), null);
    });
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
