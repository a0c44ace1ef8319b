// Azure Database for PostgreSQL Flexible Server holding runs, results, trades, users and market data.

param name string
param location string
param tags object = {}
@description('Object id of the Microsoft Entra principal that administers the server: the schema owner that applies migrations.')
param entraAdminObjectId string
@description('Name of that principal (user principal name, group or application name): its PostgreSQL role name.')
param entraAdminName string
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param entraAdminPrincipalType string = 'User'
param databaseName string
param version string = '16'
param skuName string = 'Standard_B1ms'
param skuTier string = 'Burstable'
param storageSizeGB int = 32

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    // Entra ID only: no password exists to leak; the app signs in with its managed identity's tokens
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenant().tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }

  resource database 'databases' = {
    name: databaseName
    properties: {
      charset: 'UTF8'
      collation: 'en_US.utf8'
    }
  }

  // Flex Consumption has no fixed outbound addresses: admit Azure services (0.0.0.0 is Azure's marker)
  // the server takes one change at a time (ServerIsBusy otherwise): database, firewall rule, administrator in turn
  resource allowAzure 'firewallRules' = {
    name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
    properties: {
      startIpAddress: '0.0.0.0'
      endIpAddress: '0.0.0.0'
    }
    dependsOn: [
      database
    ]
  }

  // the only administrator; the app's identity is an ordinary role created by the migration step (infra/scripts)
  resource entraAdmin 'administrators' = {
    name: entraAdminObjectId
    properties: {
      principalName: entraAdminName
      principalType: entraAdminPrincipalType
      tenantId: tenant().tenantId
    }
    dependsOn: [
      allowAzure
    ]
  }
}

output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName
output databaseName string = server::database.name
output name string = server.name
