/**
 * The Application Insights sink against a loopback HTTP server standing in for the ingestion
 * endpoint (the one boundary we cannot run here), fed by the real logger of src/log.ts.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createApplicationInsightsSink,
  DEFAULT_INGESTION_ENDPOINT,
  parseConnectionString,
  type ApplicationInsightsConnection,
  type ApplicationInsightsSink,
} from '../../../src/adapters/telemetry/applicationInsightsSink';
import { createLogger, REDACTED } from '../../../src/log';

const IKEY = '00000000-0000-0000-0000-000000000000';

interface Ingestion {
  readonly port: number;
  /** Every request received: method, path and parsed body. */
  readonly requests: Array<{ method: string; url: string; contentType: string; raw: string; body: any[] }>;
  status: number;
  close(): Promise<void>;
}

async function startIngestion(): Promise<Ingestion> {
  const requests: Ingestion['requests'] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: String(req.headers['content-type']), raw, body: JSON.parse(raw) });
      res.writeHead(state.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: 0, itemsAccepted: 0, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    get status() {
      return state.status;
    },
    set status(s: number) {
      state.status = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening on it: connections are refused. */
async function refusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function connectionTo(port: number): ApplicationInsightsConnection {
  const parsed = parseConnectionString(`InstrumentationKey=${IKEY};IngestionEndpoint=http://127.0.0.1:${port}/`);
  assert.ok(parsed);
  return parsed;
}

describe('adapters/telemetry/applicationInsightsSink', () => {
  let ingestion: Ingestion;
  const sinks: ApplicationInsightsSink[] = [];
  beforeEach(async () => {
    ingestion = await startIngestion();
  });
  afterEach(async () => {
    for (const sink of sinks.splice(0)) await sink.close();
    await ingestion.close();
  });
  const sinkFor = (connection: ApplicationInsightsConnection, options: Parameters<typeof createApplicationInsightsSink>[1] = {}) => {
    const sink = createApplicationInsightsSink(connection, { retryDelayMs: 0, ...options });
    sinks.push(sink);
    return sink;
  };

  describe('parseConnectionString', () => {
    it('reads the key and endpoint, whatever the keys\' case, and adds the trailing slash', () => {
      assert.deepEqual(
        parseConnectionString(`instrumentationkey=${IKEY};IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com;LiveEndpoint=https://x/`),
        { instrumentationKey: IKEY, ingestionEndpoint: 'https://uksouth-1.in.applicationinsights.azure.com/' },
      );
    });

    it('defaults the endpoint to the global one', () => {
      assert.deepEqual(parseConnectionString(`InstrumentationKey=${IKEY}`), { instrumentationKey: IKEY, ingestionEndpoint: DEFAULT_INGESTION_ENDPOINT });
    });

    it('rejects a string without a key or with an endpoint that is not a URL', () => {
      assert.equal(parseConnectionString('IngestionEndpoint=https://x/'), undefined);
      assert.equal(parseConnectionString('InstrumentationKey=;IngestionEndpoint=https://x/'), undefined);
      assert.equal(parseConnectionString(`InstrumentationKey=${IKEY};IngestionEndpoint=not a url`), undefined);
    });
  });

  it('sends lines logged through the real logger as MessageData envelopes, and still writes them to the first destination', async () => {
    const sink = sinkFor(connectionTo(ingestion.port));
    const stdout: string[] = [];
    const log = createLogger({ level: 'debug', destination: { write: (s: string) => void stdout.push(s) }, alsoTo: sink });
    log.info({ event: 'server.listening', port: 3978 }, 'listening');
    log.child({ component: 'scheduler' }).warn({ event: 'tick.slow' });
    log.error({ event: 'store.failed', err: Object.assign(new Error('boom'), { code: 'ECONNRESET' }) }, 'store failed');
    log.debug('detail');
    log.fatal('dying');
    await sink.flush();

    assert.equal(stdout.length, 5);
    assert.equal(ingestion.requests.length, 1);
    const [request] = ingestion.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/v2.1/track');
    assert.match(request.contentType, /^application\/json/);
    const envelopes = request.body;
    assert.equal(envelopes.length, 5);
    for (const e of envelopes) {
      assert.equal(e.name, 'Microsoft.ApplicationInsights.Message');
      assert.equal(e.iKey, IKEY);
      assert.deepEqual(e.tags, { 'ai.cloud.role': 'supervision-bot' });
      assert.equal(e.data.baseType, 'MessageData');
      assert.equal(e.data.baseData.ver, 2);
      assert.match(e.time, /^\d{4}-\d\d-\d\dT/);
    }
    const base = envelopes.map((e: any) => e.data.baseData);
    assert.deepEqual(
      base.map((b: any) => [b.message, b.severityLevel]),
      [
        ['listening', 1],
        ['tick.slow', 2],
        ['store failed', 3],
        ['detail', 0],
        ['dying', 4],
      ],
    );
    assert.equal(envelopes[0].time, JSON.parse(stdout[0]).time);
    assert.deepEqual(base[0].properties, { service: 'supervision-bot', event: 'server.listening', port: '3978' });
    assert.equal(base[1].properties.component, 'scheduler');
    assert.equal(JSON.parse(base[2].properties.err).code, 'ECONNRESET');
    for (const b of base) for (const v of Object.values(b.properties)) assert.equal(typeof v, 'string');
    assert.deepEqual(sink.stats(), { sent: 5, dropped: 0, queued: 0 });
  });

  it('sends a note or concern logged by mistake redacted, never its text', async () => {
    const sink = sinkFor(connectionTo(ingestion.port));
    const log = createLogger({ level: 'info', destination: { write: () => undefined }, alsoTo: sink });
    log.info({ event: 'note.saved', whatHappened: 'SECRET-happened', note: { howIFelt: 'SECRET-felt' }, saved: { text: 'SECRET-typed', id: 'n1' } });
    log.child({ description: 'SECRET-bound' }).warn({ event: 'concern.raised' }, 'raised');
    log.error(new Error('could not save "SECRET-in-message"'));
    await sink.flush();

    assert.equal(ingestion.requests.length, 1);
    const raw = ingestion.requests[0].raw;
    assert.ok(!raw.includes('SECRET'), raw);
    const [saved, raised, failed] = ingestion.requests[0].body.map((e: any) => e.data.baseData);
    assert.equal(saved.message, 'note.saved');
    assert.equal(saved.properties.whatHappened, REDACTED);
    assert.equal(saved.properties.note, REDACTED);
    assert.deepEqual(JSON.parse(saved.properties.saved), { text: REDACTED, id: 'n1' });
    assert.equal(raised.properties.description, REDACTED);
    assert.equal(failed.message, 'Error');
  });

  it('sends in batches of maxBatch, at once when a batch is full', async () => {
    const sink = sinkFor(connectionTo(ingestion.port), { maxBatch: 2, flushIntervalMs: 3_600_000 });
    const log = createLogger({ level: 'info', destination: { write: () => undefined }, alsoTo: sink });
    for (let i = 1; i <= 5; i++) log.info({ event: 'n', i }, `line ${i}`);
    await sink.flush();
    assert.deepEqual(
      ingestion.requests.map((r) => r.body.map((e: any) => e.data.baseData.message)),
      [['line 1', 'line 2'], ['line 3', 'line 4'], ['line 5']],
    );
    assert.deepEqual(sink.stats(), { sent: 5, dropped: 0, queued: 0 });
  });

  it('with the endpoint down (connection refused) never throws into the caller; flush resolves and counts the drops', async () => {
    const sink = sinkFor(connectionTo(await refusedPort()), { retries: 1 });
    const log = createLogger({ level: 'info', destination: { write: () => undefined }, alsoTo: sink });
    assert.doesNotThrow(() => {
      for (let i = 0; i < 3; i++) log.error({ event: 'x', i }, 'line');
    });
    await sink.flush();
    assert.deepEqual(sink.stats(), { sent: 0, dropped: 3, queued: 0 });
  });

  it('with the endpoint answering 500, retries once, then drops the batch; later lines still go once it recovers', async () => {
    ingestion.status = 500;
    const sink = sinkFor(connectionTo(ingestion.port), { retries: 1 });
    const log = createLogger({ level: 'info', destination: { write: () => undefined }, alsoTo: sink });
    assert.doesNotThrow(() => log.info({ event: 'a' }, 'first'));
    await sink.flush();
    assert.equal(ingestion.requests.length, 2, 'one attempt and one retry');
    assert.deepEqual(sink.stats(), { sent: 0, dropped: 1, queued: 0 });

    ingestion.status = 200;
    log.info({ event: 'b' }, 'second');
    await sink.flush();
    assert.equal(ingestion.requests.length, 3);
    assert.equal(ingestion.requests[2].body[0].data.baseData.message, 'second');
    assert.deepEqual(sink.stats(), { sent: 1, dropped: 1, queued: 0 });
  });

  it('does not retry a batch the endpoint rejects as bad (400)', async () => {
    ingestion.status = 400;
    const sink = sinkFor(connectionTo(ingestion.port), { retries: 3 });
    sink.write('{"level":"info","msg":"m"}\n');
    await sink.flush();
    assert.equal(ingestion.requests.length, 1);
    assert.deepEqual(sink.stats(), { sent: 0, dropped: 1, queued: 0 });
  });

  it('keeps at most maxQueue lines, dropping the oldest first', async () => {
    const sink = sinkFor(connectionTo(ingestion.port), { maxQueue: 3, flushIntervalMs: 3_600_000 });
    const log = createLogger({ level: 'info', destination: { write: () => undefined }, alsoTo: sink });
    for (let i = 1; i <= 5; i++) log.info(`line ${i}`);
    assert.deepEqual(sink.stats(), { sent: 0, dropped: 2, queued: 3 });
    await sink.flush();
    assert.equal(ingestion.requests.length, 1);
    assert.deepEqual(
      ingestion.requests[0].body.map((e: any) => e.data.baseData.message),
      ['line 3', 'line 4', 'line 5'],
    );
  });

  it('close() sends what is queued, then drops what is written after it', async () => {
    const sink = sinkFor(connectionTo(ingestion.port), { flushIntervalMs: 3_600_000 });
    sink.write('{"level":"warn","msg":"before close"}\n');
    await sink.close();
    sink.write('{"level":"warn","msg":"after close"}\n');
    await sink.flush();
    assert.deepEqual(
      ingestion.requests.flatMap((r) => r.body.map((e: any) => e.data.baseData.message)),
      ['before close'],
    );
    assert.deepEqual(sink.stats(), { sent: 1, dropped: 1, queued: 0 });
  });

  it('close() with the endpoint down does not retry, and drops the rest once a batch fails', async () => {
    ingestion.status = 503;
    const sink = sinkFor(connectionTo(ingestion.port), { maxBatch: 2, flushIntervalMs: 3_600_000, retries: 5 });
    for (let i = 0; i < 6; i++) sink.write(`{"level":"info","msg":"m${i}"}\n`);
    await sink.close();
    // The first full batch was already in flight when close() began: no retry of it, and nothing after it was tried.
    assert.equal(ingestion.requests.length, 1);
    assert.deepEqual(sink.stats(), { sent: 0, dropped: 6, queued: 0 });
  });

  it('turns a line that is not JSON into a message as it is', async () => {
    const sink = sinkFor(connectionTo(ingestion.port));
    sink.write('plain text line\n');
    await sink.flush();
    const [base] = ingestion.requests[0].body.map((e: any) => e.data.baseData);
    assert.equal(base.message, 'plain text line');
    assert.equal(base.severityLevel, 1);
  });
});
