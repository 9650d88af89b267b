import { strict as assert } from 'node:assert';
import { emptySummary } from '../../src/domain/agreement';
import {
  mayAgree,
  mayAssignConcernTo,
  mayConfirmSession,
  mayEditSettings,
  mayHandleConcern,
  mayManageAgreement,
  mayProposeAgreement,
  mayRateSession,
  mayReadNote,
  mayRecordSession,
  mayRespondToSchedule,
  mayScheduleSession,
  maySeeCompliance,
  mayViewAgreement,
  mayViewConcern,
  mayViewSession,
  type Viewer,
} from '../../src/domain/authorization';
import type { Agreement, Concern, OrganisationSettings, Person, ReflectiveNote, Session } from '../../src/domain/model';
import type { Result } from '../../src/domain/result';

const T = 't1';
const settings: OrganisationSettings = {
  tenantId: T,
  name: 'Org',
  zone: 'Europe/London',
  pswIds: ['priya'],
  adminIds: ['alex'],
  reminderLeadDays: 2,
  escalationGraceDays: 3,
  quietHours: { start: '19:00', end: '08:00' },
};
const person = (id: string, roles: Person['roles'], tenantId = T): Person => ({ id, tenantId, email: `${id}@x`, name: id, roles });
const as = (p: Person, s: OrganisationSettings = settings): Viewer => ({ person: p, settings: { ...s, tenantId: p.tenantId } });

const nia = as(person('nia', ['supervisee']));
const sam = as(person('sam', ['supervisor']));
const jo = as(person('jo', ['supervisor']));
const rita = as(person('rita', ['supervisor']));
const priya = as(person('priya', ['supervisor'])); // PSW through the settings
const alex = as(person('alex', [])); // admin through the settings
const zed = as(person('zed', ['supervisor', 'admin', 'psw'], 't2'));

const NOW = '2026-03-02T10:00:00.000Z';
const agreement: Agreement = {
  id: 'a1',
  tenantId: T,
  superviseeId: 'nia',
  supervisorId: 'sam',
  professionalSupervisorId: 'rita',
  lineManagerIsRegisteredSocialWorker: false,
  employmentStart: '2026-02-16',
  agreementStart: '2026-02-16',
  nqsw: true,
  pauses: [],
  status: 'active',
  supervisorHistory: [{ supervisorId: 'sam', from: '2026-02-16' }],
  summary: emptySummary('2026-02-16'),
  createdAt: NOW,
  updatedAt: NOW,
};
const session: Session = {
  id: 's1',
  tenantId: T,
  agreementId: 'a1',
  supervisorId: 'sam',
  superviseeId: 'nia',
  status: 'held',
  mode: 'teams',
  scheduledStart: NOW,
  plannedMinutes: 90,
  agenda: [],
  actions: [],
  createdAt: NOW,
  updatedAt: NOW,
};
const note = (visibility: 'private' | 'shared'): ReflectiveNote => ({
  id: 'n1',
  tenantId: T,
  authorId: 'nia',
  whatHappened: 'x',
  howIFelt: '',
  whatILearned: '',
  whatNext: '',
  visibility,
  ...(visibility === 'shared' ? { sharedWithId: 'sam' } : {}),
  createdAt: NOW,
  updatedAt: NOW,
});
const concern = (route: 'psw' | 'supervisor'): Concern => ({
  id: 'c1',
  tenantId: T,
  raisedById: 'nia',
  category: 'bullying',
  description: 'x',
  urgency: 'high',
  route,
  handlerId: route === 'psw' ? 'priya' : 'sam',
  status: 'raised',
  history: [{ at: NOW, byId: 'nia', status: 'raised' }],
  createdAt: NOW,
  updatedAt: NOW,
});
const niasSupervisors = ['sam', 'rita'];

const code = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code);

