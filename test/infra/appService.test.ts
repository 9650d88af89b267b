/**
 * The web app, and its app settings in step with what the app reads (src/config.ts
 * ENVIRONMENT_VARIABLES): every variable Azure needs is set, nothing unknown is set, no secret is
 * set in clear, and the settings Bicep produces are a configuration the app accepts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATABASE, ENVIRONMENT_VARIABLES, loadConfig } from '../../src/config';
import { evaluate, literal, modules, objectElements, params, properties, propertyPath, readBicep, resources } from './bicep';

const appService = readBicep('modules/appService.bicep');
const main = readBicep('main.bicep');

/** Settings that are not the app's: the platform reads them. Each says which part and why. */
const PLATFORM_SETTINGS: Readonly<Record<string, string>> = {
  ApplicationInsightsAgent_EXTENSION_VERSION: 'App Service: keeps the Application Insights agent off (the app runs the OpenTelemetry distro)',
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'Kudu/Oryx: install dependencies at zip deploy',
  CUSTOM_BUILD_COMMAND: 'Oryx: the production dependencies only, from the lock file',
};

/** Values for the module's params, as a deployment would pass them. */
const SAMPLE_PARAMS = {
  identityClientId: '0f1e2d3c-4b5a-4697-8877-665544332211',
  identityTenantId: 'aaaabbbb-cccc-4ddd-8eee-ffff00001111',
  cosmosEndpoint: 'https://supbotabc-cosmos.documents.azure.com:443/',
  cosmosDatabaseName: DEFAULT_DATABASE,
  logLevel: 'info',
  tabSsoClientId: 'c0ffee00-1234-4abc-8def-0123456789ab',
  appInsightsConnectionString:
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/',
};

function site() {
  const r = resources(appService).find((x) => x.target === 'Microsoft.Web/sites');
  assert.ok(r, 'no Microsoft.Web/sites');
  return r;
}

/** name -> value expression of every app setting. */
function appSettings(): Map<string, string> {
  const block = propertyPath(site().body, ['properties', 'siteConfig', 'appSettings']);
  assert.ok(block, 'no siteConfig.appSettings');
  const out = new Map<string, string>();
  for (const element of objectElements(block)) {
    const p = properties(element);
    const name = literal(p.get('name'));
    assert.ok(name, `an app setting without a literal name: ${element}`);
    assert.ok(!out.has(name), `${name} set twice`);
    out.set(name, p.get('value') ?? '');
  }
  return out;
}

function moduleParams(target: string): Map<string, string> {
  const call = modules(main).find((m) => m.target === target);
  assert.ok(call, `main.bicep does not call ${target}`);
  return properties(properties(call.body).get('params') ?? '{}');
}

