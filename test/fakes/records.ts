/**
 * Record builders shared by the tests: the fields every such record has, so a test states only
 * what its case is about. Overrides are spread last and win, as in the literals they replace.
 */
import type { ProactiveMessage, ReminderFacts } from '../../src/app/proactiveMessages';
import { emptySummary } from '../../src/domain/agreement';
import type { Agreement, Instant, Session } from '../../src/domain/model';

export { emptySummary };

type Identity<T, K extends keyof T> = Pick<T, K> & Partial<T>;

/** A session held at `start` for `minutes`, uninterrupted, 90 minutes planned. */
export function heldSession(
  start: Instant,
  minutes: number,
  over: Identity<Session, 'id' | 'tenantId' | 'agreementId' | 'supervisorId' | 'superviseeId'>,
): Session {
  return {
    status: 'held',
    mode: 'in-person',
    scheduledStart: start,
    plannedMinutes: 90,
    start,
    minutes,
    uninterrupted: true,
    agenda: [],
    actions: [],
    createdAt: start,
    updatedAt: start,
    ...over,
  };
}

/** An active NQSW agreement from Mon 2 March 2026: supervisee `ee`, supervisor `or`, nothing evaluated yet. */
export function activeAgreement(over: Identity<Agreement, 'id' | 'tenantId'>): Agreement {
  return {
    superviseeId: 'ee',
    supervisorId: 'or',
    lineManagerIsRegisteredSocialWorker: true,
    employmentStart: '2026-03-02',
    agreementStart: '2026-03-02',
    nqsw: true,
    pauses: [],
    status: 'active',
    supervisorHistory: [{ supervisorId: 'or', from: '2026-03-02' }],
    summary: emptySummary('2026-03-02'),
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    ...over,
  };
}

/** A reminder the sweep could have queued: to the supervisee, nothing held or booked yet. */
export function reminderMessage(over: Partial<ReminderFacts> = {}): ProactiveMessage {
  return {
    kind: 'reminder',
    data: {
      zone: 'Europe/London',
      agreementId: 'agr-1',
      audience: 'supervisee',
      supervisee: { id: 'noah', name: 'Noah Patel' },
      supervisor: { id: 'sam', name: 'Sam Okafor' },
      nqsw: true,
      periodStart: '2026-03-02',
      dueBy: '2026-03-08',
      lastSessionOn: null,
      scheduledSession: null,
      reason: 'due',
      ...over,
    },
  };
}

/**
 * What a new organisation is given for the settings issue 9 added (working calendar, send time,
 * concern follow-up), written out: tests of stored settings compare with these literal values.
 */
export const NEW_ORGANISATION_ISSUE9_SETTINGS = {
  region: 'england-and-wales',
  workingDays: [1, 2, 3, 4, 5],
  sendTime: '09:00',
  seniorLeaderIds: [],
  concernAckDays: 2,
  concernResolveTargetDays: 10,
} as const;
