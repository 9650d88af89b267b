import { strict as assert } from 'assert';
import {
  type CommandOf,
  type ParseResult,
  parseSubmission,
  rawInputs,
  type Verb,
  VERBS,
} from '../../../src/adapters/cards';

type Data = Record<string, unknown>;

function ok<V extends Verb>(verb: V, data: Data, zone?: string): CommandOf[V] {
  const r = parseSubmission(verb, data, zone === undefined ? {} : { zone });
  if (!r.ok) assert.fail(`${verb}: expected ok, got ${JSON.stringify(r.fieldErrors)}`);
  return r.value.command;
}

function refused<V extends Verb>(verb: V, data: unknown, zone?: string): Extract<ParseResult<CommandOf[V]>, { ok: false }> {
  const r = parseSubmission(verb, data, zone === undefined ? {} : { zone });
  if (r.ok) assert.fail(`${verb}: expected refusal, got ${JSON.stringify(r.value.command)}`);
  return r;
}

function errorOn(r: { fieldErrors: readonly { field: string; code: string; message: string }[] }, field: string, code: string): string {
  const e = r.fieldErrors.find((x) => x.field === field);
  assert.ok(e, `no error on ${field}: ${JSON.stringify(r.fieldErrors)}`);
  assert.equal(e.code, code, `${field}: ${e.message}`);
  return e.message;
}

const x = (n: number, c = 'x'): string => c.repeat(n);

/** One good submission per verb: every verb has a parser that accepts what its card sends. */
const GOOD: { readonly [V in Verb]: Data } = {
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
  'session.show': { sessionId: 's-1' },
  'session.accept': { sessionId: 's-1' },
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
  'concern.show': { concernId: 'c-1' },
  'concern.acknowledge': { concernId: 'c-1' },
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
  },
};

