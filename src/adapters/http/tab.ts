/**
 * The personal tab "Compliance" (appPackage/manifest.json: contentUrl https://<domain>/tab/): its
 * page under /tab/ and its API under /tab/api/. Plugged into the HTTP server through `extraRoutes`.
 *
 * Who is asking comes ONLY from the bearer token on each API request:
 * - In Teams: the tab's single sign-on token (teams-js `authentication.getAuthToken()`), checked
 *   here: RS256 signature against Microsoft's published keys (multi-tenant: the `common` JWKS),
 *   issuer `https://login.microsoftonline.com/{tid}/v2.0` for the token's own `tid`, audience the
 *   tab's Entra app (`TAB_SSO_CLIENT_ID`, or its `api://<domain>/<client id>` URI), `scp` containing
 *   `access_as_user`, expiry. The person is `oid` + `tid`, the same identity as the bot's
 *   `from.aadObjectId` and tenant. No token or a bad one: 401. A valid token for someone who is not
 *   on their organisation's staff list: 403.
 * - Someone imported by email (a Person with no Teams identity yet) who opens the tab before ever
 *   talking to the bot is linked on first contact by the same app function the bot uses
 *   (app/acting.ts `actingAs`; SPEC: staff import): by the sign-in name in the verified token (`signInEmail`),
 *   within the token's own tenant, only when they are not found by `oid` + `tid`, and only once
 *   (after that `oid` alone identifies them). Nothing the page sends takes part in it.
 * - Local mode only (no MicrosoftAppId: the server listens on 127.0.0.1 and there is no Teams to get
 *   a token from): a clearly labelled local sign-in where a developer picks one of the people in the
 *   local store and gets a token signed with a key made up at start (HS256, 8 hours). It exists only
 *   when the Config says local mode (`config.bot.mode === 'local'`, which is also what makes the
 *   server bind to loopback); nothing else can switch it on. Even then every local request must
 *   arrive on a loopback socket, name a loopback Host and carry no proxy forwarding header (so a
 *   tunnel or reverse proxy in front of a local run gets 404, not a sign-in). In cloud mode its routes
 *   do not exist (404) and its tokens are refused (401): the only key is never made.
 *
 * Limits: a bearer token over 8 KB is refused; each person gets LIMITS.perMinute API calls a minute
 * and LIMITS.exportsPerMinute exports (429 with Retry-After); the local sign-in takes a body of at
 * most 1 KB, a retention change or an ASYE extension 2 KB. Responses are never cached. Logs carry codes and reasons, never tokens, names or text.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify, SignJWT, decodeProtectedHeader, errors as joseErrors, type JWTPayload } from 'jose';
import restify from 'restify';
import { actingAs, type ActAs } from '../../app/acting';
import type { Actor, Identify, ListMyNotes } from '../../app/commands';
import type { EvidenceFile } from '../../app/documents';
import type { OversightUseCases } from '../../app/oversight';
import type { NoteListView } from '../../app/views';
import type { ComplianceExport, ExportCompliance } from '../../app/exportCompliance';
import type { ComplianceView, GetCompliance } from '../../app/getCompliance';
import type { DeliveryReportView, GetDeliveryReport } from '../../app/getDeliveryReport';
import type { UseCase } from '../../app/index';
import type { OrganisationRepository, PersonRepository } from '../../app/ports';
import type { Config } from '../../config';
import type { Person } from '../../domain/model';
import type { DomainError, Result } from '../../domain/result';
import type { Logger } from '../../log';
import { bundleTabScript } from './tabScript';

/** Microsoft's signing keys for Entra ID v2.0 tokens of every tenant. */
export const MICROSOFT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const SSO_SCOPE = 'access_as_user';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LOCAL_ISSUER = 'urn:supervision-bot:local-sign-in';
const LOCAL_AUDIENCE = 'urn:supervision-bot:compliance-tab';
const LOCAL_TOKEN_HOURS = 8;

export const LIMITS = {
  tokenBytes: 8 * 1024,
  perMinute: 60,
  exportsPerMinute: 6,
  signInBodyBytes: 1024,
  retentionBodyBytes: 2048,
  asyeExtensionBodyBytes: 2048,
  localPeople: 500,
} as const;

