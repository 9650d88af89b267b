import { strict as assert } from 'node:assert';
import { ASYE_EXTENSION_NOTE_MAX, asyeEnd, extendAsye } from '../../src/domain/agreement';
import { asyeAgreementLog } from '../../src/domain/asyeLog';
import { evaluateCadence } from '../../src/domain/cadence';
import type { Agreement } from '../../src/domain/model';
import type { ErrorCode } from '../../src/domain/result';
import { activeAgreement } from '../fakes/records';
import { failure, okValue as value } from '../fakes/results';

const NOW = '2026-11-02T10:00:00.000Z';
const TODAY = '2026-11-02';
const nqsw = (over: Partial<Agreement> = {}) =>
  activeAgreement({ id: 'a1', tenantId: 't1', employmentStart: '2026-08-31', agreementStart: '2026-08-31', supervisorHistory: [{ supervisorId: 'or', from: '2026-08-31' }], ...over });

describe('domain/agreement: the ASYE end and its extensions', () => {
  describe('asyeEnd', () => {
    it('is twelve calendar months from employment start, also from the last day of a month', () => {
      assert.deepEqual(asyeEnd({ employmentStart: '2026-08-31' }), { planned: '2027-08-31', current: '2027-08-31' });
      assert.equal(asyeEnd({ employmentStart: '2026-09-01' }).planned, '2027-09-01');
      assert.equal(asyeEnd({ employmentStart: '2027-01-31' }).planned, '2028-01-31');
    });

    it('29 February: from it to 28 February the next year; into a leap year from 28 February and 1 March unchanged', () => {
      assert.equal(asyeEnd({ employmentStart: '2028-02-29' }).planned, '2029-02-28');
      assert.equal(asyeEnd({ employmentStart: '2027-02-28' }).planned, '2028-02-28');
      assert.equal(asyeEnd({ employmentStart: '2027-03-01' }).planned, '2028-03-01');
    });

    it('a stored agreement without the field has no extension; with some, the current end is the latest', () => {
      const stored = nqsw();
      assert.equal('asyeExtensions' in stored, false);
      assert.equal(asyeEnd(stored).current, '2027-08-31');
      const twice = nqsw({
        asyeExtensions: [
          { newEnd: '2027-10-31', reason: 'absence', recordedById: 'psw', recordedOn: '2026-10-01' },
          { newEnd: '2028-01-31', reason: 'assessment', recordedById: 'psw', recordedOn: '2026-11-01' },
        ],
      });
      assert.deepEqual(asyeEnd(twice), { planned: '2027-08-31', current: '2028-01-31' });
    });
  });

  describe('extendAsye', () => {
    it('records the new end, the reason, the trimmed note, who and when', () => {
      const r = value(extendAsye(nqsw(), { newEnd: '2027-12-31', reason: 'absence', note: '  Parental leave, four months  ', by: 'psw' }, TODAY, NOW));
      assert.equal(r.changed, true);
      assert.deepEqual(r.value.asyeExtensions, [{ newEnd: '2027-12-31', reason: 'absence', note: 'Parental leave, four months', recordedById: 'psw', recordedOn: TODAY }]);
      assert.equal(r.value.updatedAt, NOW);
      assert.equal(asyeEnd(r.value).current, '2027-12-31');
      // No note: no field.
      const bare = value(extendAsye(nqsw(), { newEnd: '2027-12-31', reason: 'assessment', note: '   ', by: 'psw' }, TODAY, NOW));
      assert.equal('note' in (bare.value.asyeExtensions?.[0] ?? {}), false);
    });

    it('a second extension must end later than the first; a paused agreement can be extended', () => {
      const once = value(extendAsye(nqsw({ status: 'paused' }), { newEnd: '2027-12-31', reason: 'absence', by: 'psw' }, TODAY, NOW)).value;
      const e = failure(extendAsye(once, { newEnd: '2027-11-30', reason: 'assessment', by: 'admin' }, TODAY, NOW), 'INVALID_DATE', 'newEnd');
      assert.match(e.message, /after the ASYE's current end, 31 December 2027/);
      const twice = value(extendAsye(once, { newEnd: '2028-03-31', reason: 'assessment', by: 'admin' }, TODAY, NOW)).value;
      assert.deepEqual(twice.asyeExtensions?.map((x) => [x.newEnd, x.reason, x.recordedById]), [['2027-12-31', 'absence', 'psw'], ['2028-03-31', 'assessment', 'admin']]);
    });

    it('pressed twice: the second changes nothing and is not an error (also after the agreement ended)', () => {
      const input = { newEnd: '2027-12-31', reason: 'absence', note: 'Sickness', by: 'psw' };
      const first = value(extendAsye(nqsw(), input, TODAY, NOW)).value;
      const again = value(extendAsye(first, { ...input, note: ' Sickness ' }, TODAY, '2026-11-02T10:00:01.000Z'));
      assert.equal(again.changed, false);
      assert.equal(again.value, first);
      assert.equal(value(extendAsye({ ...first, status: 'ended', endedOn: TODAY }, input, TODAY, NOW)).changed, false);
      // The same date with another reason is a new fact, but not a later end.
      failure(extendAsye(first, { ...input, reason: 'other' }, TODAY, NOW), 'INVALID_DATE');
    });

    it('refuses an end not after the planned end, a date that is not real, one more than two years beyond, a missing or unknown reason, a long note', () => {
      const a = nqsw();
      const cases: [Record<string, unknown>, ErrorCode, string][] = [
        [{ newEnd: '2027-08-31', reason: 'absence' }, 'INVALID_DATE', 'newEnd'],
        [{ newEnd: '2027-02-30', reason: 'absence' }, 'INVALID_DATE', 'newEnd'],
        [{ newEnd: '', reason: 'absence' }, 'INVALID_DATE', 'newEnd'],
        [{ newEnd: '2029-09-01', reason: 'absence' }, 'INVALID_DATE', 'newEnd'],
        [{ newEnd: '2027-12-31' }, 'INVALID_INPUT', 'reason'],
        [{ newEnd: '2027-12-31', reason: 'holiday' }, 'INVALID_INPUT', 'reason'],
        [{ newEnd: '2027-12-31', reason: 'other', note: 'x'.repeat(ASYE_EXTENSION_NOTE_MAX + 1) }, 'TEXT_TOO_LONG', 'note'],
        [{ newEnd: '2027-12-31', reason: 'other', note: 42 }, 'INVALID_INPUT', 'note'],
      ];
      for (const [input, code, field] of cases) {
        failure(extendAsye(a, { newEnd: input.newEnd, reason: input.reason, note: input.note, by: 'psw' }, TODAY, NOW), code, field);
      }
      // Two years beyond the planned end is the limit itself.
      assert.equal(value(extendAsye(a, { newEnd: '2029-08-31', reason: 'assessment', by: 'psw' }, TODAY, NOW)).changed, true);
      assert.equal(value(extendAsye(a, { newEnd: '2027-09-01', reason: 'other', note: 'y'.repeat(ASYE_EXTENSION_NOTE_MAX), by: 'psw' }, TODAY, NOW)).changed, true);
    });

    it('only for an NQSW, and not once the agreement has ended', () => {
      const e = failure(extendAsye(nqsw({ nqsw: false }), { newEnd: '2027-12-31', reason: 'absence', by: 'psw' }, TODAY, NOW), 'NOT_NQSW');
      assert.match(e.message, /newly qualified/);
      const ended = failure(extendAsye(nqsw({ status: 'ended', endedOn: '2026-10-30' }), { newEnd: '2027-12-31', reason: 'absence', by: 'psw' }, TODAY, NOW), 'INVALID_TRANSITION');
      assert.match(ended.message, /ended/);
    });

    it('does not change the cadence: the same periods before and after', () => {
      const before = nqsw();
      const after = value(extendAsye(before, { newEnd: '2028-02-29', reason: 'assessment', by: 'psw' }, TODAY, NOW)).value;
      const periods = (a: Agreement) => evaluateCadence({ zone: 'Europe/London', employmentStart: a.employmentStart, agreementStart: a.agreementStart, nqsw: a.nqsw, today: '2027-12-01', until: '2028-03-01', sessions: [] }).periods;
      assert.deepEqual(periods(after), periods(before));
    });
  });

  describe('the ASYE log', () => {
    it('gives the planned end, each extension (recorded on, new end, reason, note) and the current end', () => {
      const a = nqsw({
        asyeExtensions: [
          { newEnd: '2027-10-31', reason: 'absence', note: 'Sickness, eight weeks', recordedById: 'psw', recordedOn: '2026-10-01' },
          { newEnd: '2028-01-31', reason: 'assessment', recordedById: 'admin', recordedOn: '2026-11-01' },
        ],
      });
      const log = asyeAgreementLog(a, [], TODAY, 'Europe/London');
      assert.deepEqual(log.asye, {
        plannedEnd: '2027-08-31',
        currentEnd: '2028-01-31',
        extensions: [
          { recordedOn: '2026-10-01', newEnd: '2027-10-31', reason: 'absence', note: 'Sickness, eight weeks', recordedById: 'psw' },
          { recordedOn: '2026-11-01', newEnd: '2028-01-31', reason: 'assessment', note: null, recordedById: 'admin' },
        ],
      });
      assert.deepEqual(asyeAgreementLog(nqsw(), [], TODAY, 'Europe/London').asye, { plannedEnd: '2027-08-31', currentEnd: '2027-08-31', extensions: [] });
    });
  });
});
