// Linux App Service plan and the web app that runs the bot, its reminder scheduler and the tab.
// App settings: one for every variable in src/config.ts ENVIRONMENT_VARIABLES that Azure needs
// (test/infra keeps them in step), plus the platform's own switches. PORT is set by App Service.

param planName string

param siteName string

param location string

param tags object

@description('Plan SKU. No Free/Shared tier: Always On is required, because the reminder scheduler runs inside the app.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param sku string

param identityId string

param identityClientId string

param identityTenantId string

param cosmosEndpoint string

param cosmosDatabaseName string

param appInsightsConnectionString string

@description('Client id of the Compliance tab\'s Entra app (AAD_APP_CLIENT_ID): the audience of its single sign-on tokens. Empty: the tab cannot sign anyone in.')
param tabSsoClientId string = ''

param logAnalyticsWorkspaceId string

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The compiled app (npm run build, uploaded as dist/), on the production dependencies the
      // deployment installed (CUSTOM_BUILD_COMMAND below): no TypeScript at run time.
      appCommandLine: 'node --enable-source-maps dist/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identityClientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identityTenantId
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmosEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: cosmosDatabaseName
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'TAB_SSO_CLIENT_ID'
          value: tabSsoClientId
        }
        {
          // Platform: the App Service Application Insights agent stays off; the app starts the Azure
          // Monitor OpenTelemetry distro itself (src/telemetry.ts), and both would record twice.
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: 'disabled'
        }
        {
          // Platform: zip deploy runs Oryx on the server, which installs the dependencies...
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          // Platform: ...the production ones only, from the lock file, instead of Oryx's default
          // `npm install` + `npm run build` (the upload already holds the build, dist/).
          name: 'CUSTOM_BUILD_COMMAND'
          value: 'npm ci --omit=dev'
        }
      ]
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'logs-to-workspace'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceAppLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = site.id
output hostName string = site.properties.defaultHostName