/** A JSON body of at most `maxBytes` (restify's bodyReader honours maxBodySize; its v8 typings do not list it). */
const jsonBody = (maxBytes: number) => restify.plugins.jsonBodyParser({ mapParams: false, maxBodySize: maxBytes } as restify.plugins.JsonBodyParserOptions);

/** The parsed JSON object, or an empty one (no body, or JSON that is not an object): each field is checked by the use case. */
const bodyOf = <T extends object>(req: restify.Request): Partial<T> => (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Partial<T>;

/** Teams, Microsoft 365 and Outlook hosts that may frame the tab (Teams "tab requirements"). */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // teams-js fetches its list of Teams origins from Microsoft's CDN (falling back to a built-in list).
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/**
 * The use cases the tab calls: createUseCases' `identify` and `listMyNotes`, and the oversight use
 * cases (createOversightUseCases: the compliance view and export with their audit records, the
 * evidence exports, the audit log, retention).
 */
export interface TabUseCases extends OversightUseCases {
  readonly getCompliance: UseCase<GetCompliance, ComplianceView>;
  readonly exportCompliance: UseCase<ExportCompliance, ComplianceExport>;
  /** Links a person imported by email to their Entra identity, as the bot does. */
  readonly identify: UseCase<Identify, Person>;
  /** The signed-in person's own notes (for choosing one to draft a CPD record from). */
  readonly listMyNotes: UseCase<ListMyNotes, NoteListView>;
  /** The admins' delivery report (proactive messages by day and outcome, the backlog). */
  readonly getDeliveryReport?: UseCase<GetDeliveryReport, DeliveryReportView>;
}

export interface TabRoutesOptions {
  /** Local mode (and so the local sign-in) follows from the bot's configuration, nothing else. */
  readonly config: Pick<Config, 'bot' | 'host' | 'tabSsoClientId'>;
  readonly useCases: TabUseCases;
  /** Read by the local sign-in only, to list the people one may sign in as. */
  readonly directory: { readonly people: PersonRepository; readonly organisations: OrganisationRepository };
  readonly log: Logger;
  /** Where the SSO signing keys are published; tests point it at a loopback server. */
  readonly jwksUrl?: string;
  /** The page's folder (index.html, app.css, and app.js or app.ts); default the `tab` folder beside src/adapters (src/tab, dist/tab). */
  readonly pageDir?: string;
  /** For the rate limits; default Date.now. */
  readonly nowMs?: () => number;
}

/** A signed-in request; `email` (SSO only) is the verified sign-in name an imported person is linked by. */
type SignedIn = { readonly ok: true; readonly actor: Actor; readonly via: 'sso' | 'local'; readonly email?: string };
type Identity = SignedIn | { readonly ok: false; readonly status: 401 | 503; readonly reason: string };

/** How the API recognises people, decided once from the configuration. */
export interface TabAuth {
  readonly sso: { readonly clientId: string; readonly jwksUrl: string } | null;
  readonly localSignIn: boolean;
}

export function tabAuthFor(config: TabRoutesOptions['config'], jwksUrl: string = MICROSOFT_JWKS_URL): TabAuth {
  return {
    sso: config.tabSsoClientId === undefined ? null : { clientId: config.tabSsoClientId, jwksUrl },
    // Only a configuration without a bot identity, which binds the server to loopback.
    localSignIn: config.bot.mode === 'local' && config.host === '127.0.0.1',
  };
}

/** The routes, for `createServer({ extraRoutes })`. */
export function tabRoutes(options: TabRoutesOptions): (server: restify.Server) => void {
  const auth = tabAuthFor(options.config, options.jwksUrl);
  const log = options.log;
  const nowMs = options.nowMs ?? Date.now;
  const pageDir = options.pageDir ?? defaultPageDir();
  const page = new PageAssets(pageDir, log);
  const limiter = new FixedWindowLimiter(60_000, nowMs);

  const jwks = auth.sso === null ? null : createRemoteJWKSet(new URL(auth.sso.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  // Made only in local mode: without it no local token can be signed or accepted.
  const localKey = auth.localSignIn ? new Uint8Array(randomBytes(32)) : null;

  async function identify(req: restify.Request): Promise<Identity> {
    const header = req.header('authorization') ?? '';
    if (header === '') return { ok: false, status: 401, reason: 'no bearer token' };
    if (header.length > LIMITS.tokenBytes) return { ok: false, status: 401, reason: 'token too large' };
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header);
    if (m === null) return { ok: false, status: 401, reason: 'not a bearer JWT' };
    const token = m[1];
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      return { ok: false, status: 401, reason: 'malformed token header' };
    }
    if (alg === 'HS256' && localKey !== null) {
      if (!isLocalRequest(req)) return { ok: false, status: 401, reason: 'local token off loopback' };
      try {
        const { payload } = await jwtVerify(token, localKey, { algorithms: ['HS256'], issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, requiredClaims: ['exp', 'tid', 'oid'] });
        return actorOf(payload, 'local');
      } catch (error) {
        return { ok: false, status: 401, reason: joseReason(error) };
      }
    }
    if (auth.sso === null || jwks === null) return { ok: false, status: 401, reason: 'single sign-on is not configured (TAB_SSO_CLIENT_ID)' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid', 'scp'], clockTolerance: 60 }));
    } catch (error) {
      return { ok: false, status: keysUnavailable(error) ? 503 : 401, reason: joseReason(error) };
    }
    const tid = payload.tid;
    if (typeof tid !== 'string' || !GUID.test(tid)) return { ok: false, status: 401, reason: 'tid is not a tenant id' };
    if (payload.iss !== `https://login.microsoftonline.com/${tid}/v2.0`) return { ok: false, status: 401, reason: 'issuer is not the token tenant v2.0 issuer' };
    if (!audienceMatches(payload.aud, auth.sso.clientId)) return { ok: false, status: 401, reason: 'audience is not this tab' };
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(SSO_SCOPE)) return { ok: false, status: 401, reason: `scp lacks ${SSO_SCOPE}` };
    return actorOf(payload, 'sso');
  }

  /**
   * Runs use cases as the signed-in person, linking them on first contact (app/acting.ts, as the bot
   * does): signed in through SSO with a sign-in name, a person imported by email is found by it.
   */
  function asPerson(who: SignedIn): ActAs {
    const vouched = who.via === 'sso' && who.email !== undefined ? { email: who.email } : undefined;
    return actingAs(options.useCases.identify, who.actor, async () => vouched, () =>
      log.info({ event: 'tab.identity_linked', tenantId: who.actor.tenantId }, 'linked a person to their Entra identity on their first visit to the tab'),
    );
  }

  /** Authenticates, rate-limits, runs; answers every failure with a clear JSON message. */
  const api =
    (kind: 'read' | 'export', run: (who: SignedIn, req: restify.Request, res: restify.Response) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response) => {
      noStore(res);
      const who = await identify(req);
      if (!who.ok) {
        log.warn({ event: 'tab.auth_rejected', status: who.status, reason: who.reason, path: req.getPath() }, 'tab request without a valid sign-in');
        if (who.status === 503) {
          res.header('Retry-After', '10');
          res.send(503, { code: 'SIGN_IN_UNAVAILABLE', message: "Your sign-in can't be checked just now. Please try again in a minute." });
        } else {
          res.header('WWW-Authenticate', 'Bearer error="invalid_token"');
          res.send(401, { code: 'UNAUTHENTICATED', message: 'You are not signed in, or your sign-in has expired. Close the tab and open it again.' });
        }
        return;
      }
      const key = `${who.actor.tenantId}/${who.actor.aadObjectId}`;
      const limited = limiter.take(`read:${key}`, LIMITS.perMinute) ?? (kind === 'export' ? limiter.take(`export:${key}`, LIMITS.exportsPerMinute) : undefined);
      if (limited !== undefined) {
        res.header('Retry-After', String(limited));
        res.send(429, { code: 'TOO_MANY_REQUESTS', message: `Too many requests. Please wait ${limited} seconds and try again.` });
        return;
      }
      await run(who, req, res);
    };

  const sendFailure = (res: restify.Response, error: DomainError) => {
    const status = STATUS_OF[error.code] ?? 400;
    if (status >= 500) log.warn({ event: 'tab.request_failed', code: error.code }, 'a tab request failed');
    if (status === 503) res.header('Retry-After', '5');
    const message = error.code === 'UNKNOWN_USER' ? UNKNOWN_USER_MESSAGE : error.message;
    res.send(status, { code: error.code, message, ...(error.field !== undefined ? { field: error.field } : {}) });
  };

  return (server) => {
    server.get('/tab', async (_req: restify.Request, res: restify.Response) => {
      res.header('Location', '/tab/');
      res.send(301);
    });
    server.get('/tab/', async (_req: restify.Request, res: restify.Response) => page.serve(res, 'index.html'));
    server.get('/tab/app.css', async (_req: restify.Request, res: restify.Response) => page.serve(res, 'app.css'));
    server.get('/tab/app.js', async (_req: restify.Request, res: restify.Response) => page.serve(res, 'app.js'));

    // What the page needs to know before anyone signs in: how to sign in. No data.
    server.get('/tab/api/sign-in-options', async (req: restify.Request, res: restify.Response) => {
      noStore(res);
      res.send(200, { sso: auth.sso !== null, localSignIn: auth.localSignIn && isLocalRequest(req) });
    });

    server.get(
      '/tab/api/compliance',
      api('read', async (who, _req, res) => {
        const r = await asPerson(who)(options.useCases.getCompliance, {});
        if (r.ok) res.send(200, r.value);
        else sendFailure(res, r.error);
      }),
    );

    server.get(
      '/tab/api/compliance.csv',
      api('export', async (who, req, res) => {
        const query = new URL(req.url ?? '', 'http://tab.invalid').searchParams;
        const r = await asPerson(who)(options.useCases.exportCompliance, { from: query.get('from') ?? undefined, to: query.get('to') ?? undefined });
        if (!r.ok) {
          sendFailure(res, r.error);
          return;
        }
        log.info({ event: 'tab.export', tenantId: who.actor.tenantId, rows: r.value.rows, from: r.value.from, to: r.value.to }, 'compliance export downloaded');
        const body = Buffer.from(r.value.csv, 'utf8');
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${r.value.fileName.replace(/[^\w.-]/g, '_')}"`,
          'Content-Length': body.length,
        });
        res.end(body);
      }),
    );

    // --- evidence exports, audit log, retention (issue 11) -------------------------------------

    const query = (req: restify.Request) => new URL(req.url ?? '', 'http://tab.invalid').searchParams;
    const param = (req: restify.Request, name: string) => query(req).get(name) ?? undefined;
    const json =
      <V>(kind: 'read' | 'export', call: (actor: Actor, req: restify.Request) => Promise<Result<V>>) =>
        api(kind, async (who, req, res) => {
          const r = await asPerson(who)(call, req);
          if (r.ok) res.send(200, r.value);
          else sendFailure(res, r.error);
        });
    const file = (what: string, call: (actor: Actor, req: restify.Request) => Promise<Result<EvidenceFile>>) =>
      api('export', async (who, req, res) => {
        const r = await asPerson(who)(call, req);
        if (!r.ok) {
          sendFailure(res, r.error);
          return;
        }
        log.info({ event: 'tab.export', export: what, tenantId: who.actor.tenantId, rows: r.value.rows }, 'evidence export downloaded');
        sendFile(res, r.value);
      });
    const uc = options.useCases;

    server.get('/tab/api/health-check', file('health-check', (actor, req) => uc.exportHealthCheck(actor, { fromMonth: param(req, 'fromMonth'), toMonth: param(req, 'toMonth'), format: param(req, 'format') })));
    server.get('/tab/api/asye-log', file('asye-log', (actor, req) => uc.exportAsyeLog(actor, { personId: param(req, 'personId'), format: param(req, 'format') })));
    server.get('/tab/api/subject-access', file('subject-access', (actor, req) => uc.exportPersonForAdmin(actor, { email: param(req, 'email') })));
    server.get('/tab/api/audit.csv', file('audit-log', (actor, req) => uc.exportAuditLog(actor, { from: param(req, 'from'), to: param(req, 'to') })));
    server.get('/tab/api/audit', json('read', (actor, req) => uc.readAuditLog(actor, { from: param(req, 'from'), to: param(req, 'to') })));
    server.get('/tab/api/notes', json('read', (actor) => uc.listMyNotes(actor, {})));
    server.get('/tab/api/cpd-draft', json('export', (actor, req) => uc.draftCpdRecord(actor, { noteId: param(req, 'noteId') })));
    server.get('/tab/api/retention', json('read', (actor) => uc.getRetention(actor, {})));
    server.get('/tab/api/teams', json('read', (actor, req) => uc.getTeamFigures(actor, { team: param(req, 'team'), supervisorId: param(req, 'supervisorId') })));
    server.get('/tab/api/agreement', json('read', (actor, req) => uc.getAgreementDetail(actor, { agreementId: param(req, 'agreementId') })));
    server.put(
      '/tab/api/retention',
      jsonBody(LIMITS.retentionBodyBytes),
      json('read', (actor, req) => {
        // The body says what to change; who may change it comes from the token alone.
        const body = bodyOf<{ years?: unknown; placeHold?: unknown; releaseHold?: unknown }>(req);
        return uc.updateRetention(actor, {
          ...(body.years !== undefined ? { years: body.years as Record<string, unknown> } : {}),
          ...(body.placeHold !== undefined ? { placeHold: body.placeHold } : {}),
          ...(body.releaseHold !== undefined ? { releaseHold: body.releaseHold } : {}),
        });
      }),
    );

    server.post(
      '/tab/api/asye-extension',
      jsonBody(LIMITS.asyeExtensionBodyBytes),
      json('read', (actor, req) => {
        // The body says which agreement and what end; who may record it comes from the token alone.
        const body = bodyOf<{ agreementId?: unknown; newEnd?: unknown; reason?: unknown; note?: unknown }>(req);
        return uc.recordAsyeExtension(actor, { agreementId: body.agreementId, newEnd: body.newEnd, reason: body.reason, note: body.note });
      }),
    );

    const getDeliveryReport = options.useCases.getDeliveryReport;
    if (getDeliveryReport !== undefined) {
      // Admins only: the use case decides from the verified token's identity (403 for anyone else).
      server.get(
        '/tab/api/delivery',
        api('read', async (who, _req, res) => {
          const r = await asPerson(who)(getDeliveryReport, {});
          if (r.ok) res.send(200, r.value);
          else sendFailure(res, r.error);
        }),
      );
    }

    if (!auth.localSignIn || localKey === null) return;

    // --- local mode only ---------------------------------------------------------------------

    server.get('/tab/api/local/people', async (req: restify.Request, res: restify.Response) => {
      noStore(res);
      if (!isLocalRequest(req)) {
        res.send(404, { code: 'ResourceNotFound', message: `${req.getPath()} does not exist` });
        return;
      }
      const people = await localPeople(options.directory);
      if (!people.ok) {
        sendFailure(res, people.error);
        return;
      }
      res.send(200, { people: people.value });
    });

    server.post(
      '/tab/api/local/sign-in',
      jsonBody(LIMITS.signInBodyBytes),
      async (req: restify.Request, res: restify.Response) => {
        noStore(res);
        if (!isLocalRequest(req) || !sameOriginOrNone(req)) {
          res.send(404, { code: 'ResourceNotFound', message: `${req.getPath()} does not exist` });
          return;
        }
        const body = bodyOf<{ tenantId?: unknown; aadObjectId?: unknown }>(req);
        if (typeof body.tenantId !== 'string' || typeof body.aadObjectId !== 'string' || body.tenantId === '' || body.aadObjectId === '') {
          res.send(400, { code: 'INVALID_INPUT', message: 'Choose a person to sign in as.', field: 'person' });
          return;
        }
        const found = await options.directory.people.findByAadObjectId(body.tenantId, body.aadObjectId);
        if (!found.ok) {
          sendFailure(res, found.error);
          return;
        }
        if (found.value === null || found.value.value.tenantId !== body.tenantId) {
          res.send(403, { code: 'UNKNOWN_USER', message: UNKNOWN_USER_MESSAGE });
          return;
        }
        const token = await new SignJWT({ tid: body.tenantId, oid: body.aadObjectId })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setIssuedAt(Math.floor(nowMs() / 1000))
          .setExpirationTime(Math.floor(nowMs() / 1000) + LOCAL_TOKEN_HOURS * 3600)
          .sign(localKey);
        log.info({ event: 'tab.local_sign_in', tenantId: body.tenantId }, 'local sign-in to the tab (local mode)');
        res.send(200, { token, name: found.value.value.name, expiresInSeconds: LOCAL_TOKEN_HOURS * 3600 });
      },
    );
  };
}

