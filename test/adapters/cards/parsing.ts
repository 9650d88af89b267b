/** Helpers for the parser tests: a submission accepted or refused, and one good submission per verb. */
import { strict as assert } from 'assert';
import { parseSubmission, type CommandOf, type ParseResult, type Verb } from '../../../src/adapters/cards';

export type Data = Record<string, unknown>;

export function ok<V extends Verb>(verb: V, data: Data, zone?: string): CommandOf[V] {
  const r = parseSubmission(verb, data, zone === undefined ? {} : { zone });
  if (!r.ok) assert.fail(`${verb}: expected ok, got ${JSON.stringify(r.fieldErrors)}`);
  return r.value.command;
}

export function refused<V extends Verb>(verb: V, data: unknown, zone?: string): Extract<ParseResult<CommandOf[V]>, { ok: false }> {
  const r = parseSubmission(verb, data, zone === undefined ? {} : { zone });
  if (r.ok) assert.fail(`${verb}: expected refusal, got ${JSON.stringify(r.value.command)}`);
  return r;
}

export function errorOn(r: { fieldErrors: readonly { field: string; code: string; message: string }[] }, field: string, code: string): string {
  const e = r.fieldErrors.find((x) => x.field === field);
  assert.ok(e, `no error on ${field}: ${JSON.stringify(r.fieldErrors)}`);
  assert.equal(e.code, code, `${field}: ${e.message}`);
  return e.message;
}

export const x = (n: number, c = 'x'): string => c.repeat(n);

/** One good submission per verb: every verb has a parser that accepts what its card sends. */
export const GOOD: { readonly [V in Verb]: Data } = {
  'home.show': {},
  'help.show': {},
  'agreement.propose.form': {},
  'agreement.propose': {
    superviseeId: 'p-alex',
    supervisorId: 'p-sam',
    employmentStart: '2026-02-02',
    agreementStart: '',
    nqsw: 'true',
    lineManagerIsRegisteredSocialWorker: 'true',
    professionalSupervisorId: '',
  },
  'agreement.show': { agreementId: 'a-1' },
  'agreement.agree': { agreementId: 'a-1' },
  'agreement.changeSupervisor.form': { agreementId: 'a-1' },
  'agreement.changeSupervisor': { agreementId: 'a-1', newSupervisorId: 'p-jo', changeFrom: '', handoverNote: '  Settling in.  ' },
  'agreement.pause': { agreementId: 'a-1', pauseFrom: '2026-04-01', pauseTo: '2026-04-14' },
  'agreement.resume': { agreementId: 'a-1' },
  'agreement.end': { agreementId: 'a-1', endedOn: '' },
  'session.schedule.form': {},
  'session.schedule': { agreementId: 'a-1', scheduleDate: '2026-03-10', scheduleTime: '14:05', plannedMinutes: '90', mode: 'teams' },
  'session.request.form': {},
  'session.request': { agreementId: 'a-1', requestDate: '2026-03-10', requestTime: '10:00', requestMode: 'teams' },
  'session.show': { sessionId: 's-1' },
  'session.accept': { sessionId: 's-1' },
  'session.acceptProposal': { sessionId: 's-1' },
  'session.proposeTime': { sessionId: 's-1', proposedDate: '2026-03-11', proposedTime: '09:30' },
  'session.recordHeld': {
    sessionId: 's-1',
    heldDate: '2026-03-10',
    heldTime: '14:05',
    minutes: '95',
    uninterrupted: 'yes',
    agenda: '- Caseload\n\n2. Wellbeing \n',
    action1Text: 'Read the ASYE framework',
    action1Owner: 'p-alex',
    action1Due: '2026-03-20',
  },
  'session.cancel': { sessionId: 's-1', cancelReason: 'Sam was off sick.' },
  'session.reschedule': { sessionId: 's-1', newDate: '2026-03-12', newTime: '10:00', newMinutes: '', newMode: '' },
  'session.confirm': { sessionId: 's-1' },
  'session.rate': { sessionId: 's-1', score: '4', comment: '' },
  'note.write.form': {},
  'note.write': { whatHappened: 'A visit.', howIFelt: '', whatILearned: 'Listen first.', whatNext: '', cpdTag: '', visibility: 'private' },
  'note.list': {},
  'note.listShared': {},
  'note.read': { noteId: 'n-1' },
  'concern.raise.form': {},
  'concern.raise': { category: 'bullying', description: 'It keeps happening.', urgency: 'high', route: 'psw' },
  'concern.list': {},
  'concern.filter': { concernStatus: 'resolved', concernAge: '90' },
  'concern.show': { concernId: 'c-1' },
  'concern.acknowledge': { concernId: 'c-1' },
  'escalation.nudge': { agreementId: 'a-1', periodStart: '2026-03-09' },
  'escalation.acknowledge': { agreementId: 'a-1', periodStart: '2026-03-09' },
  'concern.assign': { concernId: 'c-1', assigneeId: 'p-priya' },
  'concern.resolve': { concernId: 'c-1', resolution: 'Caseload reduced to 20.' },
  'settings.show': {},
  'settings.update': {
    name: 'Northshire',
    zone: 'Europe/London',
    pswIds: 'p-priya,p-jo',
    adminIds: 'p-jo',
    reminderLeadDays: '3',
    escalationGraceDays: '7',
    quietStart: '20:00',
    quietEnd: '07:00',
    region: 'scotland',
    workingDays: '1,2,3,4,5,6',
    sendTime: '08:30',
    seniorLeaderIds: 'p-priya',
    concernAckDays: '3',
    concernResolveTargetDays: '15',
  },
};
