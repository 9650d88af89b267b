/**
 * Views as the use cases return them (src/app/views/), for rendering every card: typical ones and
 * maximal ones (long lists, long names, the longest texts the server accepts).
 */
import type {
  AgreementFormView,
  AgreementView,
  ConcernListView,
  ConcernView,
  HomeView,
  NoteListView,
  NoteView,
  PersonRef,
  SessionView,
  SettingsView,
} from '../../../src/app/views';
import type { EscalationView, ReminderView } from '../../../src/adapters/cards';
import type { DigestFacts } from '../../../src/app/proactiveMessages';

export const ZONE = 'Europe/London';
/** 3 March 2026, 12:00 in London (GMT). */
export const NOW = '2026-03-03T12:00:00.000Z';

export const sam: PersonRef = { id: 'p-sam', name: 'Sam Patel' };
export const alex: PersonRef = { id: 'p-alex', name: 'Alex Morgan' };
export const jo: PersonRef = { id: 'p-jo', name: 'Jo Okafor' };
export const priya: PersonRef = { id: 'p-priya', name: 'Priya Shah' };

/** n people with long names and UUID-like ids. */
export function manyPeople(n: number, prefix = 'Person'): PersonRef[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `${prefix} ${i} Featherstonehaugh-Cholmondeley`,
  }));
}

export const longText = (n: number, word = 'reflection '): string => word.repeat(Math.ceil(n / word.length)).slice(0, n);

export function homeView(over: Partial<HomeView> = {}): HomeView {
  return {
    person: { ...alex, email: 'alex@example.org' },
    roles: ['supervisee', 'supervisor'],
    zone: ZONE,
    organisationName: 'Northshire County Council',
    nextDueBy: '2026-03-10',
    lastSession: { sessionId: 's-1', agreementId: 'a-1', start: '2026-02-24T14:05:00.000Z', minutes: 75, qualifying: false, with: sam },
    overdue: [{ agreementId: 'a-2', supervisee: jo, supervisor: alex, overdueSince: '2026-02-28' }],
    openConcerns: 2,
    asSupervisee: [
      {
        agreementId: 'a-1',
        status: 'active',
        supervisee: alex,
        supervisor: sam,
        nqsw: true,
        nextDueBy: '2026-03-10',
        overdueSince: null,
        lastSessionOn: '2026-02-24',
        met: 3,
        missed: 0,
        short: 1,
      },
    ],
    asSupervisor: [
      {
        agreementId: 'a-2',
        status: 'active',
        supervisee: jo,
        supervisor: alex,
        nqsw: false,
        nextDueBy: '2026-03-31',
        overdueSince: '2026-02-28',
        lastSessionOn: '2026-01-20',
        met: 5,
        missed: 1,
        short: 0,
      },
    ],
    unreachable: [],
    pending: [
      { kind: 'agree-to-agreement', agreementId: 'a-3', with: priya },
      { kind: 'record-session', sessionId: 's-9', start: '2026-03-02T10:00:00.000Z', with: jo },
      { kind: 'rate-session', sessionId: 's-1', start: '2026-02-24T14:05:00.000Z', with: sam },
    ],
    youCan: {
      proposeAgreement: true,
      scheduleSession: true,
      requestSession: false,
      writeNote: true,
      raiseConcern: true,
      editSettings: false,
      seeCompliance: true,
    },
    ...over,
  };
}

export function maximalHomeView(): HomeView {
  const people = manyPeople(200);
  return homeView({
    overdue: people.slice(0, 50).map((p, i) => ({ agreementId: `a-${i}`, supervisee: p, supervisor: alex, overdueSince: '2026-02-01' })),
    asSupervisor: people.map((p, i) => ({
      agreementId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      status: 'active' as const,
      supervisee: p,
      supervisor: alex,
      professionalSupervisor: priya,
      nqsw: true,
      nextDueBy: '2026-03-10',
      overdueSince: i % 2 === 0 ? '2026-02-01' : null,
      lastSessionOn: null,
      met: 1,
      missed: 2,
      short: 3,
    })),
    pending: people.slice(0, 40).map((p, i) => ({ kind: 'record-session' as const, sessionId: `s-${i}`, start: NOW, with: p })),
    youCan: { proposeAgreement: true, scheduleSession: true, requestSession: true, writeNote: true, raiseConcern: true, editSettings: true, seeCompliance: true },
  });
}

