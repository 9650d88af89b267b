/**
 * The Cosmos-compatible server (@vercel/cosmosdb-server) run in-process on loopback for local use.
 * Everything it holds is in memory; persistence is the job of embeddedStore.ts.
 *
 * A gate in front of its request handler lets the host (a) notice writes, to schedule a save,
 * (b) shut down without losing a write: once closing, every request except the host's own snapshot
 * reads is refused with 503, in-flight requests finish, then the final snapshot is read, and
 * (c) with a journal attached, hold every answer until the changes made so far are durable: a write
 * is acknowledged only once it would survive a crash, and no request sees a change that might not.
 */
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { installChangeHooks, observeChanges } from './embeddedServerChanges';
import { installQueryIndex } from './embeddedQueryIndex';
import type { Journal } from './journal';

/** The header the host's snapshot client sends so the closing gate lets it through. */
export const SNAPSHOT_HEADER = 'x-supervision-snapshot';

/** Listen and endpoint use the same literal host (FACTS: the SDK and the certificate both care). */
export const EMBEDDED_HOST = '127.0.0.1';

export interface EmbeddedServer {
  readonly endpoint: string;
  readonly port: number;
  /** Refuse new requests (503) except those carrying `SNAPSHOT_HEADER: passToken`; resolves when none are in flight. */
  beginClosing(passToken: string, maxWaitMs?: number): Promise<void>;
  /**
   * From now on, every document change made in `databaseName` is appended to `journal` as the
   * server makes it, and every answer waits until the journal is durable up to that point.
   */
  attachJournal(journal: Journal, databaseName: string): void;
  close(): Promise<void>;
}

export interface EmbeddedServerOptions {
  /** Called after a request that may have changed data has been answered. */
  readonly onWrite?: () => void;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Queries (and their query-plan requests) are POSTs too: tell them apart from creates and bulk writes. */
export function isWriteRequest(req: IncomingMessage): boolean {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  if (method !== 'POST') return true;
  const contentType = String(req.headers['content-type'] ?? '');
  const isQuery =
    contentType.includes('query+json') ||
    String(req.headers['x-ms-documentdb-isquery'] ?? '').toLowerCase() === 'true' ||
    String(req.headers['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() === 'true';
  return !isQuery;
}

export function isQueryPlanRequest(req: IncomingMessage): boolean {
  return String(req.headers['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() === 'true';
}

/**
 * The SDK asks the gateway for a query plan alongside every query and uses it only when the query
 * itself is refused as needing one (cross-partition ORDER BY, aggregates...). The embedded server
 * runs every query whole, so it never refuses one, but it does not know plan requests either: it
 * ran them as the query itself, doubling the cost of every query (a 3 MB answer thrown away). We
 * answer them as the gateway would for a query it can run as is: no rewriting, the whole key range.
 */
const TRIVIAL_QUERY_PLAN = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: 'None',
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: '',
    hasSelectValue: false,
    dCountInfo: null,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
});

function answerQueryPlan(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  req.on('end', () => {
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-ms-request-charge', '1');
    res.end(TRIVIAL_QUERY_PLAN);
  });
}

const serviceUnavailable = (message: string) => JSON.stringify({ code: 'ServiceUnavailable', message });

function refuse(res: ServerResponse, message: string): void {
  res.statusCode = 503;
  res.setHeader('content-type', 'application/json');
  res.setHeader('connection', 'close');
  res.end(serviceUnavailable(message));
}

type End = ServerResponse['end'];

/** Holds the answer until the journal has everything appended so far on disk (at once when it has). */
function holdUntilDurable(res: ServerResponse, journal: () => Journal | undefined): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const durable = journal()?.whenDurable();
    if (durable === undefined) return end(...args);
    durable.then(
      () => end(...args),
      (error: Error) => {
        // The change is in memory but not on disk: say the write failed rather than that it succeeded.
        res.statusCode = 503;
        res.removeHeader('etag');
        res.setHeader('connection', 'close');
        end(serviceUnavailable(`The local store could not write its journal: ${error.message}`));
      },
    );
    return res;
  }) as End;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  // Before the server creates its store: the hooks tag what it creates.
  installChangeHooks();
  installQueryIndex();
  const server = createHttpsServer({ keepAlive: true });
  const inner = server.listeners('request') as Listener[];
  server.removeAllListeners('request');

  let closingToken: string | undefined;
  let journal: Journal | undefined;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (closingToken !== undefined && req.headers[SNAPSHOT_HEADER] !== closingToken) {
      refuse(res, 'The local store is shutting down.');
      return;
    }
    if (journal?.failure !== undefined) {
      // Nothing more can be made durable: refuse rather than accept writes a restart would lose.
      refuse(res, `The local store could not write its journal (${journal.failure.message}); restart it.`);
      return;
    }
    if (isQueryPlanRequest(req)) {
      answerQueryPlan(req, res);
      return;
    }
    const write = isWriteRequest(req);
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (write) options.onWrite?.();
      if (inFlight === 0 && idle !== undefined) idle();
    });
    holdUntilDurable(res, () => journal);
    for (const listener of inner) listener.call(server, req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, EMBEDDED_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Nothing is observed until a journal is attached (loading the snapshot costs no journal work).
  let stopObserving: (() => void) | undefined;

  return {
    endpoint: `https://${EMBEDDED_HOST}:${port}`,
    port,
    async beginClosing(passToken: string, maxWaitMs = 10_000) {
      closingToken = passToken;
      server.closeIdleConnections();
      if (inFlight === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      idle = undefined;
    },
    attachJournal(attached: Journal, name: string) {
      journal = attached;
      stopObserving?.();
      stopObserving = observeChanges(port, (database, entry) => {
        if (database === name) attached.append(entry);
      });
    },
    async close() {
      stopObserving?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/**
 * True when the query engine the server uses carries our patch (patches/@zeit+cosmosdb-query+0.7.2.patch):
 * without it every scan copies its result array per document and a 20,000-document query takes seconds.
 */
export function isQueryEnginePatched(): boolean {
  const serverDir = path.dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
  const enginePath = require.resolve('@zeit/cosmosdb-query', { paths: [serverDir] });
  const engine = require(enginePath) as { default: (sql: string) => { code: string } };
  const code = engine.default('SELECT * FROM c WHERE c.a = 1').code;
  return !code.includes('[...$');
}
