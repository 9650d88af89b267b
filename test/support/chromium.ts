/**
 * The one way the browser tests start Debian Chromium (driven by playwright-core): where it is, the
 * flags that keep it off the network (FACTS.md), a fresh profile per launch, and what to do when it
 * is missing: skip on a developer's machine, FAIL in CI (CI=true) so a browser test never silently
 * stops running there.
 */
import { promises as fs, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** FACTS.md: flags that keep Chromium off the network (playwright adds --headless and --user-data-dir). */
export const OFFLINE_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Call first in a suite's `before(function () { ... })`: skips the suite without Chromium, or throws in CI. */
export function requireChromium(suite: Mocha.Context): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI and is missing at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  suite.skip();
}

export interface LaunchedChromium {
  readonly context: BrowserContext;
  /** The page the browser opened with. */
  readonly page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Options for the browser context (viewport, locale, downloads...); the path, flags and profile are fixed here. */
export type ContextOptions = Omit<NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>, keyof LaunchOptions>;

/** Headless Chromium, offline, on a fresh profile under os.tmpdir(). */
export async function launchChromium(options: ContextOptions = {}): Promise<LaunchedChromium> {
  const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-chromium-'));
  const removeProfile = () => fs.rm(userDataDir, { recursive: true, force: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, { ...options, executablePath: CHROMIUM_PATH, headless: true, args: [...OFFLINE_ARGS] });
  } catch (error) {
    await removeProfile();
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      try {
        await context.close();
      } finally {
        await removeProfile();
      }
    },
  };
}
