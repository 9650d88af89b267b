import { strict as assert } from 'node:assert';
import { escapeText, foldLine, renderIcs, sessionInvite } from '../../src/domain/ics';
import type { Person, Session } from '../../src/domain/model';

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Unfolds RFC 5545 content lines: CRLF followed by one space or tab is removed. */
const unfold = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('domain/ics', () => {
  const event = {
    uid: 's1@supervision-bot',
    dtstamp: '2026-03-02T10:00:00.000Z',
    start: '2026-03-30T09:00:00.000+01:00',
    end: '2026-03-30T10:30:00.000+01:00',
    summary: 'Supervision: Nia Quinn with Sam Patel',
  };

  it('writes one VCALENDAR/VEVENT with UID, DTSTAMP and DTSTART/DTEND in UTC, CRLF line ends', () => {
    const ics = renderIcs(event);
    assert.ok(ics.endsWith('\r\n'));
    assert.doesNotMatch(ics.replace(/\r\n/g, ''), /\n|\r/);
    const lines = unfold(ics);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.some((l) => l.startsWith('PRODID:')));
    assert.ok(lines.includes('BEGIN:VEVENT') && lines.includes('END:VEVENT'));
    assert.ok(lines.includes('UID:s1@supervision-bot'));
    assert.ok(lines.includes('DTSTAMP:20260302T100000Z'));
    assert.ok(lines.includes('DTSTART:20260330T080000Z')); // 09:00 BST
    assert.ok(lines.includes('DTEND:20260330T093000Z'));
    assert.equal(lines[lines.length - 2], 'END:VCALENDAR');
  });

  it('escapes TEXT values', () => {
    assert.equal(escapeText('a\\b;c,d\ne'), 'a\\\\b\\;c\\,d\\ne');
    const lines = unfold(renderIcs({ ...event, description: 'Agenda: caseload; wellbeing, CPD\nBring notes' }));
    assert.ok(lines.includes('DESCRIPTION:Agenda: caseload\\; wellbeing\\, CPD\\nBring notes'));
  });

  it('folds lines longer than 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    const long = `SUMMARY:${'Supervisión — ünïcödé 😀 '.repeat(10)}`;
    const folded = foldLine(long);
    const physical = folded.split('\r\n');
    assert.ok(physical.length > 1);
    for (const l of physical) assert.ok(octets(l) <= 75, `${octets(l)} octets: ${l}`);
    for (const l of physical.slice(1)) assert.ok(l.startsWith(' '));
    assert.ok(!folded.includes('\uFFFD'));
    assert.equal(folded.replace(/\r\n /g, ''), long);
    assert.equal(foldLine('SHORT:x'), 'SHORT:x');
    const exactly75 = `X:${'a'.repeat(73)}`;
    assert.equal(foldLine(exactly75), exactly75);
    assert.equal(foldLine(`${exactly75}b`).split('\r\n').length, 2);
  });

  it('every physical line of a whole invite is at most 75 octets', () => {
    const ics = renderIcs({
      ...event,
      description: 'ü'.repeat(200),
      organizer: { name: 'Sam "the" Patel', email: 'sam@x.example' },
      attendees: [{ name: 'Nia Quinn', email: 'nia@x.example' }],
    });
    for (const l of ics.split('\r\n')) assert.ok(octets(l) <= 75);
    const lines = unfold(ics);
    assert.ok(lines.includes('ORGANIZER;CN="Sam the Patel":mailto:sam@x.example'));
    assert.ok(lines.some((l) => l.startsWith('ATTENDEE;CN="Nia Quinn"') && l.endsWith(':mailto:nia@x.example')));
  });

  it('a session invite runs for the planned minutes; a cancellation withdraws the same UID', () => {
    const p = (id: string, name: string): Person => ({ id, tenantId: 't', email: `${id}@x.example`, name, roles: [] });
    const session: Session = {
      id: 's9',
      tenantId: 't',
      agreementId: 'a',
      supervisorId: 'sam',
      superviseeId: 'nia',
      status: 'scheduled',
      mode: 'teams',
      scheduledStart: '2026-10-25T00:30:00.000Z',
      plannedMinutes: 120,
      agenda: [],
      actions: [],
      createdAt: event.dtstamp,
      updatedAt: event.dtstamp,
    };
    const input = { session, supervisor: p('sam', 'Sam Patel'), supervisee: p('nia', 'Nia Quinn'), organisationName: 'Northshire', now: event.dtstamp };
    const lines = unfold(sessionInvite(input));
    assert.ok(lines.includes('UID:s9@supervision-bot'));
    assert.ok(lines.includes('DTSTART:20261025T003000Z'));
    assert.ok(lines.includes('DTEND:20261025T023000Z'));
    assert.ok(lines.includes('METHOD:REQUEST'));
    assert.ok(lines.includes('LOCATION:Microsoft Teams'));
    const cancel = unfold(sessionInvite({ ...input, method: 'CANCEL' }));
    assert.ok(cancel.includes('METHOD:CANCEL') && cancel.includes('STATUS:CANCELLED') && cancel.includes('UID:s9@supervision-bot'));
  });
});
