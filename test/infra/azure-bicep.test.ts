/**
 * Structure checks for infra/azure.bicep and its parameters file. The Bicep compiler is not available
 * offline, so these read the text (test/infra/bicep-text.ts) and check what a deployment relies on:
 * every parameter used, no secret in an output, every setting the bot reads present, secrets only
 * as Key Vault references, and the web app configured as the bot expects (Node 20, HTTPS, /healthz).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BicepFile,
  BicepResource,
  BicepValue,
  firstObject,
  identifiersIn,
  objectEntries,
  parseBicep,
  stringLiteral,
  valueAt,
} from './bicep-text';

const root = path.resolve(__dirname, '..', '..');
const bicep = parseBicep(readFileSync(path.join(root, 'infra', 'azure.bicep'), 'utf8'));
const parameters = JSON.parse(readFileSync(path.join(root, 'infra', 'azure.parameters.json'), 'utf8')) as {
  parameters: Record<string, { value: unknown }>;
};

/** Settings the bot reads (ARCHITECTURE.md, configuration) that a deployment must set. */
const REQUIRED_SETTINGS = [
  'BOT_ID',
  'BOT_PASSWORD',
  'BOT_TENANT_ID',
  'BOT_TYPE',
  'BOX_CLIENT_ID',
  'BOX_CLIENT_SECRET',
  'BOX_ENTERPRISE_ID',
  'DATABASE_URL',
  'NODE_ENV',
  'DATA_DIR',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];

/** Each secret setting and the @secure parameter whose value it must carry. */
const SECRET_SETTINGS: Record<string, string> = {
  BOT_PASSWORD: 'botAadAppClientSecret',
  BOX_CLIENT_SECRET: 'boxClientSecret',
  DATABASE_URL: 'postgresAdminPassword',
};

const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

// ---- rules, written as functions returning problems so the tests can also prove they can fail ----

/** Parameters no other statement refers to. */
function unusedParams(file: BicepFile): string[] {
  return file.params
    .filter(
      (p) =>
        !file.statements.some(
          (s) => !(s.keyword === 'param' && s.name === p.name) && identifiersIn(s.masked).has(p.name),
        ),
    )
    .map((p) => p.name);
}

/** @secure params plus every var computed from one (transitively). */
function secretNames(file: BicepFile): Set<string> {
  const tainted = new Set(file.params.filter((p) => p.secure).map((p) => p.name));
  for (let changed = true; changed;) {
    changed = false;
    for (const v of file.vars) {
      if (!tainted.has(v.name) && [...identifiersIn(v.expression.masked)].some((n) => tainted.has(n))) {
        tainted.add(v.name);
        changed = true;
      }
    }
  }
  return tainted;
}

/** Outputs whose expression reaches a secret. */
function leakingOutputs(file: BicepFile): string[] {
  const secrets = secretNames(file);
  return file.outputs
    .filter((o) => [...identifiersIn(o.expression.masked)].some((n) => secrets.has(n)))
    .map((o) => o.name);
}

function resourcesOfType(file: BicepFile, type: string): BicepResource[] {
  return file.resources.filter((r) => r.type === type);
}

