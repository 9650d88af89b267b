/**
 * Issue 9 through the real use cases and the sweep, over the fakes, with an injected clock: the
 * end-and-new-agreement journey keeps compliance and escalates nothing; settings changes re-plan at
 * once; a 14-week NQSW journey through the October clock change and the Christmas bank holidays
 * produces exactly the expected messages at the expected local times.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Agreement, Instant } from '../../src/domain/model';
import { runReminderSweep } from '../../src/app/runReminderSweep';
import { FakeOutbox } from '../fakes/ports';
import { okValue } from '../fakes/results';
import { SETTINGS, T1, world, type World } from '../fakes/world';

const ZONE = 'Europe/London';
const local = (iso: Instant) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm');
const at = (localTime: string) => DateTime.fromISO(localTime, { zone: ZONE }).toUTC().toISO() as Instant;

function sweeper(w: World) {
  const outbox = new FakeOutbox();
  const deps = { ...w.deps, outbox };
  return {
    outbox,
    sweep: async (now: Instant) => {
      w.deps.clock.set(now);
      const r = await runReminderSweep(deps, now);
      assert.ok(r.ok);
      assert.deepEqual(r.value.problems, []);
      return r.value;
    },
  };
}

/** Booked the day before at noon, recorded as held at noon on the day (the clock moves; the caller's next step sets it again). */
async function recordHeld(w: World, agreementId: string, date: string, who: 'sup1' | 'sup2') {
  w.deps.clock.set(at(`${DateTime.fromISO(date).minus({ days: 1 }).toISODate()}T12:00`));
  const s = okValue(await w.uc.scheduleSession(w.actor(who), { agreementId, start: { date, time: '10:00' }, plannedMinutes: 90, mode: 'in-person' }));
  w.deps.clock.set(at(`${date}T12:00`));
  okValue(await w.uc.recordSession(w.actor(who), { kind: 'held', sessionId: s.sessionId, start: { date, time: '10:00' }, minutes: 95, uninterrupted: true, agenda: ['Caseload'], actions: [] }));
}

const stored = (w: World, id: string): Agreement => {
  const v = w.deps.agreements.rows.get(`${T1}\u0000${id}`);
  assert.ok(v, id);
  return v.value;
};

