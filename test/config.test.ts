import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_DATABASE,
  ENVIRONMENT_VARIABLES,
  loadConfig,
  renderEnvironmentTable,
  renderEnvSample,
  requireConfig,
  type Config,
} from '../src/config';

const REPO = path.resolve(__dirname, '..');
const APP_ID = '6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const MI_CLIENT_ID = '7a7a7a7a-1b1b-4c2c-8d3d-4e4e4e4e4e4e';
const ENDPOINT = 'https://supervision-test.documents.azure.com:443/';

function okConfig(env: Record<string, string | undefined>): Config {
  const result = loadConfig(env);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.config;
}

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  const result = loadConfig(env);
  assert.ok(!result.ok, 'expected the configuration to be refused');
  return result.problems;
}

describe('config', () => {
  describe('with nothing set (the local default)', () => {
    it('runs locally: port 3978, loopback only, auth off, embedded store in .data', () => {
      const config = okConfig({});
      assert.equal(config.port, 3978);
      assert.equal(config.host, '127.0.0.1');
      assert.deepEqual(config.bot, { mode: 'local' });
      assert.deepEqual(config.store, { kind: 'embedded', dataDir: path.resolve('.data'), databaseName: DEFAULT_DATABASE });
      assert.equal(config.logLevel, 'info');
      assert.equal(config.applicationInsightsConnectionString, undefined);
    });

    it('takes the database name from the container definition', () => {
      assert.equal(DEFAULT_DATABASE, 'supervision');
    });

    it('treats empty and blank values as unset (App Service can leave a setting empty)', () => {
      const config = okConfig({ PORT: '', MicrosoftAppId: '  ', COSMOS_ENDPOINT: '', LOG_LEVEL: ' ' });
      assert.equal(config.port, 3978);
      assert.equal(config.bot.mode, 'local');
      assert.equal(config.store.kind, 'embedded');
    });

    it('reads PORT (0 = any free port), DATA_DIR relative to the working directory, LOG_LEVEL in any case', () => {
      const config = okConfig({ PORT: '0', DATA_DIR: 'tmp/data', LOG_LEVEL: 'DEBUG' });
      assert.equal(config.port, 0);
      assert.deepEqual(config.store, { kind: 'embedded', dataDir: path.resolve('tmp/data'), databaseName: DEFAULT_DATABASE });
      assert.equal(config.logLevel, 'debug');
    });
  });

  describe('in Azure (MicrosoftAppId set)', () => {
    it('SingleTenant: needs the tenant and the password, listens on every interface', () => {
      const config = okConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppTenantId: TENANT_ID,
        MicrosoftAppPassword: 'pw',
        COSMOS_ENDPOINT: ENDPOINT,
        COSMOS_KEY: 'k',
        PORT: '8080',
      });
      assert.deepEqual(config.bot, { mode: 'SingleTenant', appId: APP_ID, tenantId: TENANT_ID, password: 'pw' });
      assert.equal(config.host, '0.0.0.0');
      assert.equal(config.port, 8080);
      assert.deepEqual(config.store, { kind: 'cosmos', endpoint: ENDPOINT, databaseName: DEFAULT_DATABASE, key: 'k' });
    });

    it('UserAssignedMSI: no password; Cosmos through Entra with the same identity unless AZURE_CLIENT_ID says otherwise', () => {
      const base = { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID, COSMOS_ENDPOINT: ENDPOINT };
      const config = okConfig(base);
      assert.deepEqual(config.bot, { mode: 'UserAssignedMSI', appId: APP_ID, tenantId: TENANT_ID });
      assert.deepEqual(config.store, { kind: 'cosmos', endpoint: ENDPOINT, databaseName: DEFAULT_DATABASE, managedIdentityClientId: APP_ID });
      const other = okConfig({ ...base, AZURE_CLIENT_ID: MI_CLIENT_ID, COSMOS_DATABASE: 'supervision-test' });
      assert.deepEqual(other.store, { kind: 'cosmos', endpoint: ENDPOINT, databaseName: 'supervision-test', managedIdentityClientId: MI_CLIENT_ID });
    });

    it('accepts the app type in any case', () => {
      const config = okConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'userassignedmsi', MicrosoftAppTenantId: TENANT_ID, COSMOS_ENDPOINT: ENDPOINT });
      assert.equal(config.bot.mode, 'UserAssignedMSI');
    });

    it('refuses to start on the embedded store: production must name its database', () => {
      const problems = problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'pw' });
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^COSMOS_ENDPOINT is required when MicrosoftAppId is set: production must name its database/);
    });

    it('SingleTenant without tenant and password: both named', () => {
      const problems = problemsOf({ MicrosoftAppId: APP_ID, COSMOS_ENDPOINT: ENDPOINT });
      assert.deepEqual(problems, [
        'MicrosoftAppTenantId is required when MicrosoftAppId is set (SingleTenant)',
        'MicrosoftAppPassword is required with MicrosoftAppType SingleTenant',
      ]);
    });

    it('UserAssignedMSI: requires the tenant and refuses a password', () => {
      const problems = problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 'pw', COSMOS_ENDPOINT: ENDPOINT });
      assert.equal(problems.length, 2);
      assert.match(problems[0], /MicrosoftAppTenantId is required/);
      assert.match(problems[1], /MicrosoftAppPassword must not be set with MicrosoftAppType UserAssignedMSI/);
    });

    it("reads App Service's WEBSITE_HOSTNAME as the public host name (for the \"Add to calendar\" links), lower-cased; leaves it out when unset", () => {
      const base = { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID, COSMOS_ENDPOINT: ENDPOINT };
      assert.equal(okConfig({ ...base, WEBSITE_HOSTNAME: 'SupBot-App.azurewebsites.net' }).publicHostName, 'supbot-app.azurewebsites.net');
      assert.equal(okConfig(base).publicHostName, undefined);
      assert.equal(okConfig({ ...base, WEBSITE_HOSTNAME: ' ' }).publicHostName, undefined);
    });

    it('refuses a WEBSITE_HOSTNAME that is not a host name (a URL, a path, spaces)', () => {
      for (const bad of ['https://supbot-app.azurewebsites.net', 'supbot-app.azurewebsites.net/ics', 'sup bot.net', '-x.net', 'a..b']) {
        const problems = problemsOf({ WEBSITE_HOSTNAME: bad });
        assert.equal(problems.length, 1, bad);
        assert.match(problems[0], /^WEBSITE_HOSTNAME must be a host name/);
      }
    });

    it('refuses MultiTenant with the reason', () => {
      const problems = problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: TENANT_ID, COSMOS_ENDPOINT: ENDPOINT });
      assert.equal(problems.length, 1);
      assert.match(problems[0], /MultiTenant is not supported/);
    });
  });

  describe('reporting problems', () => {
    it('lists every problem at once, in one message', () => {
      const result = loadConfig({
        PORT: 'eighty',
        MicrosoftAppId: 'not-a-guid',
        MicrosoftAppType: 'Bot',
        MicrosoftAppTenantId: 'contoso.onmicrosoft.com',
        COSMOS_ENDPOINT: 'supervision.documents.azure.com',
        COSMOS_DATABASE: 'a/b',
        AZURE_CLIENT_ID: 'me',
        LOG_LEVEL: 'loud',
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'abc',
      });
      assert.ok(!result.ok);
      const expected = [
        /^PORT must be a whole number from 0 to 65535 \(got "eighty"\)$/,
        /^MicrosoftAppId must be a GUID \(got "not-a-guid"\)$/,
        /^MicrosoftAppType must be SingleTenant or UserAssignedMSI \(got "Bot"\)$/,
        /^MicrosoftAppTenantId must be a GUID/,
        /^COSMOS_ENDPOINT must be an https:\/\/ URL/,
        /^COSMOS_DATABASE must be 1-255 characters/,
        /^AZURE_CLIENT_ID must be a GUID/,
        /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
        /^APPLICATIONINSIGHTS_CONNECTION_STRING must be a connection string/,
      ];
      assert.equal(result.problems.length, expected.length, result.message);
      expected.forEach((re, i) => assert.match(result.problems[i], re));
      assert.match(result.message, /^Configuration has 9 problems/);
      for (const problem of result.problems) assert.ok(result.message.includes(`  - ${problem}`));
    });

    it('reports field and cross-field problems together', () => {
      const problems = problemsOf({ PORT: '70000', MicrosoftAppId: APP_ID });
      assert.deepEqual(problems, [
        'PORT must be a whole number from 0 to 65535 (got "70000")',
        'MicrosoftAppTenantId is required when MicrosoftAppId is set (SingleTenant)',
        'MicrosoftAppPassword is required with MicrosoftAppType SingleTenant',
        'COSMOS_ENDPOINT is required when MicrosoftAppId is set: production must name its database (the embedded store is for local use only)',
      ]);
    });

    it('refuses half a bot identity rather than starting with authentication off', () => {
      const problems = problemsOf({ MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT_ID });
      assert.deepEqual(problems, [
        'MicrosoftAppTenantId is set but MicrosoftAppId is not: set MicrosoftAppId too, or unset MicrosoftAppTenantId for local mode',
        'MicrosoftAppPassword is set but MicrosoftAppId is not: set MicrosoftAppId too, or unset MicrosoftAppPassword for local mode',
      ]);
    });

    it('refuses a Cosmos key without an account', () => {
      assert.deepEqual(problemsOf({ COSMOS_KEY: 'k' }), ['COSMOS_ENDPOINT must be set when COSMOS_KEY is set (the key belongs to an account)']);
    });

    it('names a variable set with the wrong case', () => {
      assert.deepEqual(problemsOf({ MicrosoftAppID: APP_ID }), ['MicrosoftAppID is set but the app reads MicrosoftAppId (names are case-sensitive)']);
    });

    it('never repeats a secret in a problem', () => {
      const result = loadConfig({ MicrosoftAppId: 'x', MicrosoftAppPassword: 'hunter2-very-secret', COSMOS_KEY: 'key-very-secret' });
      assert.ok(!result.ok);
      assert.ok(!result.message.includes('very-secret'), result.message);
    });

    it('requireConfig throws one error carrying the whole list', () => {
      assert.throws(() => requireConfig({ PORT: 'x', LOG_LEVEL: 'y' }), (err: Error) => {
        assert.match(err.message, /2 problems/);
        assert.match(err.message, /PORT/);
        assert.match(err.message, /LOG_LEVEL/);
        return true;
      });
    });
  });

  describe('ENVIRONMENT_VARIABLES, the one list of what the app reads', () => {
    it('names each variable once, with a description', () => {
      const names = ENVIRONMENT_VARIABLES.map((v) => v.name);
      assert.equal(new Set(names).size, names.length);
      for (const v of ENVIRONMENT_VARIABLES) assert.ok(v.description.length > 20, v.name);
      for (const name of ['PORT', 'MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'MicrosoftAppPassword', 'COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_DATABASE', 'AZURE_CLIENT_ID', 'DATA_DIR', 'LOG_LEVEL', 'APPLICATIONINSIGHTS_CONNECTION_STRING']) {
        assert.ok(names.includes(name), name);
      }
    });

    it('every variable is actually read: setting it to nonsense changes the outcome', () => {
      const cloud = { MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'pw', COSMOS_ENDPOINT: ENDPOINT };
      for (const v of ENVIRONMENT_VARIABLES) {
        const changes = [{}, cloud].some(
          (base: Record<string, string>) => JSON.stringify(loadConfig({ ...base, [v.name]: '/not#valid?' })) !== JSON.stringify(loadConfig(base)),
        );
        assert.ok(changes, `${v.name} has no effect`);
      }
    });

    it('.env.sample documents exactly these variables (and is the generated text)', async () => {
      const sample = await fs.readFile(path.join(REPO, '.env.sample'), 'utf8');
      const documented = [...sample.matchAll(/^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);
      assert.deepEqual(documented, ENVIRONMENT_VARIABLES.map((v) => v.name));
      assert.equal(sample, renderEnvSample(), 'regenerate with: npx tsx scripts/env-docs.ts');
    });

    it("the README's configuration table is the generated one", async () => {
      const readme = await fs.readFile(path.join(REPO, 'README.md'), 'utf8');
      const block = /<!-- env:start -->\n([\s\S]*?)\n<!-- env:end -->/.exec(readme);
      assert.ok(block, 'README.md has the <!-- env:start --> ... <!-- env:end --> block');
      assert.equal(block[1], renderEnvironmentTable(), 'regenerate with: npx tsx scripts/env-docs.ts');
    });
  });
});
