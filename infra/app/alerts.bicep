// The stuck-cycle alert: fires when an office's gauge appraisal.cycles.overdue (cycles past their stage's deadline
// with someone still awaited; sampled every five minutes by the app's SampleMetrics timer) stays above zero for the
// whole window, and mails the action group's address. The gauge reaches Application Insights as a custom metric
// (customMetrics, dimension appraisal.office_id) through the Azure Monitor OpenTelemetry exporter.

@description('Azure region of the alert rule')
param location string

@description('Resource name stem')
param name string

param tags object = {}

@description('The Application Insights component the app sends its metrics to')
param insightsId string

@description('Who is mailed when a cycle stays overdue')
param alertEmail string

@description('How long a cycle must stay overdue before the alert fires (ISO 8601: PT1H … P2D)')
@allowed([
  'PT1H'
  'PT3H'
  'PT6H'
  'PT12H'
  'P1D'
  'P2D'
])
param overdueFor string = 'PT6H'

resource group 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${name}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'appraisal'
    enabled: true
    emailReceivers: [
      {
        name: 'appraisal-office'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource stuck 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-stuck-cycle-${name}'
  location: location
  tags: tags
  properties: {
    displayName: 'Appraisal cycle overdue'
    description: 'An office has had a cycle past its stage deadline (appraisal.cycles.overdue > 0) for the whole window.'
    severity: 2
    enabled: true
    scopes: [
      insightsId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: overdueFor
    // The lowest sample of the window above zero: overdue in every sample, not in one.
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "appraisal.cycles.overdue" | extend Office = tostring(customDimensions["appraisal.office_id"]) | summarize Lowest = min(value) by Office'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'Lowest'
          dimensions: [
            {
              name: 'Office'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        group.id
      ]
    }
  }
}

output alertId string = stuck.id
