import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { bankHolidays } from '../../src/domain/bankHolidays';
import {
  isSendable,
  nextSendTime,
  sendTimeOn,
  workingCalendar,
  workingCalendarOf,
  type SendSettings,
} from '../../src/domain/workingCalendar';

const LONDON: SendSettings = { zone: 'Europe/London', sendTime: '09:00', quietHours: { start: '19:00', end: '08:00' } };
const local = (at: string) => DateTime.fromISO(at, { zone: 'Europe/London' }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('domain/bankHolidays (date-holidays, computed offline)', () => {
  it('England and Wales: Christmas 2026 with the Boxing Day substitute, New Year and Easter 2027', () => {
    const days = [...bankHolidays('england-and-wales', 2026), ...bankHolidays('england-and-wales', 2027)];
    for (const d of ['2026-12-25', '2026-12-28', '2027-01-01', '2027-03-26', '2027-03-29']) assert.ok(days.includes(d), d);
    // Saturday 26 December is Boxing Day itself, but a weekend: the substitute Monday is what matters.
    assert.ok(!days.includes('2027-03-28'), 'Easter Sunday is not a bank holiday');
    assert.ok(!days.includes('2026-03-15'), "Mother's Day is an observance, not a bank holiday");
  });

  it('Scotland and Northern Ireland keep their own', () => {
    assert.ok(bankHolidays('scotland', 2026).includes('2026-11-30'), "St Andrew's Day");
    assert.ok(bankHolidays('scotland', 2026).includes('2026-01-02'));
    assert.ok(!bankHolidays('scotland', 2026).includes('2026-04-06'), 'no Easter Monday in Scotland');
    assert.ok(bankHolidays('northern-ireland', 2026).includes('2026-03-17'), "St Patrick's Day");
    assert.ok(bankHolidays('northern-ireland', 2026).includes('2026-07-13'), 'Battle of the Boyne (substitute)');
    assert.ok(!bankHolidays('england-and-wales', 2026).includes('2026-03-17'));
  });
});

describe('domain/workingCalendar', () => {
  const ew = workingCalendarOf({});

  it('Monday to Friday less the bank holidays of England and Wales by default', () => {
    assert.equal(ew.isWorkingDay('2026-12-24'), true); // Thursday
    assert.equal(ew.isWorkingDay('2026-12-25'), false); // Christmas
    assert.equal(ew.isWorkingDay('2026-12-26'), false); // Saturday
    assert.equal(ew.isWorkingDay('2026-12-28'), false); // substitute Boxing Day
    assert.equal(ew.isWorkingDay('2026-12-29'), true);
    assert.equal(ew.isWorkingDay('2027-03-29'), false); // Easter Monday
    assert.equal(ew.isWorkingDay('2027-03-30'), true);
  });

  it('counts working days forwards and backwards over Christmas', () => {
    assert.equal(ew.nextWorkingDay('2026-12-24'), '2026-12-29');
    assert.equal(ew.previousWorkingDay('2026-12-29'), '2026-12-24');
    assert.equal(ew.addWorkingDays('2026-12-23', 2), '2026-12-29');
    assert.equal(ew.addWorkingDays('2026-12-24', 3), '2026-12-31');
    assert.equal(ew.addWorkingDays('2026-12-31', 1), '2027-01-04');
    assert.equal(ew.subtractWorkingDays('2027-01-04', 3), '2026-12-29');
    assert.equal(ew.addWorkingDays('2026-12-26', 0), '2026-12-29');
    assert.equal(ew.subtractWorkingDays('2026-12-27', 0), '2026-12-24');
    assert.equal(ew.workingDayOnOrAfter('2026-12-24'), '2026-12-24');
    assert.equal(ew.workingDayOnOrBefore('2026-12-28'), '2026-12-24');
  });

  it('an emergency duty team works weekends: only the bank holidays are off', () => {
    const edt = workingCalendarOf({ workingDays: [1, 2, 3, 4, 5, 6, 7] });
    assert.equal(edt.isWorkingDay('2026-12-27'), true); // Sunday
    assert.equal(edt.isWorkingDay('2026-12-26'), false); // Boxing Day, on a Saturday
    assert.equal(edt.isWorkingDay('2026-12-25'), false);
    assert.equal(edt.nextWorkingDay('2026-12-24'), '2026-12-27');
    assert.equal(edt.isWorkingDay('2026-12-28'), false); // the substitute day is a bank holiday for everyone
  });

  it('Scotland is selectable: St Andrew’s Day off, Easter Monday worked', () => {
    const sct = workingCalendarOf({ region: 'scotland' });
    assert.equal(sct.isWorkingDay('2026-11-30'), false);
    assert.equal(ew.isWorkingDay('2026-11-30'), true);
    assert.equal(sct.isWorkingDay('2027-03-29'), true);
  });

  it('a calendar without a working weekday is a bug', () => {
    assert.throws(() => workingCalendar([]), /at least one working weekday/);
  });

  it('addWorkingDays then subtractWorkingDays by the same count is the identity on working days (property)', () => {
    const start = DateTime.fromISO('2025-01-01', { zone: 'utc' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
        const date = start.plus({ days: offset }).toISODate() as string;
        const there = ew.addWorkingDays(date, n);
        assert.ok(ew.isWorkingDay(there));
        assert.ok(there > date);
        const back = ew.subtractWorkingDays(there, n);
        // From a working day it comes back exactly; from a day off, to the last working day before it.
        assert.equal(back, ew.workingDayOnOrBefore(date));
      }),
    );
  });
});