function onlyResource(file: BicepFile, type: string): BicepResource {
  const found = resourcesOfType(file, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

function literal(resource: BicepResource, ...keys: string[]): string | undefined {
  return stringLiteral(valueAt(resource.body, keys));
}

function raw(resource: BicepResource, ...keys: string[]): string | undefined {
  return valueAt(resource.body, keys)?.raw;
}

/** The web app's app settings: the object literal in the sites/config 'appsettings' resource. */
function appSettings(file: BicepFile): Map<string, BicepValue> {
  const config = resourcesOfType(file, 'Microsoft.Web/sites/config').find((r) => literal(r, 'name') === 'appsettings');
  if (!config) throw new Error('no Microsoft.Web/sites/config resource named appsettings');
  const properties = valueAt(config.body, ['properties']);
  if (!properties) throw new Error('appsettings has no properties');
  return objectEntries(firstObject(properties));
}

const KEY_VAULT_REF = /^'@Microsoft\.KeyVault\(SecretUri=\$\{(\w+)\.properties\.secretUri\}\)'$/;

// ---- tests ----

describe('infra/azure.bicep', () => {
  it('declares the parameters a deployment supplies', () => {
    const names = bicep.params.map((p) => p.name);
    for (const expected of [
      'resourceBaseName',
      'location',
      'botDisplayName',
      'botAadAppClientId',
      'botAadAppTenantId',
      'botAppType',
      'botAadAppClientSecret',
      'boxClientId',
      'boxEnterpriseId',
      'boxClientSecret',
      'postgresAdminLogin',
      'postgresAdminPassword',
      'appServiceSku',
      'postgresSkuName',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('uses every parameter it declares', () => {
    expect(unusedParams(bicep)).toEqual([]);
  });

  it('marks the secrets @secure and gives them no default', () => {
    for (const name of Object.values(SECRET_SETTINGS)) {
      const p = bicep.params.find((x) => x.name === name);
      expect({ name, secure: p?.secure, hasDefault: p?.hasDefault }).toEqual({ name, secure: true, hasDefault: false });
    }
  });

  it('never puts a secret, or anything computed from one, in an output', () => {
    expect(secretNames(bicep)).toEqual(
      new Set(['botAadAppClientSecret', 'boxClientSecret', 'postgresAdminPassword', 'databaseUrl']),
    );
    expect(leakingOutputs(bicep)).toEqual([]);
  });

  it('outputs what teamsapp.yml and the manifest read, under the names the toolkit writes', () => {
    const outputs = new Map(bicep.outputs.map((o) => [o.name, o.expression.raw]));
    expect(outputs.get('AZURE_APP_SERVICE_RESOURCE_ID')).toBe('webApp.id');
    expect(outputs.get('WEB_APP_NAME')).toBe('webApp.name');
    expect(outputs.get('WEB_APP_HOSTNAME')).toBe('webApp.properties.defaultHostName');
    expect(outputs.get('BOT_DOMAIN')).toBe('webApp.properties.defaultHostName');
    expect(outputs.get('BOT_ENDPOINT')).toBe("'https://${webApp.properties.defaultHostName}'");
  });

  it('sets every setting the bot needs', () => {
    const settings = appSettings(bicep);
    expect(REQUIRED_SETTINGS.filter((k) => !settings.has(k))).toEqual([]);
    expect(stringLiteral(settings.get('NODE_ENV'))).toBe('production');
    expect(settings.get('BOT_ID')?.raw).toBe('botAadAppClientId');
    expect(settings.get('BOT_TENANT_ID')?.raw).toBe('botAadAppTenantId');
    expect(settings.get('BOT_TYPE')?.raw).toBe('botAppType');
    expect(settings.get('BOX_CLIENT_ID')?.raw).toBe('boxClientId');
    expect(settings.get('BOX_ENTERPRISE_ID')?.raw).toBe('boxEnterpriseId');
    expect(settings.get('DATA_DIR')?.raw).toBe('dataDir');
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')?.raw).toBe('appInsights.properties.ConnectionString');
  });

  it('passes secrets only as Key Vault references to secrets holding the right value', () => {
    const settings = appSettings(bicep);
    const secrets = secretNames(bicep);
    const vault = onlyResource(bicep, 'Microsoft.KeyVault/vaults');
    for (const [setting, param] of Object.entries(SECRET_SETTINGS)) {
      const ref = KEY_VAULT_REF.exec(settings.get(setting)?.raw ?? '');
      expect({ setting, reference: ref !== null }).toEqual({ setting, reference: true });
      const secret = bicep.resources.find((r) => r.symbol === ref?.[1]);
      expect(secret?.type).toBe('Microsoft.KeyVault/vaults/secrets');
      expect(raw(secret as BicepResource, 'parent')).toBe(vault.symbol);
      // The stored value is the param itself, or a var built from it (DATABASE_URL).
      const stored = valueAt((secret as BicepResource).body, ['properties', 'value']);
      const refs = [...identifiersIn(stored?.masked ?? '')];
      const reaches =
        refs.includes(param) ||
        refs.some((n) => bicep.vars.some((v) => v.name === n && identifiersIn(v.expression.masked).has(param)));
      expect({ setting, reaches }).toEqual({ setting, reaches: true });
    }
    // Every other setting is plain and computed from nothing secret.
    for (const [name, value] of settings) {
      if (name in SECRET_SETTINGS) continue;
      const leaks = [...identifiersIn(value.masked)].filter((n) => secrets.has(n));
      expect({ name, leaks }).toEqual({ name, leaks: [] });
    }
  });

  it('builds DATABASE_URL for the flexible server over TLS', () => {
    const databaseUrl = bicep.vars.find((v) => v.name === 'databaseUrl');
    expect(databaseUrl?.expression.raw).toMatch(
      /^'postgres:\/\/\$\{uriComponent\(postgresAdminLogin\)\}:\$\{uriComponent\(postgresAdminPassword\)\}@\$\{postgres\.properties\.fullyQualifiedDomainName\}:5432\//,
    );
    expect(databaseUrl?.expression.raw).toContain('sslmode=require');
  });

  it('runs the web app on Linux, Node 20, HTTPS only, always on, health-checked on /healthz', () => {
    const plan = onlyResource(bicep, 'Microsoft.Web/serverfarms');
    expect(raw(plan, 'properties', 'reserved')).toBe('true');
    const web = onlyResource(bicep, 'Microsoft.Web/sites');
    expect(raw(web, 'properties', 'serverFarmId')).toBe(`${plan.symbol}.id`);
    expect(raw(web, 'properties', 'httpsOnly')).toBe('true');
    expect(literal(web, 'identity', 'type')).toBe('SystemAssigned');
    expect(literal(web, 'properties', 'keyVaultReferenceIdentity')).toBe('SystemAssigned');
    expect(literal(web, 'properties', 'siteConfig', 'linuxFxVersion')).toBe('NODE|20-lts');
    expect(raw(web, 'properties', 'siteConfig', 'alwaysOn')).toBe('true');
    expect(literal(web, 'properties', 'siteConfig', 'healthCheckPath')).toBe('/healthz');
    expect(literal(web, 'properties', 'siteConfig', 'ftpsState')).toBe('Disabled');
    expect(literal(web, 'properties', 'siteConfig', 'minTlsVersion')).toBe('1.2');
    expect(literal(web, 'properties', 'siteConfig', 'appCommandLine')).toBe('node dist/src/index.js');
  });

  it('lets only the web app identity read the vault, through RBAC', () => {
    const vault = onlyResource(bicep, 'Microsoft.KeyVault/vaults');
    expect(raw(vault, 'properties', 'enableRbacAuthorization')).toBe('true');
    const web = onlyResource(bicep, 'Microsoft.Web/sites');
    const assignment = onlyResource(bicep, 'Microsoft.Authorization/roleAssignments');
    expect(raw(assignment, 'scope')).toBe(vault.symbol);
    expect(raw(assignment, 'properties', 'principalId')).toBe(`${web.symbol}.identity.principalId`);
    expect(literal(assignment, 'properties', 'principalType')).toBe('ServicePrincipal');
    const roleRefs = [...identifiersIn(valueAt(assignment.body, ['properties', 'roleDefinitionId'])?.masked ?? '')];
    const roleIds = bicep.vars.filter((v) => roleRefs.includes(v.name)).map((v) => stringLiteral(v.expression));
    expect(roleIds).toEqual([KEY_VAULT_SECRETS_USER]);
    // Settings are written after the grant, so the first restart can already resolve references.
    const config = resourcesOfType(bicep, 'Microsoft.Web/sites/config')[0];
    expect(raw(config, 'dependsOn')).toContain(assignment.symbol);
  });

  it('registers a single-tenant Azure Bot at the web app with the Teams channel', () => {
    expect(stringLiteral(bicep.params.find((p) => p.name === 'botAppType')?.defaultValue)).toBe('SingleTenant');
    const bot = onlyResource(bicep, 'Microsoft.BotService/botServices');
    const web = onlyResource(bicep, 'Microsoft.Web/sites');
    expect(literal(bot, 'location')).toBe('global');
    expect(raw(bot, 'properties', 'endpoint')).toBe(
      `'https://\${${web.symbol}.properties.defaultHostName}/api/messages'`,
    );
    expect(raw(bot, 'properties', 'msaAppId')).toBe('botAadAppClientId');
    expect(raw(bot, 'properties', 'msaAppType')).toBe('botAppType');
    expect(raw(bot, 'properties', 'msaAppTenantId')).toContain('botAadAppTenantId');
    const channel = onlyResource(bicep, 'Microsoft.BotService/botServices/channels');
    expect(raw(channel, 'parent')).toBe(bot.symbol);
    expect(literal(channel, 'name')).toBe('MsTeamsChannel');
    expect(literal(channel, 'properties', 'channelName')).toBe('MsTeamsChannel');
  });

  it('creates the PostgreSQL flexible server, the database and the Azure-services firewall rule', () => {
    const server = onlyResource(bicep, 'Microsoft.DBforPostgreSQL/flexibleServers');
    expect(raw(server, 'properties', 'administratorLoginPassword')).toBe('postgresAdminPassword');
    const db = onlyResource(bicep, 'Microsoft.DBforPostgreSQL/flexibleServers/databases');
    expect(raw(db, 'parent')).toBe(server.symbol);
    const rule = onlyResource(bicep, 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules');
    expect(raw(rule, 'parent')).toBe(server.symbol);
    expect([literal(rule, 'properties', 'startIpAddress'), literal(rule, 'properties', 'endIpAddress')]).toEqual([
      '0.0.0.0',
      '0.0.0.0',
    ]);
  });

  it('sends telemetry to Application Insights on a Log Analytics workspace', () => {
    const workspace = onlyResource(bicep, 'Microsoft.OperationalInsights/workspaces');
    const insights = onlyResource(bicep, 'Microsoft.Insights/components');
    expect(raw(insights, 'properties', 'WorkspaceResourceId')).toBe(`${workspace.symbol}.id`);
  });
});

describe('infra/azure.parameters.json', () => {
  const declared = new Map(bicep.params.map((p) => [p.name, p]));

  it('only sets declared parameters and sets every one without a default', () => {
    const given = Object.keys(parameters.parameters);
    expect(given.filter((name) => !declared.has(name))).toEqual([]);
    const required = bicep.params.filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });

  it('fills secrets from SECRET_ toolkit variables (env/.env.<env>.user) and nothing else from them', () => {
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      const text = String(value);
      if (declared.get(name)?.secure)
        expect({ name, text }).toEqual({ name, text: expect.stringMatching(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/) });
      else expect({ name, secretPlaceholder: text.includes('SECRET_') }).toEqual({ name, secretPlaceholder: false });
    }
  });
});

describe('the structure rules themselves', () => {
  const bad = parseBicep(`
@secure()
param password string
param unused string
param login string
var connection = 'postgres://\${login}:\${password}@db' // comment with unused in it
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv'
  properties: {
    tenantId: subscription().tenantId
  }
}
output leak string = connection
output fine string = kv.name
`);

  it('notice an unused parameter, even when its name appears in a comment', () => {
    expect(unusedParams(bad)).toEqual(['unused']);
  });

  it('notice a secret reaching an output through a variable', () => {
    expect(leakingOutputs(bad)).toEqual(['leak']);
  });
});
