/**
 * Ships the app's log lines to Application Insights (its `traces` table) with no SDK: a pino
 * destination that turns each line into a MessageData envelope and POSTs them in batches to the
 * ingestion endpoint's `/v2.1/track` (the Breeze API the Application Insights SDKs use).
 *
 * It receives lines as src/log.ts wrote them, so already scrubbed of note and concern text; it adds
 * nothing a person typed. Logging must never slow or break the app: write() only queues, sending is
 * in the background with a timeout and one bounded retry, a failed batch is dropped and counted, and
 * the queue is bounded (the oldest lines go first). It never logs itself, which would feed back into it.
 */
import type { DestinationStream } from 'pino';
import { systemClock } from '../clock';

export const DEFAULT_INGESTION_ENDPOINT = 'https://dc.services.visualstudio.com/';
export const ROLE_NAME = 'supervision-bot';

export interface ApplicationInsightsConnection {
  readonly instrumentationKey: string;
  /** With a trailing slash. */
  readonly ingestionEndpoint: string;
}

/**
 * Reads `InstrumentationKey=...;IngestionEndpoint=...` (keys case-insensitive, other keys ignored).
 * Undefined when there is no instrumentation key or the endpoint is not an http(s) URL.
 */
export function parseConnectionString(connectionString: string): ApplicationInsightsConnection | undefined {
  const parts = new Map<string, string>();
  for (const pair of connectionString.split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    parts.set(pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim());
  }
  const instrumentationKey = parts.get('instrumentationkey');
  if (instrumentationKey === undefined || instrumentationKey === '') return undefined;
  const endpoint = parts.get('ingestionendpoint') || DEFAULT_INGESTION_ENDPOINT;
  if (!/^https?:\/\/[^/\s]+/i.test(endpoint)) return undefined;
  return { instrumentationKey, ingestionEndpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/` };
}

export interface ApplicationInsightsSinkOptions {
  /** Lines per request, and the queue length that sends at once. Default 100. */
  readonly maxBatch?: number;
  /** How long a line waits for a batch to fill. Default 5 s. */
  readonly flushIntervalMs?: number;
  /** Lines kept while the endpoint is slow or down; beyond it the oldest are dropped. Default 10,000. */
  readonly maxQueue?: number;
  /** Per request. Default 5 s. */
  readonly timeoutMs?: number;
  /** Further attempts after a failed one (network error, timeout, 408, 429, 5xx). Default 1. */
  readonly retries?: number;
  /** Pause before a retry. Default 1 s. */
  readonly retryDelayMs?: number;
}

export interface SinkStats {
  /** Lines the endpoint accepted. */
  readonly sent: number;
  /** Lines lost: queue overflow, a batch that failed every attempt, or written after close(). */
  readonly dropped: number;
  readonly queued: number;
}

export interface ApplicationInsightsSink extends DestinationStream {
  /** Sends everything queued; resolves (never rejects) once every batch is sent or dropped. */
  flush(): Promise<void>;
  /** flush() with no retries (a failed batch drops the rest), then drop anything written afterwards. */
  close(): Promise<void>;
  stats(): SinkStats;
}

interface Envelope {
  readonly name: 'Microsoft.ApplicationInsights.Message';
  readonly time: string;
  readonly iKey: string;
  readonly tags: Record<string, string>;
  readonly data: {
    readonly baseType: 'MessageData';
    readonly baseData: { readonly ver: 2; readonly message: string; readonly severityLevel: number; readonly properties: Record<string, string> };
  };
}

// Application Insights' field limits: longer values are rejected or cut by the service.
const MAX_MESSAGE = 32_768;
const MAX_PROPERTY_VALUE = 8_192;
const MAX_PROPERTY_KEY = 150;

/** Application Insights' SeverityLevel: Verbose 0, Information 1, Warning 2, Error 3, Critical 4. */
const SEVERITY_BY_LABEL: Record<string, number> = { trace: 0, debug: 0, info: 1, warn: 2, error: 3, fatal: 4 };

function severityOf(level: unknown): number {
  if (typeof level === 'string') return SEVERITY_BY_LABEL[level] ?? 1;
  if (typeof level === 'number') return level >= 60 ? 4 : level >= 50 ? 3 : level >= 40 ? 2 : level >= 30 ? 1 : 0;
  return 1;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The envelope for one pino line; a line that is not JSON becomes the message as it is. */
export function envelopeOf(line: string, iKey: string, now: () => string): Envelope {
  let fields: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    fields = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { msg: line.trim() };
  } catch {
    fields = { msg: line.trim() };
  }
  const { msg, level, time, ...rest } = fields;
  const message = typeof msg === 'string' && msg !== '' ? msg : typeof rest.event === 'string' ? rest.event : text(msg ?? '');
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    properties[k.slice(0, MAX_PROPERTY_KEY)] = text(v).slice(0, MAX_PROPERTY_VALUE);
  }
  return {
    name: 'Microsoft.ApplicationInsights.Message',
    time: typeof time === 'string' ? time : now(),
    iKey,
    tags: { 'ai.cloud.role': ROLE_NAME },
    data: { baseType: 'MessageData', baseData: { ver: 2, message: message.slice(0, MAX_MESSAGE), severityLevel: severityOf(level), properties } },
  };
}

/** Statuses worth a retry, as the Application Insights SDKs treat them. */
function retriable(status: number): boolean {
  return status === 408 || status === 429 || status === 439 || status >= 500;
}

export function createApplicationInsightsSink(
  connection: ApplicationInsightsConnection,
  options: ApplicationInsightsSinkOptions = {},
): ApplicationInsightsSink {
  const maxBatch = Math.max(1, options.maxBatch ?? 100);
  const flushIntervalMs = options.flushIntervalMs ?? 5_000;
  const maxQueue = Math.max(1, options.maxQueue ?? 10_000);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retries = Math.max(0, options.retries ?? 1);
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const url = new URL('v2.1/track', connection.ingestionEndpoint).toString();
  const now = () => systemClock.now();

  const queue: Envelope[] = [];
  let sent = 0;
  let dropped = 0;
  let closing = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;

  const post = async (batch: readonly Envelope[]): Promise<'sent' | 'retry' | 'drop'> => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the body so the connection is released for the next batch.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return 'sent';
      return retriable(response.status) ? 'retry' : 'drop';
    } catch {
      return 'retry';
    }
  };

  /** Whether the batch was sent. While closing there is no retry, so shutdown stays short. */
  const send = async (batch: readonly Envelope[]): Promise<boolean> => {
    for (let attempt = 0; attempt === 0 || (attempt <= retries && !closing); attempt++) {
      if (attempt > 0 && retryDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMs).unref());
      const outcome = await post(batch);
      if (outcome === 'sent') {
        sent += batch.length;
        return true;
      }
      if (outcome === 'drop') break;
    }
    dropped += batch.length;
    return false;
  };

  const pump = (): Promise<void> => {
    if (sending !== undefined) return sending;
    const run = (async () => {
      while (queue.length > 0) {
        const ok = await send(queue.splice(0, maxBatch));
        // Closing with the endpoint failing: what is left would only fail too.
        if (!ok && closing) dropped += queue.splice(0).length;
      }
    })();
    sending = run.catch(() => undefined).finally(() => {
      sending = undefined;
    });
    return sending;
  };

  const schedule = () => {
    if (queue.length >= maxBatch) {
      void pump();
      return;
    }
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void pump();
    }, flushIntervalMs);
    // A pending batch never keeps the process alive; shutdown calls close().
    timer.unref();
  };

  return {
    write(line: string): void {
      try {
        if (closed) {
          dropped++;
          return;
        }
        queue.push(envelopeOf(line, connection.instrumentationKey, now));
        if (queue.length > maxQueue) dropped += queue.splice(0, queue.length - maxQueue).length;
        schedule();
      } catch {
        dropped++;
      }
    },
    async flush(): Promise<void> {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      // A batch in flight may have left lines behind it; pump again until nothing is queued.
      do await pump();
      while (queue.length > 0);
    },
    async close(): Promise<void> {
      closing = true;
      await this.flush();
      closed = true;
    },
    stats: () => ({ sent, dropped, queued: queue.length }),
  };
}
