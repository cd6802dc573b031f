// Appraisal.Functions on Azure (global or the China cloud): a resource group holding the Function App (Flex
// Consumption, .NET 10 isolated), its host storage and the separate appraisal data storage, Key Vault, Application
// Insights with Log Analytics, and the user-assigned identity everything is reached with. `azd up` provisions it from
// main.parameters.json and deploys functions/Appraisal.Functions (azure.yaml).
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names the resource group and tags every resource')
param environmentName string

@minLength(1)
@description('Azure region, such as chinanorth3 or eastasia')
param location string

@secure()
@description('Approval-link signing key: base64 of at least 32 random bytes (openssl rand -base64 32)')
param linkSigningKey string

@secure()
@description('JWT signing key for self-hosts over the same data: base64 of at least 32 random bytes')
param jwtSigningKey string

@description('Entra ID app registration (client id) that App Service Authentication signs staff in with')
param authClientId string

@description('Entra ID sign-in endpoint: the current cloud\'s by default; https://login.partner.microsoftonline.cn/ for Azure China (21Vianet)')
param loginEndpoint string = environment().authentication.loginEndpoint

@description('The appraisal office mailbox (reminders, escalations)')
param appraisalOfficeEmail string

@description('Scheme id the timers start cycles with')
param schemeId string = 'template-b'

@description('SMTP relay host (mail is queued and retried until it is reachable)')
param smtpHost string

@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('StartTls (the relay must offer TLS) or SslOnConnect: the app refuses modes that may send approval links unencrypted')
@allowed([
  'StartTls'
  'SslOnConnect'
])
param smtpSecurity string = 'StartTls'

@description('Sender address of the appraisal mail')
param smtpFrom string

param smtpUserName string = ''

@secure()
param smtpPassword string = ''

@description('Checkpoint timers, NCRONTAB in UTC: 16:00 UTC on the last days of a month is 00:00 on the 1st in Beijing')
param schedules object = {
  monthly: '0 0 16 28-31 * *'
  quarterly: '0 0 16 28-31 3,6,9,12 *'
  annual: '0 0 16 31 12 *'
  timeZone: 'Asia/Shanghai'
}

@description('Prefix of the app\'s table and container names in the data account')
param dataPrefix string = 'appraisal'

@description('Who the stuck-cycle alert mails (empty: the appraisal office mailbox)')
param alertEmail string = ''

@description('How long a cycle stays past its stage deadline before the alert fires (ISO 8601)')
@allowed([
  'PT1H'
  'PT3H'
  'PT6H'
  'PT12H'
  'P1D'
  'P2D'
])
param overdueAlertAfter string = 'PT6H'

@description('Days evidence is immutable after it is stored')
param evidenceRetentionDays int = 3650

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'appraisal'
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  scope: group
  params: {
    location: location
    name: token
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  scope: group
  params: {
    location: location
    name: token
    tags: tags
  }
}

module alerts 'app/alerts.bicep' = {
  scope: group
  params: {
    location: location
    name: token
    tags: tags
    insightsId: monitoring.outputs.insightsId
    alertEmail: empty(alertEmail) ? appraisalOfficeEmail : alertEmail
    overdueFor: overdueAlertAfter
  }
}

module storage 'app/storage.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    hostAccountName: take('sthost${token}', 24)
    dataAccountName: take('stdata${token}', 24)
    dataPrefix: dataPrefix
    evidenceRetentionDays: evidenceRetentionDays
  }
}

module vault 'app/keyvault.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: take('kv-${token}', 24)
    linkSigningKey: linkSigningKey
    jwtSigningKey: jwtSigningKey
    smtpUserName: smtpUserName
    smtpPassword: smtpPassword
  }
}

module roles 'app/roles.bicep' = {
  scope: group
  params: {
    principalId: identity.outputs.principalId
    hostAccountName: storage.outputs.hostAccountName
    dataAccountName: storage.outputs.dataAccountName
    keyVaultName: vault.outputs.name
    insightsName: 'appi-${token}'
  }
  dependsOn: [
    monitoring
  ]
}

module function 'app/function.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: 'func-${token}'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostAccountName: storage.outputs.hostAccountName
    hostBlobEndpoint: storage.outputs.hostBlobEndpoint
    hostQueueEndpoint: storage.outputs.hostQueueEndpoint
    hostTableEndpoint: storage.outputs.hostTableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    dataBlobEndpoint: storage.outputs.dataBlobEndpoint
    dataTableEndpoint: storage.outputs.dataTableEndpoint
    dataPrefix: dataPrefix
    insightsConnectionString: monitoring.outputs.connectionString
    secretUris: vault.outputs.secretUris
    schedules: schedules
    schemeId: schemeId
    appraisalOfficeEmail: appraisalOfficeEmail
    smtp: {
      host: smtpHost
      port: smtpPort
      security: smtpSecurity
      from: smtpFrom
    }
    authClientId: authClientId
    loginEndpoint: loginEndpoint
  }
  // The app starts reading storage and secrets at once: its roles first.
  dependsOn: [
    roles
  ]
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = function.outputs.name
output AZURE_FUNCTION_APP_URL string = function.outputs.url
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_DATA_STORAGE_ACCOUNT string = storage.outputs.dataAccountName
