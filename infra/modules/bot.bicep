// The Azure Bot registration with the Teams channel. Its identity is the user-assigned managed
// identity (msaAppType UserAssignedMSI): no app registration, no client secret, and no multi-tenant
// registration (deprecated for new bots since 31 July 2025).

param name string

@maxLength(42)
param displayName string

param tags object

@description('The bot\'s messaging endpoint: https://<web app host>/api/messages.')
param endpoint string

param identityClientId string

param identityResourceId string

param identityTenantId string

@description('F0 is enough: Teams is a standard channel, and standard channel messages are free.')
@allowed([
  'F0'
  'S1'
])
param sku string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output name string = bot.name
