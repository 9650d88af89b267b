/**
 * Why an ASYE was extended, in the words the ASYE log, the tab and the agreement card share. No
 * imports but types, so the tab's browser bundle can take it.
 */
import type { AsyeExtensionReason, LocalDate } from './model';

/** The reasons in a sentence: "extended to 30 Nov 2027 (absence)". */
export const ASYE_REASON_WORDS: Readonly<Record<AsyeExtensionReason, string>> = {
  absence: 'absence',
  assessment: 'the assessment needs more time',
  other: 'another reason',
};

/** The reasons as a label names them (the ASYE log's tables, the tab's extensions table). */
export const ASYE_REASON_LABELS: Readonly<Record<AsyeExtensionReason, string>> = {
  absence: 'Absence (sickness, parental or other leave)',
  assessment: 'The assessment needs more time',
  other: 'Another reason',
};

/** "12 months to 31 Aug 2027; extended to 30 Nov 2027 (absence)", each date as `date` writes it. */
export function asyeSentence(
  asye: { readonly plannedEnd: LocalDate; readonly extensions: readonly { readonly newEnd: LocalDate; readonly reason: AsyeExtensionReason }[] },
  date: (d: LocalDate) => string,
): string {
  return [`12 months to ${date(asye.plannedEnd)}`, ...asye.extensions.map((x) => `extended to ${date(x.newEnd)} (${ASYE_REASON_WORDS[x.reason]})`)].join('; ');
}