describe('issue 9 journeys (use cases + sweep, fakes, injected clock)', () => {
  it('ending an agreement and setting up a new one keeps compliance: starts with the current period, counts the session had in it, escalates nothing', async () => {
    const w = world(at('2026-03-02T10:00'));
    const { outbox, sweep } = sweeper(w);
    const first = okValue(await w.uc.proposeAgreement(w.actor('sup1'), { superviseeId: 'nqsw', agreementStart: '2026-03-02', lineManagerIsRegisteredSocialWorker: true }));
    okValue(await w.uc.agreeToAgreement(w.actor('nqsw'), { agreementId: first.agreementId }));
    for (const day of ['2026-03-03', '2026-03-10', '2026-03-17']) await recordHeld(w, first.agreementId, day, 'sup1');
    // Wednesday 18 March: the agreement ends, and another supervisor sets up a new one (no dates given).
    w.deps.clock.set(at('2026-03-18T11:00'));
    okValue(await w.uc.endAgreement(w.actor('sup1'), { agreementId: first.agreementId }));
    const second = okValue(await w.uc.proposeAgreement(w.actor('sup2'), { superviseeId: 'nqsw', lineManagerIsRegisteredSocialWorker: true }));
    assert.deepEqual([second.employmentStart, second.nqsw, second.agreementStart], ['2026-02-16', true, '2026-03-16'], 'from the record; the current week');
    okValue(await w.uc.agreeToAgreement(w.actor('nqsw'), { agreementId: second.agreementId }));
    const summary = stored(w, second.agreementId).summary;
    assert.deepEqual([summary.met, summary.missed, summary.overdueSince, summary.nextDueBy, summary.lastSessionOn], [1, 0, null, '2026-03-29', '2026-03-17']);

    // Home, tab and CSV agree on it: one computation.
    const tab = okValue(await w.uc.getCompliance(w.actor('psw'), {}));
    const row = tab.rows.find((r) => r.agreementId === second.agreementId);
    assert.ok(row);
    assert.deepEqual([row.overdueSince, row.met, row.missed, row.standing], [null, 1, 0, 'on-track']);
    const csv = okValue(await w.uc.exportCompliance(w.actor('psw'), {})).csv;
    const line = csv.split('\r\n').find((l) => l.startsWith(second.agreementId));
    assert.ok(line && !/overdue/.test(line), line);
    // Every sweep moment for two weeks: no escalation, only the reminder of the next week.
    for (let t = Date.parse(at('2026-03-18T12:00')); t <= Date.parse(at('2026-04-01T18:00')); t += 3_600_000) await sweep(new Date(t).toISOString());
    const kinds = outbox.all().filter((e) => e.status === 'pending').map((e) => `${e.kind} ${local(e.notBefore)}`).sort();
    // The week from 23 March, due by Sunday 29th: 2 working days before (Thursday 26th), and Friday 27th.
    assert.deepEqual(kinds, [
      'reminder Fri 2026-03-27 09:00',
      'reminder Thu 2026-03-26 09:00',
      'reminder-digest Fri 2026-03-27 09:00',
      'reminder-digest Thu 2026-03-26 09:00',
    ]);
  });

  it('settings take effect at once: a longer lead re-plans every active agreement of the organisation', async () => {
    const w = world(at('2026-03-02T10:00'));
    const a = okValue(await w.uc.proposeAgreement(w.actor('sup1'), { superviseeId: 'sw2', agreementStart: '2026-03-02', lineManagerIsRegisteredSocialWorker: true }));
    okValue(await w.uc.agreeToAgreement(w.actor('sw2'), { agreementId: a.agreementId }));
    const before = stored(w, a.agreementId).summary;
    // Monthly, counted from the employment start: the month is due by Wednesday 1 April; 2 working days before: Monday 30 March 09:00 BST.
    assert.deepEqual([before.nextDueBy, before.nextActionAt], ['2026-04-01', at('2026-03-30T09:00')]);
    okValue(await w.uc.updateSettings(w.actor('admin'), { reminderLeadDays: 10, sendTime: '10:30' }));
    // 10 working days before 1 April: Wednesday 18 March, at the new send time.
    assert.equal(stored(w, a.agreementId).summary.nextActionAt, at('2026-03-18T10:30'));
    okValue(await w.uc.updateSettings(w.actor('admin'), { workingDays: [1, 2, 3, 4, 5, 6, 7], region: 'none' }));
    assert.equal(stored(w, a.agreementId).summary.nextActionAt, at('2026-03-22T10:30'), 'every day a working day: ten days before, a Sunday');
  });

  it('a 14-week NQSW journey through the clock change and Christmas: exactly the expected messages at the expected local times', async () => {
    // Employed Monday 5 October 2026; weekly supervision for the first six weeks, then fortnightly.
    const w = world(at('2026-10-05T08:30'));
    okValue(await w.uc.updateSettings(w.actor('admin'), { reminderLeadDays: 3, escalationGraceDays: 5 }));
    const nqsw = w.deps.people.rows.get(`${T1}\u0000nqsw`);
    assert.ok(nqsw);
    await w.deps.people.replace({ ...nqsw.value, employmentStart: '2026-10-05' }, nqsw.etag);
    const a = okValue(await w.uc.proposeAgreement(w.actor('sup1'), { superviseeId: 'nqsw', lineManagerIsRegisteredSocialWorker: true }));
    okValue(await w.uc.agreeToAgreement(w.actor('nqsw'), { agreementId: a.agreementId }));
    const { outbox, sweep } = sweeper(w);
    // Held: weeks 1, 2, 3 (Tuesdays, before their reminders); nothing in weeks 4, 5, 6; then the
    // fortnights from 16 November and 30 November; nothing over Christmas.
    const held = ['2026-10-06', '2026-10-13', '2026-10-20', '2026-11-17', '2026-12-01'];
    const end = Date.parse(at('2027-01-11T18:00'));
    for (let t = Date.parse(at('2026-10-05T08:30')); t <= end; t += 15 * 60_000) {
      const now = new Date(t).toISOString();
      const day = DateTime.fromMillis(t, { zone: ZONE });
      if (day.hour === 12 && day.minute === 0 && held.includes(day.toISODate() as string)) await recordHeld(w, a.agreementId, day.toISODate() as string, 'sup1');
      if (t >= Date.parse(stored(w, a.agreementId).summary.nextActionAt ?? '9999')) await sweep(now);
    }
    const sent = outbox
      .all()
      .filter((e) => e.status === 'pending')
      .map((e) => {
        const p = e.payload as { kind: string; data: { periodStart?: string; items?: { periodStart: string }[]; missedCount?: number } };
        const period = p.data.periodStart ?? p.data.items?.map((i) => i.periodStart).join('+');
        return `${local(e.notBefore)} ${e.kind} ${period}${p.data.missedCount ? ` x${p.data.missedCount}` : ''} -> ${e.recipientAadObjectId}`;
      })
      .sort();
    assert.deepEqual(sent, EXPECTED_JOURNEY);
    for (const line of sent) {
      assert.match(line, /^(Mon|Tue|Wed|Thu|Fri) /, 'working days only');
      assert.match(line, / 09:00 /, 'at the send time, local');
    }
  });
});

