// Supervision Bot: everything one environment needs, in one resource group.
//
//   identity    user-assigned managed identity: the bot's app id, Cosmos DB and Key Vault access
//   monitoring  Log Analytics workspace + Application Insights
//   cosmos      Cosmos DB account, database and containers from src/adapters/cosmos/containers.json
//   keyVault    Key Vault (RBAC)
//   appService  Linux plan + web app (Node 22 LTS, HTTPS only, health check /healthz)
//   bot         Azure Bot (UserAssignedMSI) + Teams channel
//
// Deployed by the Microsoft 365 Agents Toolkit (m365agents.yml, arm/deploy) or by hand:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.<env>.json \
//     -p tabSsoClientId=<the tab's Entra app client id>
// (the parameters files give tabSsoClientId as ${{AAD_APP_CLIENT_ID}}, which only the toolkit fills in;
// by hand the later -p overrides it).
// The outputs are named as the toolkit's env files expect (env/.env.<env>).

targetScope = 'resourceGroup'

@description('Name of the environment (dev, prod, ...): tagged on every resource.')
@minLength(2)
@maxLength(12)
param environmentName string

@description('Prefix of every resource name: 3-16 lower-case letters and digits, starting with a letter. Some names (web app, Cosmos DB, Key Vault, bot) must be globally unique; the default derives a stable suffix from the resource group.')
@minLength(3)
@maxLength(16)
param resourceBaseName string = 'supbot${take(uniqueString(resourceGroup().id), 8)}'

param location string = resourceGroup().location

@description('App Service plan SKU (see modules/appService.bicep for why there is no free tier).')
param appServiceSku string = 'B1'

@description('Cosmos DB capacity: serverless (default) or autoscale provisioned throughput.')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosCapacityMode string = 'serverless'

@description('Highest RU/s in autoscale mode; the database bills between 10% of it and it.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('The bot\'s name in the Azure portal (Teams shows the name from the app manifest).')
@maxLength(42)
param botDisplayName string = 'Supervision'

param botSku string = 'F0'

param logLevel string = 'info'

@description('Client id of the Compliance tab\'s Entra app (AAD_APP_CLIENT_ID), set as TAB_SSO_CLIENT_ID: the audience of the tab\'s single sign-on tokens. The toolkit fills it in from the parameters file; by hand, give it on the command line (README). Empty: the tab cannot sign anyone in (the bot works).')
param tabSsoClientId string = ''

param logRetentionInDays int = 30

param keyVaultPurgeProtection bool = false

param tags object = {}

var baseName = toLower(resourceBaseName)
var allTags = union(tags, {
  application: 'supervision-bot'
  environment: environmentName
})

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${baseName}-id'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${baseName}-logs'
    appInsightsName: '${baseName}-appi'
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: '${baseName}-cosmos'
    location: location
    tags: allTags
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    dataContributorPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: '${baseName}-kv'
    location: location
    tags: allTags
    secretsReaderPrincipalId: identity.outputs.principalId
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module appService 'modules/appService.bicep' = {
  name: 'appService'
  params: {
    planName: '${baseName}-plan'
    siteName: '${baseName}-app'
    location: location
    tags: allTags
    sku: appServiceSku
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    tabSsoClientId: tabSsoClientId
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    logLevel: logLevel
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${baseName}-bot'
    displayName: botDisplayName
    tags: allTags
    endpoint: 'https://${appService.outputs.hostName}/api/messages'
    identityClientId: identity.outputs.clientId
    identityResourceId: identity.outputs.id
    identityTenantId: identity.outputs.tenantId
    sku: botSku
  }
}

// Written by the toolkit into env/.env.<env> (same names). BOT_ID is the manifest's botId and the
// app's MicrosoftAppId: both are the managed identity's client id.
output BOT_ID string = identity.outputs.clientId
output BOT_DOMAIN string = appService.outputs.hostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = appService.outputs.id
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output KEY_VAULT_NAME string = keyVault.outputs.name
