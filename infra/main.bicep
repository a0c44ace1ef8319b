targetScope = 'subscription'

// azd entry point: one resource group holding the Functions app (Flex Consumption, .NET 10 isolated),
// its storage account (identity-based access only), PostgreSQL Flexible Server and monitoring.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption.')
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

@description('Largest number of Function App instances Flex Consumption may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance in MB (Flex Consumption sizes: 512, 2048, 4096).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

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
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
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
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
