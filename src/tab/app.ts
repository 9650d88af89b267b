/**
 * The Compliance tab's page script (bundled by esbuild with @microsoft/teams-js; see
 * src/adapters/http/tab.ts). In Teams it signs in silently (app.initialize, then
 * authentication.getAuthToken) and sends that token with every API call; the server decides what
 * the person may see. Outside Teams it offers the local sign-in only when the server says it is
 * running in local mode on this machine.
 *
 * Everything shown is set with textContent (never HTML from data). Dates arrive as calendar dates
 * in the organisation's zone and are shown as such.
 */
import { app, authentication } from '@microsoft/teams-js';
import type { ComplianceRow, ComplianceView, Standing } from '../app/getCompliance';
import type { DeliveryReportView } from '../app/getDeliveryReport';
import type { AgreementDetailView, GroupFigures, TeamFiguresView } from '../app/teamOversight';
import type { NoteListView } from '../app/views';
import { ASYE_REASON_LABELS, asyeSentence } from '../domain/asyeWords';

type TokenSource = () => Promise<string>;

interface ApiError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

interface LocalPerson {
  readonly tenantId: string;
  readonly organisation: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly roles: readonly string[];
}

const LOCAL_TOKEN_KEY = 'supervision.localToken';
const LOCAL_NAME_KEY = 'supervision.localName';
const TEAMS_INIT_TIMEOUT_MS = 10_000;

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing from index.html`);
  return el as T;
};

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className !== undefined) e.className = className;
  return e;
};

// --- formatting ------------------------------------------------------------------------------

/** A calendar date `YYYY-MM-DD` as "Mon 2 Mar 2026"; it is already the organisation's date, so no zone shift. */
export function formatDate(date: string | null, long = false): string {
  if (date === null) return '';
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', {
    weekday: long ? 'long' : 'short',
    day: 'numeric',
    month: long ? 'long' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

const STANDING_TEXT: Readonly<Record<Standing, { symbol: string; word: string }>> = {
  overdue: { symbol: '⚠', word: 'Overdue' },
  due: { symbol: '●', word: 'Due' },
  'on-track': { symbol: '✓', word: 'On track' },
  paused: { symbol: '⏸', word: 'Paused' },
  'not-agreed': { symbol: '…', word: 'Not yet agreed' },
};

function timeEl(date: string | null, empty: string): HTMLElement {
  if (date === null) return el('span', empty, 'sub');
  const t = el('time', formatDate(date));
  t.dateTime = date;
  return t;
}

// --- page states -----------------------------------------------------------------------------

function setStatus(text: string): void {
  const s = byId('status');
  s.textContent = text;
  s.hidden = text === '';
}

function showError(message: string, retry?: () => void): void {
  setStatus('');
  byId('error-text').textContent = message;
  const button = byId<HTMLButtonElement>('retry');
  button.hidden = retry === undefined;
  button.onclick = retry === undefined ? null : () => {
    byId('error').hidden = true;
    retry();
  };
  byId('error').hidden = false;
}

function clearError(): void {
  byId('error').hidden = true;
}

function messageFor(error: ApiError): string {
  switch (error.status) {
    case 401:
      if (error.code === 'SIGN_IN_FAILED') return error.message;
      return `${error.message} If this keeps happening, ask your IT team to check the Supervision app's sign-in set-up.`;
    case 429:
    case 503:
      return error.message;
    case 0:
      return "Supervision can't be reached just now. Check your connection and try again.";
    default:
      return error.message || 'Something went wrong. Please try again.';
  }
}

// --- API -------------------------------------------------------------------------------------

class SignInFailed extends Error {}

/** Throws SignInFailed when no token could be had (Teams refused), other errors when the network failed. */
async function call(path: string, token: TokenSource | null, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== null) {
    let value: string;
    try {
      value = await token();
    } catch (error) {
      throw new SignInFailed(signInFailure(error));
    }
    headers.set('Authorization', `Bearer ${value}`);
  }
  return fetch(path, { ...init, headers, cache: 'no-store', credentials: 'omit' });
}

async function apiError(response: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; field?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: the generic message below
  }
  return {
    status: response.status,
    code: typeof body.code === 'string' ? body.code : 'ERROR',
    message: typeof body.message === 'string' ? body.message : `The server answered ${response.status}.`,
    ...(typeof body.field === 'string' ? { field: body.field } : {}),
  };
}

