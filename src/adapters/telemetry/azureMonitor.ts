/**
 * Application Insights through Microsoft's official OpenTelemetry distro (@azure/monitor-opentelemetry):
 * incoming requests and outgoing dependencies (Cosmos DB through the Azure SDK instrumentation, the
 * Bot Connector and every other HTTP call through the HTTP instrumentation), exceptions, and the
 * app's log lines as traces.
 *
 * The redaction guarantee holds for everything the distro collects (no note, concern or typed text,
 * no credential ever leaves the process):
 * - Bodies: the instrumentations never read request or response bodies, and no header is captured.
 * - URLs: a path under /ics/ is an "Add to calendar" link, and its token is a credential: it is
 *   replaced in every attribute and in the span's name (as src/adapters/http/ics.ts logs it), and
 *   query strings are dropped whole (they may carry anything).
 * - Errors: an exception's or a span status's message may quote what a person typed, so exceptions
 *   keep only their type and stack frames (as src/log.ts does for log lines).
 * - Database statements (`db.statement`, `db.query.text`) are dropped.
 * - Log lines arrive through `logDestination`, i.e. from src/log.ts, already scrubbed.
 * - Live Metrics is off: it would sample spans before the redaction below runs.
 * - The console, bunyan and winston instrumentations are off: our logs go through pino only.
 * - The Azure SDKs' own console logging, which the distro switches on, is switched off again.
 */
import { SpanKind } from '@opentelemetry/api';
import { logs, SeverityNumber, type AnyValueMap } from '@opentelemetry/api-logs';
import { setLogLevel as setAzureSdkLogLevel } from '@azure/logger';
import { useAzureMonitor, shutdownAzureMonitor, type AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { DestinationStream } from 'pino';
import { ICS_PATH_PREFIX, loggablePath } from '../http/ics';

/** The cloud role name Application Insights groups this app's telemetry under. */
export const ROLE_NAME = 'supervision-bot';

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];
type ReadableSpan = Parameters<SpanProcessor['onEnd']>[0];
type Attributes = Record<string, unknown>;

export interface Telemetry {
  /** A pino destination: each (already scrubbed) line becomes a trace, or an exception when it carries one. */
  readonly logDestination: DestinationStream;
  /** Exports what is pending and stops collecting. Resolves, never rejects. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  readonly connectionString: string;
  /**
   * The paths (or path prefixes, ending in "/") of the app's own routes: only incoming requests to
   * them are tracked. Others (the embedded Cosmos DB server's, when it runs in the process; scanners
   * probing for paths that do not exist) are not.
   */
  readonly trackedPaths: readonly string[];
}

/** Attributes that name a statement sent to a database (a query may quote a value). */
const DROPPED_ATTRIBUTES = new Set(['db.statement', 'db.query.text']);

/**
 * A URL or path as it may leave the process: an /ics/ link's token replaced, the query string and
 * fragment dropped. Strings that hold no URL come back unchanged.
 */
