/**
 * The Compliance tab by role (issue 11 §2, §6) in Debian Chromium (headless, offline), served by the
 * real app with the demo organisation: the PSW, a supervisor and a supervisee, each at 1280 px and
 * at 320 px. For each: the facts the role may see are on the page (and nothing it may not), nothing
 * scrolls sideways, axe-core finds no serious or critical violation, and the keyboard alone drills
 * down to an agreement. Screenshots go to test-artifacts/tab-roles/.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { TeamFiguresView } from '../../src/app/teamOversight';
import { launchChromium, requireChromium, type LaunchedChromium } from '../support/chromium';
import type { BotApp } from './botApp';
import { noSeriousViolations, rowsOf, signInAs, startDemoApp } from './tabPage';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/tab-roles');
const NOTE_TEXT = 'A first home visit on my own, e2e roles';
const WIDTHS = [1280, 320] as const;

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${what}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

describe('e2e: the Compliance tab by role, at 1280 and 320 px, with axe-core', function () {
  this.timeout(180_000);
  let app: BotApp | undefined;

  before(async function () {
    requireChromium(this);
    ({ app } = await startDemoApp(async (repos, config) => {
      const noah = await repos.people.findByEmail(config.tenantId, 'noah.patel@northshire.example');
      assert.ok(noah.ok && noah.value !== null);
      const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const note = await repos.notes.create({
        id: 'e2e-roles-note-noah',
        tenantId: config.tenantId,
        authorId: noah.value.value.id,
        whatHappened: NOTE_TEXT,
        howIFelt: 'Nervous',
        whatILearned: 'Prepare the questions',
        whatNext: 'A visit plan',
        cpdTag: 'Direct work',
        visibility: 'private',
        createdAt: at,
        updatedAt: at,
      });
      assert.ok(note.ok);
    }));
    await fs.promises.mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await app?.close();
  });

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      let browser: LaunchedChromium | undefined;
      let page: Page;
      const errors: string[] = [];

      before(async () => {
        browser = await launchChromium({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
        page = browser.page;
        page.on('pageerror', (e) => errors.push(e.message));
      });
      after(async () => {
        await browser?.close();
        assert.deepEqual(errors, [], 'no script errors');
      });

      it('the PSW: figures by team and by NQSW or experienced, the 12-month trend as a chart and a table, a filter, and a drill-down by keyboard', async () => {
        assert.ok(app);
        await page.goto(`${app.url}/tab/`);
        await signInAs(page, 'Priya Shah');
        const teams = page.getByRole('region', { name: 'By team, and NQSW or experienced' });
        await teams.waitFor();
        const api = await page.evaluate(async () => {
          const token = sessionStorage.getItem('supervision.localToken');
          return (await (await fetch('./api/teams', { headers: { authorization: `Bearer ${token ?? ''}` } })).json()) as TeamFiguresView;
        });
        const byTeam = await rowsOf(page, 'Figures by team');
        assert.deepEqual(byTeam.map((r) => r[0]), api.byTeam.map((g) => g.label));
        assert.ok(byTeam.some((r) => r[0] === 'Children in Need (North)') && byTeam.some((r) => r[0] === 'Adults Long Term'), byTeam.join('\n'));
        for (const [i, g] of api.byTeam.entries()) {
          assert.deepEqual(byTeam[i].slice(1, 5), [g.required, g.met, g.missed, g.excused].map(String), g.label);
          assert.equal(byTeam[i][5], g.frequencyMet === null ? '–' : `${g.frequencyMet}%`);
        }
        const byExperience = await rowsOf(page, 'Figures for newly qualified (NQSW) and experienced social workers');
        assert.deepEqual(byExperience.map((r) => r[0]), ['NQSW (newly qualified)', 'Experienced', 'All teams']);
        const trend = await rowsOf(page, 'The trend, month by month');
        assert.equal(trend.length, 12);
        assert.deepEqual(trend.map((r) => r[1]), api.trend.map((m) => String(m.required)));
        const chart = page.locator('.trend svg[role="img"]');
        assert.equal(await chart.locator('rect').count(), 12);
        const caption = await page.locator('#trend-caption').innerText();
        assert.match(caption, /Frequency met by month/);
        await noSidewaysScroll(page, 'PSW');
        await noSeriousViolations(page, 'PSW');
        await page.screenshot({ path: path.join(ARTIFACTS, `psw-${width}.png`), fullPage: true });

        // Filter by team: the figures and the list follow.
        await teams.getByLabel('Team', { exact: true }).selectOption({ label: 'Adults Long Term' });
        await teams.getByRole('button', { name: 'Show these figures' }).click();
        await teams.getByText(/team Adults Long Term, every supervisor/).waitFor();
        assert.deepEqual((await rowsOf(page, 'Figures by team')).map((r) => r[0]), ['Adults Long Term', 'All teams']);
        const listed = await page.getByRole('table', { name: /^All supervision agreements/ }).locator('tbody tr .name').allInnerTexts();
        assert.deepEqual(listed.sort(), ['Daniel Evans', 'Leah Thompson']);

        // Drill down by keyboard: focus Daniel's Details, Enter; the agreement opens with focus on its heading.
        await page.getByRole('button', { name: "Details of Daniel Evans's agreement" }).focus();
        await page.keyboard.press('Enter');
        const detail = page.getByRole('region', { name: 'Agreement: Daniel Evans' });
        await detail.waitFor();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail-title');
        const periods = await rowsOf(page, 'Required periods, newest first');
        assert.ok(periods.some((r) => r[2] === '⚠ Missed'), periods.join('\n'));
        await noSidewaysScroll(page, 'PSW drill-down');
        await noSeriousViolations(page, 'PSW drill-down');
        await page.screenshot({ path: path.join(ARTIFACTS, `psw-detail-${width}.png`), fullPage: true });
        await detail.getByRole('button', { name: 'Back to the list' }).focus();
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), "Details of Daniel Evans's agreement");
      });

      it('a supervisor: their supervisees with status, next due by, last session and quality; no team figures', async () => {
        await page.getByRole('button', { name: 'Sign in as someone else' }).click();
        await signInAs(page, 'Sam Okafor');
        const table = page.getByRole('table', { name: /^People you supervise:/ });
        await table.waitFor();
        assert.deepEqual((await table.locator('tbody tr .name').allInnerTexts()).sort(), ['Amira Hussain', 'Noah Patel']);
        // Each cell names its column; on a narrow screen the rows are cards (block cells, the header row hidden).
        const first = table.locator('tbody tr').first();
        const labels = await first.locator('td').evaluateAll((cells) => cells.map((c) => `${c.getAttribute('data-label')}|${getComputedStyle(c).display}`));
        for (const fact of ['Status', 'Next due by', 'Last session', 'Average quality rating']) {
          assert.ok(labels.includes(`${fact}|${width === 320 ? 'block' : 'table-cell'}`), `${fact}: ${labels.join(', ')}`);
        }
        assert.match(await first.innerText(), /Due|Overdue|On track/);
        assert.ok(!(await page.getByRole('region', { name: 'By team, and NQSW or experienced' }).isVisible()));
        await noSidewaysScroll(page, 'supervisor');
        await noSeriousViolations(page, 'supervisor');
        await page.screenshot({ path: path.join(ARTIFACTS, `supervisor-${width}.png`), fullPage: true });
      });

      it("a supervisee: their own periods, sessions and ratings, and their notes' titles, never a note's text", async () => {
        await page.getByRole('button', { name: 'Sign in as someone else' }).click();
        await signInAs(page, 'Noah Patel');
        const own = page.getByRole('region', { name: 'Your periods, sessions and notes' });
        await own.waitFor();
        const periods = await rowsOf(page, 'Your required periods, newest first');
        assert.ok(periods.length > 0);
        assert.ok(periods.every((r) => /Met|Missed|Excused|In progress|Not started/.test(r[2])), periods.join('\n'));
        await own.getByText(/^Reflective note of .*: Direct work \(private\)$/).waitFor();
        const text = await page.locator('body').innerText();
        assert.ok(!text.includes(NOTE_TEXT), "a note's text is never on the page");
        assert.ok(!(await page.getByRole('region', { name: 'By team, and NQSW or experienced' }).isVisible()));
        await noSidewaysScroll(page, 'supervisee');
        await noSeriousViolations(page, 'supervisee');
        await page.screenshot({ path: path.join(ARTIFACTS, `supervisee-${width}.png`), fullPage: true });
      });
    });
  }
});