async function getJson<T>(path: string, token: TokenSource | null, init?: RequestInit): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  try {
    const response = await call(path, token, init);
    if (!response.ok) return { ok: false, error: await apiError(response) };
    return { ok: true, value: (await response.json()) as T };
  } catch (error) {
    if (error instanceof SignInFailed) return { ok: false, error: { status: 401, code: 'SIGN_IN_FAILED', message: error.message } };
    return { ok: false, error: { status: 0, code: 'NETWORK', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Sends a JSON body (a change) and reads the JSON answer. */
function sendJson<T>(path: string, token: TokenSource, method: 'POST' | 'PUT', body: unknown): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  return getJson<T>(path, token, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

// --- sign-in ---------------------------------------------------------------------------------

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Inside Teams (a frame, or the mobile app's web view): the Teams SSO token source, else null. */
async function teamsSignIn(): Promise<TokenSource | null> {
  const framed = window.parent !== window || 'nativeInterface' in window;
  if (!framed) return null;
  try {
    await withTimeout(app.initialize(), TEAMS_INIT_TIMEOUT_MS);
  } catch {
    return null;
  }
  try {
    const context = await app.getContext();
    applyTheme(context.app.theme);
    app.registerOnThemeChangeHandler(applyTheme);
  } catch {
    // the theme is a nicety
  }
  return () => authentication.getAuthToken();
}

function applyTheme(theme: string | undefined): void {
  document.documentElement.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

async function localSignIn(): Promise<TokenSource> {
  const saved = sessionStorage.getItem(LOCAL_TOKEN_KEY);
  if (saved !== null) return localTokenSource(saved, sessionStorage.getItem(LOCAL_NAME_KEY) ?? '');

  setStatus('Loading the people you can sign in as…');
  const people = await getJson<{ people: LocalPerson[] }>('./api/local/people', null);
  if (!people.ok) {
    showError(messageFor(people.error), () => void main());
    return new Promise(() => undefined);
  }
  setStatus('');
  const select = byId<HTMLSelectElement>('local-person');
  select.replaceChildren();
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const p of people.value.people) {
    let group = groups.get(p.organisation);
    if (group === undefined) {
      group = el('optgroup');
      group.label = p.organisation;
      groups.set(p.organisation, group);
      select.append(group);
    }
    const option = el('option', `${p.name} (${p.roles.join(', ')})`);
    option.value = JSON.stringify({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });
    group.append(option);
  }
  if (people.value.people.length === 0) {
    showError('There is nobody in the local data yet. Run `npm run seed:demo` to create the demo organisation, then reload this page.', () => void main());
    return new Promise(() => undefined);
  }
  byId('local-sign-in').hidden = false;
  select.focus();

  return new Promise<TokenSource>((resolve) => {
    byId<HTMLFormElement>('local-sign-in-form').onsubmit = async (event) => {
      event.preventDefault();
      clearError();
      const chosen = JSON.parse(select.value) as { tenantId: string; aadObjectId: string };
      const response = await call('./api/local/sign-in', null, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(chosen),
      }).catch(() => null);
      if (response === null || !response.ok) {
        showError(response === null ? messageFor({ status: 0, code: 'NETWORK', message: '' }) : messageFor(await apiError(response)));
        return;
      }
      const { token, name } = (await response.json()) as { token: string; name: string };
      sessionStorage.setItem(LOCAL_TOKEN_KEY, token);
      sessionStorage.setItem(LOCAL_NAME_KEY, name);
      byId('local-sign-in').hidden = true;
      resolve(localTokenSource(token, name));
    };
  });
}

function localTokenSource(token: string, name: string): TokenSource {
  byId('signed-in-locally-text').textContent = `Signed in locally as ${name}. Local mode only: in Teams everyone is signed in as themselves.`;
  byId('signed-in-locally').hidden = false;
  byId<HTMLButtonElement>('local-sign-out').onclick = () => {
    forgetLocalSignIn();
    void main();
  };
  return () => Promise.resolve(token);
}

function forgetLocalSignIn(): void {
  sessionStorage.removeItem(LOCAL_TOKEN_KEY);
  sessionStorage.removeItem(LOCAL_NAME_KEY);
}

// --- rendering -------------------------------------------------------------------------------

function render(view: ComplianceView, token: TokenSource): void {
  setStatus('');
  byId('context').textContent = `${view.organisationName} · ${view.viewer.name} · figures as of ${formatDate(view.today, true)} (dates in ${view.zone} time)`;

  const totals = byId('totals');
  totals.replaceChildren();
  const t = view.totals;
  for (const [n, label] of [
    [t.overdue, 'overdue'],
    [t.due, 'due now'],
    [t.onTrack, 'on track'],
    [t.paused, 'paused'],
    [t.notAgreed, 'not yet agreed'],
  ] as const) {
    if (n === 0 && (label === 'paused' || label === 'not yet agreed')) continue;
    const li = el('li');
    li.append(el('strong', String(n)), document.createTextNode(label));
    totals.append(li);
  }
  byId('overview').hidden = view.rows.length === 0;

  setUpExport(view, token);
  setUpEvidence(view, token);
  currentToken = token;
  byId('detail').hidden = true;
  if (view.scope === 'organisation') void loadTeams(token, view);
  else byId('teams').hidden = true;
  void loadOwn(token, view);
  renderRows(view, () => true, token);
}

let currentToken: TokenSource | null = null;

function renderRows(view: ComplianceView, keep: (r: ComplianceRow) => boolean, _token: TokenSource): void {
  const tables = byId('tables');
  tables.replaceChildren();
  const empty = byId('empty');
  if (view.rows.length === 0) {
    empty.textContent =
      view.scope === 'organisation'
        ? `No supervision agreements have been set up in ${view.organisationName} yet. Supervisors and admins set them up in the Supervision chat in Teams.`
        : 'You have no supervision agreements yet. When your supervisor sets one up with you, or you supervise someone, it will show here.';
    empty.hidden = false;
    return;
  }
  empty.hidden = true;

  if (view.scope === 'organisation') {
    const rows = view.rows.filter(keep);
    tables.append(table('All supervision agreements', `Every agreement in ${view.organisationName} that has not ended${rows.length < view.rows.length ? ', of the team and supervisor chosen' : ''}, most urgent first.`, rows, true));
  } else {
    const supervising = view.rows.filter((r) => r.relation === 'supervising');
    const own = view.rows.filter((r) => r.relation === 'own');
    if (supervising.length > 0) tables.append(table('People you supervise', 'Most urgent first.', supervising, false));
    if (own.length > 0) tables.append(table('Your own supervision', 'Your agreements as a supervisee.', own, false));
  }
}

function table(title: string, note: string, rows: readonly ComplianceRow[], showSupervisor: boolean): HTMLElement {
  const section = el('section');
  const id = `t-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const h2 = el('h2', title);
  h2.id = id;
  section.setAttribute('aria-labelledby', id);
  section.append(h2);

  const wrap = el('div', undefined, 'table-wrap');
  const tbl = el('table', undefined, 'cards');
  tbl.append(el('caption', `${title}: ${rows.length} ${rows.length === 1 ? 'agreement' : 'agreements'}. ${note}`));

  const columns: [string, string?][] = [
    ['Supervisee'],
    ...(showSupervisor ? ([['Supervisor']] as [string][]) : []),
    ['Status'],
    ['Next due by'],
    ['Last session'],
    ['Periods met', 'number'],
    ['Periods missed', 'number'],
    ['Periods on leave', 'number'],
    ['Short or interrupted sessions', 'number'],
    ['Average quality rating'],
    ['Periods and sessions'],
  ];
  const head = el('thead');
  const headRow = el('tr');
  for (const [label, cls] of columns) {
    const th = el('th', label, cls);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  tbl.append(head);

  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    const who = el('th');
    who.scope = 'row';
    who.append(el('span', r.supervisee.name, 'name'));
    if (r.nqsw) {
      const tag = el('span', 'NQSW', 'tag');
      tag.title = 'Newly qualified social worker (ASYE): weekly, then fortnightly, then monthly supervision';
      who.append(tag);
    }
    if (r.team !== null) who.append(el('span', r.team, 'sub'));
    tr.append(who);

    if (showSupervisor) {
      const sup = el('td', r.supervisor.name);
      if (r.professionalSupervisor !== null) sup.append(el('span', `Professional supervisor: ${r.professionalSupervisor.name}`, 'sub'));
      tr.append(sup);
    }

    const status = el('td');
    const s = STANDING_TEXT[r.standing];
    const badge = el('span', undefined, `standing standing-${r.standing}`);
    const symbol = el('span', `${s.symbol} `);
    symbol.setAttribute('aria-hidden', 'true');
    badge.append(symbol, document.createTextNode(s.word));
    status.append(badge);
    if (r.standing === 'overdue' && r.overdueSince !== null) status.append(el('span', `since ${formatDate(r.overdueSince)}`, 'sub'));
    tr.append(status);

    const due = el('td');
    due.append(timeEl(r.nextDueBy, 'Nothing due'));
    if (r.periodStart !== null && r.nextDueBy !== null) due.append(el('span', `period from ${formatDate(r.periodStart)}`, 'sub'));
    tr.append(due);

    const last = el('td');
    last.append(timeEl(r.lastSessionOn, 'None yet'));
    tr.append(last);

    for (const n of [r.met, r.missed, r.excused, r.short]) tr.append(el('td', String(n), 'number'));

    tr.append(el('td', r.averageRating === null ? 'No ratings yet' : `${r.averageRating.toFixed(1)} out of 5 (${r.rated} ${r.rated === 1 ? 'rating' : 'ratings'})`));
    const open = el('button', 'Details', 'link');
    open.type = 'button';
    open.setAttribute('aria-label', `Details of ${r.supervisee.name}'s agreement`);
    open.onclick = () => void showDetail(r.agreementId, open);
    const action = el('td');
    action.append(open);
    tr.append(action);
    labelCells(tr, columns.map(([label]) => label));
    body.append(tr);
  }
  tbl.append(body);
  wrap.append(tbl);
  section.append(wrap);
  return section;
}

/** Each cell names its column, shown before it when a narrow screen lays the rows out as cards. */
function labelCells(tr: HTMLTableRowElement, labels: readonly string[]): void {
  Array.from(tr.children).forEach((cell, i) => (cell as HTMLElement).setAttribute('data-label', labels[i] ?? ''));
}

/** A table that becomes a list of cards on a narrow screen (no sideways scrolling); `rows[i][0]` heads its row. */
function cardTable(caption: string, columns: readonly (readonly [string, 'number'?])[], rows: readonly (readonly (string | number | null)[])[]): HTMLElement {
  const wrap = el('div', undefined, 'table-wrap');
  const tbl = el('table', undefined, 'cards compact');
  tbl.append(el('caption', caption));
  const head = el('thead');
  const headRow = el('tr');
  for (const [label, cls] of columns) {
    const th = el('th', label, cls);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((value, i) => {
      const text = value === null ? '–' : String(value);
      if (i === 0) {
        const th = el('th', text);
        th.scope = 'row';
        tr.append(th);
      } else tr.append(el('td', text, columns[i]?.[1]));
    });
    labelCells(tr, columns.map(([label]) => label));
    body.append(tr);
  }
  tbl.append(head, body);
  wrap.append(tbl);
  return wrap;
}

const percentText = (n: number | null): string | null => (n === null ? null : `${n}%`);
const qualityText = (g: { averageQuality: number | null; rated: number }): string => (g.averageQuality === null ? 'No ratings' : `${g.averageQuality.toFixed(1)} (${g.rated})`);

const GROUP_COLUMNS = [
  ['Group'],
  ['Periods required', 'number'],
  ['Met', 'number'],
  ['Missed', 'number'],
  ['Excused (leave)', 'number'],
  ['Frequency met', 'number'],
  ['Sessions under 90 minutes or interrupted', 'number'],
  ['Average quality (ratings)', 'number'],
] as const;

const groupRow = (g: GroupFigures, label = g.label) => [label, g.required, g.met, g.missed, g.excused, percentText(g.frequencyMet), g.short, qualityText(g)];

const monthName = (m: string): string => {
  const [y, mo] = m.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, 1)));
};

