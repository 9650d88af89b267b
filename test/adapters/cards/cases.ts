/**
 * Every card, presented from sample views: typical cases (with the texts a person should see) and
 * maximal ones (longest texts the server accepts, long lists, errors on every field).
 */
import {
  ACTION_ROWS,
  AGENDA_MAX,
  type CardSpec,
  COMMENT_MAX,
  CONCERN_MAX,
  type FieldError,
  type Inputs,
  NOTE_MAX_TOTAL,
  presentAgreementAgree,
  presentAgreementSetup,
  presentAgreementStatus,
  presentChangeSupervisor,
  presentConcernHandler,
  presentConcernList,
  presentConcernRaise,
  presentConcernStatus,
  presentError,
  presentDigest,
  presentEscalation,
  presentHelp,
  presentHome,
  presentNoteList,
  presentNoteRead,
  presentNoteWrite,
  presentReminder,
  presentRetry,
  presentSessionConfirmRate,
  presentSessionInvite,
  presentSessionOutcome,
  presentSessionRecord,
  presentSessionSchedule,
  presentSettings,
  REASON_MAX,
  RESOLUTION_MAX,
} from '../../../src/adapters/cards';
import {
  agreementFormView,
  agreementView,
  alex,
  concernListView,
  concernView,
  digestView,
  escalationView,
  heldSessionView,
  homeView,
  jo,
  longText,
  manyPeople,
  maximalHomeView,
  noteListView,
  noteView,
  NOW,
  priya,
  reminderView,
  sam,
  sessionView,
  settingsView,
  ZONE,
} from './samples';

const ctx = { now: NOW };
const CALENDAR_URL = 'https://supbot-app.azurewebsites.net/ics/WzEsInQiLCJzIiwicCIsMTc3NzY0NTgwMF0.f49umSIS7SdQ1joaIi2GrjXWyyaaOuwPbrVZXt5mU0k.ics';

export interface CardCase {
  readonly name: string;
  readonly card: CardSpec;
  /** Texts the rendered card must show. */
  readonly expect: readonly string[];
}

const activeAgreement = agreementView({
  status: 'active',
  agreedBySupervisee: { by: alex, at: '2026-03-04T09:30:00.000Z' },
  overdueSince: '2026-03-01',
  supervisorHistory: [
    { supervisor: jo, from: '2026-02-02', to: '2026-02-20', handoverNote: 'Alex is settling in well.' },
    { supervisor: sam, from: '2026-02-20' },
  ],
  upcomingSessions: [{ sessionId: 's-7', start: '2026-03-10T14:05:00.000Z' }],
  asye: { plannedEnd: '2027-02-02', currentEnd: '2027-05-02', extensions: [{ newEnd: '2027-05-02', reason: 'absence' }] },
  youCan: { agree: false, changeSupervisor: true, pause: true, resume: false, end: true, scheduleSession: true },
});

