/**
 * Presenters of the home family: the home card (the person's supervision at a glance) and the help
 * card. Which buttons show comes from the view's `youCan` (the server's decision), never the card.
 */
import type { AgreementSummaryView, HomeView, PendingItem, UnreachablePerson } from '../../../app/views';
import type { Role } from '../../../domain/model';
import { spec, type CardSpec } from '../catalogue';
import { fmt, noticeOf, type PresentContext } from '../shared/form';
import { AGREEMENT_STATUS_LABEL, firstName, formatDate, formatInstant, minutesText, preview, type FormatContext } from '../shared/format';
import type { TextColor } from '../shared/parts';
import type { AgreementRow, HomeAbilities, PendingRow } from './data';
import { TEXT_SHORTCUTS } from './shortcuts';

/** Rows a home card lists (keeps it well under Teams' ~28 KB). */
export const MAX_ROWS = 10;
export const MAX_PENDING = 8;

function dueDetail(a: AgreementSummaryView, f: FormatContext): { detail: string; color: TextColor } {
  if (a.status !== 'active') return { detail: AGREEMENT_STATUS_LABEL[a.status], color: a.status === 'draft' ? 'warning' : 'default' };
  if (a.overdueSince !== null) return { detail: `Overdue since ${formatDate(a.overdueSince, f)}`, color: 'attention' };
  if (a.nextDueBy !== null) return { detail: `Next due by ${formatDate(a.nextDueBy, f)}`, color: 'default' };
  return { detail: 'Nothing due', color: 'default' };
}

function pendingRow(item: PendingItem, f: FormatContext): PendingRow {
  const base = { isAgreement: false, isSession: true, agreementId: '', sessionId: '' };
  switch (item.kind) {
    case 'agree-to-agreement':
      return {
        ...base,
        isAgreement: true,
        isSession: false,
        agreementId: item.agreementId,
        text: `A supervision agreement with ${item.with.name} is waiting for you to agree.`,
        button: 'Review',
      };
    case 'respond-to-schedule':
      return { ...base, sessionId: item.sessionId, text: `${item.with.name} scheduled supervision for ${formatInstant(item.start, f)}.`, button: 'Respond' };
    case 'record-session':
      return { ...base, sessionId: item.sessionId, text: `Record the session with ${item.with.name} on ${formatInstant(item.start, f)}.`, button: 'Record' };
    case 'confirm-session':
      return { ...base, sessionId: item.sessionId, text: `Confirm the session with ${item.with.name} on ${formatInstant(item.start, f)}.`, button: 'Confirm' };
    case 'rate-session':
      return { ...base, sessionId: item.sessionId, text: `Rate the session with ${item.with.name} on ${formatInstant(item.start, f)}.`, button: 'Rate' };
  }
}

function abilities(youCan: HomeView['youCan'] | undefined, supervises: boolean): HomeAbilities {
  return {
    scheduleSession: youCan?.scheduleSession ?? false,
    requestSession: youCan?.requestSession ?? false,
    proposeAgreement: youCan?.proposeAgreement ?? false,
    writeNote: youCan?.writeNote ?? false,
    readSharedNotes: supervises,
    raiseConcern: youCan?.raiseConcern ?? false,
    editSettings: youCan?.editSettings ?? false,
    seeCompliance: youCan?.seeCompliance ?? false,
  };
}

/** Why the bot cannot reach someone, and what to do (the reason as stored: never a guess). */
const UNREACHABLE: Readonly<Record<UnreachablePerson['reason'], string>> = {
  'never-linked': 'has never opened the bot in Teams. Ask them to install Supervision Bot and say hello.',
  'not-installed': 'does not have the app installed. Ask them (or your Teams admin) to install Supervision Bot.',
  removed: 'removed or blocked the bot. Ask them to add Supervision Bot again; until then they get no reminders.',
};

