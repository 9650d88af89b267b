/** Parsers of the agreement family's submissions into the use cases' commands. */
import { z } from 'zod';
import type { ChangeSupervisor, EndAgreement, PauseAgreement, ProposeAgreement } from '../../../app/commands';
import { fieldOf } from '../shared/fields';
import {
  customIssue,
  dateSchema,
  fromSchema,
  idOnly,
  personSchema,
  textSchema,
  yesNoSchema,
  type Issue,
} from '../shared/schema';
import { AGREEMENT_FORMS, HANDOVER_MAX } from './fields';

export const agreementTarget = idOnly('agreementId', 'The agreement');

export const parseProposeAgreement = (() => {
  const f = AGREEMENT_FORMS['agreement.propose'];
  const schema = z.object({
    superviseeId: personSchema(fieldOf(f, 'superviseeId')),
    supervisorId: personSchema(fieldOf(f, 'supervisorId')),
    employmentStart: dateSchema(fieldOf(f, 'employmentStart')),
    agreementStart: dateSchema(fieldOf(f, 'agreementStart')),
    // 'record' (the card's default): as on the supervisee's staff record, which the use case reads.
    nqsw: z.preprocess((v) => (v === 'record' ? undefined : v), yesNoSchema(fieldOf(f, 'nqsw'))),
    lineManagerIsRegisteredSocialWorker: yesNoSchema(fieldOf(f, 'lineManagerIsRegisteredSocialWorker')),
    professionalSupervisorId: personSchema(fieldOf(f, 'professionalSupervisorId')),
  });
  return fromSchema(schema, (d): ProposeAgreement | Issue[] => {
    const issues: Issue[] = [];
    // Blank: from the supervisee's record (proposeAgreement, continuity).
    const employmentStart = d.employmentStart as string | undefined;
    if (d.agreementStart !== undefined && employmentStart !== undefined && d.agreementStart < employmentStart) {
      issues.push(customIssue('agreementStart', 'Agreement start cannot be before employment start.', 'INVALID_DATE'));
    }
    const lineManagerIsRegisteredSocialWorker = d.lineManagerIsRegisteredSocialWorker ?? false;
    // Standard 5: a practitioner whose line manager is not a social worker gets professional supervision.
    if (!lineManagerIsRegisteredSocialWorker && d.professionalSupervisorId === undefined) {
      issues.push(
        customIssue(
          'professionalSupervisorId',
          'Choose a professional supervisor (a registered social worker): the line manager is not one.',
          'INVALID_INPUT',
        ),
      );
    }
    if (issues.length > 0) return issues;
    return {
      superviseeId: d.superviseeId as string,
      ...(d.supervisorId !== undefined ? { supervisorId: d.supervisorId } : {}),
      employmentStart,
      ...(d.agreementStart !== undefined ? { agreementStart: d.agreementStart } : {}),
      // Left to the record: the use case takes it from the supervisee's staff record.
      ...(d.nqsw !== undefined ? { nqsw: d.nqsw } : {}),
      lineManagerIsRegisteredSocialWorker,
      ...(d.professionalSupervisorId !== undefined ? { professionalSupervisorId: d.professionalSupervisorId } : {}),
    };
  });
})();

export const parseChangeSupervisor = (() => {
  const f = AGREEMENT_FORMS['agreement.changeSupervisor'];
  const schema = agreementTarget.extend({
    newSupervisorId: personSchema(fieldOf(f, 'newSupervisorId')),
    changeFrom: dateSchema(fieldOf(f, 'changeFrom')),
    handoverNote: textSchema(fieldOf(f, 'handoverNote'), HANDOVER_MAX),
  });
  return fromSchema(schema, (d): ChangeSupervisor => ({
    agreementId: d.agreementId as string,
    newSupervisorId: d.newSupervisorId as string,
    ...(d.changeFrom !== undefined ? { from: d.changeFrom } : {}),
    ...(d.handoverNote !== undefined && d.handoverNote !== '' ? { handoverNote: d.handoverNote } : {}),
  }));
})();

export const parsePauseAgreement = (() => {
  const f = AGREEMENT_FORMS['agreement.pause'];
  const schema = agreementTarget.extend({ pauseFrom: dateSchema(fieldOf(f, 'pauseFrom')), pauseTo: dateSchema(fieldOf(f, 'pauseTo')) });
  return fromSchema(schema, (d): PauseAgreement | Issue[] => {
    if ((d.pauseTo as string) < (d.pauseFrom as string)) {
      return [customIssue('pauseTo', 'The pause cannot end before it starts.', 'INVALID_DATE')];
    }
    return { agreementId: d.agreementId as string, from: d.pauseFrom as string, to: d.pauseTo as string };
  });
})();

export const parseEndAgreement = (() => {
  const schema = agreementTarget.extend({ endedOn: dateSchema(fieldOf(AGREEMENT_FORMS['agreement.end'], 'endedOn')) });
  return fromSchema(schema, (d): EndAgreement => ({
    agreementId: d.agreementId as string,
    ...(d.endedOn !== undefined ? { endedOn: d.endedOn } : {}),
  }));
})();
