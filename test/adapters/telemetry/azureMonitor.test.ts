/**
 * Application Insights through the Azure Monitor OpenTelemetry distro, end to end: the real app (a
 * process, as `npm start` runs it) with APPLICATIONINSIGHTS_CONNECTION_STRING pointing at a loopback
 * HTTP server standing in for the ingestion endpoint (the one boundary we cannot run here), a
 * supervisee who writes a reflective note through the real Bot Framework protocol, and a request
 * for an "Add to calendar" link. What arrives must hold requests, dependencies and the log lines,
 * and none of the note's text, the link's token or a query string.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createCosmosRepositories, openStore } from '../../../src/adapters/cosmos';
import { logRecordOf, redactingSpanProcessor, redactUrl } from '../../../src/adapters/telemetry/azureMonitor';
import { createLogger } from '../../../src/log';
import { PEOPLE, SETTINGS, T1, must } from '../teams/support';
import { startTeamsConnector, type TeamsConnector } from '../teams/teamsConnector';
import { press } from '../teams/cardTools';
import { launchApp, waitForEntry, type AppProcess } from '../../support/appProcess';

const IKEY = '00000000-0000-0000-0000-000000000000';
const START_GUARD_MS = 60_000;
/**
 * The exporter always speaks HTTPS to the ingestion endpoint, so the stand-in does too, with a
 * self-signed certificate for 127.0.0.1 made by openssl for this run (its key protects nothing else
 * and is deleted with the temp folder); the app trusts it through NODE_EXTRA_CA_CERTS.
 */
