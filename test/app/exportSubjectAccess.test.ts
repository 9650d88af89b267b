/**
 * The subject access export on the fakes: what a supervisee, a supervisor and a former supervisor
 * get, what another person's data never leaks into it, tenant isolation, and bad input.
 */
import { strict as assert } from 'node:assert';
import {
  exportSubjectAccess,
  SUBJECT_ACCESS_FORMAT,
  SUBJECT_ACCESS_NOTES,
  SUBJECT_ACCESS_SCHEMA_VERSION,
  type SubjectAccessDeps,
  type SubjectAccessExport,
} from '../../src/app/exportSubjectAccess';
import type { Agreement, Concern, ReflectiveNote, Session } from '../../src/domain/model';
import { FakeConversations } from '../fakes/ports';
import { failure, okValue } from '../fakes/results';
import { NOW, PEOPLE, T1, T2, seedAgreement, seedSession, world, type World } from '../fakes/world';

const NIA_PRIVATE = 'Visited the family alone and felt out of my depth with the father';
const NIA_SHARED = 'I want to talk about boundaries with the foster carer';
const NIA_CONCERN = 'My caseload is 31 children and I cannot keep them safe';
const NIA_RESOLUTION = 'Caseload reduced to 18 from Monday';
const OLA_SHARED = 'Ola wrote this about a bereavement at home';
const OLA_CONCERN = 'Ola says a colleague shouts at her in the office';
const HANDOVER = 'Nia is anxious about court work, go gently';
const LM_AGENDA = 'Ola line-management only: attendance';
const SAM_CONCERN = 'Sam: the team has no working laptops';


const note = (id: string, authorId: string, text: string, extra: Partial<ReflectiveNote> = {}): ReflectiveNote => ({
  id,
  tenantId: T1,
  authorId,
  whatHappened: text,
  howIFelt: `${text} (felt)`,
  whatILearned: `${text} (learned)`,
  whatNext: `${text} (next)`,
  visibility: 'private',
  createdAt: '2026-02-20T10:00:00.000Z',
  updatedAt: '2026-02-20T10:00:00.000Z',
  ...extra,
});

const concern = (id: string, raisedById: string, description: string, extra: Partial<Concern> = {}): Concern => ({
  id,
  tenantId: T1,
  raisedById,
  category: 'workload',
  description,
  urgency: 'high',
  route: 'psw',
  handlerId: 'psw',
  status: 'raised',
  history: [{ at: '2026-02-25T09:00:00.000Z', byId: raisedById, status: 'raised' }],
  createdAt: '2026-02-25T09:00:00.000Z',
  updatedAt: '2026-02-25T09:00:00.000Z',
  ...extra,
});

/**
 * Nia (NQSW) is supervised by Sam since a handover from Jo. Ola's line manager Lee is not a social
 * worker, so Sam is Ola's professional supervisor. Notes, concerns and sessions of each.
 */
