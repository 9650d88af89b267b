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

async function getJson<T>(path: string, token: TokenSource | null): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  try {
    const response = await call(path, token);
    if (!response.ok) return { ok: false, error: await apiError(response) };
    return { ok: true, value: (await response.json()) as T };
  } catch (error) {
    if (error instanceof SignInFailed) return { ok: false, error: { status: 401, code: 'SIGN_IN_FAILED', message: error.message } };
    return { ok: false, error: { status: 0, code: 'NETWORK', message: error instanceof Error ? error.message : String(error) } };
  }
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
    tables.append(table('All supervision agreements', `Every agreement in ${view.organisationName} that has not ended, most urgent first.`, view.rows, true));
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
  wrap.tabIndex = 0; // scrollable by keyboard on a narrow pane
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', `${title} (scrolls sideways)`);
  const tbl = el('table');
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
    body.append(tr);
  }
  tbl.append(body);
  wrap.append(tbl);
  section.append(wrap);
  return section;
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
      const response = await call(`./api/compliance.csv?${query.toString()}`, token);
      if (!response.ok) {
        const e = await apiError(response);
        error.textContent = messageFor(e);
        if (e.field === 'from' || e.field === 'to') (e.field === 'from' ? from : to).setAttribute('aria-invalid', 'true');
        return;
      }
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'supervision-compliance.csv';
      const url = URL.createObjectURL(await response.blob());
      const a = el('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus(`Downloaded ${name}.`);
    } catch (e) {
      error.textContent = e instanceof SignInFailed ? e.message : messageFor({ status: 0, code: 'NETWORK', message: '' });
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
    body.append(tr);
  }
  section.hidden = false;
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
  await loadDelivery(token);
}

/** getAuthToken failures Teams reports: consent not given is the one an admin must fix. */
function signInFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/consent|invalid_grant|AADSTS65001/i.test(text)) {
    return "Teams couldn't sign you in to Supervision because your organisation hasn't approved the app's sign-in yet. Ask your Microsoft 365 administrator to grant admin consent for the Supervision tab.";
  }
  return "Teams couldn't sign you in to Supervision.";
}

async function main(): Promise<void> {
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
