import { strict as assert } from 'assert';
import { formatContext, formatDate, formatFact, formatInstant, localParts, minutesText, preview } from '../../../../src/adapters/cards/shared/format';

describe('cards: format', () => {
  const london = formatContext('Europe/London', '2026-03-03T12:00:00.000Z');

  it('shows an instant in the organisation zone: GMT in winter, BST in summer', () => {
    assert.equal(formatInstant('2026-03-03T14:05:00.000Z', london), '3 Mar 14:05');
    assert.equal(formatInstant('2026-07-01T09:30:00.000Z', london), '1 Jul 10:30');
    assert.equal(formatInstant('2026-03-03T14:05:00.000Z', formatContext('America/New_York', '2026-03-03T12:00:00.000Z')), '3 Mar 09:05');
  });

  it('shows the local date of an instant near midnight in the zone, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    assert.equal(formatInstant('2026-06-30T23:30:00.000Z', london), '1 Jul 00:30');
    assert.deepEqual(localParts('2026-06-30T23:30:00.000Z', 'Europe/London'), { date: '2026-07-01', time: '00:30' });
  });

  it('adds the year only when it is not the current one', () => {
    assert.equal(formatInstant('2025-12-24T10:00:00.000Z', london), '24 Dec 2025 10:00');
    assert.equal(formatDate('2027-01-05', london), 'Tue 5 Jan 2027');
    assert.equal(formatDate('2026-03-10', london), 'Tue 10 Mar');
    assert.equal(formatDate('2027-01-05', formatContext('Europe/London', undefined)), 'Tue 5 Jan');
  });

  it('says who did what and when', () => {
    assert.equal(formatFact('Confirmed', { by: { id: 'p', name: 'Sam Patel' }, at: '2026-03-03T14:05:00.000Z' }, london), 'Confirmed by Sam Patel, 3 Mar 14:05');
  });

  it('says durations and shortens previews at a word', () => {
    assert.equal(minutesText(45), '45 min');
    assert.equal(minutesText(90), '1 h 30 min');
    assert.equal(minutesText(120), '2 h');
    assert.equal(preview('one two three four five', 16), 'one two three…');
    assert.equal(preview('abcdefghijklmnopqrstuvwxyz', 10), 'abcdefghij…');
    assert.equal(preview('short\n\ntext', 50), 'short text');
  });
});
