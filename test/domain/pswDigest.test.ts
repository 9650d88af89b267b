/**
 * The PSW's weekly digest against an organisation computed by hand. Today is Mon 2 March 2026,
 * Europe/London (GMT: local dates are UTC dates). The last 4 weeks are 2 Feb to 1 Mar; the last
 * quarter (91 days) 1 Dec 2025 to 1 Mar 2026.
 */
import { strict as assert } from 'node:assert';
import type { Agreement, Concern, Session } from '../../src/domain/model';
import { digestDateOfWeek, digestFigures, digestMessageId, isoWeekOf, type DigestAgreement, type Unreachable } from '../../src/domain/pswDigest';
import { workingCalendarOf } from '../../src/domain/workingCalendar';
import { activeAgreement, heldSession } from '../fakes/records';

const T = 't1';
const agreement = (id: string, superviseeId: string, supervisorId: string, over: Partial<Agreement>): Agreement =>
  activeAgreement({ id, tenantId: T, superviseeId, supervisorId, nqsw: false, supervisorHistory: [{ supervisorId, from: over.agreementStart ?? '2026-03-02' }], ...over });
const held = (a: Agreement, n: number, start: string, minutes: number, extra: Partial<Session> = {}): Session =>
  heldSession(start, minutes, { id: `${a.id}-s${n}`, tenantId: T, agreementId: a.id, supervisorId: a.supervisorId, superviseeId: a.superviseeId, ...extra });
const rated = (score: number): Partial<Session> => ({ rating: { score, ratedAt: '2026-03-01T00:00:00.000Z' } });
const person = (id: string, name: string) => ({ id, name });

// North, experienced, monthly from 1 Dec: December met (10 Dec), January met (10 Jan), February
// missed (5 Feb: 60 minutes only). Overdue since 1 March: 1 day.
const ana = agreement('a-ana', 'ana', 'sam', { employmentStart: '2025-12-01', agreementStart: '2025-12-01' });
// North, NQSW from Mon 2 Feb, weekly: week 1 met (3 Feb), week 2 missed (10 Feb, interrupted),
// week 3 met (17 Feb), week 4 (to 1 Mar) missed. Overdue since today, 2 March: 0 days.
const ben = agreement('a-ben', 'ben', 'sam', { employmentStart: '2026-02-02', agreementStart: '2026-02-02', nqsw: true });
// South, experienced, monthly from 1 Jan, on leave all February: January met (20 Jan); February excused.
const cal = agreement('a-cal', 'cal', 'tom', { employmentStart: '2026-01-01', agreementStart: '2026-01-01', pauses: [{ from: '2026-02-01', to: '2026-02-28' }] });
// South: a draft, never agreed: counts nowhere (not even its rated session).
const dee = agreement('a-dee', 'dee', 'tom', { employmentStart: '2026-01-05', agreementStart: '2026-01-05', status: 'draft' });
// No team, experienced from 1 Dec, ended 20 Jan: December missed; January never came due.
const fay = agreement('a-fay', 'fay', 'sam', { employmentStart: '2025-12-01', agreementStart: '2025-12-01', status: 'ended', endedOn: '2026-01-20' });

const NAMES: Record<string, string> = { ana: 'Ana Adams', ben: 'Ben Brown', cal: 'Cal Cole', dee: 'Dee Dale', fay: 'Fay Ford', sam: 'Sam Supervisor', tom: 'Tom Teller' };
const entry = (a: Agreement, team: string | null, sessions: Session[]): DigestAgreement => ({
  agreement: a,
  team,
  sessions,
  supervisee: person(a.superviseeId, NAMES[a.superviseeId]),
  supervisor: person(a.supervisorId, NAMES[a.supervisorId]),
});

const ORGANISATION: DigestAgreement[] = [
  entry(ana, 'North', [
    held(ana, 1, '2025-12-10T10:00:00.000Z', 90, rated(4)),
    held(ana, 2, '2026-01-10T10:00:00.000Z', 90, rated(5)),
    held(ana, 3, '2026-02-05T10:00:00.000Z', 60, rated(2)),
  ]),
  entry(ben, 'North', [
    held(ben, 1, '2026-02-03T10:00:00.000Z', 90),
    held(ben, 2, '2026-02-10T10:00:00.000Z', 90, { uninterrupted: false }),
    held(ben, 3, '2026-02-17T10:00:00.000Z', 120, rated(3)),
  ]),
  entry(cal, 'South', [held(cal, 1, '2026-01-20T10:00:00.000Z', 90, rated(5))]),
  entry(dee, 'South', [held(dee, 1, '2026-01-07T10:00:00.000Z', 30, rated(1))]),
  entry(fay, null, []),
];

const concern = (id: string, status: Concern['status'], createdAt: string) => ({ id, status, createdAt });
const CONCERNS = [
  concern('c1', 'raised', '2026-02-28T10:00:00.000Z'), // 2 days
  concern('c2', 'assigned', '2026-02-01T10:00:00.000Z'), // 29 days
  concern('c3', 'resolved', '2026-02-20T10:00:00.000Z'), // resolved: not open
  concern('c4', 'acknowledged', '2026-02-10T10:00:00.000Z'), // 20 days
];

