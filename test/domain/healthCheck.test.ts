/**
 * The health check's figures against an organisation computed by hand (see each agreement's
 * comment for its periods and sessions). Today is Mon 2 March 2026, Europe/London (GMT, so local
 * dates are UTC dates); the window is January and February 2026.
 */
import { strict as assert } from 'node:assert';
import { healthCheckFigures, monthsBetween, twelveMonthsTo, type HealthCheckAgreement, type HealthCheckRow } from '../../src/domain/healthCheck';
import type { Agreement, Session } from '../../src/domain/model';
import { activeAgreement, heldSession } from '../fakes/records';

const T = 't1';
const agreement = (id: string, superviseeId: string, over: Partial<Agreement>): Agreement =>
  activeAgreement({ id, tenantId: T, superviseeId, supervisorId: 'sup', nqsw: false, supervisorHistory: [{ supervisorId: 'sup', from: over.agreementStart ?? '2026-03-02' }], ...over });
const held = (a: Agreement, n: number, start: string, minutes: number, extra: Partial<Session> = {}): Session =>
  heldSession(start, minutes, { id: `${a.id}-s${n}`, tenantId: T, agreementId: a.id, supervisorId: 'sup', superviseeId: a.superviseeId, ...extra });
const rated = (score: number): Partial<Session> => ({ rating: { score, ratedAt: '2026-03-01T00:00:00.000Z' } });

// North. Ana, experienced from 1 Dec: January met (10 Jan, 90 min), February missed (5 Feb, 60 min only).
const ana = agreement('a-ana', 'ana', { employmentStart: '2025-12-01', agreementStart: '2025-12-01' });
// North. Ben, experienced from 15 Jan, on leave 15 Jan - 14 Feb: his first period (15 Jan - 14 Feb) excused; a qualifying session on 20 Feb.
const ben = agreement('a-ben', 'ben', { employmentStart: '2026-01-15', agreementStart: '2026-01-15', pauses: [{ from: '2026-01-15', to: '2026-02-14' }] });
// South. Cal, NQSW from Mon 5 Jan: weeks 1, 3, 5 met; 2 (interrupted session), 4 and 6 missed; the first fortnight (16 Feb - 1 Mar) ends in March.
const cal = agreement('a-cal', 'cal', { employmentStart: '2026-01-05', agreementStart: '2026-01-05', nqsw: true });
// South. Dee: a draft, never agreed: counts nowhere, not even her session.
const dee = agreement('a-dee', 'dee', { employmentStart: '2026-01-05', agreementStart: '2026-01-05', status: 'draft' });
// South. Eve, experienced, ended on 20 Jan: her January period (to 31 Jan) never came due; a qualifying session on 8 Jan.
const eve = agreement('a-eve', 'eve', { employmentStart: '2025-11-01', agreementStart: '2025-11-01', status: 'ended', endedOn: '2026-01-20' });
// No team. Fay, experienced from 1 Feb: February missed.
const fay = agreement('a-fay', 'fay', { employmentStart: '2026-02-01', agreementStart: '2026-02-01' });

const ORGANISATION: HealthCheckAgreement[] = [
  { agreement: ana, team: 'North', sessions: [held(ana, 1, '2026-01-10T10:00:00.000Z', 90, rated(4)), held(ana, 2, '2026-02-05T10:00:00.000Z', 60, rated(2))] },
  { agreement: ben, team: 'North', sessions: [held(ben, 1, '2026-02-20T10:00:00.000Z', 90, rated(5))] },
  {
    agreement: cal,
    team: 'South',
    sessions: [
      held(cal, 1, '2026-01-06T10:00:00.000Z', 90),
      held(cal, 2, '2026-01-13T10:00:00.000Z', 90, { uninterrupted: false }),
      held(cal, 3, '2026-01-20T10:00:00.000Z', 120, rated(3)),
      held(cal, 4, '2026-02-03T10:00:00.000Z', 90),
      held(cal, 5, '2026-02-17T10:00:00.000Z', 95, rated(4)),
      { ...held(cal, 6, '2026-02-24T10:00:00.000Z', 90), status: 'cancelled', start: undefined, minutes: undefined } as Session,
    ],
  },
  { agreement: dee, team: 'South', sessions: [held(dee, 1, '2026-01-07T10:00:00.000Z', 90, rated(1))] },
  { agreement: eve, team: 'South', sessions: [held(eve, 1, '2026-01-08T10:00:00.000Z', 100)] },
  { agreement: fay, team: null, sessions: [] },
];

