/**
 * Presenters of the concern family: raising one, the handler's card (acknowledge, assign, resolve),
 * what the person who raised it sees at every stage, and the list. Which buttons show comes from
 * the view's `youCan`.
 */
import type { ConcernListView, ConcernSummaryView, ConcernView } from '../../../app/views';
import { spec, type CardSpec } from '../catalogue';
import { inputIds } from '../shared/fields';
import { fmt, formPart, noticeOf, peopleChoices, problemsOf, splitIds, type FormState, type PresentContext } from '../shared/form';
import { CATEGORY_LABEL, CONCERN_STATUS_LABEL, formatInstant, ROUTE_LABEL, URGENCY_LABEL, type FormatContext } from '../shared/format';
import type { FactRow } from '../shared/parts';
import type { ConcernCommonPart, ConcernRow } from './data';
import { CONCERN_FORMS } from './fields';

/** Concerns a list card shows in each part (keeps it well under Teams' ~28 KB). */
export const MAX_CONCERNS_LISTED = 12;

function concernCommon(view: ConcernView, f: FormatContext): ConcernCommonPart {
  const facts: FactRow[] = [
    { title: 'Raised by', value: view.raisedBy.name },
    { title: 'Raised', value: formatInstant(view.raisedAt, f) },
    { title: 'Urgency', value: URGENCY_LABEL[view.urgency] },
    { title: 'Route', value: ROUTE_LABEL[view.route] },
    { title: 'Status', value: CONCERN_STATUS_LABEL[view.status] },
  ];
  if (view.handler !== undefined) facts.push({ title: 'Handled by', value: view.handler.name });
  const history = view.history.map((e) => {
    const at = formatInstant(e.at, f);
    if (e.status === 'assigned' && e.assignedTo !== undefined) return { text: `Assigned to ${e.assignedTo.name} by ${e.by.name}, ${at}` };
    return { text: `${CONCERN_STATUS_LABEL[e.status]} by ${e.by.name}, ${at}` };
  });
  return {
    concernId: view.concernId,
    category: CATEGORY_LABEL[view.category],
    statusColor: view.status === 'resolved' ? 'good' : view.urgency === 'high' ? 'attention' : 'default',
    facts,
    description: view.description,
    history,
    hasResolution: view.resolution !== undefined && view.resolution !== '',
    resolution: view.resolution !== undefined && view.resolution !== '' ? `Resolution: ${view.resolution}` : '',
  };
}

/** The handler's card: acknowledge, assign, resolve (as the view allows). */
export function presentConcernHandler(view: ConcernView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  const part = formPart([...inputIds(CONCERN_FORMS['concern.assign']), ...inputIds(CONCERN_FORMS['concern.resolve'])], {}, form);
  return spec('concern-psw', {
    ...concernCommon(view, f),
    status: `${CONCERN_STATUS_LABEL[view.status]}, urgency ${URGENCY_LABEL[view.urgency].toLowerCase()}`,
    ...noticeOf(form?.notice),
    ...problemsOf(form, CONCERN_FORMS),
    ...part,
    assignees: peopleChoices(view.assignees, splitIds(part.values.assigneeId)).choices,
    can: {
      acknowledge: view.youCan.acknowledge,
      assign: view.youCan.assign && view.assignees.length > 0,
      resolve: view.youCan.resolve,
    },
  });
}

function concernHeadline(view: ConcernView, f: FormatContext): string {
  const last = view.history[view.history.length - 1];
  if (last === undefined || view.status === 'raised') return 'Raised: waiting to be acknowledged';
  const at = formatInstant(last.at, f);
  if (last.status === 'assigned' && last.assignedTo !== undefined) return `Assigned to ${last.assignedTo.name}, ${at}`;
  return `${CONCERN_STATUS_LABEL[last.status]} by ${last.by.name}, ${at}`;
}

/** What the person who raised a concern hears at every stage. */
export function presentConcernStatus(view: ConcernView, ctx: PresentContext = {}, notice?: string): CardSpec {
  const f = fmt(view.zone, ctx);
  return spec('concern-status', {
    ...concernCommon(view, f),
    headline: concernHeadline(view, f),
    ...noticeOf(notice),
    routeText:
      view.route === 'psw'
        ? 'Sent straight to the Principal Social Worker: the supervisor cannot see it.'
        : `Sent to the supervisor${view.handler !== undefined ? `, ${view.handler.name}` : ''}.`,
  });
}

/** A concern as its viewer should see it: the handler's card when they may act, else its status. */
export function presentConcern(view: ConcernView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const acts = view.youCan.acknowledge || view.youCan.assign || view.youCan.resolve;
  return acts ? presentConcernHandler(view, ctx, form) : presentConcernStatus(view, ctx, form?.notice);
}

export function presentConcernRaise(form?: FormState): CardSpec {
  return spec('concern-raise', { ...problemsOf(form, CONCERN_FORMS), ...formPart(inputIds(CONCERN_FORMS['concern.raise']), {}, form) });
}

function concernRow(c: ConcernSummaryView, f: FormatContext, withRaiser: boolean): ConcernRow {
  const detail = [CONCERN_STATUS_LABEL[c.status], `raised ${formatInstant(c.raisedAt, f)}`];
  if (withRaiser) detail.push(`by ${c.raisedBy.name}`);
  if (c.handler !== undefined && !withRaiser) detail.push(`with ${c.handler.name}`);
  return {
    concernId: c.concernId,
    heading: `${CATEGORY_LABEL[c.category]} · ${URGENCY_LABEL[c.urgency]} urgency`,
    detail: detail.join(' · '),
    color: c.status === 'resolved' ? 'good' : c.urgency === 'high' ? 'attention' : 'default',
  };
}

const STATUS_FILTER_TEXT = { open: 'Open concerns', resolved: 'Resolved concerns', all: 'All concerns, open and resolved' } as const;

export function presentConcernList(view: ConcernListView, ctx: PresentContext = {}, form?: FormState): CardSpec {
  const f = fmt(view.zone, ctx);
  const newest = (list: readonly ConcernSummaryView[]) => [...list].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  const all = newest(view.handling);
  const handling = all.filter((c) => c.status !== 'resolved').slice(0, MAX_CONCERNS_LISTED);
  const closed = all.filter((c) => c.status === 'resolved').slice(0, MAX_CONCERNS_LISTED);
  const raised = [...view.raised]
    .sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.raisedAt.localeCompare(a.raisedAt))
    .slice(0, MAX_CONCERNS_LISTED);
  const hidden = all.length - handling.length - closed.length + (view.raised.length - raised.length);
  const days = view.filter.withinDays;
  return spec('concern-list', {
    filterText: `${STATUS_FILTER_TEXT[view.filter.status]}, raised ${days === undefined ? 'at any time' : days === 365 ? 'in the last year' : `in the last ${days} days`}.`,
    ...problemsOf(form, CONCERN_FORMS),
    ...formPart(inputIds(CONCERN_FORMS['concern.filter']), { concernStatus: view.filter.status, concernAge: days === undefined ? 'any' : String(days) }, form),
    hasHandling: handling.length > 0,
    handling: handling.map((c) => concernRow(c, f, true)),
    hasClosed: closed.length > 0,
    closed: closed.map((c) => concernRow(c, f, true)),
    noneRaised: raised.length === 0,
    raised: raised.map((c) => concernRow(c, f, false)),
    hasMore: hidden > 0,
    more: hidden > 0 ? `${hidden} older concerns are not listed here.` : '',
  });
}
