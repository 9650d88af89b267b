/**
 * "Add to calendar": the session cards carry an Action.OpenUrl to `<public base URL>/ics/<token>.ics`
 * and this route serves the session's invite (RFC 5545) from the store. Teams refuses a
 * `text/calendar` attachment on a bot message and its file-consent flow needs OneDrive, so the
 * invite is a download from the bot's own server instead.
 *
 * The link is a capability (icsToken.ts): signed with a key kept in the store (SigningKeyStore, made
 * on first use, the same for every instance, no secret to configure), naming the tenant, the session
 * and which of its two people it was made for, until 30 days after the session's end. A calendar app
 * fetching it has no Teams identity, so the link is the whole permission: it gives only the invite
 * (the two people, the time, the mode), never the agenda, actions, notes or concerns.
 *
 * A bad, altered, foreign-key or expired token, a session of another tenant, or a person who is not
 * the session's supervisor or supervisee: 404, with no detail. The store down: 503. Never cached
 * (a rescheduled or cancelled session changes what the link gives). Logs never carry the token.
 */
import type restify from 'restify';
import { getCalendarInvite, type CalendarInviteDeps } from '../../app/getCalendarInvite';
import type { Clock, SigningKeyStore } from '../../app/ports';
import type { CalendarTarget } from '../../app/views';
import type { TenantId } from '../../domain/model';
import type { Logger } from '../../log';
import { linkExpiry, signIcsToken, verifyIcsToken } from './icsToken';

/** The SigningKeyStore name of the key the links are signed with. */
export const ICS_SIGNING_KEY = 'ics-links';
export const ICS_PATH_PREFIX = '/ics/';
const SUFFIX = '.ics';

/** The request path as logged: the token is a credential, so it never reaches a log line. */
export function loggablePath(path: string): string {
  return path.startsWith(ICS_PATH_PREFIX) ? `${ICS_PATH_PREFIX}:token${SUFFIX}` : path;
}

export interface CalendarLinksOptions {
  readonly keys: SigningKeyStore;
  /**
   * Where people reach this server (https://<WEBSITE_HOSTNAME> in Azure, the loopback URL locally;
   * a trailing slash is dropped), read at each use since locally the port is known only once the
   * server listens. Undefined: no links.
   */
  readonly publicBaseUrl: () => string | undefined;
  readonly log?: Pick<Logger, 'warn'>;
  /** For the pause after a failed key read; default Date.now. */
  readonly nowMs?: () => number;
}

/**
 * After the key could not be read (the store is down), cards go out without the button for this
 * long before the store is asked again: every turn awaits the link maker, and a turn in an outage
 * should not wait for the store twice.
 */
export const KEY_RETRY_PAUSE_MS = 30_000;

/** A link maker per tenant, for the Teams adapter's cards (BotDeps.calendarLinks). */
export function calendarLinks(options: CalendarLinksOptions): (tenantId: TenantId) => Promise<((target: CalendarTarget) => string | undefined) | undefined> {
  const nowMs = options.nowMs ?? Date.now;
  let failedAt: number | undefined;
  return async (tenantId) => {
    const base = options.publicBaseUrl();
    if (base === undefined) return undefined;
    if (failedAt !== undefined && nowMs() - failedAt < KEY_RETRY_PAUSE_MS) return undefined;
    const key = await options.keys.getOrCreate(ICS_SIGNING_KEY);
    if (!key.ok) {
      failedAt = nowMs();
      options.log?.warn({ event: 'ics.key_unavailable', code: key.error.code }, 'no "Add to calendar" link: the signing key could not be read');
      return undefined;
    }
    failedAt = undefined;
    const root = base.replace(/\/+$/, '');
    return (target) => {
      const token = signIcsToken(
        { tenantId, sessionId: target.sessionId, recipientId: target.recipientId, expiresAt: linkExpiry(target.end) },
        key.value,
      );
      return `${root}${ICS_PATH_PREFIX}${token}${SUFFIX}`;
    };
  };
}

export interface IcsRoutesOptions {
  readonly keys: SigningKeyStore;
  readonly invites: CalendarInviteDeps;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The route, for `createServer({ extraRoutes })`. */
export function icsRoutes(options: IcsRoutesOptions): (server: restify.Server) => void {
  const { log } = options;
  return (server) => {
    // A wildcard, not a `:param`: the router refuses a parameter over 100 characters, and a token is longer.
    server.get(`${ICS_PATH_PREFIX}*`, async (req: restify.Request, res: restify.Response) => {
      const file = (req.params as Record<string, unknown> | undefined)?.['*'];
      if (typeof file !== 'string' || !file.endsWith(SUFFIX)) return notFound(res);
      const key = await options.keys.getOrCreate(ICS_SIGNING_KEY);
      if (!key.ok) {
        log.warn({ event: 'ics.key_unavailable', code: key.error.code }, 'an invite could not be served: the signing key could not be read');
        return unavailable(res);
      }
      const now = options.clock.now();
      const claims = verifyIcsToken(file.slice(0, -SUFFIX.length), key.value, now);
      if (claims === undefined) {
        log.info({ event: 'ics.refused', reason: 'token' }, 'an invite link was refused');
        return notFound(res);
      }
      const invite = await getCalendarInvite(options.invites, claims, now);
      if (!invite.ok) {
        if (invite.error.code === 'STORE_UNAVAILABLE') {
          log.warn({ event: 'ics.store_unavailable', tenantId: claims.tenantId }, 'an invite could not be served: the store did not answer');
          return unavailable(res);
        }
        log.info({ event: 'ics.refused', reason: invite.error.code, tenantId: claims.tenantId }, 'an invite link was refused');
        return notFound(res);
      }
      log.info({ event: 'ics.served', tenantId: claims.tenantId }, 'served an invite');
      const body = Buffer.from(invite.value, 'utf8');
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'attachment; filename="supervision.ics"',
        'Content-Length': String(body.length),
      });
      res.end(body);
    });
  };
}

const COMMON_HEADERS = {
  'Cache-Control': 'private, no-store',
  'X-Content-Type-Options': 'nosniff',
  // The token is in the URL: nothing on this response may pass it on.
  'Referrer-Policy': 'no-referrer',
} as const;

function notFound(res: restify.Response): void {
  plain(res, 404, 'Not found.');
}

function unavailable(res: restify.Response): void {
  res.setHeader('Retry-After', '30');
  plain(res, 503, 'The invite is not available just now. Try again in a minute.');
}

function plain(res: restify.Response, status: number, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length) });
  res.end(body);
}