export function agreementFormView(over: Partial<AgreementFormView> = {}): AgreementFormView {
  return {
    zone: ZONE,
    supervisees: [jo, alex],
    supervisors: [sam, alex],
    professionalSupervisors: [priya],
    defaultSupervisorId: sam.id,
    ...over,
  };
}

export function agreementView(over: Partial<AgreementView> = {}): AgreementView {
  return {
    agreementId: 'a-1',
    zone: ZONE,
    status: 'draft',
    supervisee: alex,
    supervisor: sam,
    professionalSupervisor: priya,
    lineManagerIsRegisteredSocialWorker: false,
    nqsw: true,
    employmentStart: '2026-02-02',
    agreementStart: '2026-02-02',
    pauses: [],
    asye: { plannedEnd: '2027-02-02', currentEnd: '2027-02-02', extensions: [] },
    agreedBySupervisor: { by: sam, at: '2026-03-03T14:05:00.000Z' },
    agreedBySupervisee: null,
    supervisorHistory: [{ supervisor: sam, from: '2026-02-02' }],
    nextDueBy: '2026-03-08',
    overdueSince: null,
    lastSessionOn: null,
    met: 0,
    missed: 0,
    excused: 0,
    short: 0,
    upcomingSessions: [],
    youCan: { agree: true, changeSupervisor: false, pause: false, resume: false, end: false, scheduleSession: false },
    ...over,
  };
}

export function sessionView(over: Partial<SessionView> = {}): SessionView {
  return {
    sessionId: 's-1',
    agreementId: 'a-1',
    zone: ZONE,
    status: 'scheduled',
    mode: 'in-person',
    supervisor: sam,
    supervisee: alex,
    scheduledStart: '2026-03-10T14:05:00.000Z',
    plannedMinutes: 90,
    qualifying: false,
    flags: [],
    agenda: [],
    actions: [],
    accepted: null,
    recorded: null,
    confirmed: null,
    rating: null,
    youCan: { respond: false, record: false, confirm: false, rate: false },
    ...over,
  };
}

export function heldSessionView(over: Partial<SessionView> = {}): SessionView {
  return sessionView({
    status: 'held',
    start: '2026-03-10T14:05:00.000Z',
    minutes: 60,
    uninterrupted: false,
    qualifying: false,
    flags: ['short', 'interrupted'],
    agenda: ['Caseload review', 'Wellbeing'],
    actions: [{ text: 'Read the ASYE framework', owner: alex, dueDate: '2026-03-20' }],
    accepted: { by: alex, at: '2026-03-04T09:00:00.000Z' },
    recorded: { by: sam, at: '2026-03-10T16:00:00.000Z' },
    ...over,
  });
}

export function noteView(over: Partial<NoteView> = {}): NoteView {
  return {
    noteId: 'n-1',
    zone: ZONE,
    author: alex,
    whatHappened: 'A home visit where the family disagreed about the plan.',
    howIFelt: 'Anxious at first, then steadier.',
    whatILearned: 'Strengths-based practice helped; it draws on Saleebey.',
    whatNext: 'Plan the next visit with my supervisor.',
    cpdTag: 'Safeguarding',
    visibility: 'shared',
    sharedWith: sam,
    createdAt: '2026-03-03T14:05:00.000Z',
    ...over,
  };
}

export function noteListView(n = 3): NoteListView {
  return {
    zone: ZONE,
    notes: Array.from({ length: n }, (_, i) => ({
      noteId: `n-${i}`,
      author: alex,
      createdAt: '2026-03-03T14:05:00.000Z',
      cpdTag: 'Safeguarding',
      visibility: i % 2 === 0 ? ('private' as const) : ('shared' as const),
      sharedWith: i % 2 === 0 ? undefined : sam,
      preview: longText(400, `Note ${i} about a visit `),
    })),
  };
}

