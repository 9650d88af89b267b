/**
 * The Compliance tab's page and API over real HTTP (the app's restify server on 127.0.0.1:0), with
 * the real use cases over the real Cosmos repositories (the official SDK against the embedded
 * server). Single sign-on tokens are real JWTs signed with a test RSA key whose public half a
 * loopback JWKS server publishes, as login.microsoftonline.com does for Teams.
 */
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler } from 'botbuilder';
import { parse } from 'csv-parse/sync';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createUseCases } from '../../../src/app';
import type { ComplianceView } from '../../../src/app/getCompliance';
import { getDeliveryReport, type DeliveryReportView } from '../../../src/app/getDeliveryReport';
import { createBotHost } from '../../../src/adapters/http/botHost';
import { createServer, type HttpServer } from '../../../src/adapters/http/server';
import { LIMITS, tabAuthFor, tabRoutes, type TabRoutesOptions, type TabUseCases } from '../../../src/adapters/http/tab';
import { createOversightUseCases } from '../../../src/app/oversight';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { loadConfig, type BotAuth } from '../../../src/config';
import { emptySummary } from '../../../src/domain/agreement';
import { summarize } from '../../../src/domain/compliance';
import type { Agreement, Instant, OrganisationSettings, Person, Session } from '../../../src/domain/model';
import { ok } from '../../../src/domain/result';
import { captureLog, type CapturedLog } from '../../support/captureLog';
import { FixedClock, RecordingNotifier, SequentialIds } from '../../fakes/ports';
import { must, removeDir, tempDataDir } from '../cosmos/support';

const CLIENT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const TENANT_A = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const TENANT_B = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';
const NOW: Instant = '2026-03-02T10:00:00.000Z';
const SECRET_COMMENT = 'A rating comment the export must never carry';

const oid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const person = (n: number, id: string, name: string, roles: Person['roles'], tenantId = TENANT_A): Person => ({
  id,
  tenantId,
  email: `${id}@example.org`,
  name,
  roles,
  aadObjectId: oid(n),
  isRegisteredSocialWorker: true,
});

const PEOPLE = {
  psw: person(1, 'psw', 'Priya Shah', ['psw', 'supervisor']),
  sup1: person(2, 'sup1', 'Sam Patel', ['supervisor']),
  sup2: person(3, 'sup2', 'Jo Reed', ['supervisor']),
  ana: person(4, 'ana', 'Ana Lopes', ['supervisee']),
  ben: person(5, 'ben', 'Ben Carter', ['supervisee']),
  // Tenant B reuses ids and even an object id of tenant A: nothing may cross.
  pswB: person(2, 'psw', 'Bea Other', ['psw', 'supervisor'], TENANT_B),
  cal: person(6, 'cal', 'Cal Other', ['supervisee'], TENANT_B),
} as const;

const settings = (tenantId: string, name: string, pswId: string): OrganisationSettings => ({
  tenantId,
  name,
  zone: 'Europe/London',
  pswIds: [pswId],
  adminIds: [],
  reminderLeadDays: 2,
  escalationGraceDays: 3,
  quietHours: { start: '19:00', end: '08:00' },
});

function agreement(id: string, tenantId: string, superviseeId: string, supervisorId: string, start: string): Agreement {
  return {
    id,
    tenantId,
    superviseeId,
    supervisorId,
    lineManagerIsRegisteredSocialWorker: true,
    employmentStart: start,
    agreementStart: start,
    nqsw: false,
    pauses: [],
    status: 'active',
    supervisorHistory: [{ supervisorId, from: start }],
    summary: emptySummary(start),
    createdAt: NOW,
    updatedAt: NOW,
  };
}

function heldSession(a: Agreement, id: string, start: Instant, score?: number): Session {
  return {
    id,
    tenantId: a.tenantId,
    agreementId: a.id,
    supervisorId: a.supervisorId,
    superviseeId: a.superviseeId,
    status: 'held',
    mode: 'in-person',
    scheduledStart: start,
    plannedMinutes: 90,
    start,
    minutes: 90,
    uninterrupted: true,
    agenda: [],
    actions: [],
    ...(score !== undefined ? { rating: { score, comment: SECRET_COMMENT, ratedAt: start } } : {}),
    createdAt: start,
    updatedAt: start,
  };
}

