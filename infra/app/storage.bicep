// Two storage accounts, both without shared keys (Entra ID only):
// - host: the Functions runtime, the Durable task hub (blobs, queues and tables) and the deployment package;
// - data: appraisal records (tables) and files (blobs), with blob versioning, soft delete, and a time-based
//   retention (WORM) policy on the evidence container, so evidence cannot be altered or deleted before it ends.

param location string
param tags object = {}

@description('Host storage account name (3-24 lowercase letters and digits)')
@minLength(3)
@maxLength(24)
param hostAccountName string

@description('Data storage account name (3-24 lowercase letters and digits)')
@minLength(3)
@maxLength(24)
param dataAccountName string

@description('The prefix the app puts before its table and container names (Storage__Prefix)')
param dataPrefix string

@description('Days deleted blobs and containers, and earlier blob versions, can be restored')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 30

@description('Days evidence stays immutable after it is written (time-based retention)')
@minValue(1)
@maxValue(146000)
param evidenceRetentionDays int = 3650

@description('Blob container for the deployment package')
param deploymentContainerName string = 'app-package'

// Both accounts: Entra ID only (no shared keys, no SAS from keys), no anonymous blobs, TLS 1.2.
var accountProperties = {
  allowSharedKeyAccess: false
  allowBlobPublicAccess: false
  minimumTlsVersion: 'TLS1_2'
  supportsHttpsTrafficOnly: true
  defaultToOAuthAuthentication: true
  publicNetworkAccess: 'Enabled'
}

resource host 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: hostAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: accountProperties
}

resource hostBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: host
  name: 'default'
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: hostBlobs
  name: deploymentContainerName
}

resource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: dataAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: accountProperties
}

resource dataBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: data
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

// The app names its containers '<prefix>-<name>' (StorageAccount.Container); the evidence one is made here so its
// retention policy exists before the first file. Version-level immutability lets the policy coexist with versioning.
resource evidence 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: dataBlobs
  name: toLower('${dataPrefix}-evidence')
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

resource evidenceRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: evidence
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: evidenceRetentionDays
    allowProtectedAppendWrites: false
  }
}

output hostAccountName string = host.name
output hostBlobEndpoint string = host.properties.primaryEndpoints.blob
output hostQueueEndpoint string = host.properties.primaryEndpoints.queue
output hostTableEndpoint string = host.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${host.properties.primaryEndpoints.blob}${deploymentContainerName}'
output dataAccountName string = data.name
output dataBlobEndpoint string = data.properties.primaryEndpoints.blob
output dataTableEndpoint string = data.properties.primaryEndpoints.table
