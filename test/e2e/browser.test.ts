/**
 * End to end through the Agents Playground's web UI, in headless Debian Chromium driven by
 * playwright-core: `npm run playground` exactly as a newcomer runs it (scripts/playground.ts: starts
 * the bot on a fresh data folder, seeds the demo organisation, starts the Playground), then a person
 * opens the page, sees their home card and writes a reflective note through the cards.
 * Screenshots go to test-artifacts/ (git-ignored).
 *
 * Without Chromium the test is skipped on a developer's machine, and FAILS when CI=true.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createCosmosRepositories } from '../../src/adapters/cosmos/repositories';
import { openStore } from '../../src/adapters/cosmos/store';
import { must } from './botApp';
import { launchChromium, requireChromium, type LaunchedChromium } from '../support/chromium';
import { readPlaygroundFile } from './playgroundClient';

const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
describe('end to end in a browser: `npm run playground` and the Playground web UI (headless Chromium)', function () {
  this.timeout(120_000);

  let dataDir: string;
  let script: ChildProcess | undefined;
  let browser: LaunchedChromium | undefined;
  let page: Page;
  let playgroundUrl: string;
  let output = '';

  before(async function () {
    requireChromium(this);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-browser-data-'));
    await fs.mkdir(ARTIFACTS, { recursive: true });

    // As a newcomer: one command, a fresh data folder. PORT=0 and --port 0 keep clear of anything else running.
    script = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'scripts', 'playground.ts'), '--as', 'noah', '--port', '0', '--no-browser'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = script;
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    playgroundUrl = await new Promise<string>((resolve, reject) => {
      proc.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /Agents Playground: http:\/\/localhost:(\d+)/.exec(output);
        if (m) resolve(`http://127.0.0.1:${m[1]}/`);
      });
      proc.once('exit', (code) => reject(new Error(`npm run playground exited (${code}):\n${output}`)));
    });
    browser = await launchChromium({ viewport: { width: 1400, height: 1100 } });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    if (script !== undefined && script.exitCode === null) {
      const exited = new Promise((resolve) => script?.once('exit', resolve));
      script.kill('SIGTERM');
      await exited;
    }
    if (dataDir !== undefined) await fs.rm(dataDir, { recursive: true, force: true });
  });

  /** The bot's cards on the page (the log panel also shows activity; assertions stay on cards). */
  const card = (text: string | RegExp) => page.locator('.ac-adaptiveCard').filter({ hasText: text });

  it('started the bot, seeded the demo organisation and the Playground with one command', () => {
    assert.match(output, /Supervision Bot: started at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(output, /Demo organisation .*created \d+/);
    assert.match(output, /you are Noah Patel/);
  });

  it('opens on the home card with the demo organisation; a reflective note is written through the cards and kept', async () => {
    await page.goto(playgroundUrl);
    const home = card('Hello, Noah');
    await home.waitFor({ timeout: 30_000 });
    await assert.doesNotReject(home.getByText('Supervised by Sam Okafor').waitFor({ timeout: 5000 }));
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-1-home.png') });

    await home.getByRole('button', { name: 'Write a reflective note' }).click();
    const form = card('What happened?');
    await form.waitFor({ timeout: 15_000 });
    await form.getByLabel('What happened?').fill('A joint visit with the health visitor; the family asked for more time.');
    await form.getByLabel('How did I feel?').fill('Stretched, then relieved.');
    await form.getByLabel('What did I learn, and what does it draw on (theory, research, the PCF)?').fill('Relationship-based practice: slowing down built trust.');
    await form.getByLabel('What will I do next?').fill('Plan longer visits for this family.');
    await form.getByLabel('Private: only me').check();
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-2-note-form.png') });
    await form.getByRole('button', { name: 'Save note' }).click();

    // The card is replaced in place by the saved note.
    const saved = card('Relationship-based practice: slowing down built trust.').filter({ hasText: 'Written by Noah Patel' });
    await saved.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-3-note-saved.png') });

    await saved.getByRole('button', { name: 'My notes' }).click();
    const list = card('Your reflective notes');
    await list.waitFor({ timeout: 15_000 });
    await assert.doesNotReject(list.getByText(/A joint visit with the health visitor/).waitFor({ timeout: 5000 }));
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-4-my-notes.png') });

    // Typed text goes to the bot; an exact shortcut opens its card.
    const editor = page.locator('[data-lexical-editor="true"]');
    await editor.click();
    await page.keyboard.type('concern');
    await page.keyboard.press('Enter');
    await card('Raise concern').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-5-concern-card.png') });
  });

  it('the note is in the store, private, as typed', async () => {
    const file = await readPlaygroundFile();
    const store = must(await openStore({ kind: 'embedded', dataDir, lifetime: 'command' }));
    try {
      const repos = createCosmosRepositories(store.database);
      const noah = must(await repos.people.findByEmail(file.tenantId, 'noah.patel@northshire.example'));
      assert.ok(noah);
      const notes = must(await repos.notes.listByAuthor(file.tenantId, noah.value.id));
      assert.equal(notes.length, 1);
      assert.equal(notes[0].value.whatILearned, 'Relationship-based practice: slowing down built trust.');
      assert.equal(notes[0].value.visibility, 'private');
    } finally {
      await store.close();
    }
  });
});