export function typicalCases(): CardCase[] {
  return [
    {
      name: 'home',
      card: presentHome(homeView(), ctx),
      expect: ['Hello, Alex', 'Tue 10 Mar', '24 Feb 14:05 with Sam Patel, 1 h 15 min', 'did not count', 'Jo Okafor (supervisor Alex Morgan): overdue since Sat 28 Feb', 'Record', 'Schedule a session', 'Raise a concern'],
    },
    { name: 'help (known)', card: presentHelp({ roles: ['supervisor'], youCan: homeView().youCan }), expect: ['What I can do for you', 'reflect', 'Write a reflective note', 'schedule'] },
    // Someone the bot does not know yet is offered only what they may use: help and home.
    { name: 'help (unknown text)', card: presentHelp({ unknownText: 'banana' }), expect: ['I did not understand “banana”', 'home', 'Your supervision at a glance'] },
    {
      name: 'error (refused)',
      card: presentError({ code: 'NOT_AUTHORIZED', message: 'Only the supervisor of this session can record it.' }),
      expect: ['You cannot do that', 'Only the supervisor of this session can record it.', 'Nothing was changed.'],
    },
    {
      name: 'error (unknown user)',
      card: presentError({ code: 'UNKNOWN_USER', message: 'You are not on the staff list of this organisation.' }),
      expect: ['We do not know you yet', 'Nothing was changed.', 'admin'],
    },
    {
      name: 'error (retry keeps text)',
      card: presentRetry('session.cancel', { sessionId: 's-1' }, { cancelReason: 'Sam was off sick.' }, {
        code: 'STORE_UNAVAILABLE',
        message: 'The database is unavailable.',
      }),
      expect: ['Sam was off sick.', 'Try again', 'Nothing was saved.'],
    },
    { name: 'agreement-setup', card: presentAgreementSetup(agreementFormView()), expect: ['Set up a supervision agreement', 'Europe/London', 'Jo Okafor', 'Priya Shah'] },
    {
      name: 'agreement-agree',
      card: presentAgreementAgree(agreementView(), ctx),
      expect: ['Agreed by Sam Patel, 3 Mar 14:05', 'Waiting for Alex Morgan to agree.', 'I agree', 'weekly for the first six weeks', '12 months to Tue 2 Feb 2027'],
    },
    {
      name: 'agreement-status',
      card: presentAgreementStatus(activeAgreement, ctx),
      expect: ['Active', 'Agreed by Alex Morgan, 4 Mar 09:30', 'Agreed by Sam Patel, 3 Mar 14:05', 'overdue since Sun 1 Mar', 'Alex is settling in well.', '10 Mar 14:05', 'Change supervisor', '12 months to Tue 2 Feb 2027; extended to Sun 2 May 2027 (absence)'],
    },
    { name: 'change-supervisor', card: presentChangeSupervisor(activeAgreement, [sam, jo, priya]), expect: ['Change of supervisor: Alex Morgan', 'Now supervised by Sam Patel', 'Priya Shah'] },
    {
      name: 'session-schedule',
      card: presentSessionSchedule({ zone: ZONE, agreements: [{ agreementId: 'a-2', supervisee: jo, status: 'active' }] }),
      expect: ['Schedule a supervision session', 'Jo Okafor', 'In person', 'On Teams'],
    },
    {
      name: 'session-invite',
      card: presentSessionInvite(sessionView({ youCan: { respond: true, record: false, confirm: false, rate: false } }), ctx),
      expect: ['Supervision with Sam Patel', '10 Mar 14:05', '1 h 30 min, in person.', 'Accept', 'Propose another time'],
    },
    {
      name: 'session-invite (with an "Add to calendar" link)',
      card: presentSessionInvite(sessionView({ calendar: { sessionId: 's-1', recipientId: alex.id, end: '2026-03-10T15:35:00.000Z' }, youCan: { respond: true, record: false, confirm: false, rate: false } }), {
        ...ctx,
        calendarLink: () => CALENDAR_URL,
      }),
      expect: ['Supervision with Sam Patel', 'Accept', 'Add to calendar', CALENDAR_URL],
    },
    {
      name: 'session-record (with an "Add to calendar" link)',
      card: presentSessionRecord(sessionView({ calendar: { sessionId: 's-1', recipientId: sam.id, end: '2026-03-10T15:35:00.000Z' }, youCan: { respond: false, record: true, confirm: false, rate: false } }), {
        ...ctx,
        calendarLink: () => CALENDAR_URL,
      }),
      expect: ['Record supervision with Alex Morgan', 'It was held', 'Add to calendar', CALENDAR_URL],
    },
    {
      name: 'session-outcome (cancelled, with a link that removes it from the calendar)',
      card: presentSessionOutcome(sessionView({ status: 'cancelled', cancelReason: 'Snow', calendar: { sessionId: 's-1', recipientId: alex.id, end: '2026-03-10T15:35:00.000Z' } }), {
        ...ctx,
        calendarLink: () => CALENDAR_URL,
      }),
      expect: ['Cancelled (was 10 Mar 14:05)', 'Remove from calendar', CALENDAR_URL],
    },
    {
      name: 'session-record',
      card: presentSessionRecord(
        sessionView({ proposedStart: '2026-07-01T09:30:00.000Z', youCan: { respond: false, record: true, confirm: false, rate: false } }),
        ctx,
      ),
      // 1 July is in summer time: 09:30Z is 10:30 in London.
      expect: ['Record supervision with Alex Morgan', 'It was held', 'Cancelled', 'Rescheduled', 'Alex Morgan proposed 1 Jul 10:30 instead'],
    },
    {
      name: 'session-confirm-rate',
      card: presentSessionConfirmRate(heldSessionView({ youCan: { respond: false, record: false, confirm: true, rate: false } }), ctx),
      expect: ['Held 10 Mar 14:05, 1 h, interrupted', 'shorter than 90 minutes and interrupted', 'Recorded by Sam Patel, 10 Mar 16:00', 'Confirm it took place as recorded', 'Caseload review', 'Read the ASYE framework (Alex Morgan, due Fri 20 Mar)'],
    },
    {
      name: 'session-confirm-rate (rating)',
      card: presentSessionConfirmRate(
        heldSessionView({ confirmed: { by: alex, at: '2026-03-11T08:00:00.000Z' }, youCan: { respond: false, record: false, confirm: false, rate: true } }),
        ctx,
      ),
      expect: ['Confirmed by Alex Morgan, 11 Mar 08:00', 'How good was this supervision?', 'Send rating'],
    },
    {
      name: 'session-outcome',
      card: presentSessionOutcome(
        heldSessionView({
          minutes: 95,
          uninterrupted: true,
          qualifying: true,
          flags: [],
          confirmed: { by: alex, at: '2026-03-11T08:00:00.000Z' },
          rating: { by: alex, at: '2026-03-11T08:01:00.000Z', score: 4, comment: 'Helpful.' },
        }),
        ctx,
      ),
      expect: ['Held 10 Mar 14:05, 1 h 35 min, uninterrupted', 'Confirmed by Alex Morgan, 11 Mar 08:00', 'Rated 4 out of 5 by Alex Morgan', 'Comment: Helpful.'],
    },
    { name: 'note-write', card: presentNoteWrite(), expect: ['Reflective note', 'What happened?', 'Shared with my supervisor', 'Save note'] },
    { name: 'note-list', card: presentNoteList(noteListView(3), ctx), expect: ['Your reflective notes', '3 notes, newest first.', 'Note 0 about a visit', 'Private', 'Shared with Sam Patel'] },
    { name: 'note-read', card: presentNoteRead(noteView(), ctx), expect: ['Written by Alex Morgan, 3 Mar 14:05', 'Shared with Sam Patel', 'CPD: Safeguarding', 'Strengths-based practice'] },
    { name: 'concern-raise', card: presentConcernRaise(), expect: ['Raise a concern', 'Bullying or harassment', 'my supervisor will never see it'] },
    {
      name: 'concern-psw',
      card: presentConcernHandler(concernView(), ctx),
      expect: ['Concern: Workload', 'My caseload has grown to 32 families.', 'Acknowledged by Priya Shah, 3 Mar 14:05', 'Assign', 'Resolve'],
    },
    {
      name: 'concern-status',
      card: presentConcernStatus(concernView({ youCan: { acknowledge: false, assign: false, resolve: false } }), ctx),
      expect: ['Acknowledged by Priya Shah, 3 Mar 14:05', 'the supervisor cannot see it', 'My caseload has grown to 32 families.'],
    },
    { name: 'concern-list', card: presentConcernList(concernListView(2), ctx), expect: ['For you to handle', 'Safety · High urgency', 'by Alex Morgan'] },
    { name: 'settings', card: presentSettings(settingsView()), expect: ['Organisation settings', 'Northshire County Council', 'Priya Shah', 'Quiet hours start'] },
    { name: 'reminder', card: presentReminder(reminderView(), ctx), expect: ['Supervision with Alex Morgan is due by Sun 8 Mar', 'Schedule a session'] },
    { name: 'escalation', card: presentEscalation(escalationView(), ctx), expect: ['Overdue supervision: Jo Okafor', 'Sun 1 Feb to Sat 28 Feb', 'Periods missed'] },
    {
      name: 'digest',
      card: presentDigest(digestView(), ctx),
      expect: [
        'Weekly supervision digest: Northshire County Council',
        'Last 4 weeks: 6 of 8 met (75%). Last quarter: 17 of 20 met (85%).',
        'Overdue supervision: 12',
        '14 days overdue (since Mon 16 Feb); supervisor Alex Morgan',
        'And 2 more',
        'Over 28 days ago',
        'Removed the Supervision app',
      ],
    },
  ];
}