function northshire(): { w: World; deps: SubjectAccessDeps; conversations: FakeConversations } {
  const w = world();
  seedAgreement(w, {
    id: 'agr-1',
    superviseeId: 'nqsw',
    supervisorId: 'sup1',
    pauses: [{ from: '2026-02-18', to: '2026-02-19' }],
    supervisorHistory: [
      { supervisorId: 'sup2', from: '2026-02-16', to: '2026-02-23' },
      { supervisorId: 'sup1', from: '2026-02-23', handoverNote: HANDOVER },
    ],
  });
  seedAgreement(w, {
    id: 'agr-2',
    superviseeId: 'sw2',
    supervisorId: 'lm',
    lineManagerIsRegisteredSocialWorker: false,
    professionalSupervisorId: 'sup1',
    nqsw: false,
    employmentStart: '2020-09-01',
    agreementStart: '2026-01-01',
    supervisorHistory: [{ supervisorId: 'lm', from: '2026-01-01' }],
  });
  seedSession(w, {
    id: 'ses-1',
    agreementId: 'agr-1',
    supervisorId: 'sup2',
    superviseeId: 'nqsw',
    status: 'held',
    scheduledStart: '2026-02-17T10:00:00.000Z',
    start: '2026-02-17T10:00:00.000Z',
    minutes: 95,
    uninterrupted: true,
    agenda: ['Court statement for family A'],
    actions: [{ text: 'Draft the chronology', ownerId: 'nqsw', dueDate: '2026-02-24' }],
    recordedById: 'sup2',
    rating: { score: 3, comment: 'Rushed at the end but useful', ratedAt: '2026-02-18T09:00:00.000Z' },
  });
  seedSession(w, { id: 'ses-2', agreementId: 'agr-1', supervisorId: 'sup1', superviseeId: 'nqsw', scheduledStart: '2026-03-03T10:00:00.000Z' });
  seedSession(w, {
    id: 'ses-3',
    agreementId: 'agr-2',
    supervisorId: 'sup1',
    superviseeId: 'sw2',
    status: 'held',
    scheduledStart: '2026-02-10T10:00:00.000Z',
    start: '2026-02-10T10:00:00.000Z',
    minutes: 90,
    uninterrupted: true,
    agenda: ['Reflective case discussion'],
    rating: { score: 5, comment: 'Sam listens well', ratedAt: '2026-02-11T09:00:00.000Z' },
  });
  seedSession(w, { id: 'ses-4', agreementId: 'agr-2', supervisorId: 'lm', superviseeId: 'sw2', scheduledStart: '2026-02-12T10:00:00.000Z', agenda: [LM_AGENDA] });

  w.deps.notes.seed(note('note-1', 'nqsw', NIA_PRIVATE, { cpdTag: 'PCF 6' }));
  w.deps.notes.seed(note('note-2', 'nqsw', NIA_SHARED, { visibility: 'shared', sharedWithId: 'sup1', createdAt: '2026-02-26T10:00:00.000Z' }));
  w.deps.notes.seed(note('note-3', 'sw2', OLA_SHARED, { visibility: 'shared', sharedWithId: 'sup1' }));

  w.deps.concerns.seed(
    concern('con-1', 'nqsw', NIA_CONCERN, {
      status: 'resolved',
      resolution: NIA_RESOLUTION,
      history: [
        { at: '2026-02-25T09:00:00.000Z', byId: 'nqsw', status: 'raised' },
        { at: '2026-02-25T11:00:00.000Z', byId: 'psw', status: 'acknowledged' },
        { at: '2026-02-27T16:00:00.000Z', byId: 'psw', status: 'resolved' },
      ],
      updatedAt: '2026-02-27T16:00:00.000Z',
    }),
  );
  w.deps.concerns.seed(
    concern('con-2', 'sw2', OLA_CONCERN, {
      category: 'bullying',
      route: 'supervisor',
      handlerId: 'sup1',
      status: 'acknowledged',
      history: [
        { at: '2026-02-26T09:00:00.000Z', byId: 'sw2', status: 'raised' },
        { at: '2026-02-26T10:00:00.000Z', byId: 'sup1', status: 'acknowledged' },
      ],
      createdAt: '2026-02-26T09:00:00.000Z',
      updatedAt: '2026-02-26T10:00:00.000Z',
    }),
  );
  w.deps.concerns.seed(concern('con-3', 'sup1', SAM_CONCERN, { category: 'resources', createdAt: '2026-02-28T09:00:00.000Z', updatedAt: '2026-02-28T09:00:00.000Z' }));

  const conversations = new FakeConversations();
  conversations.rows.push({
    tenantId: T1,
    aadObjectId: 'aad-nqsw',
    conversationId: 'a:conv-nia',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    botId: '28:bot',
    channelId: 'msteams',
    reference: { user: { id: '29:nia' } },
    installed: true,
    updatedAt: '2026-02-16T08:00:00.000Z',
  });
  const { people, agreements, sessions, notes, concerns, organisations } = w.deps;
  return { w, deps: { people, agreements, sessions, notes, concerns, organisations, conversations }, conversations };
}

async function exported(deps: SubjectAccessDeps, email: string, tenantId = T1): Promise<SubjectAccessExport> {
  return okValue(await exportSubjectAccess(deps, { tenantId, email }, NOW));
}

function assertAbsent(json: string, texts: readonly string[]): void {
  for (const t of texts) assert.ok(!json.includes(t), `"${t}" must not be in the export`);
}

