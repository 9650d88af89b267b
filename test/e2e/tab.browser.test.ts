/**
 * The Compliance tab in a real browser: Debian Chromium (headless, kept off the network), driven by
 * playwright-core, loads /tab/ from the REAL app (src/main.ts startApp, the embedded Cosmos store, the
 * demo organisation of `npm run seed:demo`) in local mode, signs in with the local-only sign-in, and
 * reads the table a manager would read; the PSW downloads the health-check CSV. Screenshots go to
 * test-artifacts/tab/.
 *
 * Without Chromium the suite is skipped locally and fails in CI (CI=true).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import type { ComplianceView } from '../../src/app/getCompliance';
import type { DeliveryReportView } from '../../src/app/getDeliveryReport';
import { launchChromium, requireChromium, type LaunchedChromium } from '../support/chromium';
import type { BotApp } from './botApp';
import { signInAs, startDemoApp } from './tabPage';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/tab');

/** What the API says for the signed-in person (the page's own token, from its session storage). */
function apiView(page: Page): Promise<ComplianceView> {
  return page.evaluate(async () => {
    const token = sessionStorage.getItem('supervision.localToken');
    const res = await fetch('./api/compliance', { headers: { authorization: `Bearer ${token ?? ''}` } });
    return (await res.json()) as ComplianceView;
  });
}

/** The table's rows as a person reads them: header text -> cell text, and `name`: the supervisee's name alone. */
async function tableRows(page: Page, title: string): Promise<Record<string, string>[]> {
  const table = page.getByRole('table', { name: new RegExp(`^${title}:`) });
  await table.waitFor();
  const headers = await table.locator('thead th').allInnerTexts();
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = await row.locator('th, td').allInnerTexts();
      const name = await row.getByRole('rowheader').locator('.name').innerText();
      return { name, ...Object.fromEntries(headers.map((h, i) => [h, cells[i].replace(/\s+/g, ' ').trim()])) };
    }),
  );
}