/** The 12-month trend of frequency met: bars with their figure written on them, and the same figures in a table. */
function trendChart(trend: TeamFiguresView['trend']): HTMLElement {
  const figure = el('figure', undefined, 'trend');
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const w = 600;
  const h = 220;
  const barW = w / trend.length;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', 'trend-caption');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  trend.forEach((m, i) => {
    const pct = m.frequencyMet ?? 0;
    const barH = Math.round((pct / 100) * 160);
    const x = i * barW + 6;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', String(x));
    rect.setAttribute('y', String(180 - barH));
    rect.setAttribute('width', String(barW - 12));
    rect.setAttribute('height', String(barH));
    rect.setAttribute('class', 'bar');
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', String(x + (barW - 12) / 2));
    value.setAttribute('y', String(176 - barH));
    value.setAttribute('text-anchor', 'middle');
    value.textContent = m.frequencyMet === null ? '–' : `${m.frequencyMet}%`;
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(x + (barW - 12) / 2));
    label.setAttribute('y', '200');
    label.setAttribute('text-anchor', 'middle');
    label.textContent = monthName(m.month).split(' ')[0];
    svg.append(rect, value, label);
  });
  const caption = el('figcaption', `Frequency met by month, all the teams chosen: ${trend.map((m) => `${monthName(m.month)} ${m.frequencyMet === null ? 'nothing required' : `${m.frequencyMet}%`}`).join(', ')}. The same figures are in the table below.`);
  caption.id = 'trend-caption';
  figure.append(svg, caption);
  return figure;
}

