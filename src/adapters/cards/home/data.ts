/** The data the home and help templates bind. */
import type { Line, NoticePart, TextColor } from '../shared/parts';

/** Who may press which button; absent flags are false. */
export interface HomeAbilities {
  readonly scheduleSession: boolean;
  readonly requestSession: boolean;
  readonly proposeAgreement: boolean;
  readonly writeNote: boolean;
  readonly readSharedNotes: boolean;
  readonly raiseConcern: boolean;
  readonly editSettings: boolean;
  readonly seeCompliance: boolean;
}

export interface AgreementRow {
  readonly title: string;
  readonly detail: string;
  readonly color: TextColor;
  readonly agreementId: string;
}

export interface PendingRow {
  readonly text: string;
  readonly button: string;
  readonly isAgreement: boolean;
  readonly isSession: boolean;
  readonly agreementId: string;
  readonly sessionId: string;
}

export interface HomeData extends NoticePart {
  readonly greeting: string;
  readonly organisationName: string;
  readonly nextDueBy: string;
  readonly lastSession: string;
  readonly hasLastSessionNote: boolean;
  readonly lastSessionNote: string;
  readonly openConcerns: string;
  readonly hasOverdue: boolean;
  readonly overdue: readonly Line[];
  /** Admins and PSWs: who the bot cannot reach, why, and what to do. */
  readonly hasUnreachable: boolean;
  readonly unreachable: readonly Line[];
  readonly hasPending: boolean;
  readonly pending: readonly PendingRow[];
  readonly hasMySupervision: boolean;
  readonly mySupervision: readonly AgreementRow[];
  readonly hasSupervisees: boolean;
  readonly supervisees: readonly AgreementRow[];
  readonly hasMoreSupervisees: boolean;
  readonly moreSupervisees: string;
  readonly can: HomeAbilities;
}

export interface HelpData {
  readonly intro: string;
  readonly hasUnknownText: boolean;
  readonly unknownText: string;
  readonly shortcuts: readonly { readonly command: string; readonly description: string }[];
  readonly known: boolean;
  readonly can: HomeAbilities;
  readonly privacy: string;
}

/** The family's templates and the data each binds. */
export interface HomeCards {
  home: HomeData;
  help: HelpData;
}

/** Where the family's templates are: home/templates/<name>.json. */
export const HOME_TEMPLATES = {
  home: 'home',
  help: 'home',
} as const satisfies { readonly [N in keyof HomeCards]: 'home' };
