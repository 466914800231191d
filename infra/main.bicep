// Strategikollen on Azure: Container Apps, Azure Database for PostgreSQL (flexible server),
// Key Vault for the database URL (and a client secret, if the bot uses one), a user-assigned
// managed identity that the bot signs in with (a federated credential of its app
// registration), and the Azure Bot resource with its Microsoft Teams channel. Parameters:
// docs/deploy.md, section 8.3; the bot's credential: section 2.1a.
//
//   az deployment group create --resource-group rg-strategikollen \
//     --template-file infra/main.bicep --parameters infra/main.parameters.json \
//     --parameters postgresAdminPassword=<…>

targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short name that every resource name starts with (letters and digits).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'strategik'

@description('The container image to run, e.g. myregistry.azurecr.io/strategikollen:1.0.0.')
param image string

@description('Application (client) id of the bot\'s Microsoft Entra app registration.')
param botAppId string

@description('Directory (tenant) id of the city\'s tenant (the bot is single-tenant).')
param tenantId string = subscription().tenantId

@description('How the bot signs in (the SDK\'s AUTHTYPE): FederatedCredentials, as its app registration trusts the managed identity below (no secret), or ClientSecret with botClientSecret.')
@allowed([
  'FederatedCredentials'
  'ClientSecret'
])
param botAuthType string = 'FederatedCredentials'

@description('With botAuthType ClientSecret only: the app registration\'s client secret; stored in Key Vault, never in app settings.')
@secure()
param botClientSecret string = ''

@description('With botAuthType ClientSecret only: when the client secret expires (Unix time, seconds), as set on the app registration; Key Vault records it so that the vault shows the secret is due. 0: not recorded.')
param botCredentialExpires int = 0

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'strategikollen'

@description('Administrator password of the PostgreSQL server; goes into Key Vault inside the database URL.')
@secure()
param postgresAdminPassword string

@description('Comma-separated Entra object ids of the administrators who may register IB\'s channel.')
param ibAdmins string = ''

@description('Days after their last turn that conversation state and user references are deleted.')
@minValue(1)
param retentionDays int = 180

@description('Registry server of the image when it needs the managed identity to pull (empty: a public image).')
param registryServer string = ''

@description('Fewest replicas of the bot.')
@minValue(1)
param minReplicas int = 1

@description('Most replicas of the bot (PostgreSQL lets several share the work).')
@minValue(1)
param maxReplicas int = 3

@description('Azure Bot pricing tier: F0 for a test environment, S1 for production.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var usesSecret = botAuthType == 'ClientSecret'
var databaseName = 'strategikollen'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6' // built-in role id

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}kv${suffix}', 24)
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (usesSecret) {
  parent: vault
  name: 'bot-client-secret'
  properties: {
    value: botClientSecret
    contentType: 'text/plain; Entra ID client secret'
    attributes: botCredentialExpires == 0 ? {} : { exp: botCredentialExpires }
  }
}

resource databaseUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    contentType: 'text/plain; SQLAlchemy URL'
    value: 'postgresql+asyncpg://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?ssl=require'
  }
}

// The bot's identity may read the vault's secrets, nothing else.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2023-12-01-preview' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: 35
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2023-12-01-preview' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Azure services (the Container Apps environment) may connect; nothing from the internet.
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2023-12-01-preview' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-bot'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [
    secretsUser
    database
    azureServices
  ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: 3978
        transport: 'http'
        allowInsecure: false
      }
      // Read from Key Vault with the managed identity: the values never appear here.
      secrets: concat([
        {
          name: 'database-url'
          keyVaultUrl: databaseUrl.properties.secretUri
          identity: identity.id
        }
      ], usesSecret ? [
        {
          name: 'bot-client-secret'
          keyVaultUrl: clientSecret.properties.secretUri
          identity: identity.id
        }
      ] : [])
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identity.id
        }
      ]
    }
    template: {
      terminationGracePeriodSeconds: 30
      containers: [
        {
          name: 'bot'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat([
            { name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID', value: botAppId }
            { name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID', value: tenantId }
            { name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__AUTHTYPE', value: botAuthType }
          ], usesSecret ? [
            { name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET', secretRef: 'bot-client-secret' }
          ] : [
            // The app registration trusts this identity (docs/deploy.md, 2.1a); the platform
            // gives the container its token, which the SDK exchanges for the bot's.
            { name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__FEDERATEDCLIENTID', value: identity.properties.clientId }
          ], [
            { name: 'STRATEGIKOLLEN_DATABASE_URL', secretRef: 'database-url' }
            { name: 'STRATEGIKOLLEN_DATABASE_SCHEMA', value: 'strategikollen' }
            { name: 'STRATEGIKOLLEN_IB_ADMINS', value: ibAdmins }
            { name: 'STRATEGIKOLLEN_RETENTION_DAYS', value: string(retentionDays) }
            { name: 'STRATEGIKOLLEN_LOG_FORMAT', value: 'json' }
            { name: 'STRATEGIKOLLEN_SHUTDOWN_SECONDS', value: '25' }
          ])
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: 3978 }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: { path: '/readyz', port: 3978 }
              periodSeconds: 10
            }
            {
              type: 'Startup'
              httpGet: { path: '/healthz', port: 3978 }
              periodSeconds: 5
              failureThreshold: 24
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'Strategikollen'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

@description('The messaging endpoint the Azure Bot calls.')
output messagingEndpoint string = bot.properties.endpoint

@description('The Key Vault that holds the database URL (and the bot\'s client secret, with botAuthType ClientSecret).')
output keyVaultName string = vault.name

@description('The managed identity the bot runs as: the subject of the app registration\'s federated credential.')
output identityPrincipalId string = identity.properties.principalId

@description('The managed identity\'s client id (the bot\'s FEDERATEDCLIENTID).')
output identityClientId string = identity.properties.clientId