/** `chosen`: the person chose a filter (then the agreement list follows it; on the first load it is already whole). */
async function loadTeams(token: TokenSource, view: ComplianceView, team = '', supervisorId = '', chosen = false): Promise<void> {
  const section = byId('teams');
  section.hidden = false;
  const error = byId('teams-error');
  error.textContent = '';
  const query = new URLSearchParams({ team, supervisorId });
  const got = await getJson<TeamFiguresView>(`./api/teams?${query.toString()}`, token);
  if (!got.ok) {
    error.textContent = messageFor(got.error);
    return;
  }
  const t = got.value;
  const teamSelect = byId<HTMLSelectElement>('teams-team');
  const supSelect = byId<HTMLSelectElement>('teams-supervisor');
  const options = (select: HTMLSelectElement, all: string, items: readonly { value: string; text: string }[], chosen: string) => {
    select.replaceChildren();
    for (const item of [{ value: '', text: all }, ...items]) {
      const o = el('option', item.text);
      o.value = item.value;
      o.selected = item.value === chosen;
      select.append(o);
    }
  };
  options(teamSelect, 'Every team', t.teams.map((x) => ({ value: x, text: x })), t.team ?? '');
  options(supSelect, 'Every supervisor', t.supervisors.map((p) => ({ value: p.id, text: p.name })), t.supervisor?.id ?? '');
  byId<HTMLFormElement>('teams-form').onsubmit = (event) => {
    event.preventDefault();
    void loadTeams(token, view, teamSelect.value, supSelect.value, true);
  };

  const filter = [t.team === null ? 'every team' : `team ${t.team}`, t.supervisor === null ? 'every supervisor' : `supervisor ${t.supervisor.name}`].join(', ');
  const body = byId('teams-body');
  body.replaceChildren(
    el('p', `${monthName(t.fromMonth)} to ${monthName(t.toMonth)}; ${filter}.`, 'sub'),
    cardTable('Figures by team', GROUP_COLUMNS, t.byTeam.map((g) => groupRow(g))),
    cardTable('Figures for newly qualified (NQSW) and experienced social workers', GROUP_COLUMNS, t.byExperience.map((g) => groupRow(g))),
    el('h3', 'Frequency met over twelve months'),
    trendChart(t.trend),
    cardTable('The trend, month by month', [['Month'], ...GROUP_COLUMNS.slice(1)], t.trend.map((m) => groupRow(m, monthName(m.month)))),
  );
  // The digest's "Teams and trend" button opens the tab at #teams.
  if (!chosen && location.hash === '#teams') byId('teams-title').scrollIntoView();
  // The agreement list follows the same filter.
  if (chosen) renderRows(view, (r) => (t.team === null || (r.team ?? 'No team') === t.team) && (t.supervisor === null || r.supervisor.id === t.supervisor.id), token);
}

const PERIOD_WORDS: Readonly<Record<AgreementDetailView['periods'][number]['status'], string>> = {
  met: '✓ Met',
  missed: '⚠ Missed',
  excused: '⏸ Excused (leave)',
  due: '● In progress',
  upcoming: 'Not started',
};

function detailBody(d: AgreementDetailView, own: boolean): HTMLElement[] {
  const facts = el('dl', undefined, 'facts');
  const fact = (k: string, v: string) => facts.append(el('dt', k), el('dd', v));
  if (!own) fact('Supervisee', `${d.supervisee.name}${d.nqsw ? ' (NQSW)' : ''}`);
  fact('Supervisor', d.supervisor.name);
  if (d.team !== null) fact('Team', d.team);
  fact('Agreed from', formatDate(d.agreementStart));
  fact('Periods', `${d.totals.met} met, ${d.totals.missed} missed, ${d.totals.excused} excused (leave)`);
  if (d.asye !== null) fact('ASYE', asyeSentence(d.asye, formatDate));
  return [
    facts,
    ...asyeParts(d, own),
    cardTable(
      own ? 'Your required periods, newest first' : 'Required periods, newest first',
      [['Period'], ['Last day'], ['Status'], ['Met on']],
      d.periods.map((p) => [`From ${formatDate(p.start)}`, formatDate(p.lastDay), PERIOD_WORDS[p.status], p.metOn === null ? null : formatDate(p.metOn)]),
    ),
    d.sessions.length === 0
      ? el('p', 'No session held yet.')
      : cardTable(
          own ? 'Your sessions, newest first' : 'Sessions held, newest first',
          [['Date'], ['Minutes', 'number'], ['Uninterrupted'], ['Counts (90+ minutes, uninterrupted)'], ['Supervisor'], ['Rating (1-5)', 'number']],
          d.sessions.map((s) => [formatDate(s.date), s.minutes, s.uninterrupted ? 'Yes' : 'No: interrupted', s.qualifying ? 'Yes' : 'No', s.supervisor.name, s.rating === null ? 'Not rated' : s.rating]),
        ),
  ];
}

type AsyeView = NonNullable<AgreementDetailView['asye']>;

/** The reasons as the form and the extensions table offer them: the log's labels, the panel named. */
const ASYE_REASON_OPTIONS: Readonly<Record<AsyeView['extensions'][number]['reason'], string>> = {
  ...ASYE_REASON_LABELS,
  assessment: `${ASYE_REASON_LABELS.assessment} (panel decision)`,
};


/** An NQSW's extensions, and for the PSW and admins the form to record one. */
function asyeParts(d: AgreementDetailView, own: boolean): HTMLElement[] {
  if (d.asye === null) return [];
  const parts: HTMLElement[] = [];
  if (d.asye.extensions.length > 0) {
    parts.push(
      cardTable(
        'ASYE extensions',
        [['Recorded on'], ['New end'], ['Reason'], ['Note'], ['Recorded by']],
        d.asye.extensions.map((x) => [formatDate(x.recordedOn), formatDate(x.newEnd), ASYE_REASON_OPTIONS[x.reason], x.note, x.recordedBy.name]),
      ),
    );
  }
  if (!own && d.canRecordAsyeExtension) parts.push(asyeExtensionForm(d, d.asye));
  return parts;
}

