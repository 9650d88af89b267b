/**
 * The process: configuration -> store -> the app composed over it (src/compose.ts, the composition
 * root) -> listening -> the reminder tick, and the shutdown sequence. `npm start` runs this file
 * (through tsx), App Service its build (`node dist/main.js`). Two flows start in compose.ts (see
 * README "Architecture"): a card submission enters through the HTTP adapter's /api/messages into
 * the Teams bot; a reminder starts from the scheduler's tick.
 */
// First: Application Insights hooks the modules below as they load (see src/telemetry.ts).
import { telemetry, telemetryFailure } from './telemetry';
import { systemClock } from './adapters/clock';
import { installShutdownHandlers, openStore, type CosmosStore } from './adapters/cosmos';
import { compose } from './compose';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './log';

export { publicBaseUrlOf } from './compose';

export interface RunningApp {
  readonly url: string;
  /**
   * Stops accepting requests and lets those in flight finish, stops the reminder tick and the outbox
   * sender (waiting for its sends in flight, releasing their leases), then saves and closes the store.
   * Idempotent.
   */
  stop(): Promise<void>;
}

export type StartResult = { readonly ok: true; readonly app: RunningApp } | { readonly ok: false; readonly reason: string };

export async function startApp(config: Config, log: Logger): Promise<StartResult> {
  const opened = await openStore(config.store.kind === 'embedded' ? { ...config.store, lifetime: 'service' } : config.store);
  if (!opened.ok) return { ok: false, reason: opened.error.message };
  const store: CosmosStore = opened.value;
  log.info({ event: 'store.opened', kind: config.store.kind, role: store.role, database: store.database.id }, 'store opened');

  try {
    return await wire(config, log, store);
  } catch (error) {
    // A bug while wiring: release the data folder before the error goes on up.
    await store.close();
    throw error;
  }
}

async function wire(config: Config, log: Logger, store: CosmosStore): Promise<StartResult> {
  // systemClock: the only clock that reads the system time; everything below takes `now` from it.
  const app = compose({ config, store, clock: systemClock, log });
  let url: string;
  try {
    ({ url } = await app.listen());
  } catch (error) {
    await store.close();
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: `could not listen on ${config.host}:${config.port} (${typeof code === 'string' ? code : 'error'})` };
  }
  const scheduler = app.startScheduler();
  const sender = app.startSender();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await app.server.close();
      await scheduler.stop();
      await sender.stop();
      const closed = await store.close();
      if (!closed.ok) log.error({ event: 'store.close_failed', code: closed.error.code }, closed.error.message);
    })();
    return stopping;
  };
  return { ok: true, app: { url, stop } };
}

function announce(config: Config, url: string, log: Logger): void {
  log.info(
    {
      event: 'server.listening',
      url,
      authentication: config.bot.mode,
      store: config.store.kind,
      applicationInsights: config.applicationInsightsConnectionString !== undefined,
      node: process.version,
    },
    `Supervision Bot listening on ${url} (POST /api/messages, GET /healthz, the tab at /tab/)`,
  );
  if (config.bot.mode !== 'local' && config.publicHostName === undefined) {
    log.warn(
      { event: 'server.no_public_host' },
      'WEBSITE_HOSTNAME is not set (App Service sets it): the session cards will carry no "Add to calendar" link.',
    );
  }
  if (config.bot.mode === 'local') {
    log.warn(
      { event: 'server.local_mode', host: config.host },
      'LOCAL MODE: no MicrosoftAppId, so Bot Framework authentication is OFF and the server listens on loopback (127.0.0.1) only. Set MicrosoftAppId (see .env.sample) to run in Azure.',
    );
  }
}

async function main(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    process.exitCode = 1;
    return;
  }
  const config = loaded.config;
  // With Application Insights on, the log lines (already scrubbed by src/log.ts) go there as well.
  const log = createLogger({ level: config.logLevel, ...(telemetry === undefined ? {} : { alsoTo: telemetry.logDestination }) });
  if (telemetryFailure !== undefined) {
    log.warn({ event: 'telemetry.not_started', reason: telemetryFailure }, 'Application Insights could not be started: logs go to stdout only');
  }

  const started = await startApp(config, log);
  if (!started.ok) {
    log.fatal({ event: 'start.failed' }, `could not start: ${started.reason}`);
    process.stderr.write(`Supervision Bot could not start: ${started.reason}\n`);
    await telemetry?.shutdown();
    process.exit(1);
  }
  const { app } = started;
  announce(config, app.url, log);

  installShutdownHandlers(async (signal) => {
    log.info({ event: 'shutdown.started', signal }, 'stopping: no new requests; saving the store');
    await app.stop();
    log.info({ event: 'shutdown.done' }, 'stopped');
    await telemetry?.shutdown();
  });

  // A bug that escapes every handler: save what can be saved, then exit for App Service to restart us.
  const crash = (kind: string) => (error: unknown) => {
    log.fatal({ event: 'process.crashed', kind, err: error }, 'unexpected error: stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .stop()
      .catch(() => undefined)
      .then(() => telemetry?.shutdown())
      .finally(() => process.exit(1));
  };
  process.once('uncaughtException', crash('uncaughtException'));
  process.once('unhandledRejection', crash('unhandledRejection'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Supervision Bot could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
