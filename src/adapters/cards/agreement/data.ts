/** The data the agreement templates bind. */
import type { Choice, ChoicesNotePart, FactRow, FormPart, Line, NoticePart, ProblemsPart, TextColor } from '../shared/parts';

export interface AgreementSetupData extends ProblemsPart, FormPart, ChoicesNotePart {
  readonly zone: string;
  readonly supervisees: readonly Choice[];
  readonly supervisors: readonly Choice[];
  readonly professionalSupervisors: readonly Choice[];
}

export interface AgreementAgreeData extends ProblemsPart {
  readonly agreementId: string;
  readonly intro: string;
  readonly facts: readonly FactRow[];
  readonly cadence: string;
  readonly agreedLines: readonly Line[];
  readonly waitingFor: string;
}

export interface AgreementStatusData extends ProblemsPart, NoticePart, FormPart {
  readonly agreementId: string;
  readonly supervisee: string;
  readonly status: string;
  readonly statusColor: TextColor;
  readonly outcomeLines: readonly Line[];
  readonly facts: readonly FactRow[];
  readonly cadence: string;
  readonly hasOverdue: boolean;
  readonly overdue: string;
  readonly hasHistory: boolean;
  readonly history: readonly Line[];
  readonly hasUpcoming: boolean;
  readonly upcoming: readonly { readonly text: string; readonly sessionId: string }[];
  readonly can: {
    readonly scheduleSession: boolean;
    readonly changeSupervisor: boolean;
    readonly pause: boolean;
    readonly resume: boolean;
    readonly end: boolean;
  };
}

export interface ChangeSupervisorData extends ProblemsPart, FormPart, ChoicesNotePart {
  readonly agreementId: string;
  readonly supervisee: string;
  readonly currentSupervisor: string;
  readonly supervisors: readonly Choice[];
}

/** The family's templates and the data each binds. */
export interface AgreementCards {
  'agreement-setup': AgreementSetupData;
  'agreement-agree': AgreementAgreeData;
  'agreement-status': AgreementStatusData;
  'change-supervisor': ChangeSupervisorData;
}

/** Where the family's templates are: agreement/templates/<name>.json. */
export const AGREEMENT_TEMPLATES = {
  'agreement-setup': 'agreement',
  'agreement-agree': 'agreement',
  'agreement-status': 'agreement',
  'change-supervisor': 'agreement',
} as const satisfies { readonly [N in keyof AgreementCards]: 'agreement' };
