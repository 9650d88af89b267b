/**
 * Application Insights, started before anything it instruments is loaded: main.ts imports this
 * module first, so the distro's HTTP and Azure SDK instrumentations hook restify, botbuilder's
 * connector client and @azure/cosmos as they load (started later, they would see nothing).
 *
 * It starts only in the process the app runs in (`node dist/main.js`, `tsx src/main.ts`), never in
 * a test or tool that imports main.ts, and only when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 * A configuration with problems starts nothing here: main() reports every problem and exits.
 */
import path from 'node:path';
import { startAzureMonitor, type Telemetry } from './adapters/telemetry/azureMonitor';
import { loadConfig } from './config';

function startedAsTheApp(): boolean {
  const entry = require.main?.filename;
  return entry !== undefined && entry.replace(/\.[cm]?[jt]s$/, '') === path.join(__dirname, 'main');
}

function start(): { readonly telemetry?: Telemetry; readonly failure?: string } {
  if (!startedAsTheApp()) return {};
  const loaded = loadConfig();
  if (!loaded.ok || loaded.config.applicationInsightsConnectionString === undefined) return {};
  try {
    // The routes of src/adapters/http (not /healthz: App Service probes it every minute).
    return { telemetry: startAzureMonitor({ connectionString: loaded.config.applicationInsightsConnectionString, trackedPaths: ['/api/messages', '/tab', '/tab/', '/ics/'] }) };
  } catch (error) {
    // Telemetry never stops the app: main() logs why, once its logger exists.
    return { failure: error instanceof Error ? error.name : typeof error };
  }
}

const started = start();
export const telemetry: Telemetry | undefined = started.telemetry;
/** Why Application Insights did not start although configured (a connection string the distro refuses). */
export const telemetryFailure: string | undefined = started.failure;