/** An evidence file as a download; a printable page gets a policy of its own (its styles are inline, it runs no script). */
function sendFile(res: restify.Response, file: EvidenceFile): void {
  const body = Buffer.from(file.body, 'utf8');
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    'Content-Length': body.length,
    ...(file.contentType.startsWith('text/html') ? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'" } : {}),
  });
  res.end(body);
}

const UNKNOWN_USER_MESSAGE =
  "You are signed in, but you are not on your organisation's staff list in Supervision yet. Ask your Supervision admin to add you, then open this tab again.";

const STATUS_OF: Partial<Record<string, number>> = {
  UNKNOWN_USER: 403,
  WRONG_TENANT: 403,
  NOT_AUTHORIZED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STORE_UNAVAILABLE: 503,
};

function actorOf(payload: JWTPayload, via: 'sso' | 'local'): Identity {
  const { tid, oid } = payload;
  if (typeof tid !== 'string' || tid === '' || typeof oid !== 'string' || oid === '') return { ok: false, status: 401, reason: 'tid or oid missing' };
  const email = via === 'sso' ? signInEmail(payload) : undefined;
  return { ok: true, actor: { tenantId: tid, aadObjectId: oid }, via, ...(email !== undefined ? { email } : {}) };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The address a verified v2.0 access token names its user by, lower-cased, for linking an imported
 * person (the bot uses the Teams member's email or UPN the same way). Entra puts
 * `preferred_username` in every v2.0 token (for a work account, the user principal name); `upn` and
 * `email` only as optional claims of the app registration (`email` by default for guests). A value
 * that is not an address (a phone number, a bare name) is passed over. These claims can change over
 * time, so they never decide who someone is once linked: they only find the imported record, in the
 * token's own tenant, that has no Entra identity yet.
 */
export function signInEmail(payload: JWTPayload): string | undefined {
  for (const claim of ['preferred_username', 'upn', 'email'] as const) {
    const value = payload[claim];
    if (typeof value !== 'string') continue;
    const address = value.trim().toLowerCase();
    if (address.length <= 254 && EMAIL.test(address)) return address;
  }
  return undefined;
}

/** The tab's client id, or its Application ID URI `api://<domain>/<client id>` (Entra only issues registered ones). */
function audienceMatches(aud: JWTPayload['aud'], clientId: string): boolean {
  const list = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
  return list.some((a) => a.toLowerCase() === clientId.toLowerCase() || new RegExp(`^api://[^/\\s]+/${clientId}$`, 'i').test(a));
}

/** The keys could not be fetched (not the token's fault): 503, so the page says "try again". */
function keysUnavailable(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  if (error instanceof joseErrors.JOSEError) return error.code === 'ERR_JOSE_GENERIC';
  return error instanceof TypeError; // fetch failed: network
}

function joseReason(error: unknown): string {
  if (error instanceof joseErrors.JOSEError) return `${error.code}${'claim' in error ? ` ${String((error as { claim: unknown }).claim)}` : ''}`;
  return error instanceof Error ? error.name : 'error';
}

function noStore(res: restify.Response): void {
  res.header('Cache-Control', 'no-store');
  res.header('Vary', 'Authorization');
  res.header('X-Content-Type-Options', 'nosniff');
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (a === '::1') return true;
  return isIP(a) === 4 && a.startsWith('127.');
}

/**
 * A request straight from this machine: on a loopback socket at both ends, addressed to a loopback
 * name (so a DNS-rebound page or a tunnel's public name is refused), with no proxy in between.
 */
export function isLocalRequest(req: restify.Request): boolean {
  const socket = req.socket;
  if (!isLoopbackAddress(socket?.remoteAddress) || !isLoopbackAddress(socket?.localAddress)) return false;
  for (const h of ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-original-host', 'x-real-ip', 'x-client-ip']) {
    if (req.headers[h] !== undefined) return false;
  }
  const host = req.headers.host ?? '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return LOOPBACK_NAMES.has(name.toLowerCase());
}

/** A browser POST from another site carries its Origin: only this server's own pages may sign in. */
function sameOriginOrNone(req: restify.Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && LOOPBACK_NAMES.has(u.hostname.toLowerCase()) && u.host === req.headers.host;
  } catch {
    return false;
  }
}

/** The people one may sign in as locally: those linked to a Teams identity, in every local organisation. */
async function localPeople(directory: TabRoutesOptions['directory']) {
  const tenants = await directory.organisations.listTenants();
  if (!tenants.ok) return tenants;
  const out: { tenantId: string; organisation: string; aadObjectId: string; name: string; roles: readonly string[] }[] = [];
  for (const tenantId of tenants.value) {
    const org = await directory.organisations.get(tenantId);
    if (!org.ok) return org;
    const people = await directory.people.listByTenant(tenantId);
    if (!people.ok) return people;
    for (const p of people.value) {
      if (p.aadObjectId === undefined || p.tenantId !== tenantId) continue;
      out.push({ tenantId, organisation: org.value?.value.name ?? tenantId, aadObjectId: p.aadObjectId, name: p.name, roles: p.roles });
    }
  }
  out.sort((x, y) => x.organisation.localeCompare(y.organisation) || x.name.localeCompare(y.name));
  return { ok: true as const, value: out.slice(0, LIMITS.localPeople) };
}

/** Per-key counters over fixed windows; returns the seconds to wait when a key is over its limit. */
export class FixedWindowLimiter {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly nowMs: () => number,
  ) {}

  take(key: string, limit: number): number | undefined {
    const now = this.nowMs();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.counts.clear();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= limit) return undefined;
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
  }
}