export function concernView(over: Partial<ConcernView> = {}): ConcernView {
  return {
    concernId: 'c-1',
    zone: ZONE,
    raisedBy: alex,
    category: 'workload',
    description: 'My caseload has grown to 32 families.',
    urgency: 'high',
    route: 'psw',
    status: 'acknowledged',
    handler: priya,
    history: [
      { status: 'raised', by: alex, at: '2026-03-02T09:00:00.000Z' },
      { status: 'acknowledged', by: priya, at: '2026-03-03T14:05:00.000Z' },
    ],
    raisedAt: '2026-03-02T09:00:00.000Z',
    assignees: [priya, jo],
    youCan: { acknowledge: false, assign: true, resolve: true },
    ...over,
  };
}

export function concernListView(n = 2): ConcernListView {
  const rows = Array.from({ length: n }, (_, i) => ({
    concernId: `c-${i}`,
    raisedBy: alex,
    category: 'safety' as const,
    urgency: 'high' as const,
    route: 'psw' as const,
    status: 'raised' as const,
    handler: priya,
    raisedAt: '2026-03-02T09:00:00.000Z',
  }));
  return { zone: ZONE, filter: { status: 'all' }, raised: rows, handling: rows };
}

export function settingsView(over: Partial<SettingsView> = {}): SettingsView {
  return {
    tenantId: 't-1',
    name: 'Northshire County Council',
    zone: ZONE,
    psws: [priya],
    admins: [jo],
    reminderLeadDays: 3,
    escalationGraceDays: 7,
    quietHours: { start: '20:00', end: '07:00' },
    pswDigestDay: 'first',
    region: 'england-and-wales',
    workingDays: [1, 2, 3, 4, 5],
    sendTime: '09:00',
    seniorLeaders: [],
    concernAckDays: 2,
    concernResolveTargetDays: 10,
    people: [sam, alex, jo, priya],
    ...over,
  };
}

export function reminderView(over: Partial<ReminderView> = {}): ReminderView {
  return {
    zone: ZONE,
    audience: 'supervisor',
    agreementId: 'a-1',
    supervisee: alex,
    supervisor: sam,
    nqsw: true,
    dueBy: '2026-03-08',
    periodStart: '2026-03-02',
    lastSessionOn: '2026-02-24',
    scheduledSession: null,
    reason: 'due',
    ...over,
  };
}

export function escalationView(over: Partial<EscalationView> = {}): EscalationView {
  return {
    zone: ZONE,
    agreementId: 'a-2',
    supervisee: jo,
    supervisor: alex,
    nqsw: false,
    periodStart: '2026-02-01',
    dueBy: '2026-02-28',
    missedCount: 2,
    overdueSince: '2026-02-01',
    lastSessionOn: '2026-01-20',
    atOnce: false,
    ...over,
  };
}

/** The PSW's weekly digest: twelve overdue (two past the card's list), a short session, concerns by age. */
export function digestView(): DigestFacts {
  const overdue = Array.from({ length: 12 }, (_, i) => ({
    agreementId: `a-${i}`,
    supervisee: { id: `p-${i}`, name: `Supervisee ${i + 1}` },
    supervisor: alex,
    team: 'Children in Need (North)',
    nqsw: i % 2 === 0,
    overdueSince: '2026-02-16',
    daysOverdue: 14 - i,
  }));
  const freq = (required: number, met: number) => ({ required, met, missed: required - met, excused: 0, percent: required === 0 ? null : Math.round((met / required) * 100) });
  return {
    zone: ZONE,
    organisationName: 'Northshire County Council',
    week: '2026-W10',
    tabUrl: 'https://bot.example/tab/',
    today: '2026-03-02',
    recentFrom: '2026-02-02',
    quarterFrom: '2025-12-01',
    frequency: [
      { team: 'Children in Need (North)', group: 'nqsw', recent: freq(8, 6), quarter: freq(20, 17) },
      { team: 'Children in Need (North)', group: 'experienced', recent: freq(0, 0), quarter: freq(3, 3) },
    ],
    overdue,
    shortSessions: [{ agreementId: 'a-1', supervisee: jo, supervisor: alex, date: '2026-02-10', minutes: 60, uninterrupted: true }],
    quality: [
      { team: 'Children in Need (North)', rated: 9, average: 3.8 },
      { team: 'All teams', rated: 9, average: 3.8 },
    ],
    concerns: { upToAWeek: 1, upToFourWeeks: 0, older: 2, oldestDays: 40 },
    unreachable: [{ person: jo, reason: 'removed-the-app' }],
  };
}
