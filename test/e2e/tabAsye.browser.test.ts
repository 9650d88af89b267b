/**
 * The admin's changes in the Compliance tab, in Debian Chromium (headless, offline), served by the
 * real app with the demo organisation: Priya Shah (the PSW and the admin) records an extension of an
 * NQSW's ASYE from the agreement's drill-down (mistakes explained next to the field, what was typed
 * kept), sees it there and in the ASYE log she downloads, while Amira and her supervisor Sam, each in
 * an Agents Playground, are sent the agreement card with the new end; and places and releases a
 * legal hold in the Retention section. What the page and the cards show is checked against the
 * stored records. Screenshots go to test-artifacts/tab-admin/.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import type { PlaygroundConfig } from '../../scripts/seedDemo';
import type { Agreement } from '../../src/domain/model';
import { launchChromium, requireChromium, type LaunchedChromium } from '../support/chromium';
import { must, type BotApp } from './botApp';
import { textOf } from '../adapters/teams/cardTools';
import { asPerson, Playground, readPlaygroundFile } from './playgroundClient';
import { noSeriousViolations, rowsOf, signInAs, startDemoApp } from './tabPage';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/tab-admin');
const NOTE = 'Parental leave, four months';

/** A date as the page writes it (en-GB, "Tue, 31 Aug 2027"). */
const shown = (date: string): string =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
const plusMonths = (date: string, months: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ months }).toISODate() as string;

