// Cosmos DB for NoSQL: the account, the database and every container, taken from the same JSON
// definition the app uses (src/adapters/cosmos/containers.json), so names, partition keys and
// indexing policies cannot drift between code and infrastructure. Access is Microsoft Entra only:
// account keys are disabled and the app's managed identity gets the data-plane Data Contributor role.
// The app calls createIfNotExists at start; that reads first, so with everything created here the
// identity never needs control-plane rights.

param accountName string

param location string

param tags object

@description('serverless: pay per request, for an organisation\'s modest, bursty load. autoscale: provisioned throughput shared by the containers, scaling between 10% and 100% of the maximum.')
@allowed([
  'serverless'
  'autoscale'
])
param capacityMode string

@description('Highest RU/s the database may scale to in autoscale mode (ignored when serverless).')
@minValue(1000)
param autoscaleMaxThroughput int

@description('Principal (object) id that gets Cosmos DB Built-in Data Contributor on the account.')
param dataContributorPrincipalId string

// The path is relative to this file: infra/modules/ -> repository root -> src/.
var storeDefinition = loadJsonContent('../../src/adapters/cosmos/containers.json')

// Cosmos DB Built-in Data Contributor: read and write items and read metadata; no control plane, no keys.
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: capacityMode == 'serverless' ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: storeDefinition.databaseName
  properties: {
    resource: {
      id: storeDefinition.databaseName
    }
    // Serverless accounts take no throughput; autoscale throughput is shared by every container.
    options: capacityMode == 'autoscale' ? {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    } : {}
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for container in storeDefinition.containers: {
  parent: database
  name: container.name
  properties: {
    resource: {
      id: container.name
      partitionKey: {
        paths: [
          container.partitionKeyPath
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: container.indexingPolicy
    }
  }
}]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, dataContributorPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: dataContributorPrincipalId
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output databaseName string = storeDefinition.databaseName