// Fay never talked to the bot but her agreement ended: she is not in a live agreement.
const UNREACHABLE = new Map<string, Unreachable>([
  ['ben', 'never-talked'],
  ['tom', 'removed-the-app'],
  ['fay', 'never-talked'],
]);

const SETTINGS = { zone: 'Europe/London', reminderLeadDays: 3, escalationGraceDays: 5, quietHours: { start: '19:00', end: '08:00' } };

describe('domain/pswDigest: the weekly digest of a hand-computed organisation', () => {
  const d = digestFigures({ now: '2026-03-02T09:00:00.000Z', today: '2026-03-02', settings: SETTINGS, agreements: ORGANISATION, concerns: CONCERNS, unreachable: UNREACHABLE });
  const freq = (required: number, met: number, missed: number, excused: number, percent: number | null) => ({ required, met, missed, excused, percent });

  it('names the two windows', () => {
    assert.equal(d.recentFrom, '2026-02-02');
    assert.equal(d.quarterFrom, '2025-12-01');
  });

  it('frequency met by team, NQSW and experienced apart, over 4 weeks and the quarter; drafts nowhere, leave excused', () => {
    assert.deepEqual(d.frequency, [
      { team: 'North', group: 'nqsw', recent: freq(4, 2, 2, 0, 50), quarter: freq(4, 2, 2, 0, 50) },
      { team: 'North', group: 'experienced', recent: freq(1, 0, 1, 0, 0), quarter: freq(3, 2, 1, 0, 67) },
      { team: 'South', group: 'experienced', recent: freq(0, 0, 0, 1, null), quarter: freq(1, 1, 0, 1, 100) },
      { team: 'No team', group: 'experienced', recent: freq(0, 0, 0, 0, null), quarter: freq(1, 0, 1, 0, 0) },
    ]);
  });

  it('the overdue list with days overdue, longest first; an ended agreement is never overdue', () => {
    assert.deepEqual(
      d.overdue.map((o) => [o.supervisee.name, o.supervisor.name, o.team, o.nqsw, o.overdueSince, o.daysOverdue]),
      [
        ['Ana Adams', 'Sam Supervisor', 'North', false, '2026-03-01', 1],
        ['Ben Brown', 'Sam Supervisor', 'North', true, '2026-03-02', 0],
      ],
    );
  });

  it('short or interrupted sessions held in the last 4 weeks, by date', () => {
    assert.deepEqual(
      d.shortSessions.map((s) => [s.supervisee.name, s.date, s.minutes, s.uninterrupted]),
      [
        ['Ana Adams', '2026-02-05', 60, true],
        ['Ben Brown', '2026-02-10', 90, false],
      ],
    );
  });

  it('average quality by team over the quarter, then all teams', () => {
    assert.deepEqual(d.quality, [
      { team: 'North', rated: 4, average: 3.5 }, // (4 + 5 + 2 + 3) / 4
      { team: 'South', rated: 1, average: 5 },
      { team: 'No team', rated: 0, average: null },
      { team: 'All teams', rated: 5, average: 3.8 }, // 19 / 5
    ]);
  });

  it('open concerns by age, counts only', () => {
    assert.deepEqual(d.concerns, { upToAWeek: 1, upToFourWeeks: 1, older: 1, oldestDays: 29 });
  });

  it('the people in live agreements the bot cannot reach, by name', () => {
    assert.deepEqual(
      d.unreachable.map((u) => [u.person.name, u.reason]),
      [
        ['Ben Brown', 'never-talked'],
        ['Tom Teller', 'removed-the-app'],
      ],
    );
  });
});

describe('domain/pswDigest: when it goes', () => {
  const calendar = workingCalendarOf({ region: 'england-and-wales', workingDays: [1, 2, 3, 4, 5] });

  it('the first working day of the week by default: Tuesday when Monday is a bank holiday', () => {
    assert.equal(digestDateOfWeek('2026-03-04', undefined, calendar), '2026-03-02');
    // Boxing Day 2026 is a Saturday: its substitute holiday is Monday 28 December.
    assert.equal(digestDateOfWeek('2027-01-01', undefined, calendar), '2026-12-29');
  });

  it('an admin can choose the day (the first working day from it) or turn it off', () => {
    assert.equal(digestDateOfWeek('2026-03-02', 3, calendar), '2026-03-04');
    assert.equal(digestDateOfWeek('2026-03-02', 'off', calendar), null);
    // Saturday chosen, Monday to Friday worked: no working day left that week.
    assert.equal(digestDateOfWeek('2026-03-02', 6, calendar), null);
  });

  it('one id per recipient per ISO week', () => {
    assert.equal(isoWeekOf('2027-01-01'), '2026-W53');
    assert.equal(isoWeekOf('2026-03-02'), '2026-W10');
    assert.equal(digestMessageId('p1', '2026-W10'), 'digest:2026-W10:p1');
  });
});