/** A labelled field with its own error line; returns the wrapper, the control and the error line. */
function labelledField<C extends HTMLElement>(id: string, label: string, control: C, hint?: string): { field: HTMLElement; control: C; error: HTMLElement } {
  const field = el('div', undefined, 'field');
  const l = el('label', label);
  l.htmlFor = id;
  control.id = id;
  const error = el('p', undefined, 'field-error');
  error.id = `${id}-error`;
  const described = [error.id];
  field.append(l);
  if (hint !== undefined) {
    const h = el('span', hint, 'sub');
    h.id = `${id}-hint`;
    described.unshift(h.id);
    field.append(h);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  field.append(control, error);
  return { field, control, error };
}

function asyeExtensionForm(d: AgreementDetailView, asye: AsyeView): HTMLElement {
  const form = el('form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'asye-extension-title');
  const title = el('h3', 'Record an extension of the ASYE');
  title.id = 'asye-extension-title';
  const newEnd = el('input');
  newEnd.type = 'date';
  const end = labelledField('asye-new-end', 'New end of the ASYE', newEnd, `After its current end, ${formatDate(asye.currentEnd)}.`);
  const reasonSelect = el('select');
  for (const [value, words] of Object.entries(ASYE_REASON_OPTIONS)) {
    const o = el('option', words);
    o.value = value;
    reasonSelect.append(o);
  }
  const reason = labelledField('asye-reason', 'Reason', reasonSelect);
  const noteInput = el('input');
  noteInput.type = 'text';
  noteInput.maxLength = 200;
  const note = labelledField('asye-note', 'Note for the portfolio (optional)', noteInput, 'Up to 200 characters, for example "parental leave, four months".');
  const general = el('p', undefined, 'field-error');
  general.setAttribute('role', 'alert');
  const button = el('button', 'Record the extension');
  button.type = 'submit';
  form.append(title, end.field, reason.field, note.field, button, general);
  const fields: Readonly<Record<string, { control: HTMLElement; error: HTMLElement }>> = { newEnd: end, reason, note };

  form.onsubmit = async (event) => {
    event.preventDefault();
    const token = currentToken;
    if (token === null) return;
    general.textContent = '';
    for (const f of Object.values(fields)) {
      f.error.textContent = '';
      f.control.removeAttribute('aria-invalid');
    }
    button.disabled = true;
    const saved = await sendJson<AgreementDetailView>('./api/asye-extension', token, 'POST', {
      agreementId: d.agreementId,
      newEnd: newEnd.value,
      reason: reasonSelect.value,
      note: noteInput.value,
    });
    button.disabled = false;
    if (!saved.ok) {
      // Next to the field at fault, keeping what was typed; focus goes there.
      const at = saved.error.field === undefined ? undefined : fields[saved.error.field];
      if (at === undefined) general.textContent = messageFor(saved.error);
      else {
        at.error.textContent = messageFor(saved.error);
        at.control.setAttribute('aria-invalid', 'true');
        at.control.focus();
      }
      return;
    }
    const view = saved.value;
    byId('detail-body').replaceChildren(...detailBody(view, false));
    setStatus(`ASYE extension recorded: ${view.supervisee.name}'s ASYE now ends on ${formatDate(view.asye?.currentEnd ?? null, true)}.`);
    byId('detail-title').focus();
  };
  const section = el('div', undefined, 'asye-extension');
  section.append(form);
  return section;
}

async function showDetail(agreementId: string, from: HTMLElement): Promise<void> {
  const token = currentToken;
  if (token === null) return;
  const got = await getJson<AgreementDetailView>(`./api/agreement?${new URLSearchParams({ agreementId }).toString()}`, token);
  if (!got.ok) {
    showError(messageFor(got.error));
    return;
  }
  const d = got.value;
  const section = byId('detail');
  byId('detail-title').textContent = `Agreement: ${d.supervisee.name}`;
  byId('detail-body').replaceChildren(...detailBody(d, false));
  section.hidden = false;
  byId('detail-title').focus();
  byId<HTMLButtonElement>('detail-close').onclick = () => {
    section.hidden = true;
    from.focus();
  };
}

async function loadOwn(token: TokenSource, view: ComplianceView): Promise<void> {
  const own = view.rows.filter((r) => r.relation === 'own');
  const section = byId('own');
  section.hidden = own.length === 0;
  if (own.length === 0) return;
  // Every agreement's detail and the notes at once: the section waits for the slowest, not the sum.
  const [details, notes] = await Promise.all([
    Promise.all(own.map((r) => getJson<AgreementDetailView>(`./api/agreement?${new URLSearchParams({ agreementId: r.agreementId }).toString()}`, token))),
    getJson<NoteListView>('./api/notes', token),
  ]);
  byId('own-body').replaceChildren(...details.flatMap((got) => (got.ok ? detailBody(got.value, true) : [el('p', messageFor(got.error), 'field-error')])));
  const list = byId('own-notes');
  list.replaceChildren();
  if (!notes.ok) list.append(el('li', messageFor(notes.error)));
  else if (notes.value.notes.length === 0) list.append(el('li', 'No reflective notes yet.'));
  else
    for (const n of notes.value.notes) {
      const title = `Reflective note of ${formatDate(n.createdAt.slice(0, 10))}${n.cpdTag ? `: ${n.cpdTag}` : ''}`;
      list.append(el('li', `${title} (${n.visibility === 'shared' && n.sharedWith ? `shared with ${n.sharedWith.name}` : 'private'})`));
    }
}

function setUpExport(view: ComplianceView, token: TokenSource): void {
  const section = byId('export');
  section.hidden = !view.canExport;
  if (!view.canExport) return;
  const from = byId<HTMLInputElement>('export-from');
  const to = byId<HTMLInputElement>('export-to');
  const [y, m, d] = view.today.split('-').map(Number);
  const yearAgo = new Date(Date.UTC(y - 1, m - 1, d + 1)).toISOString().slice(0, 10);
  if (to.value === '') to.value = view.today;
  if (from.value === '') from.value = yearAgo;
  to.max = view.today;
  from.max = view.today;
  const error = byId('export-error');
  const button = byId<HTMLButtonElement>('export-button');

  byId<HTMLFormElement>('export-form').onsubmit = async (event) => {
    event.preventDefault();
    error.textContent = '';
    from.removeAttribute('aria-invalid');
    to.removeAttribute('aria-invalid');
    if (from.value === '' || to.value === '') {
      error.textContent = 'Choose both the first and the last day of the export.';
      (from.value === '' ? from : to).setAttribute('aria-invalid', 'true');
      return;
    }
    button.disabled = true;
    button.textContent = 'Preparing…';
    try {
      const query = new URLSearchParams({ from: from.value, to: to.value });
      const got = await downloadFile(`./api/compliance.csv?${query.toString()}`, token, 'supervision-compliance.csv');
      if (!got.ok) {
        error.textContent = messageFor(got.error);
        if (got.error.field === 'from' || got.error.field === 'to') (got.error.field === 'from' ? from : to).setAttribute('aria-invalid', 'true');
        return;
      }
      setStatus(`Downloaded ${got.name}.`);
    } finally {
      button.disabled = false;
      button.textContent = 'Download CSV';
    }
  };
}

// --- delivery (admins) -------------------------------------------------------------------------

/** The admins' delivery report; the server answers 403 to anyone else, and the section stays hidden. */
async function loadDelivery(token: TokenSource): Promise<void> {
  const section = byId('delivery');
  const got = await getJson<DeliveryReportView>('./api/delivery', token);
  if (!got.ok) {
    section.hidden = true;
    return;
  }
  const { backlog, days } = got.value;
  byId('delivery-backlog').textContent =
    backlog.waiting === 0
      ? 'Nothing is waiting to be sent.'
      : `${backlog.waiting} waiting to be sent, ${backlog.due} of them due now` +
        (backlog.oldestDueAt === null ? '.' : ` (the oldest due since ${new Date(backlog.oldestDueAt).toLocaleString('en-GB', { timeZone: got.value.zone })}).`);
  const body = byId('delivery-table').querySelector('tbody') as HTMLTableSectionElement;
  body.replaceChildren();
  if (days.length === 0) {
    const tr = el('tr');
    const td = el('td', 'No messages in the last two weeks.');
    td.setAttribute('colspan', '5');
    tr.append(td);
    body.append(tr);
  }
  for (const d of days) {
    const tr = el('tr');
    const th = el('th', formatDate(d.day, true));
    th.setAttribute('scope', 'row');
    tr.append(th, el('td', String(d.sent)), el('td', String(d.retried)), el('td', String(d.failed)), el('td', String(d.unreachable)));
    // Named cells: on a narrow screen the rows are cards.
    labelCells(tr, ['Day', 'Sent', 'Retried', 'Failed', 'Unreachable']);
    body.append(tr);
  }
  section.hidden = false;
}

/** Fetches a file from the API and hands it to the browser as a download; the server names it. */
async function downloadFile(path: string, token: TokenSource, fallbackName: string): Promise<{ ok: true; name: string } | { ok: false; error: ApiError }> {
  let response: Response;
  try {
    response = await call(path, token);
  } catch (e) {
    return { ok: false, error: e instanceof SignInFailed ? { status: 401, code: 'SIGN_IN_FAILED', message: e.message } : { status: 0, code: 'NETWORK', message: '' } };
  }
  if (!response.ok) return { ok: false, error: await apiError(response) };
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, name };
}

/**
 * A form whose submit buttons each download a file (their `value` says which format); errors are
 * shown in `errorId` and mark the field the server names.
 */
function downloadForm(formId: string, errorId: string, token: TokenSource, path: (format: string) => string | null, fields: Readonly<Record<string, HTMLElement>> = {}): void {
  const form = byId<HTMLFormElement>(formId);
  const error = byId(errorId);
  form.onsubmit = async (event) => {
    event.preventDefault();
    error.textContent = '';
    for (const f of Object.values(fields)) f.removeAttribute('aria-invalid');
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const target = path(submitter?.value ?? 'csv');
    if (target === null) return;
    const buttons = Array.from(form.querySelectorAll('button'));
    for (const b of buttons) b.disabled = true;
    try {
      const got = await downloadFile(target, token, 'supervision-export');
      if (!got.ok) {
        error.textContent = messageFor(got.error);
        if (got.error.field !== undefined) fields[got.error.field]?.setAttribute('aria-invalid', 'true');
        return;
      }
      setStatus(`Downloaded ${got.name}.`);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };
}

// --- evidence exports, audit log, retention ---------------------------------------------------

interface NoteSummary {
  readonly noteId: string;
  readonly createdAt: string;
  readonly cpdTag?: string;
  readonly preview: string;
}

interface CpdDraftView {
  readonly title: string;
  readonly type: string;
  readonly date: string;
  readonly descriptionAndRelevance: string;
  readonly whatWasLearnt: string;
  readonly impactOnPractice: string;
  readonly peerReflection: string;
  readonly text: string;
}

interface AuditLineView {
  readonly at: string;
  readonly what: string;
  readonly actor: { readonly name: string };
  readonly subjects: readonly { readonly name: string }[];
  readonly moreSubjects: boolean;
  readonly detail: Readonly<Record<string, string | number | undefined>>;
}

interface RetentionViewData {
  readonly kinds: readonly { readonly kind: string; readonly label: string; readonly years: number }[];
  readonly holds: readonly { readonly person: { readonly id: string; readonly name: string }; readonly placedOn: string; readonly placedBy: { readonly name: string } }[];
  readonly people: readonly { readonly id: string; readonly name: string }[];
  readonly canEdit: boolean;
}

function setUpEvidence(view: ComplianceView, token: TokenSource): void {
  const organisation = view.scope === 'organisation';
  byId('evidence').hidden = false;

  byId('health-check').hidden = !organisation;
  if (organisation) {
    const from = byId<HTMLInputElement>('hc-from');
    const to = byId<HTMLInputElement>('hc-to');
    const [y, m] = view.today.split('-').map(Number);
    if (to.value === '') to.value = view.today.slice(0, 7);
    if (from.value === '') from.value = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 7);
    to.max = view.today.slice(0, 7);
    downloadForm('health-check-form', 'hc-error', token, (format) => {
      if (from.value === '' || to.value === '') {
        byId('hc-error').textContent = 'Choose the first and the last month.';
        return null;
      }
      return `./api/health-check?${new URLSearchParams({ fromMonth: from.value, toMonth: to.value, format }).toString()}`;
    }, { fromMonth: from, toMonth: to });
  }

  const nqsws = view.rows.filter((r) => r.nqsw);
  byId('asye').hidden = nqsws.length === 0;
  const select = byId<HTMLSelectElement>('asye-person');
  select.replaceChildren(...nqsws.map((r) => {
    const o = el('option', r.relation === 'own' ? `${r.supervisee.name} (you)` : r.supervisee.name);
    o.value = r.supervisee.id;
    return o;
  }));
  downloadForm('asye-form', 'asye-error', token, (format) => `./api/asye-log?${new URLSearchParams({ personId: select.value, format }).toString()}`, { personId: select });

  setUpCpd(token);
  byId('subject-access').hidden = true;
  byId('audit').hidden = !organisation;
  byId('retention').hidden = !organisation;
  if (organisation) {
    setUpAudit(view, token);
    void loadRetention(token);
  }
}

function setUpCpd(token: TokenSource): void {
  const select = byId<HTMLSelectElement>('cpd-note');
  const error = byId('cpd-error');
  byId<HTMLButtonElement>('cpd-load').onclick = async () => {
    error.textContent = '';
    const got = await getJson<{ notes: NoteSummary[] }>('./api/notes', token);
    if (!got.ok) {
      error.textContent = messageFor(got.error);
      return;
    }
    if (got.value.notes.length === 0) {
      error.textContent = 'You have no reflective notes yet. Write one in the Supervision chat (type "reflect").';
      return;
    }
    select.replaceChildren(...got.value.notes.map((n) => {
      const o = el('option', `${formatDate(n.createdAt.slice(0, 10))}${n.cpdTag === undefined ? '' : ` · ${n.cpdTag}`} · ${n.preview}`);
      o.value = n.noteId;
      return o;
    }));
    byId('cpd-form').hidden = false;
    select.focus();
  };
  byId<HTMLFormElement>('cpd-form').onsubmit = async (event) => {
    event.preventDefault();
    error.textContent = '';
    const got = await getJson<CpdDraftView>(`./api/cpd-draft?${new URLSearchParams({ noteId: select.value }).toString()}`, token);
    if (!got.ok) {
      error.textContent = messageFor(got.error);
      return;
    }
    const d = got.value;
    const fields = byId('cpd-fields');
    fields.replaceChildren();
    for (const [term, value] of [
      ['Title', d.title],
      ['Type of CPD', d.type],
      ['Date', formatDate(d.date, true)],
      ['Description and relevance to my practice', d.descriptionAndRelevance],
      ['What I learnt', d.whatWasLearnt],
      ['Impact on my practice', d.impactOnPractice],
      ['Peer reflection', d.peerReflection],
    ] as const) fields.append(el('dt', term), el('dd', value));
    byId<HTMLTextAreaElement>('cpd-text').value = d.text;
    byId('cpd-draft').hidden = false;
  };
  byId<HTMLButtonElement>('cpd-copy').onclick = async () => {
    const text = byId<HTMLTextAreaElement>('cpd-text');
    try {
      await navigator.clipboard.writeText(text.value);
      setStatus('The CPD draft is copied.');
    } catch {
      text.select();
      setStatus('Select the draft and copy it (Ctrl+C).');
    }
  };
}

function setUpAudit(view: ComplianceView, token: TokenSource): void {
  const from = byId<HTMLInputElement>('audit-from');
  const to = byId<HTMLInputElement>('audit-to');
  const [y, m, d] = view.today.split('-').map(Number);
  if (to.value === '') to.value = view.today;
  if (from.value === '') from.value = new Date(Date.UTC(y, m - 1, d - 29)).toISOString().slice(0, 10);
  to.max = view.today;
  const error = byId('audit-error');
  const query = () => new URLSearchParams({ from: from.value, to: to.value }).toString();
  byId<HTMLFormElement>('audit-form').onsubmit = async (event) => {
    event.preventDefault();
    error.textContent = '';
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === 'csv') {
      const got = await downloadFile(`./api/audit.csv?${query()}`, token, 'supervision-audit-log.csv');
      if (got.ok) setStatus(`Downloaded ${got.name}.`);
      else error.textContent = messageFor(got.error);
      return;
    }
    const got = await getJson<{ lines: AuditLineView[]; truncated: boolean }>(`./api/audit?${query()}`, token);
    if (!got.ok) {
      error.textContent = messageFor(got.error);
      return;
    }
    const box = byId('audit-table');
    box.replaceChildren();
    if (got.value.lines.length === 0) {
      box.append(el('p', 'Nothing was recorded in those dates.'));
      return;
    }
    const tbl = el('table');
    tbl.append(el('caption', `Audit log: ${got.value.lines.length} records, newest first${got.value.truncated ? ' (only the newest; choose fewer days to see the rest)' : ''}.`));
    const head = el('tr');
    for (const h of ['When', 'Who', 'What', 'Whose data', 'Details']) {
      const th = el('th', h);
      th.scope = 'col';
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const l of got.value.lines) {
      const tr = el('tr');
      const when = el('td');
      const t = el('time', new Date(l.at).toLocaleString('en-GB'));
      t.dateTime = l.at;
      when.append(t);
      const details = Object.entries(l.detail)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ');
      tr.append(when, el('td', l.actor.name), el('td', l.what), el('td', l.subjects.map((s) => s.name).join(', ') + (l.moreSubjects ? ' and others' : '')), el('td', details));
      body.append(tr);
    }
    tbl.append(thead, body);
    const wrap = el('div', undefined, 'table-wrap');
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', 'Audit log (scrolls sideways)');
    wrap.append(tbl);
    box.append(wrap);
  };
}

