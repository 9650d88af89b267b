import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Agreement, IsoWeekday } from '../../src/domain/model';
import { agreementMessageId, type ProactiveSettings } from '../../src/domain/proactivePolicy';
import { isQuietMinute, workingCalendar } from '../../src/domain/workingCalendar';
import { activeAgreement } from '../fakes/records';
import { simulate, type ScriptedSession } from './proactiveSimulation';

const ZONE = 'Europe/London';
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

const settingsArb = fc
  .record({
    reminderLeadDays: fc.integer({ min: 0, max: 8 }),
    escalationGraceDays: fc.integer({ min: 0, max: 8 }),
    sendTime: fc.constantFrom('07:00', '09:00', '13:30', '18:45'),
    quietHours: fc.constantFrom(
      { start: '19:00', end: '08:00' },
      { start: '12:00', end: '13:00' },
      { start: '00:00', end: '00:00' },
      { start: '22:00', end: '06:30' },
    ),
    pswIds: fc.constantFrom(['priya'], ['priya', 'sam'], []),
  })
  // As the settings refuse it: a send time inside quiet hours.
  .filter((s) => !isQuietMinute(minutesOf(s.sendTime), s.quietHours))
  .map((s): ProactiveSettings => ({ ...s, zone: ZONE, adminIds: ['adm'] }));

const weekdaysArb = fc
  .subarray([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[], { minLength: 1 })
  .map((days) => [...days].sort());

const START = DateTime.fromISO('2026-09-01', { zone: ZONE });

const holidaysArb = fc.uniqueArray(fc.integer({ min: 0, max: 160 }), { maxLength: 12 }).map((offsets) =>
  offsets.map((d) => START.plus({ days: d }).toISODate() as string),
);

const sessionArb = fc.record({
  day: fc.integer({ min: 0, max: 90 }),
  hour: fc.integer({ min: 8, max: 17 }),
  minutes: fc.constantFrom(60, 90, 120),
  bookedDaysAhead: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  cancelled: fc.boolean(),
  interrupted: fc.boolean(),
});

describe('domain/proactivePolicy (property)', () => {
  it('never plans or sends on a non-working day, before the send time or in quiet hours, nor twice for one (kind, period, recipient)', () => {
    fc.assert(
      fc.property(
        settingsArb,
        weekdaysArb,
        holidaysArb,
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        fc.array(sessionArb, { maxLength: 7 }),
        (settings, weekdays, holidays, startOffset, nqsw, sessions) => {
          const calendar = workingCalendar(weekdays, holidays);
          const employmentStart = START.plus({ days: startOffset });
          const agreement: Agreement = activeAgreement({
            id: 'agr',
            tenantId: 't',
            superviseeId: 'noah',
            supervisorId: 'sam',
            employmentStart: employmentStart.toISODate() as string,
            agreementStart: employmentStart.toISODate() as string,
            nqsw,
          });
          const scripts: ScriptedSession[] = sessions.map((s, i) => {
            const start = employmentStart.plus({ days: s.day }).set({ hour: s.hour, minute: 0 });
            const end = start.plus({ minutes: s.minutes });
            const booked = s.bookedDaysAhead === undefined ? undefined : start.minus({ days: s.bookedDaysAhead, hours: 2 });
            return {
              id: `s${i}`,
              start: start.toUTC().toISO() as string,
              minutes: s.minutes,
              uninterrupted: !s.interrupted,
              ...(booked ? { bookedAt: booked.toUTC().toISO() as string } : {}),
              ...(s.cancelled && booked ? { cancelledAt: start.minus({ hours: 1 }).toUTC().toISO() as string } : { recordedAt: end.toUTC().toISO() as string }),
            };
          });
          const { sent, proposed } = simulate({
            agreement,
            scripts,
            settings,
            calendar,
            from: employmentStart.toUTC().toISO() as string,
            until: employmentStart.plus({ days: 100 }).toUTC().toISO() as string,
          });
          const send = minutesOf(settings.sendTime);
          const sendable = (at: string, what: string) => {
            const local = DateTime.fromISO(at, { zone: ZONE });
            const date = local.toISODate() as string;
            const t = local.hour * 60 + local.minute;
            assert.ok(calendar.isWorkingDay(date), `${what} at ${at}: ${date} is not a working day`);
            assert.ok(t >= send, `${what} at ${at}: before the send time ${settings.sendTime}`);
            assert.ok(!isQuietMinute(t, settings.quietHours), `${what} at ${at}: in quiet hours`);
            return date;
          };
          for (const { sentAt, message: m } of proposed) {
            sendable(sentAt, `${m.id} sent`);
            const date = sendable(m.at, `${m.id} planned`);
            assert.equal(m.id, agreementMessageId('agr', m.kind, m.periodStart, m.recipientId));
            if (m.kind === 'reminder-due' || m.kind === 'reminder-due-today') {
              assert.ok(date >= m.periodStart && date <= m.dueBy, `${m.id} planned ${date}, outside its period`);
            }
            if (m.kind === 'reminder-session') assert.ok(m.session && Date.parse(m.at) < Date.parse(m.session.start));
            if (m.kind === 'escalation' || m.kind === 'escalation-notice') assert.ok(date >= m.periodEnd, `${m.id} before its period ended`);
          }
          const keys = sent.map(({ message: m }) => `${m.kind}|${m.periodStart}|${m.recipientId}`);
          assert.equal(new Set(keys).size, keys.length, 'a (kind, period, recipient) sent twice');
          // "Schedule one" goes at most once a day per period and person (reminder-due and
          // reminder-due-today on one day are one message).
          const daily = sent
            .filter(({ message: m }) => m.kind === 'reminder-due' || m.kind === 'reminder-due-today')
            .map(({ sentAt, message: m }) => `${DateTime.fromISO(sentAt, { zone: ZONE }).toISODate()}|${m.periodStart}|${m.recipientId}`);
          assert.equal(new Set(daily).size, daily.length, 'two "schedule one" reminders about one period to one person on one day');
          // A session is never reminded of once it has started.
          for (const { sentAt, message: m } of sent) {
            if (m.session) assert.ok(Date.parse(sentAt) < Date.parse(m.session.start), `${m.id} sent at ${sentAt}, after the session started`);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