function errorsOn(fields: readonly string[], message = 'This needs attention: a fairly long explanation of what is wrong with it.'): FieldError[] {
  return fields.map((field) => ({ field, code: 'INVALID_INPUT' as const, message }));
}

/** The largest cards the server can be asked to render. */
export function maximalCases(): CardCase[] {
  const people = manyPeople(1000);
  const noteInputs: Inputs = {
    whatHappened: longText(NOTE_MAX_TOTAL - 3000),
    howIFelt: longText(1000),
    whatILearned: longText(1000),
    whatNext: longText(1001),
    cpdTag: longText(100),
    visibility: 'shared',
  };
  const recordInputs: Record<string, string> = { agenda: longText(AGENDA_MAX, 'agenda item\n'), cancelReason: longText(REASON_MAX), minutes: '600' };
  for (let n = 1; n <= ACTION_ROWS; n++) {
    recordInputs[`action${n}Text`] = longText(500);
    recordInputs[`action${n}Due`] = '2026-02-30';
  }
  const recordFields = Object.keys(recordInputs).concat(['heldDate', 'heldTime', 'uninterrupted', 'newDate', 'newTime']);
  const heldMax = heldSessionView({
    agenda: Array.from({ length: 20 }, (_, i) => `${i}: ${longText(100)}`),
    actions: Array.from({ length: 3 }, () => ({ text: longText(500), owner: alex, dueDate: '2026-03-20' })),
    confirmed: { by: alex, at: NOW },
    rating: { by: alex, at: NOW, score: 2, comment: longText(COMMENT_MAX) },
    youCan: { respond: false, record: false, confirm: false, rate: true },
  });
  const longConcern = concernView({
    description: longText(CONCERN_MAX),
    resolution: longText(RESOLUTION_MAX),
    status: 'resolved',
    history: Array.from({ length: 12 }, (_, i) => ({ status: 'assigned' as const, by: priya, at: NOW, assignedTo: people[i] })),
    assignees: people,
  });
  return [
    { name: 'home (200 supervisees, 40 pending)', card: presentHome(maximalHomeView(), ctx), expect: ['And 190 more'] },
    {
      name: 'note-write (over 10,000 characters typed, errors shown)',
      card: presentNoteWrite({ verb: 'note.write', values: noteInputs, errors: [{ field: 'note', code: 'TEXT_TOO_LONG', message: 'Your note is 10,001 characters.' }, ...errorsOn(['whatHappened', 'howIFelt', 'whatILearned', 'whatNext', 'cpdTag'])] }),
      expect: ['Your note is 10,001 characters.'],
    },
    { name: 'note-read (10,000 characters)', card: presentNoteRead(noteView({ whatHappened: longText(4000), howIFelt: longText(2000), whatILearned: longText(2000), whatNext: longText(2000) }), ctx), expect: ['What I will do next'] },
    { name: 'note-list (200 notes)', card: presentNoteList(noteListView(200), ctx), expect: ['The latest 20 of 200'] },
    {
      name: 'error (retry of a 10,000-character note)',
      card: presentRetry('note.write', {}, noteInputs, { code: 'STORE_UNAVAILABLE', message: 'The database is unavailable.' }),
      expect: ['Try again'],
    },
    {
      name: 'concern-raise (4,000 characters, errors)',
      card: presentConcernRaise({ verb: 'concern.raise', values: { category: 'bullying', description: longText(CONCERN_MAX + 1), urgency: 'high', route: 'psw' }, errors: errorsOn(['description', 'category', 'urgency', 'route']) }),
      expect: ['Not saved yet'],
    },
    {
      name: 'concern-psw (4,000 + 4,000 typed, 1,000 assignees)',
      card: presentConcernHandler(concernView({ description: longText(CONCERN_MAX), assignees: people }), ctx, {
        verb: 'concern.resolve',
        values: { resolution: longText(RESOLUTION_MAX) },
        errors: errorsOn(['resolution']),
      }),
      expect: ['Your entries are kept under “Resolve”'],
    },
    { name: 'concern-status (resolved, long)', card: presentConcernStatus(longConcern, ctx), expect: ['Resolution:'] },
    { name: 'concern-list (100 + 100)', card: presentConcernList(concernListView(100), ctx), expect: ['176 older concerns'] },
    {
      name: 'agreement-setup (1,000 people per list)',
      card: presentAgreementSetup(agreementFormView({ supervisees: people, supervisors: people, professionalSupervisors: people }), {
        verb: 'agreement.propose',
        values: { superviseeId: people[999].id, employmentStart: '2026-02-30' },
        errors: errorsOn(['superviseeId', 'supervisorId', 'employmentStart', 'agreementStart', 'professionalSupervisorId']),
      }),
      expect: ['first 60 of 1000'],
    },
    {
      name: 'agreement-status (long history, many sessions)',
      card: presentAgreementStatus(
        agreementView({
          status: 'active',
          pauses: Array.from({ length: 20 }, () => ({ from: '2026-01-01', to: '2026-01-14' })),
          supervisorHistory: Array.from({ length: 15 }, (_, i) => ({ supervisor: people[i], from: '2026-01-01', to: '2026-02-01', handoverNote: longText(2000) })),
          upcomingSessions: Array.from({ length: 50 }, (_, i) => ({ sessionId: `s-${i}`, start: NOW })),
          youCan: { agree: false, changeSupervisor: true, pause: true, resume: true, end: true, scheduleSession: true },
        }),
        ctx,
        { verb: 'agreement.pause', values: { pauseFrom: '2026-02-30', pauseTo: 'x' }, errors: errorsOn(['pauseFrom', 'pauseTo']) },
      ),
      expect: ['Your entries are kept under “Pause”'],
    },
    {
      name: 'change-supervisor (1,000 people, 2,000-character note)',
      card: presentChangeSupervisor(agreementView(), people, { verb: 'agreement.changeSupervisor', values: { handoverNote: longText(2000) }, errors: errorsOn(['newSupervisorId', 'handoverNote']) }),
      expect: ['first 60 of'],
    },
    {
      name: 'session-record (everything typed, errors everywhere)',
      card: presentSessionRecord(sessionView({ youCan: { respond: false, record: true, confirm: false, rate: false } }), ctx, {
        verb: 'session.recordHeld',
        values: recordInputs,
        errors: errorsOn(recordFields),
      }),
      expect: ['Your entries are kept under “It was held”'],
    },
    { name: 'session-confirm-rate (long agenda, actions, comment)', card: presentSessionConfirmRate(heldMax, ctx, { verb: 'session.rate', values: { score: '9', comment: longText(COMMENT_MAX) }, errors: errorsOn(['score', 'comment']) }), expect: ['Change your rating', 'Saved: you rated it 2 out of 5'] },
    { name: 'session-outcome (long)', card: presentSessionOutcome(heldMax, ctx), expect: ['Rated 2 out of 5'] },
    {
      name: 'session-schedule (1,000 supervisees)',
      card: presentSessionSchedule({ zone: ZONE, agreements: people.map((p, i) => ({ agreementId: `a-${i}`, supervisee: p, status: 'active' as const })) }),
      expect: ['Schedule'],
    },
    { name: 'settings (1,000 people)', card: presentSettings(settingsView({ people, psws: people.slice(0, 10), admins: people.slice(10, 20) }), { verb: 'settings.update', values: { name: longText(200) }, errors: errorsOn(['name', 'zone', 'pswIds']) }), expect: ['first 60 of 1000'] },
  ];
}