describe('infra: App Service in step with src/config.ts', () => {
  it('sets every variable the app requires in Azure (required always or cloud)', () => {
    const settings = appSettings();
    const needed = ENVIRONMENT_VARIABLES.filter((v) => v.required !== 'optional').map((v) => v.name);
    assert.ok(needed.length > 0);
    assert.deepEqual(needed.filter((n) => !settings.has(n)), [], 'required variables the Bicep does not set');
  });

  it('sets nothing the app does not read, except the platform switches listed here with their reason', () => {
    const known = new Set(ENVIRONMENT_VARIABLES.map((v) => v.name));
    const unknown = [...appSettings().keys()].filter((n) => !known.has(n) && !(n in PLATFORM_SETTINGS));
    assert.deepEqual(unknown, []);
  });

  it('leaves unset only optional, documented variables, and never PORT, DATA_DIR, a key or a password', () => {
    const settings = appSettings();
    for (const v of ENVIRONMENT_VARIABLES.filter((x) => !settings.has(x.name))) {
      assert.equal(v.required, 'optional', v.name);
      assert.ok(v.description.length > 20, `${v.name} needs a description saying when it matters`);
    }
    // PORT comes from App Service; DATA_DIR is the embedded store's; no Cosmos key or bot password exists.
    for (const name of ['PORT', 'DATA_DIR', 'COSMOS_KEY', 'MicrosoftAppPassword']) assert.ok(!settings.has(name), name);
  });

  it('sets no secret in clear: a secret variable may only be a Key Vault reference', () => {
    const settings = appSettings();
    for (const v of ENVIRONMENT_VARIABLES.filter((x) => x.secret)) {
      const value = settings.get(v.name);
      if (value !== undefined) assert.match(value, /^'@Microsoft\.KeyVault\(/, `${v.name} must come from Key Vault`);
    }
  });

  it('produces a configuration the app accepts: the bot on its managed identity, Cosmos DB by Entra', () => {
    const env: Record<string, string> = {};
    for (const [name, expression] of appSettings()) env[name] = String(evaluate(expression, SAMPLE_PARAMS));
    const result = loadConfig(env);
    assert.ok(result.ok, result.ok ? '' : result.message);
    const { config } = result;
    assert.deepEqual(config.bot, { mode: 'UserAssignedMSI', appId: SAMPLE_PARAMS.identityClientId, tenantId: SAMPLE_PARAMS.identityTenantId });
    assert.deepEqual(config.store, {
      kind: 'cosmos',
      endpoint: SAMPLE_PARAMS.cosmosEndpoint,
      databaseName: DEFAULT_DATABASE,
      managedIdentityClientId: SAMPLE_PARAMS.identityClientId,
    });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.applicationInsightsConnectionString, SAMPLE_PARAMS.appInsightsConnectionString);
  });

  it('feeds those settings from the identity, Cosmos DB and monitoring modules', () => {
    const passed = moduleParams('modules/appService.bicep');
    assert.equal(passed.get('identityId'), 'identity.outputs.id');
    assert.equal(passed.get('identityClientId'), 'identity.outputs.clientId');
    assert.equal(passed.get('identityTenantId'), 'identity.outputs.tenantId');
    assert.equal(passed.get('appInsightsConnectionString'), 'monitoring.outputs.appInsightsConnectionString');
    assert.equal(passed.get('logAnalyticsWorkspaceId'), 'monitoring.outputs.workspaceId');
    const settings = appSettings();
    assert.equal(settings.get('MicrosoftAppType'), "'UserAssignedMSI'");
    assert.equal(settings.get('MicrosoftAppId'), 'identityClientId');
    assert.equal(settings.get('AZURE_CLIENT_ID'), 'identityClientId');
    assert.equal(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING'), 'appInsightsConnectionString');
  });

  it("passes main.bicep's tabSsoClientId (a string, empty by default) to the web app's TAB_SSO_CLIENT_ID", () => {
    const declared = params(main).find((p) => p.name === 'tabSsoClientId');
    assert.ok(declared, 'main.bicep declares no tabSsoClientId');
    assert.equal(declared.type, 'string');
    assert.equal(declared.defaultValue, "''");
    assert.equal(moduleParams('modules/appService.bicep').get('tabSsoClientId'), 'tabSsoClientId');
    const moduleParam = params(appService).find((p) => p.name === 'tabSsoClientId');
    assert.equal(moduleParam?.defaultValue, "''");
    assert.equal(appSettings().get('TAB_SSO_CLIENT_ID'), 'tabSsoClientId');
  });

  it('gives the tab its SSO audience from that param, and still starts the app when it is left empty', () => {
    const configWith = (tabSsoClientId: string) => {
      const env: Record<string, string> = {};
      for (const [name, expression] of appSettings()) env[name] = String(evaluate(expression, { ...SAMPLE_PARAMS, tabSsoClientId }));
      const result = loadConfig(env);
      assert.ok(result.ok, result.ok ? '' : result.message);
      return result.config;
    };
    assert.equal(configWith(SAMPLE_PARAMS.tabSsoClientId).tabSsoClientId, SAMPLE_PARAMS.tabSsoClientId);
    assert.equal(configWith('').tabSsoClientId, undefined);
  });
});

describe('infra: the web app', () => {
  it('runs on a Linux plan with Node 22 LTS, HTTPS only, always on, health-checked on /healthz', () => {
    const plan = resources(appService).find((r) => r.target === 'Microsoft.Web/serverfarms');
    assert.ok(plan);
    assert.equal(properties(plan.body).get('kind'), "'linux'");
    assert.equal(propertyPath(plan.body, ['properties', 'reserved']), 'true');

    const config = properties(propertyPath(site().body, ['properties', 'siteConfig']) ?? '{}');
    assert.equal(config.get('linuxFxVersion'), "'NODE|22-lts'");
    assert.equal(config.get('healthCheckPath'), "'/healthz'");
    assert.equal(config.get('alwaysOn'), 'true');
    assert.equal(config.get('minTlsVersion'), "'1.2'");
    assert.equal(config.get('ftpsState'), "'Disabled'");
    assert.equal(config.get('appCommandLine'), "'node --enable-source-maps dist/main.js'");
    assert.equal(propertyPath(site().body, ['properties', 'httpsOnly']), 'true');
    assert.equal(propertyPath(site().body, ['kind']), "'app,linux'");
  });

  it('runs the build output (package.json "start:prod") on production dependencies only; Application Insights is the app\'s own distro, not the agent', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const config = properties(propertyPath(site().body, ['properties', 'siteConfig']) ?? '{}');
    assert.equal(config.get('appCommandLine'), `'${pkg.scripts['start:prod']}'`);
    const settings = appSettings();
    assert.equal(settings.get('CUSTOM_BUILD_COMMAND'), "'npm ci --omit=dev'");
    assert.equal(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT'), "'true'");
    assert.equal(settings.get('ApplicationInsightsAgent_EXTENSION_VERSION'), "'disabled'");
  });

  it('runs as the user-assigned identity, which also resolves Key Vault references', () => {
    assert.equal(propertyPath(site().body, ['identity', 'type']), "'UserAssigned'");
    assert.match(propertyPath(site().body, ['identity', 'userAssignedIdentities']) ?? '', /^\{\s*'\$\{identityId\}': \{\}\s*\}$/);
    assert.equal(propertyPath(site().body, ['properties', 'keyVaultReferenceIdentity']), 'identityId');
  });

  it('offers no plan without Always On (the reminder scheduler runs inside the app)', () => {
    const sku = params(appService).find((p) => p.name === 'sku');
    assert.ok(sku?.allowed);
    for (const tier of sku.allowed) assert.doesNotMatch(tier, /^(F|D)\d/, tier);
  });

  it('sends its console, app, HTTP and platform logs to the Log Analytics workspace behind Application Insights', () => {
    const diagnostics = resources(appService).find((r) => r.target === 'Microsoft.Insights/diagnosticSettings');
    assert.ok(diagnostics);
    assert.equal(properties(diagnostics.body).get('scope'), 'site');
    assert.equal(propertyPath(diagnostics.body, ['properties', 'workspaceId']), 'logAnalyticsWorkspaceId');
    const categories = objectElements(propertyPath(diagnostics.body, ['properties', 'logs']) ?? '[]').map((e) => evaluate(e, {}));
    for (const category of ['AppServiceConsoleLogs', 'AppServiceAppLogs', 'AppServiceHTTPLogs']) {
      assert.ok(categories.some((c) => (c as { category: string; enabled: boolean }).category === category && (c as { enabled: boolean }).enabled), category);
    }
    const monitoring = readBicep('modules/monitoring.bicep');
    const insights = resources(monitoring).find((r) => r.target === 'Microsoft.Insights/components');
    assert.ok(insights);
    assert.equal(propertyPath(insights.body, ['properties', 'WorkspaceResourceId']), 'workspace.id');
  });
});