interface JwksServer {
  readonly url: string;
  hits: number;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startJwks(keys: object[]): Promise<JwksServer> {
  const state = { hits: 0 };
  const server = http.createServer((_req, res) => {
    state.hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  const url = await listen(server);
  return {
    url: `${url}/common/discovery/v2.0/keys`,
    get hits() {
      return state.hits;
    },
    set hits(n: number) {
      state.hits = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A raw request, so a test can set Host, Origin and forwarding headers as a proxy or another site would. */
function raw(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers: { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** What main wires for the tab: the conversation's use cases and the oversight ones, over the same repositories. */
function tabUseCasesOver(repos: CosmosRepositories, idPrefix: string, clock = new FixedClock(NOW)): TabUseCases {
  const deps = { ...repos, notifier: new RecordingNotifier(), clock, ids: new SequentialIds(idPrefix) };
  return { ...createUseCases(deps), ...createOversightUseCases(deps) };
}

describe('adapters/http tab: the Compliance page and API', function () {
  this.timeout(60_000);
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;
  let useCases: TabUseCases;
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let jwks: JwksServer;
  const servers: HttpServer[] = [];

  before(async () => {
    dir = await tempDataDir('tab-http');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
    for (const p of Object.values(PEOPLE)) must(await repos.people.create(p));
    must(await repos.organisations.save(settings(TENANT_A, 'Northshire Council', 'psw')));
    must(await repos.organisations.save(settings(TENANT_B, 'Elsewhere Trust', 'psw')));

    const orgA = settings(TENANT_A, 'Northshire Council', 'psw');
    const orgB = settings(TENANT_B, 'Elsewhere Trust', 'psw');
    const save = async (a: Agreement, sessions: Session[], org: OrganisationSettings) => {
      for (const s of sessions) must(await repos.sessions.create(s));
      must(await repos.agreements.create({ ...a, summary: summarize({ agreement: a, sessions, settings: org, now: NOW }) }));
    };
    const anaAgreement = agreement('agr-ana', TENANT_A, 'ana', 'sup1', '2025-12-01');
    await save(anaAgreement, [heldSession(anaAgreement, 'ses-ana-1', '2025-12-03T10:00:00.000Z', 4), heldSession(anaAgreement, 'ses-ana-2', '2026-02-03T10:00:00.000Z', 5)], orgA);
    const benAgreement = agreement('agr-ben', TENANT_A, 'ben', 'sup2', '2026-01-15');
    await save(benAgreement, [], orgA);
    // Tenant B: the same agreement id and supervisor id as tenant A's.
    const calAgreement = agreement('agr-ana', TENANT_B, 'cal', 'psw', '2026-01-05');
    await save(calAgreement, [], orgB);

    useCases = tabUseCasesOver(repos, 'tab');

    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    jwks = await startJwks([{ ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' }]);
  });

  after(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await jwks?.close();
    await store?.close();
    if (dir !== undefined) await removeDir(dir);
  });

  async function startTab(config: TabRoutesOptions['config'], extra: Partial<TabRoutesOptions> = {}): Promise<{ url: string; logs: CapturedLog }> {
    const logs = captureLog('debug');
    const bot: BotAuth = config.bot;
    const server = createServer({
      // Tests listen on loopback whatever the mode; the tab decides from `config` alone.
      config: { port: 0, host: '127.0.0.1' },
      botHost: createBotHost(bot, logs.log),
      bot: new ActivityHandler(),
      health: { check: async () => ok({ latencyMs: 1 }) },
      log: logs.log,
      extraRoutes: tabRoutes({ config, useCases, directory: repos, log: logs.log, jwksUrl: jwks.url, ...extra }),
    });
    servers.push(server);
    const { url } = await server.listen();
    return { url, logs };
  }

  const CLOUD_BOT: BotAuth = { mode: 'SingleTenant', appId: '6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', tenantId: TENANT_A, password: 'not-used-here' };
  const cloud = (extra: Partial<TabRoutesOptions> = {}) => startTab({ bot: CLOUD_BOT, host: '0.0.0.0', tabSsoClientId: CLIENT_ID }, extra);
  const local = (tabSsoClientId?: string) => startTab({ bot: { mode: 'local' }, host: '127.0.0.1', ...(tabSsoClientId !== undefined ? { tabSsoClientId } : {}) });

  /** A token as Entra ID issues it to Teams for the tab, with `claims` changed or removed (undefined). */
  async function token(who: Person, claims: Record<string, unknown> = {}, options: { key?: CryptoKey; kid?: string; expiresIn?: number } = {}): Promise<string> {
    const nowS = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      aud: CLIENT_ID,
      iss: `https://login.microsoftonline.com/${who.tenantId}/v2.0`,
      tid: who.tenantId,
      oid: who.aadObjectId,
      scp: 'access_as_user',
      ver: '2.0',
      name: who.name,
      iat: nowS - 60,
      nbf: nowS - 60,
      exp: nowS + (options.expiresIn ?? 3600),
      ...claims,
    };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete payload[k];
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key-1', typ: 'JWT' }).sign(options.key ?? signingKey);
  }

  const get = (url: string, path: string, bearer?: string) => fetch(`${url}${path}`, { headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` } });
  const view = async (res: Response): Promise<ComplianceView> => {
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as ComplianceView;
  };
  const supervisees = (v: ComplianceView) => v.rows.map((r) => r.supervisee.name).sort();

  describe('single sign-on (cloud mode)', () => {
    it('a valid Teams token: the person sees what they may, figures and quality included', async () => {
      const { url } = await cloud();
      const res = await get(url, '/tab/api/compliance', await token(PEOPLE.sup1));
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const v = await view(res);
      assert.deepEqual(supervisees(v), ['Ana Lopes']);
      const [ana] = v.rows;
      assert.deepEqual([ana.standing, ana.met, ana.missed, ana.rated, ana.averageRating, ana.lastSessionOn], ['due', 2, 1, 2, 4.5, '2026-02-03']);
      assert.equal(v.organisationName, 'Northshire Council');
    });

    it('the delivery report: an admin of the token\'s tenant gets their own tenant\'s figures; anyone else 403', async () => {
      const deps = { ...repos, notifier: new RecordingNotifier(), clock: new FixedClock(NOW), ids: new SequentialIds('tab') };
      const { url } = await cloud({
        useCases: { ...useCases, getDeliveryReport: (actor, command) => getDeliveryReport(deps, actor, command, NOW) },
      });
      must(await repos.outbox.create({
        id: 'report-b', tenantId: TENANT_B, recipientAadObjectId: 'aad-x', kind: 'reminder', payload: { kind: 'reminder', spent: true },
        notBefore: NOW, attempts: 1, status: 'sent', retries: 1, createdAt: NOW, updatedAt: NOW,
      }));
      // The PSW of tenant A is no admin: refused, whatever the request says.
      const refused = await get(url, '/tab/api/delivery?admin=true', await token(PEOPLE.psw));
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as { code: string }).code, 'NOT_AUTHORIZED');
      assert.equal((await get(url, '/tab/api/delivery')).status, 401);
      // Tenant B makes its PSW an admin: she sees tenant B's figures only.
      const orgB = must(await repos.organisations.get(TENANT_B));
      assert.ok(orgB);
      must(await repos.organisations.save({ ...orgB.value, adminIds: ['psw'] }, orgB.etag));
      try {
        const res = await get(url, '/tab/api/delivery', await token(PEOPLE.pswB));
        assert.equal(res.status, 200);
        const report = (await res.json()) as DeliveryReportView;
        assert.deepEqual(report.days, [{ day: '2026-03-02', sent: 1, retried: 1, failed: 0, unreachable: 0 }]);
      } finally {
        const now = must(await repos.organisations.get(TENANT_B));
        assert.ok(now);
        must(await repos.organisations.save({ ...now.value, adminIds: orgB.value.adminIds }, now.etag));
      }
    });

    it('the audience may be the client id or its api://<domain>/<client id> URI', async () => {
      const { url } = await cloud();
      const res = await get(url, '/tab/api/compliance', await token(PEOPLE.sup1, { aud: `api://supbot.azurewebsites.net/${CLIENT_ID}` }));
      assert.equal(res.status, 200);
    });

    const refused: Array<[string, (who: Person) => Promise<string>]> = [
      ['expired', (who) => token(who, {}, { expiresIn: -600 })],
      ['another audience', (who) => token(who, { aud: '11111111-2222-4333-8444-555555555555' })],
      ['another app behind an api:// URI', (who) => token(who, { aud: 'api://supbot.azurewebsites.net/11111111-2222-4333-8444-555555555555' })],
      ['an issuer of another tenant', (who) => token(who, { iss: `https://login.microsoftonline.com/${TENANT_B}/v2.0` })],
      ['a v1.0 issuer', (who) => token(who, { iss: `https://sts.windows.net/${who.tenantId}/` })],
      ['another identity provider', (who) => token(who, { iss: `https://evil.example/${who.tenantId}/v2.0` })],
      ['no scp', (who) => token(who, { scp: undefined })],
      ['a scope other than access_as_user', (who) => token(who, { scp: 'User.Read' })],
      ['no tid', (who) => token(who, { tid: undefined })],
      ['no oid', (who) => token(who, { oid: undefined })],
      ['a key the issuer does not publish', (who) => token(who, {}, { key: otherKey, kid: 'attacker' })],
      ['the published key id over another key', (who) => token(who, {}, { key: otherKey })],
      ['HS256 instead of RS256', async (who) => new SignJWT({ aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${who.tenantId}/v2.0`, tid: who.tenantId, oid: who.aadObjectId, scp: 'access_as_user' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new Uint8Array(32))],
      ['alg none', async (who) => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: CLIENT_ID, tid: who.tenantId, oid: who.aadObjectId, scp: 'access_as_user', exp: 9999999999 })).toString('base64url')}.`],
      ['a token over the size limit', async (who) => `${(await token(who)).split('.').slice(0, 2).join('.')}.${'s'.repeat(LIMITS.tokenBytes)}`],
    ];
    for (const [what, make] of refused) {
      it(`refuses ${what}: 401 with a message`, async () => {
        const { url, logs } = await cloud();
        const bearer = await make(PEOPLE.psw);
        const res = await get(url, '/tab/api/compliance', bearer);
        assert.equal(res.status, 401);
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
        const body = (await res.json()) as { code: string; message: string };
        assert.equal(body.code, 'UNAUTHENTICATED');
        assert.match(body.message, /sign/i);
        assert.ok(!logs.text().includes(bearer.slice(-40)), 'the token is never logged');
        assert.ok(logs.entries().some((e) => e.event === 'tab.auth_rejected'));
      });
    }

    it('no Authorization header, or not a bearer JWT: 401', async () => {
      const { url } = await cloud();
      assert.equal((await get(url, '/tab/api/compliance')).status, 401);
      assert.equal((await fetch(`${url}/tab/api/compliance`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status, 401);
      assert.equal((await get(url, '/tab/api/compliance.csv')).status, 401);
    });

    it('a valid token for someone not on the staff list: 403 with a clear message', async () => {
      const { url } = await cloud();
      const stranger = person(99, 'stranger', 'Stranger', ['supervisor']);
      const res = await get(url, '/tab/api/compliance', await token(stranger));
      assert.equal(res.status, 403);
      const body = (await res.json()) as { code: string; message: string };
      assert.equal(body.code, 'UNKNOWN_USER');
      assert.match(body.message, /not on your organisation's staff list/);
    });

    describe('someone imported by email (no Teams identity yet) opens the tab before ever talking to the bot', () => {
      // A store of its own: linking changes people, and the local sign-in lists the linked ones.
      let importDir: string;
      let importStore: CosmosStore;
      let importRepos: CosmosRepositories;
      let importUseCases: TabUseCases;
      const imported = (id: string, name: string, roles: Person['roles'], extra: Partial<Person> = {}): Person => ({
        id,
        tenantId: TENANT_A,
        email: `${id}.imported@example.org`,
        name,
        roles,
        isRegisteredSocialWorker: true,
        ...extra,
      });
      const DEE = imported('dee', 'Dee Jones', ['supervisee']);
      const ELI = imported('eli', 'Eli Moss', ['supervisee']);
      const FAY = imported('fay', 'Fay Lund', ['supervisee']);
      const GUS = imported('gus', 'Gus Hale', ['supervisee']);
      const HAL = imported('hal', 'Hal Pike', ['supervisee'], { aadObjectId: oid(40) }); // linked already
      /** A token of this tenant's Entra for a new object id, with the given claims. */
      const tokenFor = (tenantId: string, n: number, claims: Record<string, unknown>) => token({ ...DEE, tenantId, aadObjectId: oid(n), name: 'Someone' }, claims);
      const storedPerson = async (p: Person) => must(await importRepos.people.findByEmail(p.tenantId, p.email))?.value;
      const start = () => cloud({ useCases: importUseCases, directory: importRepos });

      before(async () => {
        importDir = await tempDataDir('tab-import');
        importStore = must(await openStore({ kind: 'embedded', dataDir: importDir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
        importRepos = createCosmosRepositories(importStore.database);
        const orgA = settings(TENANT_A, 'Northshire Council', 'psw');
        must(await importRepos.organisations.save(orgA));
        must(await importRepos.organisations.save(settings(TENANT_B, 'Elsewhere Trust', 'psw')));
        for (const p of [PEOPLE.sup1, DEE, ELI, FAY, GUS, HAL]) must(await importRepos.people.create(p));
        for (const p of [DEE, ELI, FAY, GUS, HAL]) {
          const a = agreement(`agr-${p.id}`, TENANT_A, p.id, 'sup1', '2026-02-02');
          must(await importRepos.agreements.create({ ...a, summary: summarize({ agreement: a, sessions: [], settings: orgA, now: NOW }) }));
        }
        importUseCases = tabUseCasesOver(importRepos, 'tab-import');
      });

      after(async () => {
        await importStore?.close();
        if (importDir !== undefined) await removeDir(importDir);
      });

      it("is linked by their token's preferred_username (any case) and sees their data; from then on the object id alone is enough", async () => {
        const { url, logs } = await start();
        assert.equal((await storedPerson(DEE))?.aadObjectId, undefined, 'imported, not linked');
        const v = await view(await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 20, { preferred_username: 'Dee.Imported@Example.ORG' })));
        assert.equal(v.viewer.name, 'Dee Jones');
        assert.deepEqual(v.rows.map((r) => [r.agreementId, r.relation, r.supervisor.name]), [['agr-dee', 'own', 'Sam Patel']]);
        assert.equal((await storedPerson(DEE))?.aadObjectId, oid(20), 'linked to the token oid');
        const again = await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 20, { preferred_username: undefined }));
        assert.equal(again.status, 200, 'a token without any sign-in name: found by oid + tid');
        assert.equal(logs.entries().filter((e) => e.event === 'tab.identity_linked').length, 1);
        assert.ok(!logs.text().toLowerCase().includes('dee.imported@example.org'), 'the address is never logged');
      });

      it('a token whose sign-in name matches nobody on the staff list: the clear 403', async () => {
        const { url } = await start();
        const res = await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 21, { preferred_username: 'nobody@example.org' }));
        assert.equal(res.status, 403);
        const body = (await res.json()) as { code: string; message: string };
        assert.equal(body.code, 'UNKNOWN_USER');
        assert.match(body.message, /not on your organisation's staff list/);
        assert.equal((await get(url, '/tab/api/compliance.csv', await tokenFor(TENANT_A, 21, { preferred_username: 'nobody@example.org' }))).status, 403);
      });

      it("a token of tenant B naming an address imported in tenant A is not linked to tenant A's person", async () => {
        const { url } = await start();
        const res = await get(url, '/tab/api/compliance', await tokenFor(TENANT_B, 22, { preferred_username: ELI.email, upn: ELI.email, email: ELI.email }));
        assert.equal(res.status, 403);
        assert.equal(((await res.json()) as { code: string }).code, 'UNKNOWN_USER');
        assert.equal((await storedPerson(ELI))?.aadObjectId, undefined, "tenant A's Eli is still unlinked");
        assert.equal(must(await importRepos.people.findByAadObjectId(TENANT_B, oid(22))), null, 'nobody in tenant B took that identity');
        // The same address in a token of Eli's own tenant links her.
        assert.equal((await view(await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 22, { preferred_username: ELI.email })))).viewer.name, 'Eli Moss');
      });

      it('the address comes from the verified token only: upn or email when preferred_username is not an address, never from the request', async () => {
        const { url } = await start();
        // No sign-in name in the token: an address in the query or a header links nobody.
        const bare = await tokenFor(TENANT_A, 23, { preferred_username: undefined });
        const asked = await fetch(`${url}/tab/api/compliance?email=${encodeURIComponent(FAY.email)}&preferred_username=${encodeURIComponent(FAY.email)}`, {
          headers: { authorization: `Bearer ${bare}`, 'x-ms-client-principal-name': FAY.email, from: FAY.email },
        });
        assert.equal(asked.status, 403);
        assert.equal((await storedPerson(FAY))?.aadObjectId, undefined);
        // A phone number as preferred_username is passed over for the upn claim.
        assert.equal((await view(await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 23, { preferred_username: '+44 7700 900123', upn: FAY.email.toUpperCase() })))).viewer.name, 'Fay Lund');
        assert.equal((await storedPerson(FAY))?.aadObjectId, oid(23));
        assert.equal((await view(await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 24, { preferred_username: undefined, email: GUS.email })))).viewer.name, 'Gus Hale');
      });

      it('someone already linked to another Entra account is never re-linked by a token naming their address', async () => {
        const { url } = await start();
        const res = await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 41, { preferred_username: HAL.email }));
        assert.equal(res.status, 403);
        assert.equal((await storedPerson(HAL))?.aadObjectId, oid(40));
        assert.equal((await get(url, '/tab/api/compliance', await tokenFor(TENANT_A, 40, {}))).status, 200, 'Hal himself still gets in');
      });
    });

    it('nothing crosses tenants: the same object id in another tenant is another person', async () => {
      const { url } = await cloud();
      // Bea (tenant B) has Sam's object id and Priya's person id; she sees tenant B only.
      const bea = await view(await get(url, '/tab/api/compliance', await token(PEOPLE.pswB)));
      assert.equal(bea.organisationName, 'Elsewhere Trust');
      assert.deepEqual(supervisees(bea), ['Cal Other']);
      // A token whose tid is tenant B but whose oid is only known in tenant A.
      const res = await get(url, '/tab/api/compliance', await token({ ...PEOPLE.ana, tenantId: TENANT_B }));
      assert.equal(res.status, 403);
    });

    it('role scoping: a supervisor never sees another supervisor\'s supervisees; the PSW sees the organisation', async () => {
      const { url } = await cloud();
      assert.deepEqual(supervisees(await view(await get(url, '/tab/api/compliance', await token(PEOPLE.sup2)))), ['Ben Carter']);
      assert.deepEqual(supervisees(await view(await get(url, '/tab/api/compliance', await token(PEOPLE.ana)))), ['Ana Lopes']);
      const psw = await view(await get(url, '/tab/api/compliance', await token(PEOPLE.psw)));
      assert.equal(psw.scope, 'organisation');
      assert.equal(psw.canExport, true);
      assert.deepEqual(supervisees(psw), ['Ana Lopes', 'Ben Carter']);
    });

    it('the CSV export: the PSW gets tenant A only, as an attachment; others get 403', async () => {
      const { url } = await cloud();
      const res = await get(url, '/tab/api/compliance.csv?from=2025-03-03&to=2026-03-02', await token(PEOPLE.psw));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="supervision-compliance_northshire-council_2025-03-03_to_2026-03-02.csv"');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const csv = await res.text();
      assert.ok(!csv.includes(SECRET_COMMENT));
      const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => [r.Supervisee, r.Supervisor, r['Sessions rated'], r['Average quality rating (1-5)']]), [
        ['Ana Lopes', 'Sam Patel', '2', '4.5'],
        ['Ben Carter', 'Jo Reed', '0', ''],
      ]);
      for (const who of [PEOPLE.sup1, PEOPLE.ana]) {
        const refused = await get(url, '/tab/api/compliance.csv', await token(who));
        assert.equal(refused.status, 403);
        assert.equal(((await refused.json()) as { code: string }).code, 'NOT_AUTHORIZED');
      }
      const bad = await get(url, '/tab/api/compliance.csv?to=2026-13-01', await token(PEOPLE.psw));
      assert.equal(bad.status, 400);
      assert.deepEqual(await bad.json(), { code: 'INVALID_DATE', message: 'The last day of the export must be a real date (YYYY-MM-DD).', field: 'to' });
    });

    it('keys that cannot be fetched: 503 "try again", not 401', async () => {
      const dead = http.createServer();
      const deadUrl = await listen(dead);
      await new Promise<void>((resolve) => dead.close(() => resolve()));
      const { url } = await cloud({ jwksUrl: `${deadUrl}/keys` });
      const res = await get(url, '/tab/api/compliance', await token(PEOPLE.psw));
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '10');
    });

    it('limits each person to LIMITS.perMinute calls and LIMITS.exportsPerMinute exports a minute', async () => {
      let nowMs = 1_000_000;
      const { url } = await cloud({ nowMs: () => nowMs });
      const sam = await token(PEOPLE.sup1);
      for (let i = 0; i < LIMITS.perMinute; i++) assert.equal((await get(url, '/tab/api/compliance', sam)).status, 200, `call ${i + 1}`);
      const limited = await get(url, '/tab/api/compliance', sam);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '60');
      assert.equal((await get(url, '/tab/api/compliance', await token(PEOPLE.psw))).status, 200, 'someone else is not held up');
      nowMs += 60_000;
      assert.equal((await get(url, '/tab/api/compliance', sam)).status, 200, 'a new minute');

      const priya = await token(PEOPLE.psw);
      for (let i = 0; i < LIMITS.exportsPerMinute; i++) assert.equal((await get(url, '/tab/api/compliance.csv', priya)).status, 200);
      assert.equal((await get(url, '/tab/api/compliance.csv', priya)).status, 429);
    });

    it('the local sign-in does not exist: its routes 404, its options say no, a home-made HS256 token gets 401', async () => {
      const { url } = await cloud();
      assert.deepEqual(await (await fetch(`${url}/tab/api/sign-in-options`)).json(), { sso: true, localSignIn: false });
      assert.equal((await fetch(`${url}/tab/api/local/people`)).status, 404);
      const signIn = await raw(url, 'POST', '/tab/api/local/sign-in', {}, JSON.stringify({ tenantId: TENANT_A, aadObjectId: PEOPLE.psw.aadObjectId }));
      assert.equal(signIn.status, 404);
      const forged = await new SignJWT({ tid: TENANT_A, oid: PEOPLE.psw.aadObjectId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('urn:supervision-bot:local-sign-in')
        .setAudience('urn:supervision-bot:compliance-tab')
        .setExpirationTime('1h')
        .sign(new Uint8Array(32));
      assert.equal((await get(url, '/tab/api/compliance', forged)).status, 401);
    });

    it('no configuration that runs in Azure can turn the local sign-in on', () => {
      const cloudEnvs = [
        { MicrosoftAppId: CLOUD_BOT.appId, MicrosoftAppTenantId: TENANT_A, MicrosoftAppPassword: 'secret', COSMOS_ENDPOINT: 'https://x.documents.azure.com:443/', TAB_SSO_CLIENT_ID: CLIENT_ID },
        { MicrosoftAppId: CLOUD_BOT.appId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_A, COSMOS_ENDPOINT: 'https://x.documents.azure.com:443/' },
      ];
      for (const env of cloudEnvs) {
        const loaded = loadConfig(env);
        assert.ok(loaded.ok, loaded.ok ? '' : loaded.message);
        assert.equal(tabAuthFor(loaded.config).localSignIn, false);
      }
      const withSso = loadConfig(cloudEnvs[0]);
      assert.ok(withSso.ok);
      assert.deepEqual(tabAuthFor(withSso.config, jwks.url).sso, { clientId: CLIENT_ID, jwksUrl: jwks.url });
      assert.equal(tabAuthFor(withSso.config).sso?.jwksUrl, 'https://login.microsoftonline.com/common/discovery/v2.0/keys');
      const notGuid = loadConfig({ TAB_SSO_CLIENT_ID: 'api://supbot/abc' });
      assert.ok(!notGuid.ok);
      assert.match(notGuid.message, /TAB_SSO_CLIENT_ID must be a GUID/);
      assert.equal(tabAuthFor({ bot: CLOUD_BOT, host: '127.0.0.1' }).localSignIn, false, 'a bot identity alone rules it out');
      const localConfig = loadConfig({});
      assert.ok(localConfig.ok);
      assert.equal(tabAuthFor(localConfig.config).localSignIn, true);
      assert.equal(tabAuthFor(localConfig.config).sso, null);
    });
  });

  describe('the page', () => {
    it('serves index.html, the stylesheet and the bundled script with a CSP that lets Teams frame it', async () => {
      const { url } = await cloud();
      const redirect = await fetch(`${url}/tab`, { redirect: 'manual' });
      assert.equal(redirect.status, 301);
      assert.equal(redirect.headers.get('location'), '/tab/');
      const page = await fetch(`${url}/tab/`);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
      assert.match(csp, /frame-ancestors [^;]*https:\/\/\*\.cloud\.microsoft/);
      assert.match(csp, /script-src 'self'/);
      const html = await page.text();
      assert.match(html, /<script src="\.\/app\.js" defer><\/script>/);
      assert.match(html, /<html lang="en-GB">/);
      const script = await fetch(`${url}/tab/app.js`);
      assert.equal(script.status, 200);
      assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
      const js = await script.text();
      assert.ok(js.includes('./api/compliance'), 'the page script calls the API');
      assert.ok(js.includes('getAuthToken'), 'teams-js is bundled in');
      assert.equal((await fetch(`${url}/tab/app.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
      assert.equal((await fetch(`${url}/tab/../package.json`)).status, 404);
    });
  });

  describe('local sign-in (local mode only)', () => {
    it('lists the local people, signs one in, and that token sees what that person may', async () => {
      const { url, logs } = await local();
      assert.deepEqual(await (await fetch(`${url}/tab/api/sign-in-options`)).json(), { sso: false, localSignIn: true });
      const listed = (await (await fetch(`${url}/tab/api/local/people`)).json()) as { people: { tenantId: string; organisation: string; name: string; aadObjectId: string }[] };
      assert.deepEqual(
        listed.people.map((p) => `${p.organisation}: ${p.name}`),
        ['Elsewhere Trust: Bea Other', 'Elsewhere Trust: Cal Other', 'Northshire Council: Ana Lopes', 'Northshire Council: Ben Carter', 'Northshire Council: Jo Reed', 'Northshire Council: Priya Shah', 'Northshire Council: Sam Patel'],
      );
      const signIn = await fetch(`${url}/tab/api/local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ tenantId: TENANT_A, aadObjectId: PEOPLE.sup2.aadObjectId }),
      });
      assert.equal(signIn.status, 200);
      const { token: localToken, name } = (await signIn.json()) as { token: string; name: string };
      assert.equal(name, 'Jo Reed');
      assert.deepEqual(supervisees(await view(await get(url, '/tab/api/compliance', localToken))), ['Ben Carter']);
      assert.equal((await get(url, '/tab/api/compliance.csv', localToken)).status, 403, 'a supervisor still cannot export');
      assert.ok(logs.entries().some((e) => e.event === 'tab.local_sign_in'));
      assert.ok(!logs.text().includes(localToken.slice(-40)));
    });

    it('refuses an unknown person, a bad body and an oversized one', async () => {
      const { url } = await local();
      const post = (body: string) => raw(url, 'POST', '/tab/api/local/sign-in', {}, body);
      const unknown = await post(JSON.stringify({ tenantId: TENANT_A, aadObjectId: oid(99) }));
      assert.equal(unknown.status, 403);
      assert.equal((JSON.parse(unknown.text) as { code: string }).code, 'UNKNOWN_USER');
      const crossed = await post(JSON.stringify({ tenantId: TENANT_B, aadObjectId: PEOPLE.ana.aadObjectId }));
      assert.equal(crossed.status, 403, "tenant A's person is not in tenant B");
      assert.equal((await post(JSON.stringify({ tenantId: TENANT_A }))).status, 400);
      assert.equal((await post(JSON.stringify({ tenantId: TENANT_A, aadObjectId: 'x'.repeat(LIMITS.signInBodyBytes) }))).status, 413);
    });

    it('only from this machine, by a loopback name, with no proxy in between, and not from another site', async () => {
      const { url } = await local();
      const good = await raw(url, 'POST', '/tab/api/local/sign-in', {}, JSON.stringify({ tenantId: TENANT_A, aadObjectId: PEOPLE.psw.aadObjectId }));
      assert.equal(good.status, 200);
      const localToken = (JSON.parse(good.text) as { token: string }).token;
      const port = new URL(url).port;
      const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-forwarded-host': 'abc.devtunnels.ms' }, { host: `abc.devtunnels.ms:${port}` }, { host: `rebound.example:${port}` }];
      for (const headers of proxied) {
        assert.equal((await raw(url, 'GET', '/tab/api/local/people', headers)).status, 404, JSON.stringify(headers));
        assert.equal((await raw(url, 'POST', '/tab/api/local/sign-in', headers, JSON.stringify({ tenantId: TENANT_A, aadObjectId: PEOPLE.psw.aadObjectId }))).status, 404, JSON.stringify(headers));
        assert.equal((await raw(url, 'GET', '/tab/api/compliance', { ...headers, authorization: `Bearer ${localToken}` })).status, 401, JSON.stringify(headers));
        const options = JSON.parse((await raw(url, 'GET', '/tab/api/sign-in-options', headers)).text) as { localSignIn: boolean };
        assert.equal(options.localSignIn, false, JSON.stringify(headers));
      }
      assert.equal((await raw(url, 'GET', '/tab/api/local/people', { host: `localhost:${port}` })).status, 200);
      const crossSite = await raw(url, 'POST', '/tab/api/local/sign-in', { origin: 'https://evil.example' }, JSON.stringify({ tenantId: TENANT_A, aadObjectId: PEOPLE.psw.aadObjectId }));
      assert.equal(crossSite.status, 404);
    });

    it('a token of another server run (another key) is refused; with TAB_SSO_CLIENT_ID set, Teams tokens work too', async () => {
      const first = await local();
      const second = await local(CLIENT_ID);
      const signIn = await raw(first.url, 'POST', '/tab/api/local/sign-in', {}, JSON.stringify({ tenantId: TENANT_A, aadObjectId: PEOPLE.psw.aadObjectId }));
      const localToken = (JSON.parse(signIn.text) as { token: string }).token;
      assert.equal((await get(second.url, '/tab/api/compliance', localToken)).status, 401);
      assert.equal((await get(second.url, '/tab/api/compliance', await token(PEOPLE.sup1))).status, 200);
      assert.equal((await get(first.url, '/tab/api/compliance', await token(PEOPLE.sup1))).status, 401, 'no SSO configured: a Teams token means nothing');
    });
  });
});
