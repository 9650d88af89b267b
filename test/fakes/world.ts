/**
 * A small organisation on the fakes, for the use-case tests: a PSW, an admin, two supervisors who
 * are registered social workers, a line manager who is not, a newly qualified social worker, an
 * experienced one, and someone in another tenant.
 */
import { createUseCases, type UseCases } from '../../src/app';
import type { Actor } from '../../src/app/commands';
import { createOversightUseCases, type OversightDeps } from '../../src/app/oversight';
import type { UseCaseDeps } from '../../src/app/deps';
import { emptySummary } from '../../src/domain/agreement';
import type { Agreement, Instant, OrganisationSettings, Person, Session } from '../../src/domain/model';
import {
  FakeAgreements,
  FakeAuditLog,
  FakeConcerns,
  FakeConversations,
  FakeNotes,
  FakeOrganisations,
  FakePeople,
  FakeSessions,
  FixedClock,
  RecordingNotifier,
  SequentialIds,
} from './ports';

export const T1 = 'tenant-northshire';
export const T2 = 'tenant-elsewhere';
export const NOW: Instant = '2026-03-02T10:00:00.000Z'; // a Monday, GMT

const person = (id: string, name: string, roles: Person['roles'], extra: Partial<Person> = {}): Person => ({
  id,
  tenantId: T1,
  email: `${id}@northshire.example`,
  name,
  roles,
  aadObjectId: `aad-${id}`,
  ...extra,
});

export const PEOPLE = {
  psw: person('psw', 'Priya Shah', ['psw', 'supervisor'], { isRegisteredSocialWorker: true }),
  admin: person('admin', 'Alex Adams', ['admin']),
  sup1: person('sup1', 'Sam Patel', ['supervisor'], { isRegisteredSocialWorker: true }),
  sup2: person('sup2', 'Jo Reed', ['supervisor'], { isRegisteredSocialWorker: true }),
  lm: person('lm', 'Lee Morgan', ['supervisor'], { isRegisteredSocialWorker: false }),
  nqsw: person('nqsw', 'Nia Quinn', ['supervisee'], { nqsw: true, employmentStart: '2026-02-16', isRegisteredSocialWorker: true }),
  sw2: person('sw2', 'Ola Okafor', ['supervisee'], { employmentStart: '2020-09-01', isRegisteredSocialWorker: true }),
  outsider: { ...person('outsider', 'Zed Other', ['supervisor', 'admin', 'psw']), tenantId: T2 },
} as const;

export type Who = keyof typeof PEOPLE;

export const SETTINGS: OrganisationSettings = {
  tenantId: T1,
  name: 'Northshire Council',
  zone: 'Europe/London',
  pswIds: ['psw'],
  adminIds: ['admin'],
  reminderLeadDays: 2,
  escalationGraceDays: 3,
  quietHours: { start: '19:00', end: '08:00' },
};

export interface World {
  readonly deps: UseCaseDeps & {
    people: FakePeople;
    agreements: FakeAgreements;
    sessions: FakeSessions;
    notes: FakeNotes;
    concerns: FakeConcerns;
    organisations: FakeOrganisations;
    notifier: RecordingNotifier;
    clock: FixedClock;
    ids: SequentialIds;
  };
  readonly uc: UseCases;
  actor(who: Who): Actor;
}

export function world(now: Instant = NOW): World {
  const deps = {
    people: new FakePeople(),
    agreements: new FakeAgreements(),
    sessions: new FakeSessions(),
    notes: new FakeNotes(),
    concerns: new FakeConcerns(),
    organisations: new FakeOrganisations(),
    notifier: new RecordingNotifier(),
    clock: new FixedClock(now),
    ids: new SequentialIds(),
  };
  for (const p of Object.values(PEOPLE)) deps.people.seed(p);
  void deps.organisations.save(SETTINGS);
  void deps.organisations.save({ ...SETTINGS, tenantId: T2, name: 'Elsewhere Trust', pswIds: ['outsider'], adminIds: ['outsider'] });
  return {
    deps,
    uc: createUseCases(deps),
    actor: (who) => ({ tenantId: PEOPLE[who].tenantId, aadObjectId: PEOPLE[who].aadObjectId as string }),
  };
}

/** The tab's oversight use cases over the world, with an audit log to read back. */
export function oversight(w: World) {
  const deps: OversightDeps & { audit: FakeAuditLog } = { ...w.deps, audit: new FakeAuditLog(), conversations: new FakeConversations() };
  return { deps, uc: createOversightUseCases(deps) };
}

/** An active agreement put straight in the store (for tests that start from one). */
export function seedAgreement(w: World, overrides: Partial<Agreement> = {}): Agreement {
  const a: Agreement = {
    id: 'agr-1',
    tenantId: T1,
    superviseeId: 'nqsw',
    supervisorId: 'sup1',
    lineManagerIsRegisteredSocialWorker: true,
    employmentStart: '2026-02-16',
    agreementStart: '2026-02-16',
    nqsw: true,
    pauses: [],
    status: 'active',
    agreedBySupervisorAt: '2026-02-16T09:00:00.000Z',
    agreedBySuperviseeAt: '2026-02-16T09:30:00.000Z',
    supervisorHistory: [{ supervisorId: 'sup1', from: '2026-02-16' }],
    summary: emptySummary('2026-02-16'),
    createdAt: '2026-02-16T09:00:00.000Z',
    updatedAt: '2026-02-16T09:30:00.000Z',
    ...overrides,
  };
  w.deps.agreements.seed(a);
  return a;
}

export function seedSession(w: World, overrides: Partial<Session> = {}): Session {
  const s: Session = {
    id: 'ses-1',
    tenantId: T1,
    agreementId: 'agr-1',
    supervisorId: 'sup1',
    superviseeId: 'nqsw',
    status: 'scheduled',
    mode: 'in-person',
    scheduledStart: '2026-03-02T09:00:00.000Z',
    plannedMinutes: 90,
    agenda: [],
    actions: [],
    createdAt: '2026-02-25T09:00:00.000Z',
    updatedAt: '2026-02-25T09:00:00.000Z',
    ...overrides,
  };
  w.deps.sessions.seed(s);
  return s;
}
