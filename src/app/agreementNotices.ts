/** Who is told what when an agreement changes. */
import type { Agreement } from '../domain/model';
import type { AgreementNotice } from './agreementSupport';

export const changeAgreementNotices = {
  /** The supervisee (and a supervisor who has not agreed yet) gets a card to agree. */
  proposed(a: Agreement): AgreementNotice[] {
    const notices: AgreementNotice[] = [];
    if (a.agreedBySuperviseeAt === undefined) notices.push([a.superviseeId, 'agreement-to-agree']);
    if (a.agreedBySupervisorAt === undefined) notices.push([a.supervisorId, 'agreement-to-agree']);
    return notices;
  },
  /** Once active, both parties (and the professional supervisor) hear it. */
  agreed(before: Agreement | undefined, after: Agreement): AgreementNotice[] {
    if (after.status !== 'active' || before?.status === 'active') return [];
    return [
      [after.superviseeId, 'agreement-updated'],
      [after.supervisorId, 'agreement-updated'],
      [after.professionalSupervisorId, 'agreement-updated'],
    ];
  },
  /** A handover: the supervisee, the new and the previous supervisor; in a draft the new supervisor must agree. */
  supervisorChanged(before: Agreement | undefined, after: Agreement): AgreementNotice[] {
    if (after.status === 'draft') return [[after.supervisorId, 'agreement-to-agree'], [after.superviseeId, 'agreement-updated']];
    return [
      [after.superviseeId, 'agreement-updated'],
      [after.supervisorId, 'agreement-updated'],
      [before?.supervisorId, 'agreement-updated'],
    ];
  },
  /** An NQSW's ASYE extended (a portfolio fact both parties plan by): both parties. */
  asyeExtended: (after: Agreement): AgreementNotice[] => bothParties(after),
  /** Pause, resume, end: both parties. */
  statusChanged: (_before: Agreement | undefined, after: Agreement): AgreementNotice[] => bothParties(after),
};

function bothParties(a: Agreement): AgreementNotice[] {
  return [
    [a.superviseeId, 'agreement-updated'],
    [a.supervisorId, 'agreement-updated'],
  ];
}
