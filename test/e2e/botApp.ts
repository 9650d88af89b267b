/**
 * The REAL bot for the end-to-end tests: the app exactly as `npm start` wires it (src/main.ts
 * startApp: config, embedded Cosmos store in a temp data folder, HTTP server with /api/messages,
 * CloudAdapter, the Teams bot, the reminder scheduler), on 127.0.0.1 port 0.
 *
 * Records are put in before it starts (the store is opened, seeded, saved and closed; the app then
 * loads it), and read back while it runs as a guest of its store, over loopback, as the CLI does.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCosmosRepositories, type CosmosRepositories } from '../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../src/adapters/cosmos/store';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startApp, type RunningApp } from '../../src/main';
import type { Result } from '../../src/domain/result';

export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export interface BotApp {
  readonly url: string;
  readonly botEndpoint: string;
  readonly dataDir: string;
  /** Opens the running app's store as a guest; close the returned store when done. */
  read<T>(use: (repos: CosmosRepositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startBotApp(seed: (repos: CosmosRepositories) => Promise<void>): Promise<BotApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-e2e-'));
  const seeding = must(await openStore({ kind: 'embedded', dataDir, lifetime: 'command' }));
  try {
    await seed(createCosmosRepositories(seeding.database));
  } finally {
    must(await seeding.close());
  }

  const loaded = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.message);
  const started = await startApp(loaded.config, createLogger({ level: 'silent' }));
  if (!started.ok) throw new Error(`the app did not start: ${started.reason}`);
  const app: RunningApp = started.app;

  return {
    url: app.url,
    botEndpoint: `${app.url}/api/messages`,
    dataDir,
    read: async (use) => {
      const guest: CosmosStore = must(await openStore({ kind: 'embedded', dataDir, lifetime: 'command' }));
      try {
        return await use(createCosmosRepositories(guest.database));
      } finally {
        await guest.close();
      }
    },
    close: async () => {
      await app.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