type Figures = Omit<HealthCheckRow, 'month' | 'team'>;
const fig = (
  required: number, met: number, missed: number, excused: number, frequencyMet: number | null,
  sessionsHeld: number, short: number, rated: number, averageQuality: number | null,
  staff: number, staffWithUninterrupted: number, uninterruptedShare: number | null,
): Figures => ({ required, met, missed, excused, frequencyMet, sessionsHeld, short, rated, averageQuality, staff, staffWithUninterrupted, uninterruptedShare });

describe('domain/healthCheck: per team per month', () => {
  const rows = healthCheckFigures({ zone: 'Europe/London', today: '2026-03-02', fromMonth: '2026-01', toMonth: '2026-02', agreements: ORGANISATION });
  const at = (month: string, team: string): Figures => {
    const r = rows.find((x) => x.month === month && x.team === team);
    assert.ok(r, `a row for ${team} in ${month}`);
    const { month: _m, team: _t, ...figures } = r;
    return figures;
  };

  it('lists each month, teams in order with No team last, then All teams', () => {
    assert.deepEqual(rows.map((r) => `${r.month} ${r.team}`), [
      '2026-01 North', '2026-01 South', '2026-01 No team', '2026-01 All teams',
      '2026-02 North', '2026-02 South', '2026-02 No team', '2026-02 All teams',
    ]);
  });

  it('January, computed by hand', () => {
    // Ana's period met; one 90-minute session rated 4; Ana in supervision (Ben wholly on leave), with 1.5 hours uninterrupted.
    assert.deepEqual(at('2026-01', 'North'), fig(1, 1, 0, 0, 100, 1, 0, 1, 4, 1, 1, 100));
    // Cal: weeks 1 and 3 met, week 2 missed; Eve's January period never ended before her agreement did.
    // Sessions: Cal 6, 13 (interrupted), 20 Jan (rated 3) and Eve 8 Jan. Staff Cal and Eve, both with a qualifying session.
    assert.deepEqual(at('2026-01', 'South'), fig(3, 2, 1, 0, 67, 4, 1, 1, 3, 2, 2, 100));
    assert.deepEqual(at('2026-01', 'No team'), fig(0, 0, 0, 0, null, 0, 0, 0, null, 0, 0, null));
    assert.deepEqual(at('2026-01', 'All teams'), fig(4, 3, 1, 0, 75, 5, 1, 2, 3.5, 3, 3, 100));
  });

  it('February, computed by hand', () => {
    // Ana missed (60 minutes), Ben's first period excused; sessions Ana 5 Feb (60, rated 2), Ben 20 Feb (rated 5);
    // both in supervision (Ben back from 15 Feb), only Ben with 1.5 hours uninterrupted.
    assert.deepEqual(at('2026-02', 'North'), fig(1, 0, 1, 1, 0, 2, 1, 2, 3.5, 2, 1, 50));
    // Cal: week 4 (to 1 Feb) missed, week 5 met, week 6 missed; sessions 3 and 17 Feb (rated 4); Eve had ended.
    assert.deepEqual(at('2026-02', 'South'), fig(3, 1, 2, 0, 33, 2, 0, 1, 4, 1, 1, 100));
    assert.deepEqual(at('2026-02', 'No team'), fig(1, 0, 1, 0, 0, 0, 0, 0, null, 1, 0, 0));
    // Ratings 2, 5, 4: 3.7.
    assert.deepEqual(at('2026-02', 'All teams'), fig(5, 1, 4, 1, 20, 4, 1, 3, 3.7, 4, 2, 50));
  });

  it('a month not yet over counts only the periods that have ended by today', () => {
    const march = healthCheckFigures({ zone: 'Europe/London', today: '2026-03-02', fromMonth: '2026-03', toMonth: '2026-03', agreements: ORGANISATION });
    // Only Cal's first fortnight (16 Feb - 1 Mar, met on 17 Feb) has ended in March.
    const all = march.find((r) => r.team === 'All teams');
    assert.equal(all?.met, 1);
    assert.equal(all?.required, 1);
  });
});

describe('domain/healthCheck: the default window', () => {
  it('is the twelve months ending with the month given, across a year end', () => {
    assert.equal(twelveMonthsTo('2026-12'), '2026-01');
    assert.equal(twelveMonthsTo('2027-03'), '2026-04');
    assert.equal(monthsBetween(twelveMonthsTo('2027-03'), '2027-03').length, 12);
  });
});