async function loadRetention(token: TokenSource, shown?: RetentionViewData): Promise<void> {
  const error = byId('retention-error');
  let data = shown;
  if (data === undefined) {
    const got = await getJson<RetentionViewData>('./api/retention', token);
    if (!got.ok) {
      error.textContent = messageFor(got.error);
      return;
    }
    data = got.value;
  }
  byId('subject-access').hidden = !data.canEdit;
  if (data.canEdit) {
    const email = byId<HTMLInputElement>('sa-email');
    downloadForm('subject-access-form', 'sa-error', token, () => {
      if (email.value.trim() === '') {
        byId('sa-error').textContent = 'Enter the email address of the person.';
        email.setAttribute('aria-invalid', 'true');
        return null;
      }
      return `./api/subject-access?${new URLSearchParams({ email: email.value.trim() }).toString()}`;
    }, { email });
  }
  const body = byId('retention-body');
  body.replaceChildren();
  const save = async (change: Record<string, unknown>) => {
    error.textContent = '';
    const saved = await sendJson<RetentionViewData>('./api/retention', token, 'PUT', change);
    if (!saved.ok) {
      error.textContent = messageFor(saved.error);
      return;
    }
    setStatus('Retention settings saved.');
    await loadRetention(token, saved.value);
  };

  const form = el('form');
  form.noValidate = true;
  for (const k of data.kinds) {
    const field = el('div', undefined, 'field');
    const label = el('label', `${k.label}: years`);
    label.htmlFor = `retention-${k.kind}`;
    const input = el('input');
    input.type = 'number';
    input.id = `retention-${k.kind}`;
    input.min = '1';
    input.max = '50';
    input.value = String(k.years);
    input.readOnly = !data.canEdit;
    input.setAttribute('aria-describedby', 'retention-error');
    field.append(label, input);
    form.append(field);
  }
  if (data.canEdit) {
    form.append(el('button', 'Save the years'));
    form.onsubmit = (event) => {
      event.preventDefault();
      const years: Record<string, number> = {};
      for (const k of data.kinds) years[k.kind] = Number(byId<HTMLInputElement>(`retention-${k.kind}`).value);
      void save({ years });
    };
  }
  body.append(form);

  body.append(el('h3', 'Legal holds'));
  const list = el('ul');
  if (data.holds.length === 0) list.append(el('li', 'Nobody is under a legal hold.'));
  for (const h of data.holds) {
    const li = el('li', `${h.person.name}, since ${formatDate(h.placedOn)} (placed by ${h.placedBy.name}) `);
    if (data.canEdit) {
      const release = el('button', `Release the hold on ${h.person.name}`);
      release.type = 'button';
      release.onclick = () => void save({ releaseHold: h.person.id });
      li.append(release);
    }
    list.append(li);
  }
  body.append(list);
  if (data.canEdit) {
    const hold = el('form');
    hold.noValidate = true;
    const field = el('div', undefined, 'field');
    const label = el('label', 'Place a legal hold on');
    label.htmlFor = 'hold-person';
    const select = el('select');
    select.id = 'hold-person';
    select.append(...data.people.filter((p) => !data.holds.some((h) => h.person.id === p.id)).map((p) => {
      const o = el('option', p.name);
      o.value = p.id;
      return o;
    }));
    field.append(label, select);
    hold.append(field, el('button', 'Place the hold'));
    hold.onsubmit = (event) => {
      event.preventDefault();
      void save({ placeHold: select.value });
    };
    body.append(hold);
  }
}

