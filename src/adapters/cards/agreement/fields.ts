/** The agreement family's forms: the inputs each submitting verb reads, and where a refusal shows. */
import { field, renamed, type VerbForms } from '../shared/fields';

export const HANDOVER_MAX = 2_000;

export const AGREEMENT_FORMS = {
  'agreement.propose': {
    fields: [
      field('superviseeId', 'Supervisee', 'people', true),
      field('supervisorId', 'Supervisor', 'people', false),
      field('employmentStart', 'Employment start', 'date', false),
      field('agreementStart', 'Agreement start', 'date', false),
      field('nqsw', 'Newly qualified (NQSW, ASYE)', 'yesNo', false),
      field('lineManagerIsRegisteredSocialWorker', 'The line manager is a registered social worker', 'yesNo', false),
      field('professionalSupervisorId', 'Professional supervisor', 'people', false),
    ],
  },
  'agreement.changeSupervisor': {
    fields: [
      field('newSupervisorId', 'New supervisor', 'people', true),
      field('changeFrom', 'From', 'date', false),
      field('handoverNote', 'Handover note', 'longText', false, HANDOVER_MAX),
    ],
    inputOf: renamed({ from: 'changeFrom' }),
  },
  'agreement.pause': {
    fields: [field('pauseFrom', 'Paused from', 'date', true), field('pauseTo', 'Paused until (inclusive)', 'date', true)],
    inputOf: renamed({ from: 'pauseFrom', to: 'pauseTo' }),
    section: 'Pause',
  },
  'agreement.end': { fields: [field('endedOn', 'Ended on', 'date', false)], section: 'End' },
} satisfies VerbForms;
