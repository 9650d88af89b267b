/**
 * The store of one command-line run (the CLI commands, `npm run seed:demo`): the configured store
 * opened for the length of the command. On the embedded default it works whether or not the bot is
 * running: openStore joins the bot's store as a guest, or hosts the data folder until close.
 */
import { loadConfig, type StoreConfig } from '../../config';
import { createCosmosRepositories, type CosmosRepositories } from '../cosmos/repositories';
import { openStore, type CosmosStore } from '../cosmos/store';

export interface CommandStore {
  readonly store: CosmosStore;
  readonly repositories: CosmosRepositories;
  /** Closes the store (the embedded host saves its snapshot); a failure is written to stderr. */
  close(): Promise<void>;
}

export interface CommandStoreOptions {
  /**
   * Called with the configured store before it is opened: a message refuses it (written to stderr
   * after the command's name), undefined goes ahead.
   */
  readonly refuse?: (target: StoreConfig) => string | undefined;
}

/**
 * Loads the configuration and opens its store. Every failure is written to `stderr` as one line
 * starting with `command:`; undefined then means nothing was opened (the command exits 1).
 */
export async function openCommandStore(command: string, stderr: NodeJS.WritableStream, options: CommandStoreOptions = {}): Promise<CommandStore | undefined> {
  const config = loadConfig();
  if (!config.ok) {
    stderr.write(`${command}: ${config.message}\n`);
    return undefined;
  }
  const target = config.config.store;
  const refused = options.refuse?.(target);
  if (refused !== undefined) {
    stderr.write(`${command}: ${refused}\n`);
    return undefined;
  }
  const store = await openStore(
    target.kind === 'embedded'
      ? { kind: 'embedded', dataDir: target.dataDir, databaseName: target.databaseName, lifetime: 'command' }
      : target,
  );
  if (!store.ok) {
    stderr.write(`${command}: the database is not available: ${store.error.message}\n`);
    return undefined;
  }
  return {
    store: store.value,
    repositories: createCosmosRepositories(store.value.database),
    close: async () => {
      const closed = await store.value.close();
      if (!closed.ok) stderr.write(`${command}: closing the store failed: ${closed.error.message}\n`);
    },
  };
}