function defaultPageDir(): string {
  return path.resolve(__dirname, '..', '..', 'tab');
}

type Asset = Promise<{ body: Buffer; type: string } | null>;

/** Per page folder and file: the files never change while the process runs. */
const ASSETS = new Map<string, Asset>();

/**
 * The page's three files. In the build output (dist/tab) app.js is there, bundled by `npm run build`,
 * and is read like the others: production has no esbuild (a dev dependency). Run from the sources
 * (src/tab holds app.ts), it is bundled by esbuild in memory, once per process, started at once so
 * the first visit does not wait; nothing is written.
 */
class PageAssets {
  constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {
    void this.get('app.js');
  }

  private get(name: 'index.html' | 'app.css' | 'app.js'): Asset {
    const key = path.join(this.dir, name);
    let file = ASSETS.get(key);
    if (file === undefined) {
      file = this.read(name).catch((error: unknown) => {
        this.log.error({ event: 'tab.asset_failed', file: name, err: error }, 'the tab page could not be prepared');
        ASSETS.delete(key); // the next visit tries again
        return null;
      });
      ASSETS.set(key, file);
    }
    return file;
  }

  private async read(name: 'index.html' | 'app.css' | 'app.js') {
    const type = { 'index.html': 'text/html; charset=utf-8', 'app.css': 'text/css; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8' }[name];
    try {
      return { body: await fs.readFile(path.join(this.dir, name)), type };
    } catch (error) {
      if (name !== 'app.js' || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return { body: await bundleTabScript(this.dir), type };
    }
  }

  async serve(res: restify.Response, name: 'index.html' | 'app.css' | 'app.js'): Promise<void> {
    const file = await this.get(name);
    if (file === null) {
      res.send(500, { code: 'PAGE_UNAVAILABLE', message: 'The Compliance page could not be prepared. The server log says why.' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.body.length,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(file.body);
  }
}
