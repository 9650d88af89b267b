/**
 * One identity, three names for it: the managed identity's client id is the Azure Bot's msaAppId,
 * the app's MicrosoftAppId and the BOT_ID output that becomes the manifest's botId.
 */
import assert from 'node:assert/strict';
import { literal, modules, outputs, params, properties, propertyPath, readBicep, resources, variables } from './bicep';

const main = readBicep('main.bicep');
const bot = readBicep('modules/bot.bicep');

function moduleParams(target: string): Map<string, string> {
  const call = modules(main).find((m) => m.target === target);
  assert.ok(call, `main.bicep does not call ${target}`);
  return properties(properties(call.body).get('params') ?? '{}');
}

describe('infra: the bot and its identity', () => {
  it('creates a user-assigned managed identity and exposes its ids', () => {
    const identity = readBicep('modules/identity.bicep');
    const r = resources(identity);
    assert.deepEqual(r.map((x) => x.target), ['Microsoft.ManagedIdentity/userAssignedIdentities']);
    const exported = new Map(outputs(identity).map((o) => [o.name, o.expression]));
    assert.equal(exported.get('clientId'), 'identity.properties.clientId');
    assert.equal(exported.get('principalId'), 'identity.properties.principalId');
    assert.equal(exported.get('tenantId'), 'identity.properties.tenantId');
    assert.equal(exported.get('id'), 'identity.id');
  });

  it('registers an Azure Bot of type UserAssignedMSI on that identity, with no app registration or secret', () => {
    const registration = resources(bot).find((r) => r.target === 'Microsoft.BotService/botServices');
    assert.ok(registration);
    const p = properties(propertyPath(registration.body, ['properties']) ?? '{}');
    assert.equal(p.get('msaAppType'), "'UserAssignedMSI'");
    assert.equal(p.get('msaAppId'), 'identityClientId');
    assert.equal(p.get('msaAppMSIResourceId'), 'identityResourceId');
    assert.equal(p.get('msaAppTenantId'), 'identityTenantId');
    assert.equal(p.get('endpoint'), 'endpoint');
    assert.equal(propertyPath(registration.body, ['location']), "'global'");
    assert.doesNotMatch(bot.code, /MultiTenant|msaAppPassword|appPassword/i);

    const passed = moduleParams('modules/bot.bicep');
    assert.equal(passed.get('identityClientId'), 'identity.outputs.clientId');
    assert.equal(passed.get('identityResourceId'), 'identity.outputs.id');
    assert.equal(passed.get('identityTenantId'), 'identity.outputs.tenantId');
    assert.equal(passed.get('endpoint'), "'https://${appService.outputs.hostName}/api/messages'");
  });

  it('enables the Teams channel', () => {
    const channel = resources(bot).find((r) => r.target === 'Microsoft.BotService/botServices/channels');
    assert.ok(channel);
    assert.equal(properties(channel.body).get('parent'), 'bot');
    assert.equal(literal(properties(channel.body).get('name')), 'MsTeamsChannel');
    assert.equal(propertyPath(channel.body, ['properties', 'channelName']), "'MsTeamsChannel'");
    assert.equal(propertyPath(channel.body, ['properties', 'properties', 'isEnabled']), 'true');
  });

  it('BOT_ID (the manifest botId), MicrosoftAppId and the bot msaAppId are the same client id', () => {
    const out = new Map(outputs(main).map((o) => [o.name, o.expression]));
    assert.equal(out.get('BOT_ID'), 'identity.outputs.clientId');
    assert.equal(moduleParams('modules/bot.bicep').get('identityClientId'), out.get('BOT_ID'));
    assert.equal(moduleParams('modules/appService.bicep').get('identityClientId'), out.get('BOT_ID'));
    assert.equal(out.get('BOT_DOMAIN'), 'appService.outputs.hostName');
    assert.equal(out.get('BOT_AZURE_APP_SERVICE_RESOURCE_ID'), 'appService.outputs.id');
  });
});

describe('infra: Key Vault', () => {
  const keyVault = readBicep('modules/keyVault.bicep');

  it('uses Azure RBAC with soft delete, and purge protection by parameter (on in prod)', () => {
    const vault = resources(keyVault).find((r) => r.target === 'Microsoft.KeyVault/vaults');
    assert.ok(vault);
    const p = properties(propertyPath(vault.body, ['properties']) ?? '{}');
    assert.equal(p.get('enableRbacAuthorization'), 'true');
    assert.equal(p.get('enableSoftDelete'), 'true');
    assert.equal(p.get('enablePurgeProtection'), 'enablePurgeProtection ? true : null');
    assert.equal(p.get('tenantId'), 'tenant().tenantId');
    assert.ok(!p.has('accessPolicies'));
  });

  it('lets the identity read secrets (Key Vault Secrets User) and nothing more', () => {
    const assignment = resources(keyVault).find((r) => r.target === 'Microsoft.Authorization/roleAssignments');
    assert.ok(assignment);
    const p = properties(propertyPath(assignment.body, ['properties']) ?? '{}');
    const roleVar = /'([^']*)',\s*(\w+)\)$/.exec(p.get('roleDefinitionId') ?? '')?.[2] ?? '';
    assert.equal(literal(variables(keyVault).get(roleVar)), '4633458b-17de-408a-b874-0445c86b69e6');
    assert.equal(p.get('principalId'), 'secretsReaderPrincipalId');
    assert.equal(p.get('principalType'), "'ServicePrincipal'");
    assert.equal(properties(assignment.body).get('scope'), 'vault');
    assert.equal(moduleParams('modules/keyVault.bicep').get('secretsReaderPrincipalId'), 'identity.outputs.principalId');
    assert.equal(moduleParams('modules/keyVault.bicep').get('enablePurgeProtection'), 'keyVaultPurgeProtection');
  });

  it('has a name short enough for Key Vault (3-24 characters) whatever the base name', () => {
    const base = params(main).find((p) => p.name === 'resourceBaseName');
    assert.ok(base);
    const max = Number(/@maxLength\((\d+)\)\s*\n(?:@[^\n]*\n)*param resourceBaseName/.exec(main.code)?.[1]);
    assert.equal(max, 16);
    const kvName = literal(moduleParams('modules/keyVault.bicep').get('name')?.replace('${baseName}', '')) ?? '';
    assert.ok(max + kvName.length <= 24, `${max} + '${kvName}'`);
  });
});