export function redactUrl(value: string): string {
  const scrubbed = value.replace(/[?#].*$/s, '');
  const at = scrubbed.indexOf(ICS_PATH_PREFIX);
  if (at < 0) return scrubbed;
  return scrubbed.slice(0, at) + loggablePath(scrubbed.slice(at));
}

/** Whether an attribute's string value may carry a URL, a path or a query. */
function carriesUrl(key: string, value: string): boolean {
  return /(^|\.)(url|target|path|query|route)(\.|$)/.test(key) || key === 'url.full' || value.includes(ICS_PATH_PREFIX);
}

function scrubAttributes(attributes: Attributes): void {
  for (const [key, value] of Object.entries(attributes)) {
    // A query string on its own (url.query) has no "?" to cut at: it goes whole.
    if (DROPPED_ATTRIBUTES.has(key) || /(^|\.)query$/.test(key)) delete attributes[key];
    else if (typeof value === 'string' && carriesUrl(key, value)) attributes[key] = redactUrl(value);
  }
}

/**
 * Rewrites each span as it ends, before the distro's batch processor queues it for export (the
 * distro runs the processors given to it between its own metrics processor and the exporter).
 * A ReadableSpan is read-only by type only: its attributes, events and name are the span's own
 * objects, and nothing has read them yet.
 */
export const redactingSpanProcessor: SpanProcessor = {
  onStart: () => undefined,
  onEnd(span: ReadableSpan) {
    const writable = span as unknown as { name: string; attributes: Attributes; status: { code: number; message?: string } };
    scrubAttributes(writable.attributes);
    writable.name = redactUrl(writable.name);
    // An incoming request is named by its method alone; Application Insights lists requests by
    // name, so it gets its (redacted) path too: "POST /api/messages", "GET /ics/:token.ics".
    const path = writable.attributes['url.path'] ?? writable.attributes['http.target'];
    if (span.kind === SpanKind.SERVER && !writable.name.includes(' ') && typeof path === 'string') writable.name = `${writable.name} ${redactUrl(path)}`;
    if (writable.status.message !== undefined) writable.status = { code: writable.status.code };
    for (const event of span.events) {
      const attributes = event.attributes as Attributes | undefined;
      if (attributes === undefined) continue;
      if (event.name === 'exception') {
        // Keep the type and the "at ..." frames; the message (and its copy atop the stack) goes.
        const type = typeof attributes['exception.type'] === 'string' ? attributes['exception.type'] : 'Error';
        attributes['exception.message'] = type;
        if (typeof attributes['exception.stacktrace'] === 'string') attributes['exception.stacktrace'] = stackFramesOnly(attributes['exception.stacktrace']);
      }
      scrubAttributes(attributes);
    }
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

function stackFramesOnly(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/** pino's level labels (src/log.ts writes labels) to OpenTelemetry's severities. */
const SEVERITY: Record<string, SeverityNumber> = {
  trace: SeverityNumber.TRACE,
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
  fatal: SeverityNumber.FATAL,
};

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The error a log line reports, as src/log.ts and the adapters write one: `err` reduced to its type
 * and stack frames, or `errorType` with `frames` (the bot's turn errors).
 */
function exceptionOf(fields: Record<string, unknown>): { type: string; stack: string } | undefined {
  const err = fields.err as { type?: unknown; stack?: unknown } | undefined;
  if (typeof err === 'object' && err !== null && typeof err.type === 'string' && typeof err.stack === 'string' && err.stack !== '') return { type: err.type, stack: err.stack };
  const { errorType, frames } = fields;
  if (typeof errorType === 'string' && Array.isArray(frames) && frames.length > 0) return { type: errorType, stack: frames.map((f) => `    ${String(f)}`).join('\n') };
  return undefined;
}

/**
 * One log line as an OpenTelemetry log record: msg the body, the other fields string attributes. A
 * line whose `err` src/log.ts reduced to a type and stack frames becomes an exception (type and
 * frames only: its message is the type again), as does one with `errorType` and `frames`. Lines
 * that are not JSON pass as they are.
 */
export function logRecordOf(line: string): { body: string; severityNumber: SeverityNumber; severityText: string; timestamp?: Date; attributes: AnyValueMap } {
  let fields: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    fields = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { msg: line.trim() };
  } catch {
    fields = { msg: line.trim() };
  }
  const { msg, level, time, ...rest } = fields;
  const label = typeof level === 'string' ? level : 'info';
  const attributes: AnyValueMap = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) attributes[k] = text(v);
  const exception = exceptionOf(rest);
  if (exception !== undefined) {
    attributes['exception.type'] = exception.type;
    attributes['exception.message'] = exception.type;
    attributes['exception.stacktrace'] = exception.stack;
  }
  const body = typeof msg === 'string' && msg !== '' ? msg : typeof rest.event === 'string' ? rest.event : text(msg ?? '');
  const timestamp = typeof time === 'string' ? new Date(time) : undefined;
  return {
    body,
    severityNumber: SEVERITY[label] ?? SeverityNumber.INFO,
    severityText: label.toUpperCase(),
    ...(timestamp !== undefined && !Number.isNaN(timestamp.getTime()) ? { timestamp } : {}),
    attributes,
  };
}

/**
 * Starts the distro. Call it once, as early as possible: the HTTP and Azure SDK instrumentations
 * hook modules as they are loaded.
 */
export function startAzureMonitor(options: TelemetryOptions): Telemetry {
  const tracked = (url: string | undefined) => {
    const path = (url ?? '').replace(/[?#].*$/s, '');
    return options.trackedPaths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
  };
  const httpOptions = {
    enabled: true,
    ignoreIncomingRequestHook: (request: { url?: string }) => !tracked(request.url),
  };
  try {
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: options.connectionString },
      resource: resourceFromAttributes({ 'service.name': ROLE_NAME }),
      enableLiveMetrics: false,
      // Every trace, and so every log line (logs follow their trace's sampling): a council's traffic is
      // small, and the distro's default (5 traces a second) would drop part of a reminder run.
      samplingRatio: 1,
      tracesPerSecond: 0,
      spanProcessors: [redactingSpanProcessor],
      instrumentationOptions: {
        // The HTTP instrumentation's own options (a variable, so the distro's narrower type accepts them).
        http: httpOptions,
        azureSdk: { enabled: true },
        mongoDb: { enabled: false },
        mySql: { enabled: false },
        postgreSql: { enabled: false },
        redis: { enabled: false },
        redis4: { enabled: false },
        bunyan: { enabled: false },
        winston: { enabled: false },
        console: { enabled: false },
      },
    });
  } finally {
    // The distro switches every Azure SDK's own logger on (warnings to the console: each Cosmos DB
    // 404, with its URL and the service's message), even when it then fails. The app logs failures
    // itself, with codes; the SDKs stay as quiet as they are without the distro.
    setAzureSdkLogLevel();
  }
  const logger = logs.getLogger(ROLE_NAME);
  let stopped: Promise<void> | undefined;
  return {
    logDestination: {
      write(line: string): void {
        // Logging never breaks the app: a line that cannot be turned into a record is dropped.
        try {
          logger.emit(logRecordOf(line));
        } catch {
          /* dropped */
        }
      },
    },
    shutdown() {
      stopped ??= shutdownAzureMonitor().catch(() => undefined);
      return stopped;
    },
  };
}