describe('e2e: the Compliance tab in Chromium, served by the real app', function () {
  this.timeout(120_000);
  let app: BotApp | undefined;
  let browser: LaunchedChromium | undefined;
  let page: Page;

  before(async function () {
    requireChromium(this);
    ({ app } = await startDemoApp(async (repos, config) => {
      // Someone just imported: on the staff list, no agreement yet.
      const created = await repos.people.create({
        id: 'zoe-new',
        tenantId: config.tenantId,
        email: 'zoe.new@northshire.example',
        name: 'Zoe Newman',
        roles: ['supervisee'],
        aadObjectId: '3f2b6a10-0001-4c1e-8a00-00000000a0ff',
      });
      assert.ok(created.ok);
      // A reflective note of Noah's, shared with Sam, for the CPD draft.
      const noah = await repos.people.findByEmail(config.tenantId, 'noah.patel@northshire.example');
      assert.ok(noah.ok && noah.value !== null);
      const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const note = await repos.notes.create({
        id: 'e2e-note-noah',
        tenantId: config.tenantId,
        authorId: noah.value.value.id,
        whatHappened: 'A first home visit on my own',
        howIFelt: 'Nervous',
        whatILearned: 'Prepare the questions with the family in mind',
        whatNext: 'Use a visit plan every time',
        cpdTag: 'Direct work',
        visibility: 'private',
        createdAt: at,
        updatedAt: at,
      });
      assert.ok(note.ok);
    }));
    browser = await launchChromium({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      // A manager in England: their browser shows dates the British way.
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    page = browser.page;
    await fs.promises.mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the PSW signs in locally and sees every agreement with its status, then downloads the CSV', async () => {
    assert.ok(app);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // Offline here: teams-js's fetch of its Teams origins list from Microsoft's CDN fails (it falls back).
      if (m.type() === 'error' && !m.location().url.startsWith('https://res.cdn.office.net/')) errors.push(`${m.text()} ${m.location().url}`);
    });

    await page.goto(`${app.url}/tab/`);
    await page.getByRole('region', { name: 'Local sign-in (this computer only)' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'compliance-local-sign-in.png'), fullPage: true });
    await signInAs(page, 'Priya Shah');

    const rows = await tableRows(page, 'All supervision agreements');
    const view = await apiView(page);
    assert.equal(view.scope, 'organisation');
    assert.equal(rows.length, view.rows.length);
    assert.deepEqual(
      rows.map((r) => r.name),
      view.rows.map((r) => r.supervisee.name),
      'the table is the API view, in its order',
    );
    assert.deepEqual(
      rows.map((r) => r['Periods missed']),
      view.rows.map((r) => String(r.missed)),
    );

    const daniel = rows.find((r) => r.name === 'Daniel Evans');
    assert.ok(daniel, 'Daniel is listed');
    assert.match(daniel.Status, /Overdue since \w{3}, \d{1,2} \w{3} \d{4}$/);
    assert.equal(daniel['Periods missed'], '1');
    assert.equal(daniel['Short or interrupted sessions'], '1');
    assert.equal(daniel.Supervisor, 'Rachel Green');
    const noah = rows.find((r) => r.name === 'Noah Patel');
    assert.ok(noah);
    assert.match(noah.Supervisee, /NQSW/);
    assert.match(noah.Supervisee, /Children in Need \(North\)$/, 'with the team');
    assert.match(noah.Status, /Due$/);
    assert.match(noah['Next due by'], /^\w{3}, \d{1,2} \w{3} \d{4} period from \w{3}, \d{1,2} \w{3} \d{4}$/);
    assert.equal(rows[0].name, 'Daniel Evans', 'overdue first');

    assert.match(await page.locator('#context').innerText(), /^Northshire Council Children and Adults Services · Priya Shah · figures as of \w+, \d{1,2} \w+ \d{4} \(dates in Europe\/London time\)$/);
    assert.match(await page.locator('#totals').innerText(), /1\s*overdue/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'compliance-psw.png'), fullPage: true });

    const exportSection = page.getByRole('region', { name: 'Health-check export' });
    assert.ok(await exportSection.isVisible());
    const [download] = await Promise.all([page.waitForEvent('download'), exportSection.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^supervision-compliance_northshire-council-children-and-adults-services_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = path.join(ARTIFACTS, 'compliance-export.csv');
    await download.saveAs(saved);
    const csv = parse(await fs.promises.readFile(saved, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(csv.map((r) => r.Supervisee).sort(), view.rows.map((r) => r.supervisee.name).sort());
    assert.equal(csv.find((r) => r.Supervisee === 'Daniel Evans')?.['Standing today'], 'Overdue');
    await page.getByText(/^Downloaded supervision-compliance_/).waitFor();

    assert.deepEqual(errors, [], 'no script errors');
  });

  it('a supervisor sees only their own supervisees, with no export; a bad export window is explained in place', async () => {
    assert.ok(app);
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signInAs(page, 'Sam Okafor');
    const rows = await tableRows(page, 'People you supervise');
    assert.deepEqual(rows.map((r) => r.name).sort(), ['Amira Hussain', 'Noah Patel']);
    assert.ok(!(await page.getByRole('region', { name: 'Health-check export' }).isVisible()), 'no export for a supervisor');
    assert.equal(await page.getByRole('table', { name: /^All supervision agreements/ }).count(), 0);
    for (const r of rows) assert.match(r['Average quality rating'], /^(No ratings yet|\d\.\d out of 5 \(\d+ ratings?\))$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'compliance-supervisor.png'), fullPage: true });

    // The PSW again: an export window that ends in the future is refused with the server's words.
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signInAs(page, 'Priya Shah');
    const to = page.getByLabel('To (inclusive)');
    await to.evaluate((el: HTMLInputElement) => {
      el.removeAttribute('max');
      el.value = '2999-01-01';
    });
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await page.getByText(/^The last day of the export cannot be after today/).waitFor();
    assert.equal(await to.getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: path.join(ARTIFACTS, 'compliance-export-error.png'), fullPage: true });
  });

  it('the admin sees the messages the bot sent, by day and outcome, and what waits; a supervisor does not', async () => {
    assert.ok(app);
    // Still signed in as Priya Shah, the demo organisation's admin, from the test before.
    const section = page.getByRole('region', { name: 'Messages from the bot' });
    await section.waitFor();
    const fetchReport = () =>
      page.evaluate(async () => {
        const token = sessionStorage.getItem('supervision.localToken');
        const res = await fetch('./api/delivery', { headers: { authorization: `Bearer ${token ?? ''}` } });
        return (await res.json()) as DeliveryReportView;
      });
    // The bot may still be sending the demo's cards: wait until the figures hold still, then load
    // the page afresh, so the page and the API count the same moment.
    let report = await fetchReport();
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const again = await fetchReport();
      if (JSON.stringify(again) === JSON.stringify(report)) break;
      report = again;
    }
    await page.reload();
    await section.waitFor();
    await page.locator('#delivery-backlog').filter({ hasText: /\S/ }).waitFor();
    report = await fetchReport();
    // What the page says is what the server counted.
    const backlog = (await page.locator('#delivery-backlog').textContent()) ?? '';
    if (report.backlog.waiting === 0) assert.equal(backlog, 'Nothing is waiting to be sent.');
    else assert.ok(backlog.startsWith(`${report.backlog.waiting} waiting to be sent, ${report.backlog.due} of them due now`), backlog);
    const body = section.locator('tbody tr');
    assert.equal(await body.count(), Math.max(1, report.days.length));
    for (const [i, d] of report.days.entries()) {
      assert.deepEqual(await body.nth(i).locator('td').allTextContents(), [d.sent, d.retried, d.failed, d.unreachable].map(String));
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'compliance-delivery.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signInAs(page, 'Sam Okafor');
    await tableRows(page, 'People you supervise');
    assert.ok(!(await section.isVisible()), 'no delivery figures for a supervisor');
  });

  it('someone with no agreement yet is told so in plain words', async () => {
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signInAs(page, 'Zoe Newman');
    await page.getByText('You have no supervision agreements yet. When your supervisor sets one up with you, or you supervise someone, it will show here.').waitFor();
    assert.equal(await page.getByRole('table').count(), 0);
    assert.ok(!(await page.locator('#totals').isVisible()));
    await page.screenshot({ path: path.join(ARTIFACTS, 'compliance-no-data.png'), fullPage: true });
  });

  it('outside Teams with no local sign-in (a proxy in front), the page says where to open it', async () => {
    assert.ok(app);
    const proxied = await browser!.context.newPage();
    await proxied.route('**/tab/api/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': '203.0.113.9' } }));
    await proxied.goto(`${app.url}/tab/`);
    await proxied.getByRole('alert').getByText("Sign-in for this tab isn't set up on the server yet (TAB_SSO_CLIENT_ID). Ask your IT team.").waitFor();
    assert.equal(await proxied.getByRole('region', { name: 'Local sign-in (this computer only)' }).count(), 0);
    await proxied.screenshot({ path: path.join(ARTIFACTS, 'compliance-no-sign-in.png'), fullPage: true });
    await proxied.close();
  });

  it('the PSW downloads the health check from the tab and sees that download in the audit log', async () => {
    assert.ok(app);
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signInAs(page, 'Priya Shah');
    const evidence = page.getByRole('region', { name: 'Evidence exports' });
    await evidence.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), evidence.getByRole('button', { name: 'Health check (CSV)' }).click()]);
    assert.match(download.suggestedFilename(), /^supervision-health-check_northshire-council-children-and-adults-services_\d{4}-\d{2}_to_\d{4}-\d{2}\.csv$/);
    const saved = path.join(ARTIFACTS, 'health-check.csv');
    await download.saveAs(saved);
    const csv = parse(await fs.promises.readFile(saved, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const teams = new Set(csv.map((r) => r.Team));
    assert.ok(teams.has('Children in Need (North)') && teams.has('All teams'), [...teams].join(', '));

    const audit = page.getByRole('region', { name: 'Audit log', exact: true });
    await audit.getByRole('button', { name: 'Show the audit log' }).click();
    const table = audit.getByRole('table', { name: /^Audit log: \d+ records/ });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.ok(rows.some((r) => r.includes('Priya Shah') && r.includes('Downloaded the health-check export')), rows.join('\n'));

    // Priya is also the admin: she sees the retention settings she may change.
    const retention = page.getByRole('region', { name: 'Retention' });
    assert.equal(await retention.getByLabel(/^Concerns \(from their resolution\): years$/).inputValue(), '6');
    await page.screenshot({ path: path.join(ARTIFACTS, 'oversight-psw.png'), fullPage: true });
  });

  it('an NQSW downloads their own ASYE log and makes a CPD draft from their note, ready to paste', async () => {
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signInAs(page, 'Noah Patel');
    const evidence = page.getByRole('region', { name: 'Evidence exports' });
    await evidence.waitFor();
    assert.ok(!(await page.getByRole('region', { name: 'Audit log', exact: true }).isVisible()), 'no audit log for a supervisee');
    assert.equal(await evidence.getByLabel('Newly qualified social worker').locator('option').allInnerTexts().then((o) => o.join('|')), 'Noah Patel (you)');
    const [download] = await Promise.all([page.waitForEvent('download'), evidence.getByRole('button', { name: 'ASYE log (CSV)' }).click()]);
    assert.match(download.suggestedFilename(), /^asye-supervision-log_noah-patel_\d{4}-\d{2}-\d{2}\.csv$/);

    await evidence.getByRole('button', { name: 'Choose one of my notes' }).click();
    await evidence.getByRole('button', { name: 'Make the CPD draft' }).click();
    const text = evidence.getByLabel('The whole draft, to copy');
    await text.waitFor();
    const draft = await text.inputValue();
    assert.match(draft, /^Title\nReflection on practice: Direct work\n/);
    assert.match(draft, /What I learnt\nPrepare the questions with the family in mind/);
    assert.match(draft, /Peer reflection\nNot yet recorded\./);
    assert.ok(!draft.includes('Nervous'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'oversight-nqsw-cpd.png'), fullPage: true });
  });
});