describe('domain/authorization', () => {
  it('settings: admins only (by role or by the settings); compliance: PSW and admins', () => {
    assert.equal(code(mayEditSettings(alex)), 'ok');
    assert.equal(code(mayEditSettings(as(person('ann', ['admin'])))), 'ok');
    assert.equal(code(mayEditSettings(priya)), 'NOT_AUTHORIZED');
    assert.equal(code(mayEditSettings(sam)), 'NOT_AUTHORIZED');
    assert.equal(code(maySeeCompliance(priya)), 'ok');
    assert.equal(code(maySeeCompliance(nia)), 'NOT_AUTHORIZED');
  });

  it('agreements: a supervisor proposes their own, an admin any; the parties agree; the supervisor or an admin manages', () => {
    assert.equal(code(mayProposeAgreement(sam, 'sam')), 'ok');
    assert.equal(code(mayProposeAgreement(sam, 'jo')), 'NOT_AUTHORIZED');
    assert.equal(code(mayProposeAgreement(alex, 'jo')), 'ok');
    assert.equal(code(mayProposeAgreement(nia, 'nia')), 'NOT_AUTHORIZED');
    assert.deepEqual(mayAgree(nia, agreement), { ok: true, value: 'supervisee' });
    assert.deepEqual(mayAgree(sam, agreement), { ok: true, value: 'supervisor' });
    assert.equal(code(mayAgree(jo, agreement)), 'NOT_AUTHORIZED');
    assert.equal(code(mayAgree(alex, agreement)), 'NOT_AUTHORIZED');
    assert.equal(code(mayManageAgreement(sam, agreement)), 'ok');
    assert.equal(code(mayManageAgreement(alex, agreement)), 'ok');
    assert.equal(code(mayManageAgreement(nia, agreement)), 'NOT_AUTHORIZED');
    assert.equal(code(mayViewAgreement(rita, agreement)), 'ok');
    assert.equal(code(mayViewAgreement(priya, agreement)), 'ok');
    assert.equal(code(mayViewAgreement(jo, agreement)), 'NOT_AUTHORIZED');
  });

  it('nothing crosses tenants, whatever roles the outsider has', () => {
    assert.equal(code(mayViewAgreement(zed, agreement)), 'WRONG_TENANT');
    assert.equal(code(mayManageAgreement(zed, agreement)), 'WRONG_TENANT');
    assert.equal(code(mayAgree(zed, agreement)), 'WRONG_TENANT');
    assert.equal(code(mayRecordSession(zed, session, agreement)), 'WRONG_TENANT');
    assert.equal(code(mayReadNote(zed, note('private'))), 'WRONG_TENANT');
    assert.equal(code(mayViewConcern(zed, concern('psw'), niasSupervisors)), 'WRONG_TENANT');
    // the same ids in another tenant are other people
    const samElsewhere = as(person('sam', ['supervisor'], 't2'));
    assert.equal(code(mayRecordSession(samElsewhere, session, agreement)), 'WRONG_TENANT');
  });

  it('sessions: only the supervisor schedules and records; only the supervisee responds, confirms and rates', () => {
    assert.deepEqual(mayScheduleSession(sam, agreement), { ok: true, value: 'sam' });
    assert.deepEqual(mayScheduleSession(rita, agreement), { ok: true, value: 'rita' });
    assert.equal(code(mayScheduleSession(nia, agreement)), 'NOT_AUTHORIZED');
    assert.equal(code(mayRecordSession(sam, session, agreement)), 'ok');
    assert.equal(code(mayRecordSession(nia, session, agreement)), 'NOT_AUTHORIZED');
    assert.equal(code(mayRecordSession(alex, session, agreement)), 'NOT_AUTHORIZED');
    // after a handover the new supervisor records the agreement's sessions
    assert.equal(code(mayRecordSession(jo, session, { ...agreement, supervisorId: 'jo' })), 'ok');
    // a session of another agreement is not recorded through this one
    assert.equal(code(mayRecordSession(jo, { ...session, agreementId: 'other' }, { ...agreement, supervisorId: 'jo' })), 'NOT_AUTHORIZED');
    for (const may of [mayRespondToSchedule, mayConfirmSession, mayRateSession]) {
      assert.equal(code(may(nia, session)), 'ok');
      assert.equal(code(may(sam, session)), 'NOT_AUTHORIZED');
    }
    assert.equal(code(mayViewSession(priya, session, agreement)), 'ok');
    assert.equal(code(mayViewSession(jo, session, agreement)), 'NOT_AUTHORIZED');
  });

  it('notes: only the author reads a private note; a shared one also its supervisor; never the PSW', () => {
    assert.equal(code(mayReadNote(nia, note('private'))), 'ok');
    assert.equal(code(mayReadNote(sam, note('private'))), 'NOT_AUTHORIZED');
    assert.equal(code(mayReadNote(priya, note('private'))), 'NOT_AUTHORIZED');
    assert.equal(code(mayReadNote(alex, note('private'))), 'NOT_AUTHORIZED');
    assert.equal(code(mayReadNote(sam, note('shared'))), 'ok');
    assert.equal(code(mayReadNote(jo, note('shared'))), 'NOT_AUTHORIZED');
    assert.equal(code(mayReadNote(priya, note('shared'))), 'NOT_AUTHORIZED');
  });

  it('concerns routed to the PSW: PSWs see and handle them; the raiser sees; the supervisor never, even when also a PSW', () => {
    const c = concern('psw');
    assert.equal(code(mayViewConcern(nia, c, niasSupervisors)), 'ok');
    assert.equal(code(mayViewConcern(priya, c, niasSupervisors)), 'ok');
    assert.equal(code(mayHandleConcern(priya, c, niasSupervisors)), 'ok');
    assert.equal(code(mayViewConcern(sam, c, niasSupervisors)), 'NOT_AUTHORIZED');
    assert.equal(code(mayViewConcern(rita, c, niasSupervisors)), 'NOT_AUTHORIZED');
    const samAlsoPsw = as(person('sam', ['supervisor', 'psw']));
    assert.equal(code(mayViewConcern(samAlsoPsw, c, niasSupervisors)), 'NOT_AUTHORIZED');
    assert.equal(code(mayHandleConcern(nia, c, niasSupervisors)), 'NOT_AUTHORIZED');
    assert.equal(code(mayViewConcern(jo, c, niasSupervisors)), 'NOT_AUTHORIZED');
  });

  it('concerns routed to the supervisor: the supervisor handles; another PSW does not see it unless involved', () => {
    const c = concern('supervisor');
    assert.equal(code(mayHandleConcern(sam, c, niasSupervisors)), 'ok');
    assert.equal(code(mayViewConcern(priya, c, niasSupervisors)), 'NOT_AUTHORIZED');
    const assignedToPriya: Concern = { ...c, handlerId: 'priya', status: 'assigned', history: [...c.history, { at: NOW, byId: 'sam', status: 'assigned', assignedToId: 'priya' }] };
    assert.equal(code(mayHandleConcern(priya, assignedToPriya, niasSupervisors)), 'ok');
    assert.equal(code(mayViewConcern(sam, assignedToPriya, niasSupervisors)), 'ok'); // involved
    assert.equal(code(mayHandleConcern(sam, assignedToPriya, niasSupervisors)), 'NOT_AUTHORIZED'); // handed on
  });

  it("assigning: never to the raiser, never to the raiser's supervisor when sent to the PSW, never across tenants", () => {
    const c = concern('psw');
    assert.equal(code(mayAssignConcernTo(priya, c, person('jo', ['supervisor']), niasSupervisors)), 'ok');
    const toSupervisor = mayAssignConcernTo(priya, c, person('sam', ['supervisor']), niasSupervisors);
    assert.equal(code(toSupervisor), 'INVALID_INPUT');
    assert.equal(!toSupervisor.ok && toSupervisor.error.field, 'assigneeId');
    assert.equal(code(mayAssignConcernTo(priya, c, person('nia', ['supervisee']), niasSupervisors)), 'INVALID_INPUT');
    assert.equal(code(mayAssignConcernTo(priya, c, person('zed', ['psw'], 't2'), niasSupervisors)), 'WRONG_TENANT');
    // someone who may not handle it learns nothing about the assignee
    assert.equal(code(mayAssignConcernTo(sam, c, person('nia', ['supervisee']), niasSupervisors)), 'NOT_AUTHORIZED');
  });
});
