import { strict as assert } from 'assert';
import { errorOn, GOOD, ok, refused, x } from '../parsing';

describe('cards: session: parse', () => {
  it('schedules at a local date and time, 90 minutes by default', () => {
    assert.deepEqual(ok('session.schedule', GOOD['session.schedule']), {
      agreementId: 'a-1',
      start: { date: '2026-03-10', time: '14:05' },
      plannedMinutes: 90,
      mode: 'teams',
    });
    const c = ok('session.schedule', { ...GOOD['session.schedule'], plannedMinutes: '', scheduleTime: '09:15:00' });
    assert.equal(c.plannedMinutes, 90);
    assert.deepEqual(c.start, { date: '2026-03-10', time: '09:15' });
    assert.equal(ok('session.schedule', { ...GOOD['session.schedule'], plannedMinutes: 120 }).plannedMinutes, 120);
  });

  it('refuses minutes outside 1..600, fractions and words', () => {
    for (const minutes of ['0', '601', '90.5', 'ninety', '-5', true]) {
      const r = refused('session.schedule', { ...GOOD['session.schedule'], plannedMinutes: minutes });
      errorOn(r, 'plannedMinutes', 'INVALID_INPUT');
    }
  });

  it('refuses impossible dates and times', () => {
    errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleDate: '2026-02-30' }), 'scheduleDate', 'INVALID_DATE');
    errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleDate: '2026-2-3' }), 'scheduleDate', 'INVALID_DATE');
    errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleTime: '25:00' }), 'scheduleTime', 'INVALID_DATE');
    errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleTime: '2pm' }), 'scheduleTime', 'INVALID_DATE');
    errorOn(refused('session.schedule', { ...GOOD['session.schedule'], mode: 'phone' }), 'mode', 'INVALID_INPUT');
  });

  it('with the zone, refuses a time the clocks skip (29 March 2026, 01:30 in London)', () => {
    const data = { ...GOOD['session.schedule'], scheduleDate: '2026-03-29', scheduleTime: '01:30' };
    const r = refused('session.schedule', data, 'Europe/London');
    assert.match(errorOn(r, 'scheduleTime', 'INVALID_DATE'), /does not exist on 2026-03-29/);
    assert.deepEqual(ok('session.schedule', data).start, { date: '2026-03-29', time: '01:30' });
    assert.deepEqual(ok('session.schedule', { ...data, scheduleTime: '02:00' }, 'Europe/London').start, { date: '2026-03-29', time: '02:00' });
  });

  it('accepts or proposes another time', () => {
    assert.deepEqual(ok('session.accept', { sessionId: 's-1', response: 'propose' }), { sessionId: 's-1', response: 'accept' });
    assert.deepEqual(ok('session.proposeTime', GOOD['session.proposeTime']), {
      sessionId: 's-1',
      response: 'propose',
      proposedStart: { date: '2026-03-11', time: '09:30' },
    });
    errorOn(refused('session.proposeTime', { sessionId: 's-1', proposedDate: '2026-03-11' }), 'proposedTime', 'INVALID_DATE');
  });

  it('records a held session: agenda one item per line, filled action rows', () => {
    assert.deepEqual(ok('session.recordHeld', GOOD['session.recordHeld']), {
      kind: 'held',
      sessionId: 's-1',
      start: { date: '2026-03-10', time: '14:05' },
      minutes: 95,
      uninterrupted: true,
      agenda: ['Caseload', 'Wellbeing'],
      actions: [{ text: 'Read the ASYE framework', ownerId: 'p-alex', dueDate: '2026-03-20' }],
    });
    const c = ok('session.recordHeld', { ...GOOD['session.recordHeld'], uninterrupted: 'no', minutes: '45' });
    assert.equal(c.kind === 'held' && c.uninterrupted, false);
  });

  it('refuses a half-filled action row, a missing answer on interruption and an over-long agenda', () => {
    const r = refused('session.recordHeld', {
      ...GOOD['session.recordHeld'],
      uninterrupted: '',
      action1Due: '',
      action2Owner: 'p-sam',
      action3Text: 'x',
      action3Owner: 'p-sam',
      action3Due: '2026-02-30',
    });
    errorOn(r, 'uninterrupted', 'INVALID_INPUT');
    const r2 = refused('session.recordHeld', { ...GOOD['session.recordHeld'], action1Due: '', action2Owner: 'p-sam' });
    errorOn(r2, 'action1Due', 'INVALID_DATE');
    errorOn(r2, 'action2Text', 'INVALID_INPUT');
    errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], action3Text: 'x', action3Owner: 'p-sam', action3Due: '2026-02-30' }), 'action3Due', 'INVALID_DATE');
    errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], agenda: x(2001) }), 'agenda', 'TEXT_TOO_LONG');
    const items = Array.from({ length: 21 }, (_, i) => `item ${i}`).join('\n');
    errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], agenda: items }), 'agenda', 'INVALID_INPUT');
    errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], minutes: '601' }), 'minutes', 'INVALID_INPUT');
    errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], minutes: '' }), 'minutes', 'INVALID_INPUT');
  });

  it('cancels with a reason of up to 1,000 characters (as a person counts them)', () => {
    assert.deepEqual(ok('session.cancel', GOOD['session.cancel']), { kind: 'cancelled', sessionId: 's-1', reason: 'Sam was off sick.' });
    errorOn(refused('session.cancel', { sessionId: 's-1', cancelReason: '   ' }), 'cancelReason', 'INVALID_INPUT');
    errorOn(refused('session.cancel', { sessionId: 's-1', cancelReason: x(1001) }), 'cancelReason', 'TEXT_TOO_LONG');
    // 1,000 emoji are 2,000 UTF-16 units but 1,000 characters.
    assert.equal(ok('session.cancel', { sessionId: 's-1', cancelReason: '🙂'.repeat(1000) }).kind, 'cancelled');
  });

  it('reschedules, keeping the original length and place unless changed', () => {
    assert.deepEqual(ok('session.reschedule', GOOD['session.reschedule']), {
      kind: 'rescheduled',
      sessionId: 's-1',
      newStart: { date: '2026-03-12', time: '10:00' },
    });
    const c = ok('session.reschedule', { ...GOOD['session.reschedule'], newMinutes: '120', newMode: 'in-person' });
    assert.deepEqual(c, { kind: 'rescheduled', sessionId: 's-1', newStart: { date: '2026-03-12', time: '10:00' }, plannedMinutes: 120, mode: 'in-person' });
  });

  it('rates 1 to 5 with an optional comment up to 2,000 characters', () => {
    assert.deepEqual(ok('session.rate', GOOD['session.rate']), { sessionId: 's-1', score: 4 });
    assert.deepEqual(ok('session.rate', { sessionId: 's-1', score: 5, comment: ' Good. ' }), { sessionId: 's-1', score: 5, comment: 'Good.' });
    for (const score of ['0', '6', '3.5', 'five', '']) errorOn(refused('session.rate', { sessionId: 's-1', score }), 'score', 'INVALID_INPUT');
    errorOn(refused('session.rate', { sessionId: 's-1', score: '3', comment: x(2001) }), 'comment', 'TEXT_TOO_LONG');
  });

  it('opens the schedule card for one agreement or to choose', () => {
    assert.deepEqual(ok('session.schedule.form', {}), {});
    assert.deepEqual(ok('session.schedule.form', { agreementId: 'a-1' }), { agreementId: 'a-1' });
  });
});