// --- start -----------------------------------------------------------------------------------

async function load(token: TokenSource, local: boolean): Promise<void> {
  setStatus('Loading compliance…');
  clearError();
  const got = await getJson<ComplianceView>('./api/compliance', token);
  if (!got.ok) {
    if (local && got.error.status === 401) {
      // The local sign-in lasts for the server's lifetime: after a restart, choose again.
      forgetLocalSignIn();
      void main();
      return;
    }
    showError(messageFor(got.error), () => void load(token, local));
    return;
  }
  render(got.value, token);
  if (got.value.canSeeDelivery) await loadDelivery(token);
  else byId('delivery').hidden = true;
}

/** getAuthToken failures Teams reports: consent not given is the one an admin must fix. */
function signInFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/consent|invalid_grant|AADSTS65001/i.test(text)) {
    return "Teams couldn't sign you in to Supervision because your organisation hasn't approved the app's sign-in yet. Ask your Microsoft 365 administrator to grant admin consent for the Supervision tab.";
  }
  return "Teams couldn't sign you in to Supervision.";
}

/** Nothing of the previous person's view stays on the page while someone else signs in. */
function clearView(): void {
  for (const id of ['overview', 'export', 'teams', 'detail', 'own', 'delivery', 'evidence', 'audit', 'retention', 'empty']) byId(id).hidden = true;
  byId('tables').replaceChildren();
}

async function main(): Promise<void> {
  clearView();
  clearError();
  byId('local-sign-in').hidden = true;
  byId('signed-in-locally').hidden = true;
  setStatus('Signing you in…');
  const options = await getJson<{ sso: boolean; localSignIn: boolean }>('./api/sign-in-options', null);
  if (!options.ok) {
    showError(messageFor(options.error), () => void main());
    return;
  }
  const teams = options.value.sso ? await teamsSignIn() : null;
  if (teams !== null) {
    await load(teams, false);
    return;
  }
  if (options.value.localSignIn) {
    const token = await localSignIn();
    await load(token, true);
    return;
  }
  showError(
    options.value.sso
      ? 'Open this page from the Compliance tab of the Supervision app in Microsoft Teams.'
      : "Sign-in for this tab isn't set up on the server yet (TAB_SSO_CLIENT_ID). Ask your IT team.",
  );
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void main());
  else void main();
}