export function presentHome(view: HomeView, ctx: PresentContext = {}, notice?: string): CardSpec {
  const f = fmt(view.zone, ctx);
  const last = view.lastSession;
  const rank = (a: AgreementSummaryView): string => (a.overdueSince !== null ? `0${a.overdueSince}` : `1${a.nextDueBy ?? '9999'}`);
  const supervised = [...view.asSupervisor].sort((a, b) => rank(a).localeCompare(rank(b)));
  const rows = (list: readonly AgreementSummaryView[], title: (a: AgreementSummaryView) => string): AgreementRow[] =>
    list.slice(0, MAX_ROWS).map((a) => ({ title: title(a), ...dueDetail(a, f), agreementId: a.agreementId }));
  const more = supervised.length - MAX_ROWS;
  return spec('home', {
    greeting: `Hello, ${firstName(view.person.name)}`,
    organisationName: view.organisationName,
    ...noticeOf(notice),
    nextDueBy:
      view.nextDueBy !== null
        ? formatDate(view.nextDueBy, f)
        : view.asSupervisee.length > 0
          ? 'Nothing due'
          : 'No supervision agreement yet',
    lastSession: last === null ? 'None recorded yet' : `${formatInstant(last.start, f)} with ${last.with.name}, ${minutesText(last.minutes)}`,
    hasLastSessionNote: last !== null && !last.qualifying,
    lastSessionNote:
      last !== null && !last.qualifying
        ? 'That session did not count towards Standard 5: it was shorter than 90 minutes or interrupted.'
        : '',
    openConcerns: view.openConcerns === 0 ? 'None' : String(view.openConcerns),
    hasOverdue: view.overdue.length > 0,
    overdue: [
      ...view.overdue.slice(0, MAX_ROWS).map((o) => ({
        text:
          o.supervisee.id === view.person.id
            ? `Your supervision with ${o.supervisor.name} is overdue since ${formatDate(o.overdueSince, f)}.`
            : `${o.supervisee.name} (supervisor ${o.supervisor.name}): overdue since ${formatDate(o.overdueSince, f)}.`,
      })),
      ...(view.overdue.length > MAX_ROWS ? [{ text: `And ${view.overdue.length - MAX_ROWS} more: see the Supervision tab.` }] : []),
    ],
    hasUnreachable: view.unreachable.length > 0,
    unreachable: view.unreachable.slice(0, MAX_ROWS).map((u) => ({ text: `${u.person.name}: ${UNREACHABLE[u.reason]}` })),
    hasPending: view.pending.length > 0,
    pending: view.pending.slice(0, MAX_PENDING).map((p) => pendingRow(p, f)),
    hasMySupervision: view.asSupervisee.length > 0,
    mySupervision: rows(view.asSupervisee, (a) =>
      a.professionalSupervisor !== undefined
        ? `Supervised by ${a.supervisor.name}, with professional supervision from ${a.professionalSupervisor.name}`
        : `Supervised by ${a.supervisor.name}`,
    ),
    hasSupervisees: supervised.length > 0,
    supervisees: rows(supervised, (a) => (a.nqsw ? `${a.supervisee.name} (NQSW)` : a.supervisee.name)),
    hasMoreSupervisees: more > 0,
    moreSupervisees: more > 0 ? `And ${more} more: see the Supervision tab.` : '',
    can: abilities(view.youCan, view.asSupervisor.length > 0),
  });
}

export interface HelpInput {
  /** Absent for someone the bot does not know yet. */
  readonly roles?: readonly Role[];
  readonly youCan?: HomeView['youCan'];
  /** What the person typed that was not understood. */
  readonly unknownText?: string;
}

export function presentHelp(input: HelpInput = {}): CardSpec {
  const unknown = input.unknownText?.trim() ?? '';
  return spec('help', {
    intro:
      'I help you keep to the supervision standards: agreements, sessions, reflective notes and concerns, with reminders when supervision is due.',
    hasUnknownText: unknown !== '',
    unknownText: unknown === '' ? '' : `I did not understand “${preview(unknown, 60)}”.`,
    // Only what this person may do: a shortcut they would be refused is not offered.
    shortcuts: TEXT_SHORTCUTS.filter((s) => !('needs' in s) || input.youCan?.[s.needs] === true).map((s) => ({ command: s.command, description: s.description })),
    known: input.roles !== undefined,
    can: abilities(input.youCan, input.roles?.includes('supervisor') ?? false),
    privacy: 'Reflective notes and concerns are personal: only the people who should see them can, and they are never written to logs.',
  });
}
