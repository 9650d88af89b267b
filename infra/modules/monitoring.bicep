// Log Analytics workspace and a workspace-based Application Insights: the App Service agent sends
// requests, dependencies and exceptions to Application Insights; the app's JSON log lines (stdout)
// reach the same workspace through the web app's diagnostic settings (AppServiceConsoleLogs).

param workspaceName string

param appInsightsName string

param location string

param tags object

@description('Days the workspace keeps logs. Reflective notes and concerns are never logged, so logs hold no sensitive text.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
output appInsightsConnectionString string = appInsights.properties.ConnectionString