describe('cards: parse', () => {
  describe('every verb', () => {
    for (const verb of VERBS) {
      it(`${verb}: accepts what its card sends, ignoring extra fields and anything naming an actor`, () => {
        const extra = { actorId: 'p-evil', aadObjectId: 'aad-evil', tenantId: 't-evil', from: { id: 'aad-evil' }, role: 'admin' };
        const command = ok(verb, { ...GOOD[verb], ...extra });
        assert.deepEqual(command, ok(verb, GOOD[verb]), `${verb}: extra fields changed the command`);
        assert.ok(!JSON.stringify(command).includes('evil'), `${verb} kept a forged actor`);
      });
    }

    it('a submission that is not an object is an empty one', () => {
      for (const data of [null, 'text', 42, ['a']]) {
        const r = refused('note.read', data);
        errorOn(r, 'noteId', 'INVALID_INPUT');
      }
      assert.deepEqual(ok('home.show', null as never), {});
    });

    it('ids to act on must be present and well-formed', () => {
      errorOn(refused('session.confirm', {}), 'sessionId', 'INVALID_INPUT');
      errorOn(refused('session.confirm', { sessionId: 'a b' }), 'sessionId', 'INVALID_INPUT');
      errorOn(refused('session.confirm', { sessionId: 7 }), 'sessionId', 'INVALID_INPUT');
      errorOn(refused('session.confirm', { sessionId: x(129) }), 'sessionId', 'INVALID_INPUT');
      assert.deepEqual(ok('session.confirm', { sessionId: '  s-1 ' }), { sessionId: 's-1' });
    });
  });

  describe('agreements', () => {
    it('proposes with defaults and booleans from toggles', () => {
      assert.deepEqual(ok('agreement.propose', GOOD['agreement.propose']), {
        superviseeId: 'p-alex',
        supervisorId: 'p-sam',
        employmentStart: '2026-02-02',
        nqsw: true,
        lineManagerIsRegisteredSocialWorker: true,
      });
    });

    it('refuses an impossible date, a start before employment and a missing professional supervisor, all at once', () => {
      const r = refused('agreement.propose', {
        superviseeId: 'p-alex',
        employmentStart: '2026-02-30',
        lineManagerIsRegisteredSocialWorker: 'false',
      });
      assert.match(errorOn(r, 'employmentStart', 'INVALID_DATE'), /Employment start must be a real date/);
      const r2 = refused('agreement.propose', {
        superviseeId: 'p-alex',
        employmentStart: '2026-03-02',
        agreementStart: '2026-03-01',
        lineManagerIsRegisteredSocialWorker: 'false',
      });
      errorOn(r2, 'agreementStart', 'INVALID_DATE');
      assert.match(errorOn(r2, 'professionalSupervisorId', 'INVALID_INPUT'), /registered social worker/);
      assert.equal(r2.error.code, 'INVALID_DATE');
    });

    it('refuses a malformed toggle and a missing supervisee', () => {
      const r = refused('agreement.propose', { employmentStart: '2026-02-02', nqsw: 'maybe', lineManagerIsRegisteredSocialWorker: 'true' });
      errorOn(r, 'superviseeId', 'INVALID_INPUT');
      assert.match(errorOn(r, 'nqsw', 'INVALID_INPUT'), /yes or no/);
    });

    it('changes supervisor with a trimmed note, and limits the note to 2,000 characters', () => {
      assert.deepEqual(ok('agreement.changeSupervisor', GOOD['agreement.changeSupervisor']), {
        agreementId: 'a-1',
        newSupervisorId: 'p-jo',
        handoverNote: 'Settling in.',
      });
      const r = refused('agreement.changeSupervisor', { agreementId: 'a-1', newSupervisorId: 'p-jo', handoverNote: x(2001) });
      assert.match(errorOn(r, 'handoverNote', 'TEXT_TOO_LONG'), /2,001 characters; the limit is 2,000/);
    });

    it('pauses over a real range only', () => {
      assert.deepEqual(ok('agreement.pause', GOOD['agreement.pause']), { agreementId: 'a-1', from: '2026-04-01', to: '2026-04-14' });
      errorOn(refused('agreement.pause', { agreementId: 'a-1', pauseFrom: '2026-04-14', pauseTo: '2026-04-01' }), 'pauseTo', 'INVALID_DATE');
      errorOn(refused('agreement.pause', { agreementId: 'a-1', pauseFrom: '2026-04-31', pauseTo: '2026-05-01' }), 'pauseFrom', 'INVALID_DATE');
      errorOn(refused('agreement.pause', { agreementId: 'a-1', pauseFrom: '2026-04-01' }), 'pauseTo', 'INVALID_DATE');
    });

    it('ends today unless a date is given', () => {
      assert.deepEqual(ok('agreement.end', { agreementId: 'a-1' }), { agreementId: 'a-1' });
      assert.deepEqual(ok('agreement.end', { agreementId: 'a-1', endedOn: '2026-06-30' }), { agreementId: 'a-1', endedOn: '2026-06-30' });
      errorOn(refused('agreement.end', { agreementId: 'a-1', endedOn: '30/06/2026' }), 'endedOn', 'INVALID_DATE');
    });
  });

  describe('sessions', () => {
    it('schedules at a local date and time, 90 minutes by default', () => {
      assert.deepEqual(ok('session.schedule', GOOD['session.schedule']), {
        agreementId: 'a-1',
        start: { date: '2026-03-10', time: '14:05' },
        plannedMinutes: 90,
        mode: 'teams',
      });
      const c = ok('session.schedule', { ...GOOD['session.schedule'], plannedMinutes: '', scheduleTime: '09:15:00' });
      assert.equal(c.plannedMinutes, 90);
      assert.deepEqual(c.start, { date: '2026-03-10', time: '09:15' });
      assert.equal(ok('session.schedule', { ...GOOD['session.schedule'], plannedMinutes: 120 }).plannedMinutes, 120);
    });

    it('refuses minutes outside 1..600, fractions and words', () => {
      for (const minutes of ['0', '601', '90.5', 'ninety', '-5', true]) {
        const r = refused('session.schedule', { ...GOOD['session.schedule'], plannedMinutes: minutes });
        errorOn(r, 'plannedMinutes', 'INVALID_INPUT');
      }
    });

    it('refuses impossible dates and times', () => {
      errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleDate: '2026-02-30' }), 'scheduleDate', 'INVALID_DATE');
      errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleDate: '2026-2-3' }), 'scheduleDate', 'INVALID_DATE');
      errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleTime: '25:00' }), 'scheduleTime', 'INVALID_DATE');
      errorOn(refused('session.schedule', { ...GOOD['session.schedule'], scheduleTime: '2pm' }), 'scheduleTime', 'INVALID_DATE');
      errorOn(refused('session.schedule', { ...GOOD['session.schedule'], mode: 'phone' }), 'mode', 'INVALID_INPUT');
    });

    it('with the zone, refuses a time the clocks skip (29 March 2026, 01:30 in London)', () => {
      const data = { ...GOOD['session.schedule'], scheduleDate: '2026-03-29', scheduleTime: '01:30' };
      const r = refused('session.schedule', data, 'Europe/London');
      assert.match(errorOn(r, 'scheduleTime', 'INVALID_DATE'), /does not exist on 2026-03-29/);
      assert.deepEqual(ok('session.schedule', data).start, { date: '2026-03-29', time: '01:30' });
      assert.deepEqual(ok('session.schedule', { ...data, scheduleTime: '02:00' }, 'Europe/London').start, { date: '2026-03-29', time: '02:00' });
    });

    it('accepts or proposes another time', () => {
      assert.deepEqual(ok('session.accept', { sessionId: 's-1', response: 'propose' }), { sessionId: 's-1', response: 'accept' });
      assert.deepEqual(ok('session.proposeTime', GOOD['session.proposeTime']), {
        sessionId: 's-1',
        response: 'propose',
        proposedStart: { date: '2026-03-11', time: '09:30' },
      });
      errorOn(refused('session.proposeTime', { sessionId: 's-1', proposedDate: '2026-03-11' }), 'proposedTime', 'INVALID_DATE');
    });

    it('records a held session: agenda one item per line, filled action rows', () => {
      assert.deepEqual(ok('session.recordHeld', GOOD['session.recordHeld']), {
        kind: 'held',
        sessionId: 's-1',
        start: { date: '2026-03-10', time: '14:05' },
        minutes: 95,
        uninterrupted: true,
        agenda: ['Caseload', 'Wellbeing'],
        actions: [{ text: 'Read the ASYE framework', ownerId: 'p-alex', dueDate: '2026-03-20' }],
      });
      const c = ok('session.recordHeld', { ...GOOD['session.recordHeld'], uninterrupted: 'no', minutes: '45' });
      assert.equal(c.kind === 'held' && c.uninterrupted, false);
    });

    it('refuses a half-filled action row, a missing answer on interruption and an over-long agenda', () => {
      const r = refused('session.recordHeld', {
        ...GOOD['session.recordHeld'],
        uninterrupted: '',
        action1Due: '',
        action2Owner: 'p-sam',
        action3Text: 'x',
        action3Owner: 'p-sam',
        action3Due: '2026-02-30',
      });
      errorOn(r, 'uninterrupted', 'INVALID_INPUT');
      const r2 = refused('session.recordHeld', { ...GOOD['session.recordHeld'], action1Due: '', action2Owner: 'p-sam' });
      errorOn(r2, 'action1Due', 'INVALID_DATE');
      errorOn(r2, 'action2Text', 'INVALID_INPUT');
      errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], action3Text: 'x', action3Owner: 'p-sam', action3Due: '2026-02-30' }), 'action3Due', 'INVALID_DATE');
      errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], agenda: x(2001) }), 'agenda', 'TEXT_TOO_LONG');
      const items = Array.from({ length: 21 }, (_, i) => `item ${i}`).join('\n');
      errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], agenda: items }), 'agenda', 'INVALID_INPUT');
      errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], minutes: '601' }), 'minutes', 'INVALID_INPUT');
      errorOn(refused('session.recordHeld', { ...GOOD['session.recordHeld'], minutes: '' }), 'minutes', 'INVALID_INPUT');
    });

    it('cancels with a reason of up to 1,000 characters (as a person counts them)', () => {
      assert.deepEqual(ok('session.cancel', GOOD['session.cancel']), { kind: 'cancelled', sessionId: 's-1', reason: 'Sam was off sick.' });
      errorOn(refused('session.cancel', { sessionId: 's-1', cancelReason: '   ' }), 'cancelReason', 'INVALID_INPUT');
      errorOn(refused('session.cancel', { sessionId: 's-1', cancelReason: x(1001) }), 'cancelReason', 'TEXT_TOO_LONG');
      // 1,000 emoji are 2,000 UTF-16 units but 1,000 characters.
      assert.equal(ok('session.cancel', { sessionId: 's-1', cancelReason: '🙂'.repeat(1000) }).kind, 'cancelled');
    });

    it('reschedules, keeping the original length and place unless changed', () => {
      assert.deepEqual(ok('session.reschedule', GOOD['session.reschedule']), {
        kind: 'rescheduled',
        sessionId: 's-1',
        newStart: { date: '2026-03-12', time: '10:00' },
      });
      const c = ok('session.reschedule', { ...GOOD['session.reschedule'], newMinutes: '120', newMode: 'in-person' });
      assert.deepEqual(c, { kind: 'rescheduled', sessionId: 's-1', newStart: { date: '2026-03-12', time: '10:00' }, plannedMinutes: 120, mode: 'in-person' });
    });

    it('rates 1 to 5 with an optional comment up to 2,000 characters', () => {
      assert.deepEqual(ok('session.rate', GOOD['session.rate']), { sessionId: 's-1', score: 4 });
      assert.deepEqual(ok('session.rate', { sessionId: 's-1', score: 5, comment: ' Good. ' }), { sessionId: 's-1', score: 5, comment: 'Good.' });
      for (const score of ['0', '6', '3.5', 'five', '']) errorOn(refused('session.rate', { sessionId: 's-1', score }), 'score', 'INVALID_INPUT');
      errorOn(refused('session.rate', { sessionId: 's-1', score: '3', comment: x(2001) }), 'comment', 'TEXT_TOO_LONG');
    });
  });

  describe('reflective notes', () => {
    it('writes a note with trimmed prompts, private by choice', () => {
      assert.deepEqual(ok('note.write', { ...GOOD['note.write'], whatHappened: '  A visit.\n' }), {
        whatHappened: 'A visit.',
        howIFelt: '',
        whatILearned: 'Listen first.',
        whatNext: '',
        visibility: 'private',
      });
    });

    it('takes up to 10,000 characters across the four prompts, and refuses one more', () => {
      const full = { ...GOOD['note.write'], whatHappened: x(4000), howIFelt: x(3000), whatILearned: x(2000), whatNext: x(1000) };
      assert.equal(ok('note.write', full).whatHappened.length, 4000);
      const r = refused('note.write', { ...full, whatNext: x(1001) });
      assert.match(errorOn(r, 'note', 'TEXT_TOO_LONG'), /10,001 characters; the limit is 10,000 .* Shorten it by 1\./);
      assert.equal(r.inputs.whatNext, x(1001));
    });

    it('refuses a note without what happened, a bad visibility and a long CPD tag', () => {
      const r = refused('note.write', { whatHappened: ' ', visibility: 'public', cpdTag: x(101) });
      errorOn(r, 'whatHappened', 'INVALID_INPUT');
      assert.match(errorOn(r, 'visibility', 'INVALID_INPUT'), /private, shared with my supervisor/);
      errorOn(r, 'cpdTag', 'TEXT_TOO_LONG');
    });

    it('keeps exactly what was typed when refusing, untrimmed', () => {
      const typed = { whatHappened: '  My words, ${kept}\n', howIFelt: 'Tired', whatILearned: '', whatNext: 7, visibility: 'nobody', extra: 'dropped' };
      const r = refused('note.write', typed);
      assert.deepEqual(r.inputs, {
        whatHappened: '  My words, ${kept}\n',
        howIFelt: 'Tired',
        whatILearned: '',
        whatNext: '7',
        cpdTag: '',
        visibility: 'nobody',
      });
      errorOn(r, 'whatNext', 'INVALID_INPUT');
    });
  });

  describe('concerns', () => {
    it('raises a concern up to 4,000 characters', () => {
      assert.deepEqual(ok('concern.raise', GOOD['concern.raise']), GOOD['concern.raise']);
      assert.equal(ok('concern.raise', { ...GOOD['concern.raise'], description: x(4000) }).description.length, 4000);
      errorOn(refused('concern.raise', { ...GOOD['concern.raise'], description: x(4001) }), 'description', 'TEXT_TOO_LONG');
    });

    it('reports every missing choice at once, the first as the error', () => {
      const r = refused('concern.raise', {});
      assert.deepEqual(
        r.fieldErrors.map((e) => e.field),
        ['category', 'description', 'urgency', 'route'],
      );
      assert.equal(r.error.field, 'category');
      assert.equal(r.error.code, 'INVALID_INPUT');
      errorOn(refused('concern.raise', { ...GOOD['concern.raise'], route: 'hr' }), 'route', 'INVALID_INPUT');
    });

    it('says in plain words that the description is missing (only spaces count as missing)', () => {
      assert.equal(errorOn(refused('concern.raise', { ...GOOD['concern.raise'], description: '   ' }), 'description', 'INVALID_INPUT'), 'Description is required.');
    });

    it('assigns to a chosen person and resolves with a resolution', () => {
      assert.deepEqual(ok('concern.assign', GOOD['concern.assign']), { concernId: 'c-1', assigneeId: 'p-priya' });
      errorOn(refused('concern.assign', { concernId: 'c-1' }), 'assigneeId', 'INVALID_INPUT');
      errorOn(refused('concern.resolve', { concernId: 'c-1', resolution: '' }), 'resolution', 'INVALID_INPUT');
      errorOn(refused('concern.resolve', { concernId: 'c-1', resolution: x(4001) }), 'resolution', 'TEXT_TOO_LONG');
    });
  });

  describe('settings', () => {
    it('updates every field from the card', () => {
      assert.deepEqual(ok('settings.update', GOOD['settings.update']), {
        name: 'Northshire',
        zone: 'Europe/London',
        pswIds: ['p-priya', 'p-jo'],
        adminIds: ['p-jo'],
        reminderLeadDays: 3,
        escalationGraceDays: 7,
        quietHours: { start: '20:00', end: '07:00' },
      });
      assert.deepEqual(ok('settings.update', { ...GOOD['settings.update'], pswIds: '' }).pswIds, []);
    });

    it('refuses an unknown zone, days out of range and a bad time', () => {
      errorOn(refused('settings.update', { ...GOOD['settings.update'], zone: 'Mars/Olympus' }), 'zone', 'INVALID_INPUT');
      errorOn(refused('settings.update', { ...GOOD['settings.update'], reminderLeadDays: '31' }), 'reminderLeadDays', 'INVALID_INPUT');
      errorOn(refused('settings.update', { ...GOOD['settings.update'], escalationGraceDays: '-1' }), 'escalationGraceDays', 'INVALID_INPUT');
      errorOn(refused('settings.update', { ...GOOD['settings.update'], quietEnd: '7am' }), 'quietEnd', 'INVALID_DATE');
      errorOn(refused('settings.update', { ...GOOD['settings.update'], pswIds: 'p 1,p-2' }), 'pswIds', 'INVALID_INPUT');
    });
  });

  describe('opening forms', () => {
    it('opens the schedule card for one agreement or to choose', () => {
      assert.deepEqual(ok('session.schedule.form', {}), {});
      assert.deepEqual(ok('session.schedule.form', { agreementId: 'a-1' }), { agreementId: 'a-1' });
    });
  });

  describe('raw inputs', () => {
    it('keeps only the verb’s inputs, as strings, and caps what no client could have typed', () => {
      const inputs = rawInputs('session.rate', { sessionId: 's-1', score: 4, comment: x(3999), other: 'x' });
      assert.deepEqual(Object.keys(inputs).sort(), ['comment', 'score']);
      assert.equal(inputs.score, '4');
      assert.equal(inputs.comment.length, 3999, 'over the limit, but still what was typed');
      assert.equal(rawInputs('session.rate', { comment: x(1_000_000) }).comment.length, 4000);
      assert.equal(rawInputs('session.rate', { score: x(1000) }).score.length, 200);
    });

    it('space around the text goes before the text: a valid note padded with spaces keeps all its text', () => {
      const text = '😀'.repeat(10_000);
      for (const padded of [`   ${text}`, `${'\n'.repeat(50_000)}${text}${' '.repeat(50_000)}`]) {
        const r = parseSubmission('note.write', { whatHappened: padded, visibility: 'private' });
        assert.ok(r.ok, 'valid once trimmed');
        assert.equal(r.value.inputs.whatHappened, text);
        assert.deepEqual(r.value.cuts, []);
      }
      // Split over prompts and over the byte budget (each under its own cap): the spaces go, the text stays.
      const r = parseSubmission('note.write', { whatHappened: `${text.slice(0, 10_000)}${' '.repeat(9_000)}`, whatNext: `${' '.repeat(19_000)}${text.slice(10_000)}`, visibility: 'private' });
      assert.ok(r.ok);
      assert.equal(r.value.inputs.whatHappened + r.value.inputs.whatNext, text);
      assert.deepEqual(r.value.cuts, []);
    });

    it('never splits a character when it cuts, and says how many characters it kept', () => {
      const r = refused('session.rate', { sessionId: 's-1', score: '4', comment: `x${'😀'.repeat(5_000)}` });
      const kept = r.inputs.comment;
      assert.equal(kept.length, 3_999, 'the half of a pair at the cap is left out');
      assert.equal(kept, `x${'😀'.repeat(1_999)}`);
      assert.deepEqual(r.cuts.map((c) => c.field), ['comment']);
      assert.match(r.cuts[0].message, /^Comment: .*only its first 2,000 characters are kept here/);
    });

    it('returns the targets named, to reload the card after a refusal', () => {
      const r = refused('session.rate', { sessionId: 's-1', score: '9' });
      assert.deepEqual(r.targets, { sessionId: 's-1' });
    });
  });
});
