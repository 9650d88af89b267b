import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { summarize } from '../../src/domain/compliance';
import { continuityDefaults, currentPeriodStart, sessionsCarriedOver } from '../../src/domain/continuity';
import type { Agreement } from '../../src/domain/model';
import { planAgreement, type ProactiveSettings } from '../../src/domain/proactivePolicy';
import { workingCalendar } from '../../src/domain/workingCalendar';
import { activeAgreement, heldSession } from '../fakes/records';
import { LONDON_SETTINGS } from './proactiveSimulation';

const ZONE = 'Europe/London';
const at = (local: string): string => DateTime.fromISO(local, { zone: ZONE }).toUTC().toISO() as string;

describe('domain/continuity: the start of a new agreement for someone whose agreement ended', () => {
  it('is the start of the current period counted from the employment start', () => {
    const nqsw = { employmentStart: '2026-10-05', nqsw: true };
    assert.equal(currentPeriodStart(nqsw, '2026-10-21'), '2026-10-19'); // week 3
    assert.equal(currentPeriodStart(nqsw, '2026-10-25'), '2026-10-19'); // its last day
    assert.equal(currentPeriodStart(nqsw, '2026-10-26'), '2026-10-26'); // week 4's first
    assert.equal(currentPeriodStart(nqsw, '2026-12-20'), '2026-12-14'); // fortnight 3
    assert.equal(currentPeriodStart({ employmentStart: '2026-03-02', nqsw: true }, '2026-12-06'), '2026-12-02'); // month 10
    assert.equal(currentPeriodStart({ employmentStart: '2012-06-18', nqsw: false }, '2026-12-06'), '2026-11-18');
    assert.equal(currentPeriodStart({ employmentStart: '2012-01-31', nqsw: false }, '2026-03-01'), '2026-02-28');
    assert.equal(currentPeriodStart({ employmentStart: '2027-01-04', nqsw: true }, '2026-12-06'), '2027-01-04'); // not started yet
  });

  it('follows a stricter cadence the agreement had', () => {
    // Months of 31 days under a 14-day maximum: 11 + 10 + 10 days.
    const s = { employmentStart: '2012-06-18', nqsw: false, stricterCadence: { monthlyPhaseDays: 14 } };
    assert.equal(currentPeriodStart(s, '2026-12-06'), '2026-11-28');
  });

  it('takes the employment start and NQSW from the person, else from the ended agreement', () => {
    const previous = { employmentStart: '2026-09-07', nqsw: false };
    assert.deepEqual(continuityDefaults({ employmentStart: '2026-10-05', nqsw: true }, previous, '2026-10-21'), {
      employmentStart: '2026-10-05',
      nqsw: true,
      agreementStart: '2026-10-19',
    });
    assert.deepEqual(continuityDefaults({}, previous, '2026-10-21'), { employmentStart: '2026-09-07', nqsw: false, agreementStart: '2026-10-07' });
    // Never had one: from the employment start, as before.
    assert.deepEqual(continuityDefaults({ employmentStart: '2026-10-05', nqsw: true }, null, '2026-10-21'), {
      employmentStart: '2026-10-05',
      nqsw: true,
      agreementStart: '2026-10-05',
    });
    assert.equal(continuityDefaults({}, null, '2026-10-21'), null);
  });
});

describe('domain/continuity: ending an agreement and setting up a new one keeps compliance', () => {
  const settings: ProactiveSettings = LONDON_SETTINGS;
  const calendar = workingCalendar([1, 2, 3, 4, 5]);
  const old: Agreement = activeAgreement({
    id: 'agr-old',
    tenantId: 't1',
    superviseeId: 'amira',
    supervisorId: 'sam',
    employmentStart: '2026-10-05',
    agreementStart: '2026-10-05',
    nqsw: true,
  });
  const held = (start: string, agreementId: string) =>
    heldSession(at(start), 90, { id: `s-${start}`, tenantId: 't1', agreementId, supervisorId: 'sam', superviseeId: 'amira' });
  // Every week met under the old agreement, week 6's session on Tuesday 10 November.
  const history = ['2026-10-07T10:00', '2026-10-13T10:00', '2026-10-21T10:00', '2026-10-28T10:00', '2026-11-04T10:00', '2026-11-10T10:00'].map(
    (s) => held(s, 'agr-old'),
  );

  it('starts the new agreement in week 6, counts Tuesday’s session, and escalates nothing', () => {
    const now = at('2026-11-11T12:00');
    const today = '2026-11-11';
    const ended: Agreement = { ...old, status: 'ended', endedOn: today };
    const defaults = continuityDefaults({ employmentStart: '2026-10-05', nqsw: true }, ended, today);
    assert.ok(defaults);
    assert.equal(defaults.agreementStart, '2026-11-09');
    const fresh: Agreement = { ...old, id: 'agr-new', supervisorId: 'rachel', ...defaults };
    const carried = sessionsCarriedOver(history, defaults.agreementStart, ZONE);
    assert.deepEqual(
      carried.map((s) => s.id),
      ['s-2026-11-10T10:00'],
    );
    const summary = summarize({ agreement: fresh, sessions: carried, settings, now });
    assert.deepEqual([summary.met, summary.missed, summary.overdueSince, summary.nextDueBy], [1, 0, null, '2026-11-29']);
    // Nothing is due now; the next message is the first fortnight's reminder.
    const plan = planAgreement({ agreement: fresh, sessions: carried, settings, calendar, now });
    assert.deepEqual(plan.sendNow, []);
    assert.equal(plan.nextActionAt, at('2026-11-25T09:00'));
  });
});
