// CCTV Footage bot: everything it runs on, in one resource group.
//
//   App Service (Linux, Node 20) ── runs dist/src/index.js, health-checked on /healthz
//   Azure Bot (+ Teams channel)  ── sends Teams activities to https://<web app>/api/messages
//   PostgreSQL flexible server   ── the bot's DATABASE_URL
//   Key Vault (RBAC)             ── Box client secret, bot password, DATABASE_URL; the web app reads
//                                   them as Key Vault references with its managed identity
//   Application Insights         ── logs and requests, on a Log Analytics workspace
//
// Deployed by `atk provision --env dev` (arm/deploy in teamsapp.yml fills
// infra/azure.parameters.json from env/.env.dev and env/.env.dev.user), or by hand with
// `az deployment group create` (see docs/deploy.md). The account deploying needs Contributor plus the
// right to create role assignments (Owner, or Role Based Access Control Administrator) on the
// resource group, because the web app is granted "Key Vault Secrets User" here.
//
// No output carries a secret: outputs end up in env/.env.<env>, which is committed.

targetScope = 'resourceGroup'

@minLength(4)
@maxLength(20)
@description('Prefix for every resource name (lower-case letters and digits), e.g. cctv + RESOURCE_SUFFIX.')
param resourceBaseName string

@description('Region for everything except the Azure Bot, which is global.')
param location string = resourceGroup().location

@maxLength(42)
@description('Display name of the Azure Bot.')
param botDisplayName string

@description('Client (application) id of the bot\'s Microsoft Entra app (BOT_ID).')
param botAadAppClientId string

@description('Tenant id of the bot\'s Microsoft Entra app (BOT_TENANT_ID).')
param botAadAppTenantId string

@allowed([
  'SingleTenant'
  'MultiTenant'
])
@description('How the bot\'s Entra app authenticates with the Bot Framework (BOT_TYPE).')
param botAppType string = 'SingleTenant'

@secure()
@description('Client secret of the bot\'s Entra app (BOT_PASSWORD). Stored in Key Vault only.')
param botAadAppClientSecret string

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot pricing tier. Teams is a standard channel, free on both; S1 carries an SLA.')
param botServiceSku string = 'S1'

@description('Box Platform app client id (BOX_CLIENT_ID).')
param boxClientId string

@description('Box enterprise id (BOX_ENTERPRISE_ID): the service account acts in this enterprise.')
param boxEnterpriseId string

@secure()
@description('Box Platform app client secret (BOX_CLIENT_SECRET). Stored in Key Vault only.')
param boxClientSecret string

@description('PostgreSQL administrator login name.')
param postgresAdminLogin string

@secure()
@description('PostgreSQL administrator password. Stored in Key Vault only, inside DATABASE_URL.')
param postgresAdminPassword string

@description('Name of the bot\'s database on the server.')
param postgresDatabaseName string = 'cctv'

@allowed([
  '14'
  '15'
  '16'
  '17'
])
param postgresVersion string = '16'

@description('PostgreSQL compute SKU, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@minValue(32)
param postgresStorageSizeGB int = 32

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
@description('App Service plan SKU. Basic or above: "always on" is not available on Free/Shared.')
param appServiceSku string = 'B1'

@description('DATA_DIR for the bot. /home is the App Service storage that survives restarts and deployments.')
param dataDir string = '/home/data'

@description('ROSTER_PATH for the bot (the deployment\'s roster file); empty leaves it unset.')
param rosterPath string = ''

var base = toLower(resourceBaseName)
var rosterSetting = empty(rosterPath) ? {} : {
  ROSTER_PATH: rosterPath
}
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${base}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${base}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${base}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${base}-bot'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
    }
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${base}'
  location: location
  properties: {
    tenantId: subscription().tenantId
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

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${base}-pg'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0-0.0.0.0 is Azure's "allow Azure services" rule: the web app reaches the server without a
// VNet. It also admits other tenants' Azure resources (they still need the password); put the
// server and the web app in a VNet instead where policy requires it.
resource postgresAllowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// The password makes this a secret: it is only ever written to Key Vault.
var databaseUrl = 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabase.name}?sslmode=require'

resource boxClientSecretInVault 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'box-client-secret'
  properties: {
    value: boxClientSecret
    contentType: 'text/plain'
  }
}

resource botPasswordInVault 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
    contentType: 'text/plain'
  }
}

resource databaseUrlInVault 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: databaseUrl
    contentType: 'text/plain'
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Written after the role assignment, so the restart these settings cause resolves the Key Vault
// references with access already in place. Secret references omit the version: App Service picks up
// a rotated secret within a day, or at once on restart.
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [
    webAppReadsSecrets
  ]
  properties: union({
    NODE_ENV: 'production'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    BOT_ID: botAadAppClientId
    BOT_TENANT_ID: botAadAppTenantId
    BOT_TYPE: botAppType
    BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordInVault.properties.secretUri})'
    BOX_CLIENT_ID: boxClientId
    BOX_ENTERPRISE_ID: boxEnterpriseId
    BOX_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${boxClientSecretInVault.properties.secretUri})'
    DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlInVault.properties.secretUri})'
    DATA_DIR: dataDir
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  }, rosterSetting)
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${base}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppTenantId: botAppType == 'SingleTenant' ? botAadAppTenantId : ''
    msaAppType: botAppType
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Output names are upper-case on purpose: the toolkit writes each output to env/.env.<env> under its
// upper-cased name, and teamsapp.yml / the manifest read them from there.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output WEB_APP_NAME string = webApp.name
output WEB_APP_HOSTNAME string = webApp.properties.defaultHostName
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output KEY_VAULT_NAME string = keyVault.name
