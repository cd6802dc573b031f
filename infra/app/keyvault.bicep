// Key Vault (RBAC, soft delete and purge protection) with the app's secrets; the app settings reference them by
// URI without a version, so a new secret version is picked up without a redeploy.

param location string
param tags object = {}

@description('Key Vault name (3-24 letters, digits and hyphens)')
@minLength(3)
@maxLength(24)
param name string

@secure()
@description('Approval-link signing key: base64 of at least 32 random bytes')
param linkSigningKey string

@secure()
@description('JWT signing key of self-hosts over the same data (appraisal serve, appraisal token issue): base64 of at least 32 random bytes')
param jwtSigningKey string

@description('SMTP user name (empty when the relay takes mail without one)')
param smtpUserName string = ''

@secure()
@description('SMTP password (empty when the relay takes mail without one)')
param smtpPassword string = ''

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
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource link 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-signing-key'
  properties: {
    value: linkSigningKey
    contentType: 'base64'
  }
}

resource jwt 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'jwt-signing-key'
  properties: {
    value: jwtSigningKey
    contentType: 'base64'
  }
}

// The SMTP secrets exist only when the relay takes a login, a user name with its password (Key Vault holds no
// empty secrets).
resource smtpUser 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpUserName)) {
  parent: vault
  name: 'smtp-username'
  properties: {
    value: smtpUserName
  }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpUserName)) {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}

output id string = vault.id
output name string = vault.name
// Where the secrets are (URIs, not values).
output secretUris object = {
  linkSigningKey: link.properties.secretUri
  jwtSigningKey: jwt.properties.secretUri
  smtpUserName: empty(smtpUserName) ? '' : smtpUser!.properties.secretUri
  smtpPassword: empty(smtpUserName) ? '' : smtpSecret!.properties.secretUri
}
