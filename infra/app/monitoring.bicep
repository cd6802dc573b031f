// Log Analytics and workspace-based Application Insights for the Function App.

@description('Azure region')
param location string

@description('Resource name stem')
param name string

param tags object = {}

@description('Days Log Analytics keeps logs')
@minValue(30)
@maxValue(730)
param retentionInDays int = 90

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is sent with the managed identity (Monitoring Metrics Publisher), not the instrumentation key alone.
    DisableLocalAuth: true
  }
}

output connectionString string = insights.properties.ConnectionString
output insightsId string = insights.id
output workspaceId string = workspace.id
