/**
 * The HTTP surface (restify): `POST /api/messages` for the Bot Framework protocol and `GET /healthz`
 * for App Service's health check. Other routes (the tab's page and API) plug in through `extraRoutes`.
 *
 * /api/messages authenticates first and only then runs the turn, so that a request that is not from
 * the Bot Framework is answered 401 whatever went wrong while checking it (no header, a malformed
 * token, an unknown signing key, keys that could not be fetched) and no log line ever carries the
 * activity's text or value.
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { HealthCheck } from '../../app/ports';
import { activityLogFields, type Logger } from '../../log';
import { TURN_ERROR_REPLY, type AuthenticateRequestResult, type BotHost } from './botHost';
import { activityBoundsProblem } from './activityBounds';
import { loggablePath } from './ics';

/** What the server needs from a bot: botbuilder's ActivityHandler has it. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

export interface ServerDeps {
  readonly config: { readonly port: number; readonly host: string };
  readonly botHost: BotHost;
  readonly bot: TurnHandler;
  readonly health: HealthCheck;
  readonly log: Logger;
  /** Adds routes (the tab's static files and API) before the server listens. */
  readonly extraRoutes?: (server: restify.Server) => void;
  /** /healthz answers 503 when the store has not answered within this time. */
  readonly healthTimeoutMs?: number;
  /** In-flight requests get this long to finish on close before their connections are cut. */
  readonly closeGraceMs?: number;
}

export interface HttpServer {
  readonly server: restify.Server;
  /** Starts listening; resolves with the address actually bound (PORT=0 picks a free port). */
  listen(): Promise<{ readonly url: string; readonly host: string; readonly port: number }>;
  /** Stops accepting, lets in-flight requests finish (up to closeGraceMs), then resolves. */
  close(): Promise<void>;
}

/** Teams activities are small; a card submission with a 10,000-character note is far below this. */
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_HEALTH_TIMEOUT_MS = 5000;
const DEFAULT_CLOSE_GRACE_MS = 5000;

export function createServer(deps: ServerDeps): HttpServer {
  const { botHost, bot, health, log } = deps;
  const server = restify.createServer({
    name: 'supervision-bot',
    // restify logs through ours (and so through its redaction); its own chatter stays below info.
    // (@types/restify still describes restify 8's bunyan logger; restify 11 takes pino.)
    log: log.child({ component: 'restify' }, { level: log.isLevelEnabled('debug') ? log.level : 'warn' }) as unknown as restify.ServerOptions['log'],
    handleUncaughtExceptions: false,
  });

  server.on('after', (req: restify.Request, res: restify.Response) => {
    // An "Add to calendar" link's path is its credential: logged without it.
    const path = loggablePath(req.getPath());
    const fields = { event: 'http.request', method: req.method, path, status: res.statusCode, ms: Date.now() - req.time() };
    if (path === '/healthz' && res.statusCode === 200) log.debug(fields);
    else log.info(fields);
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.header('Cache-Control', 'no-store');
    const outcome = await checkWithTimeout(health, deps.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
    if (outcome.ok) {
      res.send(200, { status: 'ok', store: 'ok', latencyMs: outcome.latencyMs });
    } else {
      log.warn({ event: 'health.store_unavailable', code: outcome.code }, 'the store did not answer the health check');
      res.send(503, { status: 'unavailable', store: outcome.code === 'TIMEOUT' ? 'timeout' : 'unavailable', code: outcome.code });
    }
  });

  server.post(
    '/api/messages',
    // restify's bodyReader honours maxBodySize; its typings (v8) do not list it.
    restify.plugins.jsonBodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES } as restify.plugins.JsonBodyParserOptions),
    async (req: restify.Request, res: restify.Response) => {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
        res.send(400, { error: 'The body must be a JSON Bot Framework activity with a type.' });
        return;
      }
      const tooLong = activityBoundsProblem(body);
      if (tooLong !== undefined) {
        log.warn({ event: 'activity.out_of_bounds', field: tooLong.field }, 'refused an activity with a field longer than Teams sends');
        res.send(400, { error: tooLong.message });
        return;
      }
      const activity = fixDates(body as Record<string, unknown>) as unknown as Activity;
      const authHeader = req.header('authorization') ?? '';
      let authResult: AuthenticateRequestResult;
      try {
        authResult = await botHost.authentication.authenticateRequest(activity, authHeader);
      } catch (err) {
        const e = err as { name?: unknown; message?: unknown; statusCode?: unknown };
        log.warn(
          { event: 'auth.rejected', reason: typeof e?.message === 'string' ? e.message.slice(0, 200) : String(e?.name), hasAuthorization: authHeader !== '', ...activityLogFields(activity) },
          'rejected a request without a valid Bot Framework token',
        );
        res.send(401, { error: 'Unauthorized' });
        return;
      }
      try {
        const ran = await botHost.adapter.runAuthenticated(authResult, activity, (context) => bot.run(context));
        const invokeResponse = activity.type === 'invoke' ? answeredInvoke(ran) : ran;
        if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
        else {
          res.status(invokeResponse?.status ?? 200);
          res.end();
        }
      } catch (err) {
        const e = err as { name?: unknown; statusCode?: unknown; code?: unknown };
        log.error(
          { event: 'turn.failed', errorType: e?.name, statusCode: e?.statusCode, code: e?.code, ...activityLogFields(activity) },
          'an activity could not be processed',
        );
        if (activity.type === 'invoke') res.send(200, INVOKE_FAILED.body);
        else res.send(500, { error: 'The activity could not be processed.' });
      }
    },
  );

  deps.extraRoutes?.(server);

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        // restify re-emits its http.Server's errors (EADDRINUSE) on itself.
        const onError = (err: Error) => reject(err);
        server.once('error', onError);
        server.listen(deps.config.port, deps.config.host, () => {
          server.removeListener('error', onError);
          const address = server.server.address() as AddressInfo;
          const host = address.address;
          resolve({ url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`, host, port: address.port });
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.server.listening) {
          resolve();
          return;
        }
        const force = setTimeout(() => server.server.closeAllConnections(), deps.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        // Keep-alive connections with no request in flight would otherwise hold the server open.
        server.server.closeIdleConnections();
      }),
  };
}

type HealthOutcome = { readonly ok: true; readonly latencyMs: number } | { readonly ok: false; readonly code: string };

async function checkWithTimeout(health: HealthCheck, timeoutMs: number): Promise<HealthOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, code: 'TIMEOUT' }), timeoutMs);
  });
  const check = health.check().then(
    (result): HealthOutcome => (result.ok ? { ok: true, latencyMs: result.value.latencyMs } : { ok: false, code: result.error.code }),
    (): HealthOutcome => ({ ok: false, code: 'STORE_UNAVAILABLE' }),
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What botbuilder's CloudAdapter does to a parsed body: timestamps become Dates, raw strings kept. */
function fixDates(activity: Record<string, unknown>): Record<string, unknown> {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

/**
 * What an invoke whose turn failed (a bug: botbuilder then answers 501 with no body) gets instead:
 * a 200 with an Adaptive Card error its sender can show. The person also gets the apology in chat.
 */
export const INVOKE_FAILED = {
  status: 200,
  body: { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: TURN_ERROR_REPLY } },
} as const;

function answeredInvoke(response: InvokeResponse | undefined): InvokeResponse {
  if (response === undefined || (response.status ?? 200) >= 500) return INVOKE_FAILED;
  return response;
}
