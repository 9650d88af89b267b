/**
 * An iCalendar (RFC 5545) invite for a supervision session: one VCALENDAR with one VEVENT, times in
 * UTC, text escaped (§3.3.11), lines folded at 75 octets (§3.1) without splitting a UTF-8 character,
 * every line ended by CRLF. Pure: `dtstamp` is passed in.
 */
import { DateTime } from 'luxon';
import type { Instant, Person, Session } from './model';

export interface IcsPerson {
  readonly name: string;
  readonly email: string;
}

export interface IcsEvent {
  /** Globally unique and stable for the event: a later invite with the same UID updates it. */
  readonly uid: string;
  readonly dtstamp: Instant;
  readonly start: Instant;
  readonly end: Instant;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
  readonly organizer?: IcsPerson;
  readonly attendees?: readonly IcsPerson[];
  /** Increase with every update of the same UID. */
  readonly sequence?: number;
  /** REQUEST (default) invites; CANCEL withdraws the event with this UID. */
  readonly method?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  /** An event not cancelled: TENTATIVE until every attendee accepted, then CONFIRMED (the default). */
  readonly status?: 'TENTATIVE' | 'CONFIRMED';
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

export function icsDateTime(instant: Instant): string {
  const dt = DateTime.fromISO(instant, { setZone: true });
  if (!dt.isValid) throw new Error(`icsDateTime: not an instant: ${instant}`);
  return dt.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/** TEXT value escaping: backslash, semicolon, comma, newline (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A quoted parameter value may not contain DQUOTE, and no control characters (RFC 5545 §3.1). */
function paramValue(text: string): string {
  return `"${text.replace(/["\u0000-\u001f\u007f]/g, '')}"`;
}

/** Folds one content line: at most 75 octets per line; continuation lines begin with one space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = utf8Octets(ch);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function utf8Octets(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

export function renderIcs(event: IcsEvent): string {
  const method = event.method ?? 'REQUEST';
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Supervision Bot//Supervision sessions//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsDateTime(event.dtstamp)}`,
    `DTSTART:${icsDateTime(event.start)}`,
    `DTEND:${icsDateTime(event.end)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location !== undefined) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.organizer !== undefined) {
    lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`);
  }
  for (const a of event.attendees ?? []) {
    const partstat = event.status === 'TENTATIVE' ? 'NEEDS-ACTION' : 'ACCEPTED';
    lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=TRUE:mailto:${a.email}`);
  }
  lines.push(`STATUS:${method === 'CANCEL' ? 'CANCELLED' : (event.status ?? 'CONFIRMED')}`, 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * The invite for a scheduled session, from the supervisor to the supervisee. By default each session
 * has its own UID; a caller that follows a session through its reschedules passes the UID of the
 * first session and a higher `sequence` for each change, so a calendar updates the one event (and
 * `method: 'CANCEL'` withdraws it) instead of keeping the old time beside the new.
 */
export function sessionInvite(input: {
  readonly session: Session;
  readonly supervisor: Person;
  readonly supervisee: Person;
  readonly organisationName: string;
  readonly now: Instant;
  readonly method?: 'REQUEST' | 'CANCEL';
  /** The first session of a chain of reschedules: its id names the event (default: this session's). */
  readonly firstSessionId?: string;
  readonly sequence?: number;
}): string {
  const { session, supervisor, supervisee } = input;
  const start = DateTime.fromISO(session.scheduledStart, { setZone: true });
  return renderIcs({
    uid: `${input.firstSessionId ?? session.id}@supervision-bot`,
    ...(input.sequence !== undefined ? { sequence: input.sequence } : {}),
    dtstamp: input.now,
    start: session.scheduledStart,
    end: start.plus({ minutes: session.plannedMinutes }).toUTC().toISO() as Instant,
    summary: `Supervision: ${supervisee.name} with ${supervisor.name}`,
    description:
      `Supervision session (${session.plannedMinutes} minutes, ${session.mode === 'teams' ? 'on Teams' : 'in person'}), ` +
      `${input.organisationName}. Standard 5: at least 90 minutes of uninterrupted time.`,
    location: session.mode === 'teams' ? 'Microsoft Teams' : 'In person',
    organizer: { name: supervisor.name, email: supervisor.email },
    attendees: [{ name: supervisee.name, email: supervisee.email }],
    method: input.method ?? 'REQUEST',
    // The invite says what the session's card says: proposed until the supervisee accepted it.
    status: session.superviseeAcceptedAt === undefined ? 'TENTATIVE' : 'CONFIRMED',
  });
}