describe('app/exportSubjectAccess', () => {
  it('gives a supervisee everything about them in full, found by email in any case', async () => {
    const { deps, w } = northshire();
    const { document: d, counts } = await exported(deps, '  NQSW@Northshire.EXAMPLE ');

    assert.equal(d.format, SUBJECT_ACCESS_FORMAT);
    assert.equal(d.schemaVersion, SUBJECT_ACCESS_SCHEMA_VERSION);
    assert.equal(d.generatedAt, NOW);
    assert.deepEqual(d.organisation, { tenantId: T1, name: 'Northshire Council' });
    assert.deepEqual(d.person, PEOPLE.nqsw);
    assert.deepEqual(d.teamsConversation, { installed: true, channelId: 'msteams', conversationId: 'a:conv-nia', updatedAt: '2026-02-16T08:00:00.000Z' });

    // Their own agreement in full, with the pauses and the handover note about them.
    assert.equal(d.agreements.length, 1);
    assert.deepEqual(d.agreements[0], { rolesInAgreement: ['supervisee'], ...w.deps.agreements.peek(T1, 'agr-1') });
    assert.deepEqual((d.agreements[0] as Agreement).pauses, [{ from: '2026-02-18', to: '2026-02-19' }]);

    // Both sessions of their agreement, in date order, with agenda, actions, rating and comment.
    assert.deepEqual(d.sessions.map((s) => s.id), ['ses-1', 'ses-2']);
    assert.deepEqual(d.sessions[0].agenda, ['Court statement for family A']);
    assert.deepEqual(d.sessions[0].actions, [{ text: 'Draft the chronology', ownerId: 'nqsw', dueDate: '2026-02-24' }]);
    assert.deepEqual(d.sessions[0].rating, { score: 3, comment: 'Rushed at the end but useful', ratedAt: '2026-02-18T09:00:00.000Z' });

    // Every note they wrote, private and shared, in full.
    assert.deepEqual(d.reflectiveNotes.map((n) => [n.id, n.visibility, n.whatHappened, n.howIFelt, n.whatILearned, n.whatNext]), [
      ['note-1', 'private', NIA_PRIVATE, `${NIA_PRIVATE} (felt)`, `${NIA_PRIVATE} (learned)`, `${NIA_PRIVATE} (next)`],
      ['note-2', 'shared', NIA_SHARED, `${NIA_SHARED} (felt)`, `${NIA_SHARED} (learned)`, `${NIA_SHARED} (next)`],
    ]);
    assert.equal(d.reflectiveNotes[0].cpdTag, 'PCF 6');

    // The concern they raised in full: text, resolution, history.
    assert.equal(d.concernsRaised.length, 1);
    assert.equal(d.concernsRaised[0].description, NIA_CONCERN);
    assert.equal(d.concernsRaised[0].resolution, NIA_RESOLUTION);
    assert.deepEqual(d.concernsRaised[0].history.map((e) => e.status), ['raised', 'acknowledged', 'resolved']);
    assert.deepEqual(d.concernsHandled, []);

    // Colleagues named by id get their names; no one else's.
    assert.deepEqual(d.people, [
      { id: 'psw', name: 'Priya Shah' },
      { id: 'sup1', name: 'Sam Patel' },
      { id: 'sup2', name: 'Jo Reed' },
    ]);
    assert.deepEqual(d.notes, SUBJECT_ACCESS_NOTES);
    assert.deepEqual(counts, { agreements: 1, sessions: 2, reflectiveNotes: 2, concernsRaised: 1, concernsHandled: 0 });

    const json = JSON.stringify(d);
    assert.ok(json.includes(HANDOVER), 'the handover note about the supervisee is theirs');
    assertAbsent(json, [OLA_SHARED, OLA_CONCERN, LM_AGENDA, SAM_CONCERN, 'Sam listens well']);
  });

  it('gives a supervisor the agreements they act in without the supervisee\'s data, the sessions they ran, and handled concerns as metadata only', async () => {
    const { deps } = northshire();
    const { document: d, counts } = await exported(deps, 'sup1@northshire.example');

    assert.deepEqual(d.agreements, [
      {
        rolesInAgreement: ['professional-supervisor'],
        id: 'agr-2',
        tenantId: T1,
        status: 'active',
        superviseeId: 'sw2',
        supervisorId: 'lm',
        professionalSupervisorId: 'sup1',
        agreementStart: '2026-01-01',
        agreedBySupervisorAt: '2026-02-16T09:00:00.000Z',
        agreedBySuperviseeAt: '2026-02-16T09:30:00.000Z',
        supervisorHistory: [{ supervisorId: 'lm', from: '2026-01-01' }],
        createdAt: '2026-02-16T09:00:00.000Z',
        updatedAt: '2026-02-16T09:30:00.000Z',
      },
      {
        rolesInAgreement: ['supervisor'],
        id: 'agr-1',
        tenantId: T1,
        status: 'active',
        superviseeId: 'nqsw',
        supervisorId: 'sup1',
        agreementStart: '2026-02-16',
        agreedBySupervisorAt: '2026-02-16T09:00:00.000Z',
        agreedBySuperviseeAt: '2026-02-16T09:30:00.000Z',
        supervisorHistory: [
          { supervisorId: 'sup2', from: '2026-02-16', to: '2026-02-23' },
          { supervisorId: 'sup1', from: '2026-02-23' },
        ],
        createdAt: '2026-02-16T09:00:00.000Z',
        updatedAt: '2026-02-16T09:30:00.000Z',
      },
    ]);

    // The sessions Sam ran (as supervisor and as professional supervisor), in full; not Jo's or Lee's.
    assert.deepEqual(d.sessions.map((s) => s.id), ['ses-3', 'ses-2']);
    assert.equal(d.sessions[0].rating?.comment, 'Sam listens well');

    assert.deepEqual(d.reflectiveNotes, [], 'notes shared with Sam are their authors\'');
    assert.deepEqual(d.concernsRaised.map((c) => [c.id, c.description]), [['con-3', SAM_CONCERN]]);
    assert.deepEqual(d.concernsHandled, [
      { id: 'con-2', category: 'bullying', status: 'acknowledged', raisedAt: '2026-02-26T09:00:00.000Z', updatedAt: '2026-02-26T10:00:00.000Z' },
    ]);
    assert.ok(d.notes.some((n) => n.startsWith('concernsHandled:') && n.includes('metadata only')));
    assert.equal(d.teamsConversation, null, 'Sam never installed the app');
    assert.deepEqual(counts, { agreements: 2, sessions: 2, reflectiveNotes: 0, concernsRaised: 1, concernsHandled: 1 });

    const json = JSON.stringify(d);
    assertAbsent(json, [
      OLA_CONCERN,
      OLA_SHARED,
      NIA_PRIVATE,
      NIA_SHARED,
      NIA_CONCERN,
      HANDOVER,
      LM_AGENDA,
      'Court statement for family A',
      'Rushed at the end but useful',
      '2026-02-18', // Nia's sickness pause
      'nextDueBy', // the supervisee's compliance summary
      'employmentStart',
    ]);
  });

  it('finds a former supervisor through the agreement\'s history, with only the sessions they ran', async () => {
    const { deps } = northshire();
    const { document: d } = await exported(deps, 'sup2@northshire.example');
    assert.deepEqual(d.agreements.map((a) => [a.id, a.rolesInAgreement]), [['agr-1', ['former-supervisor']]]);
    assert.deepEqual(d.sessions.map((s) => s.id), ['ses-1']);
    assert.equal(d.sessions[0].rating?.comment, 'Rushed at the end but useful');
    assertAbsent(JSON.stringify(d), [HANDOVER, NIA_PRIVATE, NIA_CONCERN]);
  });

  it('dates a handled concern\'s resolution, and never lists someone\'s own concern as handled', async () => {
    const { deps, w } = northshire();
    const psw = await exported(deps, 'psw@northshire.example');
    assert.deepEqual(psw.document.concernsHandled, [
      { id: 'con-1', category: 'workload', status: 'resolved', raisedAt: '2026-02-25T09:00:00.000Z', updatedAt: '2026-02-27T16:00:00.000Z', resolvedAt: '2026-02-27T16:00:00.000Z' },
      { id: 'con-3', category: 'resources', status: 'raised', raisedAt: '2026-02-28T09:00:00.000Z', updatedAt: '2026-02-28T09:00:00.000Z' },
    ]);
    assertAbsent(JSON.stringify(psw.document), [NIA_CONCERN, NIA_RESOLUTION, SAM_CONCERN]);

    w.deps.concerns.seed(concern('con-4', 'psw', 'The PSW raised this one', { handlerId: 'psw' }));
    const again = await exported(deps, 'psw@northshire.example');
    assert.deepEqual(again.document.concernsRaised.map((c) => c.id), ['con-4']);
    assert.ok(!again.document.concernsHandled.some((c) => c.id === 'con-4'));
  });

  it('never finds a person of another tenant, and exports a same-email person of that tenant from its own data only', async () => {
    const { deps, w } = northshire();
    failure(await exportSubjectAccess(deps, { tenantId: T1, email: PEOPLE.outsider.email }, NOW), 'NOT_FOUND', 'email');
    failure(await exportSubjectAccess(deps, { tenantId: T2, email: PEOPLE.nqsw.email }, NOW), 'NOT_FOUND', 'email');
    failure(await exportSubjectAccess(deps, { tenantId: 'tenant-unknown', email: PEOPLE.nqsw.email }, NOW), 'NOT_FOUND', 'email');

    w.deps.people.seed({ ...PEOPLE.nqsw, id: 'nqsw-t2', tenantId: T2, name: 'Nia in Elsewhere' });
    w.deps.notes.seed({ ...note('note-t2', 'nqsw-t2', 'Written in Elsewhere'), tenantId: T2 });
    const t2 = await exported(deps, PEOPLE.nqsw.email, T2);
    assert.equal(t2.document.person.id, 'nqsw-t2');
    assert.deepEqual(t2.document.organisation, { tenantId: T2, name: 'Elsewhere Trust' });
    assert.deepEqual(t2.document.reflectiveNotes.map((n) => n.whatHappened), ['Written in Elsewhere']);
    assert.deepEqual([t2.document.agreements, t2.document.sessions, t2.document.concernsRaised], [[], [], []]);
    assert.equal(t2.document.teamsConversation, null, 'the conversation of the same aadObjectId in tenant 1 is not theirs');
    assertAbsent(JSON.stringify(t2.document), [NIA_PRIVATE, NIA_SHARED, NIA_CONCERN]);
  });

  it('keeps another tenant\'s records out even when the store leaks them', async () => {
    const { deps, w } = northshire();
    for (const store of [w.deps.agreements, w.deps.sessions, w.deps.notes, w.deps.concerns]) store.leakAcrossTenants = true;
    // Records of tenant 2 that name tenant 1's ids: a store that ignored the tenant would return them.
    w.deps.agreements.seed({ ...(w.deps.agreements.peek(T1, 'agr-1') as Agreement), id: 'agr-t2', tenantId: T2 });
    w.deps.sessions.seed({ ...(w.deps.sessions.peek(T1, 'ses-2') as Session), id: 'ses-t2', tenantId: T2, agenda: ['Tenant 2 agenda'] });
    w.deps.notes.seed({ ...note('note-t2', 'nqsw', 'Tenant 2 note text'), tenantId: T2 });
    w.deps.concerns.seed({ ...concern('con-t2', 'nqsw', 'Tenant 2 concern text'), tenantId: T2 });
    w.deps.concerns.seed({ ...concern('con-t2b', 'sw2', 'Tenant 2 handled', { handlerId: 'nqsw' }), tenantId: T2 });

    const { document: d, counts } = await exported(deps, PEOPLE.nqsw.email);
    assert.deepEqual(counts, { agreements: 1, sessions: 2, reflectiveNotes: 2, concernsRaised: 1, concernsHandled: 0 });
    assertAbsent(JSON.stringify(d), ['agr-t2', 'ses-t2', 'Tenant 2 agenda', 'Tenant 2 note text', 'Tenant 2 concern text', 'con-t2b', T2]);
  });

  it('refuses bad input with the field named, and passes a store outage on as a value', async () => {
    const { deps, w, conversations } = northshire();
    failure(await exportSubjectAccess(deps, { tenantId: T1, email: '   ' }, NOW), 'INVALID_INPUT', 'email');
    failure(await exportSubjectAccess(deps, { tenantId: T1, email: 'not an email' }, NOW), 'INVALID_INPUT', 'email');
    failure(await exportSubjectAccess(deps, { tenantId: T1, email: `${'a'.repeat(320)}@x.example` }, NOW), 'INVALID_INPUT', 'email');
    failure(await exportSubjectAccess(deps, { tenantId: ' ', email: PEOPLE.nqsw.email }, NOW), 'INVALID_INPUT', 'tenantId');
    failure(await exportSubjectAccess(deps, { tenantId: T1, email: PEOPLE.nqsw.email }, 'yesterday'), 'INVALID_DATE', 'now');

    const offset = okValue(await exportSubjectAccess(deps, { tenantId: T1, email: PEOPLE.nqsw.email }, '2026-03-02T11:00:00.000+01:00'));
    assert.equal(offset.document.generatedAt, NOW, 'the generation time as given, in UTC');

    w.deps.notes.down = true;
    failure(await exportSubjectAccess(deps, { tenantId: T1, email: PEOPLE.nqsw.email }, NOW), 'STORE_UNAVAILABLE');
    w.deps.notes.down = false;
    conversations.down = true;
    failure(await exportSubjectAccess(deps, { tenantId: T1, email: PEOPLE.nqsw.email }, NOW), 'STORE_UNAVAILABLE');
  });
});