let TLS = '';
async function makeLoopbackCertificate(): Promise<void> {
  TLS = await fs.mkdtemp(path.join(os.tmpdir(), 'loopback-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', path.join(TLS, 'key.pem'), '-out', path.join(TLS, 'cert.pem'),
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
}

// What must never leave the process.
const NOTE = { whatHappened: 'NOTE-TEXT-home-visit-4f1c', howIFelt: 'NOTE-FEELING-9d2e', whatILearned: 'NOTE-LEARNED-77aa', whatNext: 'NOTE-NEXT-31bd' };
const ICS_TOKEN = 'ICSTOKEN-5e0c2b7a91';
const QUERY_SECRET = 'QUERYSECRET-c3d4';

interface Envelope {
  readonly name: string;
  readonly iKey: string;
  readonly tags: Record<string, string>;
  readonly data: { readonly baseType: string; readonly baseData: Record<string, any> };
}

interface Ingestion {
  readonly port: number;
  /** Every body received, decompressed, as text: what left the process. */
  readonly raw: string[];
  readonly paths: string[];
  envelopes(): Envelope[];
  close(): Promise<void>;
}

async function startIngestion(): Promise<Ingestion> {
  const raw: string[] = [];
  const paths: string[] = [];
  const server = https.createServer({ cert: await fs.readFile(path.join(TLS, 'cert.pem')), key: await fs.readFile(path.join(TLS, 'key.pem')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      raw.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: 0, itemsAccepted: 0, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    raw,
    paths,
    envelopes: () => raw.flatMap((text) => JSON.parse(text) as Envelope[]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('adapters/telemetry/azureMonitor: the app with Application Insights on', function () {
  this.timeout(120_000);
  const cleanup: Array<() => Promise<unknown>> = [];
  after(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  let ingestion: Ingestion;
  let connector: TeamsConnector;
  let app: AppProcess;
  let url: string;

  before(async () => {
    await makeLoopbackCertificate();
    const tls = TLS;
    cleanup.push(() => fs.rm(tls, { recursive: true, force: true }));
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'supervision-telemetry-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    // The organisation, as an import would leave it, saved before the app starts.
    const store = must(await openStore({ kind: 'embedded', dataDir, lifetime: 'command' }));
    const repos = createCosmosRepositories(store.database);
    for (const p of Object.values(PEOPLE)) must(await repos.people.create(p));
    must(await repos.organisations.save(SETTINGS));
    await store.close();

    ingestion = await startIngestion();
    cleanup.push(() => ingestion.close());
    connector = await startTeamsConnector();
    cleanup.push(() => connector.close());
    for (const p of Object.values(PEOPLE)) {
      connector.members.set(`29:${p.id}`, { id: `29:${p.id}`, aadObjectId: p.aadObjectId ?? `aad-${p.id}`, name: p.name, email: p.email });
    }

    app = launchApp({
      DATA_DIR: dataDir,
      PORT: '0',
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY};IngestionEndpoint=https://127.0.0.1:${ingestion.port}/`,
      NODE_EXTRA_CA_CERTS: path.join(TLS, 'cert.pem'),
      // The distro's own usage reports go to a Microsoft endpoint: off in tests.
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    });
    cleanup.push(async () => {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    });
    url = String((await waitForEntry(app, 'server.listening', START_GUARD_MS)).url);

    // Noah writes a reflective note: the text crosses /api/messages and goes into Cosmos DB.
    let seq = 0;
    const post = async (extra: Record<string, unknown>) => {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: `noah-${++seq}`,
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          from: { id: '29:noah', name: 'Noah Patel', aadObjectId: PEOPLE.noah.aadObjectId },
          recipient: { id: '28:supervision-bot', name: 'Supervision Bot' },
          conversation: { id: 'a:1on1-noah', conversationType: 'personal', tenantId: T1 },
          channelData: { tenant: { id: T1 } },
          locale: 'en-GB',
          ...extra,
        }),
      });
      const text = await res.text();
      assert.ok(res.ok, `status ${res.status}: ${text}`);
      return text === '' ? undefined : (JSON.parse(text) as { value?: unknown });
    };
    await post({ type: 'message', text: 'reflect', textFormat: 'plain' });
    const [sent] = await connector.waitForSends(1, 15_000);
    const form = (sent.activity.attachments as Array<{ content: unknown }>)[0].content;
    const saved = await post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'card-1',
      value: { action: { type: 'Action.Execute', verb: 'note.write', data: press(form, 'note.write', { ...NOTE, visibility: 'private' }) }, trigger: 'manual' },
    });
    assert.match(JSON.stringify(saved), new RegExp(NOTE.whatHappened), 'the note was saved and shown back');

    // An "Add to calendar" link (its token is a credential) and a query string.
    await (await fetch(`${url}/ics/${ICS_TOKEN}.ics`)).arrayBuffer();
    await (await fetch(`${url}/tab/api/compliance.csv?from=${QUERY_SECRET}`)).arrayBuffer();
    await (await fetch(`${url}/healthz`)).arrayBuffer();

    // SIGTERM: the app stops and the distro exports what is pending.
    app.child.kill('SIGTERM');
    assert.equal(await app.exited, 0, app.stderr());
    // Nothing on stderr: no warning, and none of the Azure SDKs' own console logging the distro turns on.
    assert.equal(app.stderr(), '');
  });

  it('sends to the ingestion endpoint of the connection string, with its key and the role name', () => {
    assert.ok(ingestion.raw.length > 0, 'nothing arrived');
    assert.ok(ingestion.paths.every((p) => p === '/v2.1/track'), ingestion.paths.join(', '));
    for (const e of ingestion.envelopes()) {
      assert.equal(e.iKey, IKEY);
      assert.equal(e.tags['ai.cloud.role'], 'supervision-bot');
    }
  });

  it('records the incoming requests (but not the health probe), with the calendar token and query strings redacted', () => {
    const requests = ingestion.envelopes().filter((e) => e.data.baseType === 'RequestData');
    const paths = requests.map((e) => new URL(String(e.data.baseData.url)).pathname + new URL(String(e.data.baseData.url)).search);
    assert.deepEqual([...new Set(paths)].sort(), ['/api/messages', '/ics/:token.ics', '/tab/api/compliance.csv'], 'only the app\'s own routes, not /healthz nor the embedded store\'s');
    const names = requests.map((e) => String(e.data.baseData.name));
    assert.ok(names.includes('POST /api/messages'), names.join(', '));
    assert.ok(names.includes('GET /ics/:token.ics'), names.join(', '));
    const messages = requests.filter((e) => e.data.baseData.name === 'POST /api/messages');
    assert.equal(messages.length, 2, 'the message and the card submission');
    assert.ok(messages.every((e) => e.data.baseData.responseCode === '200'));
  });

  it('records the dependencies: the Bot Connector and Cosmos DB', () => {
    const dependencies = ingestion.envelopes().filter((e) => e.data.baseType === 'RemoteDependencyData');
    const described = dependencies.map((e) => `${e.data.baseData.type} ${e.data.baseData.target} ${e.data.baseData.name} ${e.data.baseData.data}`).join('\n');
    const connectorPort = new URL(connector.serviceUrl).port;
    const toConnector = dependencies.filter((e) => String(e.data.baseData.target).includes(`:${connectorPort}`));
    assert.ok(toConnector.some((e) => /\/v3\/conversations\/.+\/activities/.test(String(e.data.baseData.data))), described);
    // The note went into Cosmos DB (here the embedded server): the write is there, its body is not.
    assert.ok(dependencies.some((e) => e.data.baseData.name === 'POST /dbs/supervision/colls/notes/docs'), described);
  });

  it('sends the log lines as traces', () => {
    const traces = ingestion.envelopes().filter((e) => e.data.baseType === 'MessageData');
    const events = traces.map((e) => e.data.baseData.properties?.event);
    for (const event of ['store.opened', 'server.listening', 'http.request', 'shutdown.started']) assert.ok(events.includes(event), `${event} in ${events.join(', ')}`);
    const listening = traces.find((e) => e.data.baseData.properties?.event === 'server.listening');
    assert.match(String(listening?.data.baseData.message), /Supervision Bot listening/);
    assert.equal(listening?.data.baseData.severityLevel, 'Information');
  });

  it('lets no note text, calendar token or query string out of the process', () => {
    const all = ingestion.raw.join('\n');
    for (const secret of [...Object.values(NOTE), ICS_TOKEN, QUERY_SECRET]) assert.ok(!all.includes(secret), `${secret} left the process`);
  });
});

describe('adapters/telemetry/azureMonitor: a connection string the distro refuses', function () {
  this.timeout(120_000);

  it('the app starts all the same, says so once, and logs to stdout only', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'supervision-telemetry-'));
    const app = launchApp({ DATA_DIR: dataDir, PORT: '0', APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=;IngestionEndpoint=not a url', APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true' });
    try {
      const listening = await waitForEntry(app, 'server.listening', START_GUARD_MS);
      const health = await fetch(`${String(listening.url)}/healthz`);
      assert.equal(health.status, 200);
      const warnings = app.entries.filter((e) => e.event === 'telemetry.not_started');
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].level, 'warn');
      app.child.kill('SIGTERM');
      assert.equal(await app.exited, 0, app.stderr());
      assert.equal(app.stderr(), '');
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('adapters/telemetry/azureMonitor: redaction', () => {
  it('redactUrl: replaces a calendar link token, drops query strings and fragments, leaves the rest', () => {
    assert.equal(redactUrl('https://x.azurewebsites.net/ics/abc.def.ics?x=1'), 'https://x.azurewebsites.net/ics/:token.ics');
    assert.equal(redactUrl('/ics/abc.ics'), '/ics/:token.ics');
    assert.equal(redactUrl('GET /tab/api/compliance.csv?from=2026-01-01#x'), 'GET /tab/api/compliance.csv');
    assert.equal(redactUrl('/api/messages'), '/api/messages');
  });

  it('the span processor: URLs, statements, exception and status messages of a span are redacted before export', () => {
    const span = {
      name: 'GET',
      kind: 1, // SERVER
      attributes: {
        'url.full': `https://app.example/ics/${ICS_TOKEN}.ics?x=${QUERY_SECRET}`,
        'url.path': `/ics/${ICS_TOKEN}.ics`,
        'url.query': `from=${QUERY_SECRET}`,
        'http.target': `/ics/${ICS_TOKEN}.ics?x=1`,
        'db.statement': `SELECT * FROM c WHERE c.whatHappened = '${NOTE.whatHappened}'`,
        'http.response.status_code': 404,
      } as Record<string, unknown>,
      status: { code: 2, message: `Error: could not save "${NOTE.howIFelt}"` },
      events: [
        {
          name: 'exception',
          attributes: { 'exception.type': 'TypeError', 'exception.message': `bad ${NOTE.whatILearned}`, 'exception.stacktrace': `TypeError: bad ${NOTE.whatILearned}\n    at f (a.js:1:1)` },
        },
      ],
    };
    redactingSpanProcessor.onEnd(span as unknown as Parameters<typeof redactingSpanProcessor.onEnd>[0]);
    assert.equal(span.name, 'GET /ics/:token.ics');
    assert.equal(span.attributes['url.full'], 'https://app.example/ics/:token.ics');
    assert.equal(span.attributes['url.path'], '/ics/:token.ics');
    assert.equal(span.attributes['http.target'], '/ics/:token.ics');
    assert.equal('url.query' in span.attributes, false);
    assert.equal('db.statement' in span.attributes, false);
    assert.equal(span.attributes['http.response.status_code'], 404);
    assert.deepEqual(span.status, { code: 2 });
    assert.deepEqual(span.events[0].attributes, { 'exception.type': 'TypeError', 'exception.message': 'TypeError', 'exception.stacktrace': '    at f (a.js:1:1)' });
    const all = JSON.stringify(span);
    for (const secret of [...Object.values(NOTE), ICS_TOKEN, QUERY_SECRET]) assert.ok(!all.includes(secret), secret);
  });

  it('logRecordOf: a scrubbed line becomes a record; an error becomes an exception of its type and frames only', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } });
    log.error({ event: 'turn.failed', err: new Error('typed by a person: NOTE-IN-ERROR'), note: 'NOTE-FIELD' }, 'an activity could not be processed');
    const record = logRecordOf(lines[0]);
    assert.equal(record.body, 'an activity could not be processed');
    assert.equal(record.severityText, 'ERROR');
    assert.equal(record.attributes.event, 'turn.failed');
    assert.equal(record.attributes['exception.type'], 'Error');
    assert.equal(record.attributes['exception.message'], 'Error');
    assert.match(String(record.attributes['exception.stacktrace']), /^\s+at /);
    assert.ok(!JSON.stringify(record).includes('NOTE-'), JSON.stringify(record));
    assert.deepEqual(logRecordOf('not json').body, 'not json');

    // The bot's turn errors carry errorType and frames.
    const turn = logRecordOf(JSON.stringify({ level: 'error', event: 'turn.error', errorType: 'RangeError', frames: ['at a (x.js:1:1)', 'at b (y.js:2:2)'], msg: 'a turn failed' }));
    assert.equal(turn.attributes['exception.type'], 'RangeError');
    assert.equal(turn.attributes['exception.stacktrace'], '    at a (x.js:1:1)\n    at b (y.js:2:2)');
    assert.equal(logRecordOf(JSON.stringify({ level: 'info', event: 'x', msg: 'fine' })).attributes['exception.type'], undefined);
  });
});
