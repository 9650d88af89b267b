// The app's one identity: the bot's Microsoft App ID (msaAppType UserAssignedMSI), the principal
// that reads and writes Cosmos DB (data-plane RBAC) and reads Key Vault secrets. No client secret
// exists anywhere.

@description('Name of the user-assigned managed identity.')
param name string

param location string

param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
