/**
 * What the tab's browser tests share: the app over the demo organisation, the local sign-in, a
 * table read as a person reads it, and axe-core's serious findings.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { PLAYGROUND_FILE, parsePlaygroundConfig, seedDemo, type PlaygroundConfig } from '../../scripts/seedDemo';
import type { CosmosRepositories } from '../../src/adapters/cosmos';
import { ok } from '../../src/domain/result';
import { startBotApp, type BotApp } from './botApp';

/** The real app over `npm run seed:demo`'s organisation, with `extra` seeded after it. */
export async function startDemoApp(extra?: (repos: CosmosRepositories, config: PlaygroundConfig) => Promise<void>): Promise<{ app: BotApp; config: PlaygroundConfig }> {
  const parsed = parsePlaygroundConfig(await fs.promises.readFile(PLAYGROUND_FILE, 'utf8'));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  const config = parsed.value;
  const app = await startBotApp(async (repos) => {
    const seeded = await seedDemo({ ...repos, deleteSession: async () => ok(undefined) }, config, new Date().toISOString());
    assert.ok(seeded.ok, seeded.ok ? '' : seeded.error.message);
    await extra?.(repos, config);
  });
  return { app, config };
}

/** axe-core finds nothing serious or critical on the page. */
export async function noSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${what}: axe-core`,
  );
}

/** The local sign-in, by keyboard only: choose the person, focus "Sign in", press Enter. */
export async function signInAs(page: Page, name: string): Promise<void> {
  const box = page.getByRole('region', { name: 'Local sign-in (this computer only)' });
  await box.waitFor();
  const label = (await box.locator('option', { hasText: name }).textContent()) ?? '';
  assert.ok(label.startsWith(name), `no local person named ${name}`);
  await box.getByLabel('Sign in as').selectOption({ label });
  await box.getByRole('button', { name: 'Sign in' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText(`Signed in locally as ${name}`).waitFor();
}

/** A table's body rows as text, first cell first (the "Label: " a narrow screen puts before a cell's text removed). */
export async function rowsOf(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map((r) =>
      r.locator('th, td').evaluateAll((cells) =>
        cells.map((c) => {
          const text = (c as HTMLElement).innerText;
          const prefix = `${c.getAttribute('data-label') ?? ''}: `;
          return (text.startsWith(prefix) ? text.slice(prefix.length) : text).trim();
        }),
      ),
    ),
  );
}
