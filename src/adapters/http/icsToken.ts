/**
 * The capability token in an "Add to calendar" link (`/ics/<token>.ics`): which tenant's session,
 * for which of its two people, until when; signed by the server, so the link itself is the
 * permission and nothing about the person fetching it is needed (a calendar app has no Teams
 * identity).
 *
 * Form: `<payload>.<mac>`, both base64url without padding (RFC 4648 §5), so the token is safe in a
 * path segment as it is.
 *   payload = JSON [1, tenantId, sessionId, recipientId, expires (Unix seconds)]
 *   mac     = HMAC-SHA256(key, "ics-link.v1." + payload)
 * The purpose prefix keeps a MAC made for this from being accepted anywhere else the key is used.
 * The MAC is compared in constant time (timingSafeEqual) before the payload is even parsed; a
 * malformed, altered, foreign-key or expired token is refused the same way, with no reason given.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Instant, PersonId, TenantId } from '../../domain/model';

export interface IcsClaims {
  readonly tenantId: TenantId;
  readonly sessionId: string;
  readonly recipientId: PersonId;
  /** The link works until this instant (exclusive). */
  readonly expiresAt: Instant;
}

/** How long after the session's end its link keeps working. */
export const LINK_DAYS_AFTER_SESSION = 30;
/** Longer than any token we make (ids are at most 255 characters): anything longer is refused unread. */
export const MAX_TOKEN_LENGTH = 2048;

const VERSION = 1;
const PURPOSE = 'ics-link.v1.';
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** When a link for a session ending at `sessionEnd` stops working. */
export function linkExpiry(sessionEnd: Instant): Instant {
  const end = DateTime.fromISO(sessionEnd, { setZone: true });
  if (!end.isValid) throw new Error(`linkExpiry: not an instant: ${sessionEnd}`);
  return end.plus({ days: LINK_DAYS_AFTER_SESSION }).toUTC().toISO() as Instant;
}

function mac(key: Uint8Array, payload: string): Buffer {
  return createHmac('sha256', key).update(PURPOSE + payload, 'utf8').digest();
}

export function signIcsToken(claims: IcsClaims, key: Uint8Array): string {
  const expires = DateTime.fromISO(claims.expiresAt, { setZone: true });
  if (!expires.isValid) throw new Error(`signIcsToken: not an instant: ${claims.expiresAt}`);
  const body = [VERSION, claims.tenantId, claims.sessionId, claims.recipientId, Math.floor(expires.toSeconds())];
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The claims of a genuine token that has not expired at `now`; otherwise undefined. */
export function verifyIcsToken(token: string, key: Uint8Array, now: Instant): IcsClaims | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [payload, signature] = parts;
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return undefined;
  const given = Buffer.from(signature, 'base64url');
  // One spelling per MAC (no spare bits set in the last character), and a MAC of another length
  // cannot be equal (timingSafeEqual needs equal lengths).
  if (given.length !== MAC_BYTES || given.toString('base64url') !== signature) return undefined;
  if (!timingSafeEqual(given, mac(key, payload))) return undefined;

  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(body) || body.length !== 5 || body[0] !== VERSION) return undefined;
  const [, tenantId, sessionId, recipientId, expires] = body as unknown[];
  if (!nonEmpty(tenantId) || !nonEmpty(sessionId) || !nonEmpty(recipientId)) return undefined;
  if (typeof expires !== 'number' || !Number.isSafeInteger(expires)) return undefined;
  const at = DateTime.fromISO(now, { setZone: true });
  if (!at.isValid || at.toSeconds() >= expires) return undefined;
  return { tenantId, sessionId, recipientId, expiresAt: DateTime.fromSeconds(expires, { zone: 'utc' }).toISO() as Instant };
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';
