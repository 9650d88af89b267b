/** What the tab's browser tests do on the page: sign in locally, read a table as a person reads it. */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';

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