/**
 * Worked out from the rule by hand (3 working days' lead, 5 working days' grace, England and Wales,
 * 09:00 send time; the supervisor's reminders as the day's digest). Sorted as text.
 * - Week 4 (26 Oct - 1 Nov, the first week after the clocks went back): reminded Wednesday 28th
 *   (3 working days before Sunday), again on the due-by date's last working day, Friday 30th.
 * - Week 5 (2 - 8 Nov): the same, 4th and 6th. Week 4's escalation (5 working days after it ended:
 *   Monday 9th) and week 5's (an NQSW's second miss in a row: at once, Monday 9th) fall together:
 *   the latest goes, 2 missed.
 * - Week 6 (9 - 15 Nov): reminded 11th and 13th; escalated at once on Monday 16th, 3 missed.
 * - Fortnights from 16 and 30 November: held on their first Tuesday, nothing to send.
 * - Fortnight 14 - 27 December, due by Sunday 27th: Friday 25th is Christmas Day, so 3 working
 *   days before is Tuesday 22nd; the last working day is Thursday 24th. It ends unmet: Monday 28th
 *   (Boxing Day's substitute) and Friday 1 January are bank holidays, so the 5th working day after
 *   is Tuesday 5 January.
 * - Fortnight 28 December - 10 January, due by Sunday 10th: reminded Wednesday 6th and Friday 8th;
 *   it ends unmet, the second miss in a row: escalated at once, Monday 11th, 2 missed.
 */
const EXPECTED_JOURNEY: string[] = [
  'Fri 2026-10-30 09:00 reminder 2026-10-26 -> aad-nqsw',
  'Fri 2026-10-30 09:00 reminder-digest 2026-10-26 -> aad-sup1',
  'Fri 2026-11-06 09:00 reminder 2026-11-02 -> aad-nqsw',
  'Fri 2026-11-06 09:00 reminder-digest 2026-11-02 -> aad-sup1',
  'Fri 2026-11-13 09:00 reminder 2026-11-09 -> aad-nqsw',
  'Fri 2026-11-13 09:00 reminder-digest 2026-11-09 -> aad-sup1',
  'Fri 2027-01-08 09:00 reminder 2026-12-28 -> aad-nqsw',
  'Fri 2027-01-08 09:00 reminder-digest 2026-12-28 -> aad-sup1',
  'Mon 2026-11-09 09:00 escalation 2026-11-02 x2 -> aad-psw',
  'Mon 2026-11-09 09:00 escalation-notice 2026-11-02 x2 -> aad-sup1',
  'Mon 2026-11-16 09:00 escalation 2026-11-09 x3 -> aad-psw',
  'Mon 2026-11-16 09:00 escalation-notice 2026-11-09 x3 -> aad-sup1',
  'Mon 2027-01-11 09:00 escalation 2026-12-28 x2 -> aad-psw',
  'Mon 2027-01-11 09:00 escalation-notice 2026-12-28 x2 -> aad-sup1',
  'Thu 2026-12-24 09:00 reminder 2026-12-14 -> aad-nqsw',
  'Thu 2026-12-24 09:00 reminder-digest 2026-12-14 -> aad-sup1',
  'Tue 2026-12-22 09:00 reminder 2026-12-14 -> aad-nqsw',
  'Tue 2026-12-22 09:00 reminder-digest 2026-12-14 -> aad-sup1',
  'Tue 2027-01-05 09:00 escalation 2026-12-14 x1 -> aad-psw',
  'Tue 2027-01-05 09:00 escalation-notice 2026-12-14 x1 -> aad-sup1',
  'Wed 2026-10-28 09:00 reminder 2026-10-26 -> aad-nqsw',
  'Wed 2026-10-28 09:00 reminder-digest 2026-10-26 -> aad-sup1',
  'Wed 2026-11-04 09:00 reminder 2026-11-02 -> aad-nqsw',
  'Wed 2026-11-04 09:00 reminder-digest 2026-11-02 -> aad-sup1',
  'Wed 2026-11-11 09:00 reminder 2026-11-09 -> aad-nqsw',
  'Wed 2026-11-11 09:00 reminder-digest 2026-11-09 -> aad-sup1',
  'Wed 2027-01-06 09:00 reminder 2026-12-28 -> aad-nqsw',
  'Wed 2027-01-06 09:00 reminder-digest 2026-12-28 -> aad-sup1',
];
