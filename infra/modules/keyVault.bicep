// Key Vault with Azure RBAC (no access policies). The deployment itself needs no secret: the bot and
// Cosmos DB authenticate with the managed identity. The vault is where any secret an organisation
// adds later lives (for example a bot client secret if it must use a SingleTenant app registration),
// surfaced to the app as a Key Vault reference app setting resolved with the same identity.

param name string

param location string

param tags object

@description('Principal (object) id that may read secret values (Key Vault Secrets User).')
param secretsReaderPrincipalId string

@description('Purge protection cannot be turned off once on: on in production, off in dev so a torn-down vault can be recreated at once.')
param enablePurgeProtection bool

// Key Vault Secrets User: read secret contents, nothing else.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // null leaves it unset: the API refuses an explicit false.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, secretsReaderPrincipalId, secretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: secretsReaderPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
