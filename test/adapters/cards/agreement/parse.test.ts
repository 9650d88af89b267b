import { strict as assert } from 'assert';
import { errorOn, GOOD, ok, refused, x } from '../parsing';

describe('cards: agreement: parse', () => {
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
