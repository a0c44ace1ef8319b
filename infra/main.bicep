targetScope = 'subscription'

// azd entry point: one resource group holding the Functions app (Flex Consumption, .NET 10 isolated),
// its storage account (identity-based access only), PostgreSQL Flexible Server and monitoring.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource: one that offers Flex Consumption (the regions of Microsoft\'s Flex Consumption azd quickstart).')
@allowed([
  'australiaeast'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'northcentralus'
  'northeurope'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying principal; gets data access to storage for local debugging against Azure. Empty to skip.')
param principalId string = ''

@description('Kind of the deploying principal (azd signed in as a user, or as a service principal in CI).')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@minLength(1)
@description('Object id of the PostgreSQL Entra administrator: the schema owner that applies migrations (default: the deploying principal).')
param postgresAdminObjectId string = principalId

@minLength(1)
@description('Name of that administrator (user principal name, group or application name); infra/scripts/migrate-database.sh signs in as it.')
param postgresAdminName string

@description('Upper bound on Function App instances; the deployment uses the lower of this and what the database\'s connections allow (see postgresMaxPoolSize).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance in MB (Flex Consumption sizes: 512, 2048, 4096); the market-data cache is sized from it.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('PostgreSQL compute size: its max_connections bounds how many instances may run (src/Backtesting.Functions/README.md, "Connections").')
@allowed([
  'Standard_B1ms'
  'Standard_B2s'
  'Standard_B2ms'
  'Standard_D2ds_v5'
  'Standard_D4ds_v5'
  'Standard_D8ds_v5'
])
param postgresSkuName string = 'Standard_B2s'

@description('Largest Npgsql pool of one instance (Max Pool Size): requests beyond it wait for a free connection instead of opening one.')
@minValue(1)
@maxValue(25)
param postgresMaxPoolSize int = 10

// Azure's default max_connections per compute size (learn.microsoft.com: Azure Database for PostgreSQL, limits)
var postgresSkus = {
  Standard_B1ms: { tier: 'Burstable', maxConnections: 50 }
  Standard_B2s: { tier: 'Burstable', maxConnections: 429 }
  Standard_B2ms: { tier: 'Burstable', maxConnections: 859 }
  Standard_D2ds_v5: { tier: 'GeneralPurpose', maxConnections: 859 }
  Standard_D4ds_v5: { tier: 'GeneralPurpose', maxConnections: 1718 }
  Standard_D8ds_v5: { tier: 'GeneralPurpose', maxConnections: 3437 }
}
// the server keeps 15 for replication and monitoring; operators keep 10 (migration hook, psql, portal tools)
var postgresReservedConnections = 15
var postgresOperatorConnections = 10
var postgresAppConnections = postgresSkus[postgresSkuName].maxConnections - postgresReservedConnections - postgresOperatorConnections
// every instance may hold a full pool, so instances x pool must fit: Standard_B2s: (429 - 15 - 10) / 10 = 40
var functionInstanceCount = min(maximumInstanceCount, postgresAppConnections / postgresMaxPoolSize)

// the market-data cache takes 3/16 of an instance's memory at about 48 bytes a bar: MB x 2^20 x 3/16 / 48 = MB x 4096 bars
var marketDataCacheBars = instanceMemoryMB * 4096

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-backtesting-${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 20)}'
var dataContainerName = 'backtesting'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-backtesting-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-backtesting-${resourceToken}'
    applicationInsightsName: 'appi-backtesting-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stbt${take(resourceToken, 18)}'
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
      dataContainerName
    ]
  }
}

module postgres 'app/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: 'psql-backtesting-${resourceToken}'
    location: location
    tags: tags
    entraAdminObjectId: postgresAdminObjectId
    entraAdminName: postgresAdminName
    entraAdminPrincipalType: principalType
    databaseName: 'backtesting'
    skuName: postgresSkuName
    skuTier: postgresSkus[postgresSkuName].tier
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    managedIdentityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-backtesting-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    dataContainerName: dataContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    postgresHost: postgres.outputs.fullyQualifiedDomainName
    postgresDatabase: postgres.outputs.databaseName
    postgresServiceRole: identity.outputs.name
    maximumInstanceCount: functionInstanceCount
    instanceMemoryMB: instanceMemoryMB
    postgresMaxPoolSize: postgresMaxPoolSize
    marketDataCacheBars: marketDataCacheBars
  }
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output POSTGRES_HOST string = postgres.outputs.fullyQualifiedDomainName
output POSTGRES_SERVER_NAME string = postgres.outputs.name
output POSTGRES_DATABASE string = postgres.outputs.databaseName
output POSTGRES_ADMIN_NAME string = postgresAdminName
output POSTGRES_SERVICE_ROLE string = identity.outputs.name
output POSTGRES_SERVICE_PRINCIPAL_ID string = identity.outputs.principalId
output FUNCTION_MAX_INSTANCES int = functionInstanceCount
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
