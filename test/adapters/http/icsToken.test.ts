import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { linkExpiry, MAX_TOKEN_LENGTH, signIcsToken, verifyIcsToken, type IcsClaims } from '../../../src/adapters/http/icsToken';

const KEY = new Uint8Array(32).map((_, i) => i + 1);
const OTHER_KEY = new Uint8Array(32).map((_, i) => 255 - i);
const CLAIMS: IcsClaims = {
  tenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  sessionId: '6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  recipientId: 'person-nia',
  expiresAt: '2026-05-01T14:30:00.000Z',
};
const BEFORE = '2026-04-01T09:00:00.000Z';

/** Changes one character of `s` at `i` to another base64url character. */
const flip = (s: string, i: number): string => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

describe('http/icsToken: the capability in an "Add to calendar" link', () => {
  it('round-trips the tenant, session, person and expiry, and is safe in a URL path as it is', () => {
    const token = signIcsToken(CLAIMS, KEY);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    assert.equal(encodeURIComponent(token), token);
    assert.deepEqual(verifyIcsToken(token, KEY, BEFORE), CLAIMS);
  });

  it('is deterministic for the same claims and key, and differs by key', () => {
    assert.equal(signIcsToken(CLAIMS, KEY), signIcsToken(CLAIMS, KEY));
    assert.notEqual(signIcsToken(CLAIMS, KEY), signIcsToken(CLAIMS, OTHER_KEY));
  });

  it('expires: valid up to the second before its expiry, refused at and after it (fixed clock)', () => {
    const token = signIcsToken(CLAIMS, KEY);
    assert.ok(verifyIcsToken(token, KEY, '2026-05-01T14:29:59.000Z'));
    assert.equal(verifyIcsToken(token, KEY, '2026-05-01T14:30:00.000Z'), undefined);
    assert.equal(verifyIcsToken(token, KEY, '2026-06-01T00:00:00.000Z'), undefined);
    // An offset on the clock's instant changes nothing: 15:29:59+01:00 is 14:29:59Z.
    assert.ok(verifyIcsToken(token, KEY, '2026-05-01T15:29:59.000+01:00'));
  });

  it('a link lasts until 30 days after the session ends', () => {
    assert.equal(linkExpiry('2026-04-01T14:30:00.000Z'), '2026-05-01T14:30:00.000Z');
    assert.equal(linkExpiry('2026-04-01T15:30:00.000+01:00'), '2026-05-01T14:30:00.000Z');
  });

  it('refuses a token signed with another key', () => {
    assert.equal(verifyIcsToken(signIcsToken(CLAIMS, OTHER_KEY), KEY, BEFORE), undefined);
  });

  it('refuses any change to the payload or the MAC, character by character', () => {
    const token = signIcsToken(CLAIMS, KEY);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      assert.equal(verifyIcsToken(flip(token, i), KEY, BEFORE), undefined, `changed at ${i}`);
    }
  });

  it('accepts one spelling of the MAC only: a respelling with the spare bits of its last character set is refused', () => {
    const token = signIcsToken(CLAIMS, KEY);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token[token.length - 1]);
    // 32 bytes in 43 characters: the last character's two low bits carry nothing.
    const respelled = token.slice(0, -1) + alphabet[last ^ 1];
    assert.deepEqual(Buffer.from(respelled.split('.')[1], 'base64url'), Buffer.from(token.split('.')[1], 'base64url'));
    assert.equal(verifyIcsToken(respelled, KEY, BEFORE), undefined);
  });

  it('refuses claims swapped in with the MAC of other claims (another tenant\'s session)', () => {
    const genuine = signIcsToken(CLAIMS, KEY);
    const forged = signIcsToken({ ...CLAIMS, tenantId: 'tenant-elsewhere', sessionId: 'their-session' }, OTHER_KEY);
    const [forgedPayload] = forged.split('.');
    const [, genuineMac] = genuine.split('.');
    assert.equal(verifyIcsToken(`${forgedPayload}.${genuineMac}`, KEY, BEFORE), undefined);
  });

  it('refuses a correctly signed payload of the wrong shape (another version, missing or empty fields)', () => {
    const sign = (body: unknown): string => {
      const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
      return `${payload}.${createHmac('sha256', KEY).update(`ics-link.v1.${payload}`).digest('base64url')}`;
    };
    const exp = Date.parse(CLAIMS.expiresAt) / 1000;
    // The helper signs as the module does: a well-formed body passes, so the refusals below are about shape.
    assert.ok(verifyIcsToken(sign([1, 't', 's', 'p', exp]), KEY, BEFORE));
    for (const body of [[2, 't', 's', 'p', exp], [1, 't', 's', 'p'], [1, '', 's', 'p', exp], [1, 't', 's', 7, exp], [1, 't', 's', 'p', String(exp)], { tenantId: 't' }, 'x']) {
      assert.equal(verifyIcsToken(sign(body), KEY, BEFORE), undefined, JSON.stringify(body));
    }
  });

  it('refuses malformed tokens without throwing', () => {
    const token = signIcsToken(CLAIMS, KEY);
    const [payload, mac] = token.split('.');
    for (const bad of ['', '.', token + '.x', `${payload}.`, `.${mac}`, `${payload}.${mac.slice(0, -1)}`, `${payload}.${mac}A`, `${payload}!.${mac}`, `${payload}.${mac}=`, 'x'.repeat(MAX_TOKEN_LENGTH + 1)]) {
      assert.equal(verifyIcsToken(bad, KEY, BEFORE), undefined, bad.slice(0, 40));
    }
    assert.equal(verifyIcsToken(token, KEY, 'not an instant'), undefined);
  });
});
