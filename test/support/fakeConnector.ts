/**
 * A Bot Framework connector on loopback: the service a bot replies to (the activity's serviceUrl).
 * It speaks the connector's REST API just enough for replies and sends, and records what it got,
 * so a test can assert that the bot's reply really went out over HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly activity: Record<string, unknown>;
}

export interface FakeConnector {
  /** Ends with a slash, as Teams' serviceUrl does. */
  readonly serviceUrl: string;
  readonly received: ReceivedActivity[];
  /** Resolves when at least `count` activities have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedActivity[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const received: ReceivedActivity[] = [];
  const waiters: Array<() => void> = [];
  let next = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(path)) {
        received.push({
          method: req.method,
          path,
          authorization: req.headers.authorization,
          activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
        waiters.splice(0).forEach((w) => w());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${next++}` }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound', message: `no route ${req.method} ${path}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    waitFor: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve(received);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => reject(new Error(`fake connector: ${received.length} of ${count} activities arrived`)), timeoutMs);
        const wait = () => {
          if (!check()) waiters.push(wait);
        };
        wait();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