describe('e2e: the admin records an ASYE extension and places a legal hold, in Chromium', function () {
  this.timeout(180_000);
  let app: BotApp | undefined;
  let browser: LaunchedChromium | undefined;
  let page: Page;
  let config: PlaygroundConfig;
  /** Amira (the NQSW) and Sam (her supervisor) in Teams, to see what the extension sends them. */
  const teams: Partial<Record<'amira' | 'sam', Playground>> = {};
  const errors: string[] = [];

  const stored = (id: string): Promise<Agreement> =>
    app!.read(async (repos) => {
      const got = must(await repos.agreements.get(config.tenantId, id));
      assert.ok(got !== null, id);
      return got.value;
    });

  before(async function () {
    requireChromium(this);
    ({ app, config } = await startDemoApp());
    const file = await readPlaygroundFile();
    for (const who of ['amira', 'sam'] as const) {
      teams[who] = await Playground.start({ botEndpoint: app.botEndpoint, config: asPerson(file, who) });
      await teams[who].install();
      await teams[who].waitFor((m) => m.cards.length > 0, { what: `${who}'s welcome` });
    }
    browser = await launchChromium({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
    await fs.promises.mkdir(ARTIFACTS, { recursive: true });
    await page.goto(`${app.url}/tab/`);
    await signInAs(page, 'Priya Shah');
  });

  after(async () => {
    await browser?.close();
    await Promise.all(Object.values(teams).map((p) => p.close()));
    await app?.close();
    assert.deepEqual(errors, [], 'no script errors');
  });

  const openDetail = async (name: string) => {
    const detail = page.getByRole('region', { name: `Agreement: ${name}` });
    if (await detail.isVisible()) await detail.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByRole('button', { name: `Details of ${name}'s agreement` }).click();
    await detail.waitFor();
    return detail;
  };
  const asyeFact = async (detail: ReturnType<Page['getByRole']>) => (await detail.locator('dt', { hasText: /^ASYE$/ }).locator('xpath=following-sibling::dd[1]').innerText()).trim();

  it("shows the demo's extension of Leah's ASYE in her drill-down", async () => {
    const leah = await stored('demo-agreement-leah');
    const [extension] = leah.asyeExtensions ?? [];
    assert.ok(extension);
    const detail = await openDetail('Leah Thompson');
    assert.equal(await asyeFact(detail), `12 months to ${shown(plusMonths(leah.employmentStart, 12))}; extended to ${shown(extension.newEnd)} (the assessment needs more time)`);
    assert.deepEqual(await rowsOf(page, 'ASYE extensions'), [
      [shown(extension.recordedOn), shown(extension.newEnd), 'The assessment needs more time (panel decision)', extension.note ?? '–', 'Priya Shah'],
    ]);
  });

  it("records an extension of Amira's ASYE from her drill-down: mistakes are explained next to the field, keeping what was typed; then it shows", async () => {
    const amira = await stored('demo-agreement-amira');
    const planned = plusMonths(amira.employmentStart, 12);
    const detail = await openDetail('Amira Hussain');
    assert.equal(await asyeFact(detail), `12 months to ${shown(planned)}`);
    const form = detail.getByRole('form', { name: 'Record an extension of the ASYE' });
    const newEnd = form.getByLabel('New end of the ASYE');
    const note = form.getByLabel('Note for the portfolio (optional)');

    // No date: by keyboard, Enter in the note submits; the error is beside the date, the note kept.
    await form.getByLabel('Reason').selectOption({ label: 'Absence (sickness, parental or other leave)' });
    await note.focus();
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Enter');
    const dateError = form.locator('#asye-new-end-error');
    await dateError.filter({ hasText: 'The new end date is required.' }).waitFor();
    assert.equal(await newEnd.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'asye-new-end', 'focus goes to the field at fault');
    assert.equal(await note.inputValue(), NOTE);
    assert.equal((await stored('demo-agreement-amira')).asyeExtensions, undefined, 'nothing saved');

    // Not after the planned end: the server's words, beside the date.
    await newEnd.fill(planned);
    await form.getByRole('button', { name: 'Record the extension' }).click();
    await dateError.filter({ hasText: `The new end must be after the ASYE's current end, ${DateTime.fromISO(planned).toFormat('d MMMM yyyy')}.` }).waitFor();
    assert.equal(await newEnd.inputValue(), planned);
    assert.equal(await note.inputValue(), NOTE);
    await noSeriousViolations(page, 'the extension form with an error');
    await page.screenshot({ path: path.join(ARTIFACTS, 'asye-extension-error.png'), fullPage: true });
    await form.screenshot({ path: path.join(ARTIFACTS, 'asye-extension-form-error.png') });

    // A later end: recorded, and the drill-down shows it.
    const later = plusMonths(planned, 4);
    await newEnd.fill(later);
    await note.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `ASYE extension recorded: Amira Hussain's ASYE now ends on` }).waitFor();
    assert.equal(await asyeFact(detail), `12 months to ${shown(planned)}; extended to ${shown(later)} (absence)`);
    assert.deepEqual(await rowsOf(page, 'ASYE extensions'), [[shown(DateTime.now().setZone('Europe/London').toISODate() as string), shown(later), 'Absence (sickness, parental or other leave)', NOTE, 'Priya Shah']]);
    const saved = await stored('demo-agreement-amira');
    assert.deepEqual(saved.asyeExtensions?.map((x) => [x.newEnd, x.reason, x.note]), [[later, 'absence', NOTE]]);
    // In Teams, Amira and Sam are sent the agreement card with the new end and its reason, never the note.
    const onCard = (date: string) => DateTime.fromISO(date).toFormat('ccc d LLL yyyy');
    for (const who of ['amira', 'sam'] as const) {
      const extended = (c: unknown) => textOf(c).includes('extended to');
      const sent = await teams[who]!.waitFor((m) => m.cards.some(extended), { what: `the agreement card sent to ${who}` });
      const text = textOf(sent.cards.find(extended));
      assert.ok(text.includes(`ASYE: 12 months to ${onCard(planned)}; extended to ${onCard(later)} (absence)`), text);
      assert.ok(text.includes('Amira Hussain'), text);
      assert.ok(!text.includes(NOTE), 'the note stays in the portfolio record');
    }
    // The form is there again, empty, for a further extension.
    assert.equal(await detail.getByLabel('New end of the ASYE').inputValue(), '');
    await noSeriousViolations(page, 'the drill-down after the extension');
    await page.screenshot({ path: path.join(ARTIFACTS, 'asye-extension-recorded.png'), fullPage: true });
    // On a narrow screen the extensions and the form fit without sideways scrolling.
    await page.setViewportSize({ width: 320, height: 900 });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    await page.screenshot({ path: path.join(ARTIFACTS, 'asye-extension-recorded-320.png'), fullPage: true });
    assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'asye-extension-recorded-320.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Her ASYE log, downloaded from the tab, carries the extension for her portfolio.
    const evidence = page.getByRole('region', { name: 'Evidence exports' });
    await evidence.getByLabel('Newly qualified social worker').selectOption({ label: 'Amira Hussain' });
    const [download] = await Promise.all([page.waitForEvent('download'), evidence.getByRole('button', { name: 'ASYE log (CSV)' }).click()]);
    const file = path.join(ARTIFACTS, 'asye-log-amira.csv');
    await download.saveAs(file);
    const rows = parse(await fs.promises.readFile(file, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
    assert.deepEqual(rows.find((r) => r[0] === 'ASYE')?.slice(1, 5), ['demo-agreement-amira', planned, later, '1']);
    assert.deepEqual(rows.find((r) => r[0] === 'Extension')?.slice(1, 7), ['demo-agreement-amira', saved.asyeExtensions?.[0].recordedOn, later, 'Absence (sickness, parental or other leave)', NOTE, 'Priya Shah']);
  });

  it('places a legal hold on Daniel Evans in the Retention section, sees it listed, and releases it', async () => {
    const retention = page.getByRole('region', { name: 'Retention' });
    const holds = retention.locator('h3', { hasText: 'Legal holds' }).locator('xpath=following-sibling::ul[1]');
    await holds.getByText('Nobody is under a legal hold.').waitFor();
    const holdsStored = () => app!.read(async (repos) => must(await repos.organisations.get(config.tenantId))?.value.retention?.holds ?? []);

    await retention.getByLabel('Place a legal hold on').selectOption({ label: 'Daniel Evans' });
    await retention.getByRole('button', { name: 'Place the hold' }).click();
    const today = DateTime.now().setZone('Europe/London').toISODate() as string;
    await holds.getByText(`Daniel Evans, since ${shown(today)} (placed by Priya Shah)`).waitFor();
    assert.equal(await page.getByRole('status').innerText(), 'Retention settings saved.');
    // Someone under a hold is not offered again.
    assert.ok(!(await retention.getByLabel('Place a legal hold on').locator('option').allInnerTexts()).includes('Daniel Evans'));
    const daniel = (await holdsStored()).map((h) => h.personId);
    assert.equal(daniel.length, 1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'legal-hold-placed.png'), fullPage: true });

    // Release by keyboard.
    await retention.getByRole('button', { name: 'Release the hold on Daniel Evans' }).focus();
    await page.keyboard.press('Enter');
    await holds.getByText('Nobody is under a legal hold.').waitFor();
    assert.deepEqual(await holdsStored(), []);
    assert.ok((await retention.getByLabel('Place a legal hold on').locator('option').allInnerTexts()).includes('Daniel Evans'));
  });
});