describe('domain/workingCalendar: nextSendTime', () => {
  const ew = workingCalendarOf({});

  it('now itself on a working day after the send time, out of quiet hours', () => {
    assert.equal(nextSendTime('2026-10-07T10:15:30.000Z', LONDON, ew), '2026-10-07T10:15:30.000Z');
    assert.equal(isSendable('2026-10-07T10:15:30.000Z', LONDON, ew), true);
  });

  it('the send time of the day before it, in local time on both sides of the clock change', () => {
    assert.equal(local(nextSendTime('2026-10-23T06:00:00.000Z', LONDON, ew)), 'Fri 2026-10-23 09:00'); // BST
    assert.equal(nextSendTime('2026-10-23T06:00:00.000Z', LONDON, ew), '2026-10-23T08:00:00.000Z');
    assert.equal(nextSendTime('2026-10-26T06:00:00.000Z', LONDON, ew), '2026-10-26T09:00:00.000Z'); // GMT
  });

  it('in quiet hours or on a non-working day: the next working day at the send time', () => {
    assert.equal(local(nextSendTime('2026-10-23T18:30:00.000Z', LONDON, ew)), 'Mon 2026-10-26 09:00'); // Fri 19:30 BST
    assert.equal(local(nextSendTime('2026-12-24T19:00:00.000Z', LONDON, ew)), 'Tue 2026-12-29 09:00');
    assert.equal(local(nextSendTime('2026-12-25T12:00:00.000Z', LONDON, ew)), 'Tue 2026-12-29 09:00');
    assert.equal(isSendable('2026-12-25T12:00:00.000Z', LONDON, ew), false);
  });

  it('a later send time, and quiet hours that end after it, are kept', () => {
    assert.equal(local(nextSendTime('2026-11-02T07:00:00.000Z', { ...LONDON, sendTime: '10:30' }, ew)), 'Mon 2026-11-02 10:30');
    const lateQuiet = { ...LONDON, quietHours: { start: '19:00', end: '09:30' } };
    assert.equal(local(nextSendTime('2026-11-02T07:00:00.000Z', lateQuiet, ew)), 'Mon 2026-11-02 09:30');
    const none = { ...LONDON, quietHours: { start: '00:00', end: '00:00' } };
    assert.equal(local(nextSendTime('2026-11-02T22:00:00.000Z', none, ew)), 'Mon 2026-11-02 22:00');
  });

  it('on the days the clocks change, for a team that works Sundays', () => {
    const everyDay = workingCalendar([1, 2, 3, 4, 5, 6, 7]);
    // Sunday 29 March 2026, clocks forward at 01:00 GMT: 09:00 is BST.
    assert.equal(sendTimeOn('2026-03-29', LONDON, everyDay), '2026-03-29T08:00:00.000Z');
    // Sunday 25 October 2026, clocks back at 02:00 BST: 09:00 is GMT.
    assert.equal(sendTimeOn('2026-10-25', LONDON, everyDay), '2026-10-25T09:00:00.000Z');
    // Quiet hours ending at 01:30, inside the skipped hour: the moment moves on with the clocks, to 02:30 BST.
    const early = { ...LONDON, sendTime: '00:00', quietHours: { start: '23:00', end: '01:30' } };
    assert.equal(nextSendTime('2026-03-28T23:30:00.000Z', early, everyDay), '2026-03-29T01:30:00.000Z');
    assert.equal(local('2026-03-29T01:30:00.000Z'), 'Sun 2026-03-29 02:30');
    // 01:30 happens twice on 25 October: either is 01:30 local, out of quiet hours (luxon chooses).
    assert.equal(local(nextSendTime('2026-10-24T22:30:00.000Z', early, everyDay)), 'Sun 2026-10-25 01:30');
  });

  it('sendTimeOn a date: its send time, or the next working day’s', () => {
    assert.equal(local(sendTimeOn('2026-12-24', LONDON, ew)), 'Thu 2026-12-24 09:00');
    assert.equal(local(sendTimeOn('2026-12-26', LONDON, ew)), 'Tue 2026-12-29 09:00');
  });

  it('is never on a non-working day, never before the send time, never in quiet hours (property)', () => {
    const edt = workingCalendarOf({ workingDays: [1, 3, 6] });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') }),
        fc.constantFrom(ew, edt, workingCalendarOf({ workingDays: [1, 2, 3, 4, 5, 6, 7] })),
        fc.constantFrom('07:00', '09:00', '13:45', '18:59'),
        fc.constantFrom({ start: '19:00', end: '08:00' }, { start: '12:00', end: '14:00' }, { start: '00:00', end: '00:00' }),
        (ms, calendar, sendTime, quietHours) => {
          const settings = { zone: 'Europe/London', sendTime, quietHours };
          const now = new Date(ms).toISOString();
          const at = nextSendTime(now, settings, calendar);
          assert.ok(Date.parse(at) >= ms);
          const dt = DateTime.fromISO(at, { zone: 'Europe/London' });
          assert.ok(calendar.isWorkingDay(dt.toISODate() as string), `${at} on a working day`);
          const t = dt.hour * 60 + dt.minute;
          const [sh, sm] = sendTime.split(':').map(Number);
          assert.ok(t >= sh * 60 + sm, `${at} at or after ${sendTime}`);
          const [qs, qe] = [quietHours.start, quietHours.end].map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
          const quiet = qs === qe ? false : qs < qe ? t >= qs && t < qe : t >= qs || t < qe;
          assert.equal(quiet, false, `${at} out of quiet hours`);
          assert.equal(nextSendTime(at, settings, calendar), at, 'a send moment is its own next one');
        },
      ),
    );
  });
});
