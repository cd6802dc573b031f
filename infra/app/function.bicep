// The Function App on the Flex Consumption plan (.NET 10 isolated), running as the user-assigned identity: its
// runtime storage, the appraisal data, Key Vault references and telemetry all through Entra ID. Signed-in callers
// come through App Service Authentication (Entra ID); the app reads them from x-ms-client-principal.

param location string
param tags object = {}
param name string

@description('Resource id and client id of the user-assigned identity')
param identityId string
param identityClientId string

param hostAccountName string
param hostBlobEndpoint string
param hostQueueEndpoint string
param hostTableEndpoint string
param deploymentContainerUrl string
param dataBlobEndpoint string
param dataTableEndpoint string
param dataPrefix string
param insightsConnectionString string

@description('Key Vault secret URIs (without version) the settings reference: linkSigningKey, smtpUserName, smtpPassword')
param secretUris object

@description('Timer schedules (NCRONTAB, six fields, UTC) and the office time zone')
param schedules object

@description('Scheme id cycles are started with, and the appraisal office mailbox')
param schemeId string
param appraisalOfficeEmail string

@description('SMTP relay: host, port, security (StartTls or SslOnConnect), sender')
param smtp object

@description('Entra ID app registration (client id) App Service Authentication signs callers in with')
param authClientId string

@description('Entra ID sign-in endpoint of the cloud (https://login.microsoftonline.com/ or https://login.partner.microsoftonline.cn/)')
param loginEndpoint string

@description('Most instances the plan scales out to')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
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

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
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
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Every setting the app reads on Azure (tests/Appraisal.Functions.Tests/InfraSettingsTests holds this list to the
// code). The worker runtime is not a setting on Flex Consumption: functionAppConfig.runtime names it.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: hostAccountName
    AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: hostQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    AZURE_CLIENT_ID: identityClientId
    Storage__TableServiceUri: dataTableEndpoint
    Storage__BlobServiceUri: dataBlobEndpoint
    Storage__Prefix: dataPrefix
    Schedules__Monthly: schedules.monthly
    Schedules__Quarterly: schedules.quarterly
    Schedules__Annual: schedules.annual
    Schedules__TimeZone: schedules.timeZone
    Cycle__SchemeId: schemeId
    Notifications__AppraisalOfficeEmail: appraisalOfficeEmail
    Notifications__TimeZone: schedules.timeZone
    Smtp__Host: smtp.host
    Smtp__Port: string(smtp.port)
    Smtp__Security: smtp.security
    Smtp__From: smtp.from
    // No login configured: empty, and the dispatcher sends without authenticating.
    Smtp__UserName: empty(secretUris.smtpUserName) ? '' : '@Microsoft.KeyVault(SecretUri=${secretUris.smtpUserName})'
    Smtp__Password: empty(secretUris.smtpPassword) ? '' : '@Microsoft.KeyVault(SecretUri=${secretUris.smtpPassword})'
    Approvals__SigningKey: '@Microsoft.KeyVault(SecretUri=${secretUris.linkSigningKey})'
    Approvals__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
  }
}

// Sign-in only: who a caller is comes from the token's claims, which the app registration issues — app roles, and the
// person's id in the organisation (employeeid), office and department; the app never takes the Entra object id as a
// person (docs/workflow.md, "How a signed-in Entra principal becomes a person of the organisation").
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      // The anonymous functions only: the approval links (the signed, single-use link is the credential, opened from
      // mail) and the health endpoint (a monitor asks it; it answers each part's state only).
      excludedPaths: [
        '/api/approvals/*'
        '/api/health'
      ]
      redirectToProvider: 'azureactivedirectory'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
