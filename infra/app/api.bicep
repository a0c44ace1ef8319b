// The Function App on Flex Consumption (.NET 10 isolated), deployed from a blob container and
// reaching storage, monitoring and the deployment package with its user-assigned identity.

param name string
param planName string
param location string
param tags object = {}
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param dataContainerName string
param applicationInsightsName string
param postgresHost string
param postgresDatabase string
@description('PostgreSQL role of the app: its managed identity as a Microsoft Entra principal (DML on runs; SELECT only on market data, users and API keys: keys are issued as the owner by infra/scripts/manage-keys.sh; no DDL).')
param postgresServiceRole string
@description('Largest instance count: derived in main.bicep from the database\'s connections and postgresMaxPoolSize.')
param maximumInstanceCount int
param instanceMemoryMB int
@description('Max Pool Size of each instance\'s Npgsql pool.')
param postgresMaxPoolSize int
@description('Bars the in-process market-data cache keeps (Storage__MarketDataCacheBars), sized for instanceMemoryMB.')
param marketDataCacheBars int
@description('NCRONTAB schedule of the timer that starts due scheduled optimizations.')
param schedulesTimerCron string = '0 */5 * * * *'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // one warm instance for orchestrations and activities: schedules and submitted jobs start without a cold start
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: 1
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Functions host storage (Durable task hub, timers, leases) through the identity, no keys
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      // DefaultAzureCredential (service blobs) picks the user-assigned identity by this id
      AZURE_CLIENT_ID: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      BACKTESTING_TASK_HUB: 'backtesting'
      SCHEDULES_TIMER_CRON: schedulesTimerCron
      Storage__Provider: 'Postgres'
      // the service role signs in with Entra tokens of the identity (AZURE_CLIENT_ID): no password anywhere;
      // migrations run once per provisioning as the server's Entra administrator (infra/scripts/migrate-database.sh)
      Storage__PostgresConnectionString: 'Host=${postgresHost};Database=${postgresDatabase};Username=${postgresServiceRole};SSL Mode=Require;Max Pool Size=${postgresMaxPoolSize}'
      Storage__PostgresAuthentication: 'EntraId'
      Storage__ApplyMigrations: 'false'
      Storage__MarketDataCacheBars: string(marketDataCacheBars)
      Storage__BlobProvider: 'Azure'
      Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
      Storage__BlobContainer: dataContainerName
      Backtesting__Auth__AllowLoopbackWithoutKey: 'false'
      Backtesting__Limits__MaxConcurrentJobsPerUser: '10'
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
