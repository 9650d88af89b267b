/**
 * The cards in a real browser: Debian Chromium, driven by playwright-core, renders them with the
 * Adaptive Cards JS renderer (the one the Agents Playground and Teams on the web build on). A person
 * fills the inputs and presses the buttons; what the renderer would send (`verb` and the action's
 * data merged with the inputs) goes through our parser. Screenshots are kept in
 * test-artifacts/cards/.
 *
 * Without Chromium the suite is skipped locally and fails in CI (CI=true).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import {
  type AdaptiveCard,
  formFromParse,
  isVerb,
  parseSubmission,
  presentConcernRaise,
  presentNoteWrite,
  presentSessionRecord,
  render,
} from '../../../src/adapters/cards';
import { typicalCases } from './cases';
import { launchChromium, requireChromium, type LaunchedChromium } from '../../support/chromium';
import { NOW, sessionView } from './samples';

const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/cards');
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const RENDERER_CSS = path.join(path.dirname(RENDERER), 'adaptivecards.css');

interface Executed {
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

async function mount(page: Page, card: AdaptiveCard): Promise<void> {
  await page.setContent('<!doctype html><html><body style="width:640px;font-family:sans-serif"><div id="host"></div></body></html>');
  await page.addStyleTag({ path: RENDERER_CSS });
  await page.addScriptTag({ path: RENDERER });
  await page.evaluate((json) => {
    const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
    const w = window as unknown as { executed: Executed[] };
    w.executed = [];
    const c = new AC.AdaptiveCard();
    c.onExecuteAction = (action) => {
      if (action instanceof AC.ExecuteAction) w.executed.push({ verb: action.verb ?? '', data: action.data as Record<string, unknown> });
    };
    c.parse(json);
    const el = c.render();
    if (el === undefined) throw new Error('the card did not render');
    document.getElementById('host')?.appendChild(el);
  }, card as unknown as Record<string, unknown>);
}

const executed = (page: Page): Promise<Executed[]> => page.evaluate(() => (window as unknown as { executed: Executed[] }).executed);

describe('cards: in a real browser (Chromium, Adaptive Cards renderer)', function () {
  this.timeout(60_000);
  let browser: LaunchedChromium | undefined;
  let page: Page;

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
    page = browser.page;
    await fs.promises.mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  it('renders every card; each has a screenshot', async () => {
    for (const c of typicalCases()) {
      await mount(page, render(c.card));
      const host = page.locator('#host');
      assert.ok(await host.locator('.ac-adaptiveCard').isVisible(), c.name);
      // What a person sees: the text, and the values in the inputs.
      const shown = (await host.innerText()) + (await host.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('\n')));
      for (const text of c.expect.slice(0, 2)) assert.ok(shown.includes(text), `${c.name}: "${text}" not shown`);
      await host.screenshot({ path: path.join(ARTIFACTS, `${c.name.replace(/[^a-z0-9-]+/gi, '_')}.png`) });
    }
  });

  it('a reflective note: typed, saved, parsed into the command', async () => {
    await mount(page, render(presentNoteWrite()));
    await page.getByLabel('What happened?').fill('A visit where the family disagreed.');
    await page.getByLabel('What did I learn, and what does it draw on (theory, research, the PCF)?').fill('Listen first.');
    await page.getByLabel('CPD tag (optional)').fill('Safeguarding');
    await page.getByLabel('Shared with my supervisor').check();
    await page.getByRole('button', { name: 'Save note' }).click();
    const [sent] = await executed(page);
    assert.equal(sent.verb, 'note.write');
    assert.ok(isVerb(sent.verb));
    const r = parseSubmission(sent.verb, sent.data);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.command, {
      whatHappened: 'A visit where the family disagreed.',
      howIFelt: '',
      whatILearned: 'Listen first.',
      whatNext: '',
      cpdTag: 'Safeguarding',
      visibility: 'shared',
    });
  });

  it('a required input left empty: the renderer shows its error message and sends nothing', async () => {
    await mount(page, render(presentConcernRaise()));
    await page.getByRole('button', { name: 'Raise concern' }).click();
    assert.deepEqual(await executed(page), []);
    assert.ok(await page.getByText('Describe the concern.').isVisible());
  });

  it('a refused note comes back with the text in place and the error in view', async () => {
    const typed = { whatHappened: 'My own words.\nSecond line.', howIFelt: 'x'.repeat(9_990), whatILearned: 'y'.repeat(20), whatNext: '', visibility: 'private' };
    const r = parseSubmission('note.write', typed);
    assert.ok(!r.ok);
    await mount(page, render(presentNoteWrite(formFromParse('note.write', r))));
    assert.equal(await page.getByLabel('What happened?').inputValue(), 'My own words.\nSecond line.');
    assert.equal((await page.getByLabel('How did I feel?').inputValue()).length, 9_990);
    assert.ok(await page.getByText('Your note is 10,036 characters; the limit is 10,000', { exact: false }).isVisible());
    await page.locator('#host').screenshot({ path: path.join(ARTIFACTS, 'note-write_refused.png') });
  });

  it('recording a held session: only the held part is sent, with the session id and the action row', async () => {
    const view = sessionView({ youCan: { respond: false, record: true, confirm: false, rate: false } });
    await mount(page, render(presentSessionRecord(view, { now: NOW })));
    await page.getByRole('button', { name: 'It was held' }).click();
    assert.equal(await page.getByLabel('Date held').inputValue(), '2026-03-10');
    assert.equal(await page.getByLabel(/^Start time/).inputValue(), '14:05');
    await page.getByLabel(/^Minutes/).fill('75');
    await page.getByLabel('No, it was interrupted').check();
    await page.getByLabel('Agenda (one item per line)').fill('Caseload\nWellbeing');
    await page.getByLabel(/^Action 1$/).fill('Read the ASYE framework');
    await page.getByLabel('Action 1: owner').selectOption({ label: 'Alex Morgan (supervisee)' });
    await page.getByLabel('Action 1: due date').fill('2026-03-20');
    await page.locator('#host').screenshot({ path: path.join(ARTIFACTS, 'session-record_held-open.png') });
    await page.getByRole('button', { name: 'Record as held' }).click();
    const [sent] = await executed(page);
    assert.equal(sent.verb, 'session.recordHeld');
    assert.ok(!('cancelReason' in sent.data) && !('newDate' in sent.data), 'inputs of the other outcomes were sent');
    const r = parseSubmission('session.recordHeld', sent.data, { zone: 'Europe/London' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.command, {
      kind: 'held',
      sessionId: 's-1',
      start: { date: '2026-03-10', time: '14:05' },
      minutes: 75,
      uninterrupted: false,
      agenda: ['Caseload', 'Wellbeing'],
      actions: [{ text: 'Read the ASYE framework', ownerId: 'p-alex', dueDate: '2026-03-20' }],
    });
  });
});
