/**
 * The Agents Toolkit lifecycle files: valid against the toolkit's own yaml schema (v1.11, copied in
 * test/infra/fixtures), the lifecycle stages a deployment needs, and no variable that nothing provides: every
 * ${{VAR}} the manifest, the parameters file or the yml itself uses is produced by an earlier action,
 * output by infra/azure.bicep, or set in env/.
 */
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseEnvFile, placeholdersIn } from '../../scripts/package-app';
import { parseBicep } from './bicep-text';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Lifecycle {
  version: string;
  provision: Action[];
  deploy: Action[];
  publish?: Action[];
}

const dev = parse(read('teamsapp.yml')) as Lifecycle;
const local = parse(read('teamsapp.local.yml')) as Lifecycle;
const devEnv = parseEnvFile(read('env/.env.dev'));
const localEnv = parseEnvFile(read('env/.env.local'));
const bicepOutputs = parseBicep(read('infra/azure.bicep')).outputs.map((o) => o.name.toUpperCase());

/** Variables the toolkit itself sets (TEAMSFX_ENV) or generates on first provision (RESOURCE_SUFFIX). */
const BUILT_IN = new Set(['TEAMSFX_ENV', 'RESOURCE_SUFFIX']);

/** What the actions before `index` in a stage list write: their writeToEnvironmentFile targets and arm outputs. */
function producedBefore(actions: Action[], index: number): Set<string> {
  const produced = new Set<string>();
  for (const action of actions.slice(0, index)) {
    for (const name of Object.values(action.writeToEnvironmentFile ?? {})) produced.add(name);
    if (action.uses === 'arm/deploy') bicepOutputs.forEach((o) => produced.add(o));
  }
  return produced;
}

function indexOf(actions: Action[], uses: string): number {
  const i = actions.findIndex((a) => a.uses === uses);
  if (i < 0) throw new Error(`no ${uses} action`);
  return i;
}

function withArg(action: Action | undefined, key: string): string {
  return String(action?.with?.[key] ?? '');
}

/** Variables used in `text` that are neither produced, built in, nor given a value in the env file. */
function unprovided(
  text: string,
  produced: Set<string>,
  env: Record<string, string>,
  allowEmptyInEnv = false,
): string[] {
  return placeholdersIn(text).filter((v) => {
    if (produced.has(v) || BUILT_IN.has(v)) return false;
    if (!(v in env)) return true;
    return !allowEmptyInEnv && env[v] === '';
  });
}

describe('teamsapp.yml and teamsapp.local.yml', () => {
  const schema = JSON.parse(read('test/infra/fixtures/m365agents-yaml-v1.11.schema.json'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it.each([
    ['teamsapp.yml', dev],
    ['teamsapp.local.yml', local],
  ])('%s is valid against the toolkit yaml schema v1.11', (_file, doc) => {
    expect(doc.version).toBe('v1.11');
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is live: an unknown action is rejected', () => {
    const broken = { ...dev, provision: [...dev.provision, { uses: 'botAadApp/createEverything', with: {} }] };
    expect(validate(broken)).toBe(false);
  });

  it('declares the schema it is checked against', () => {
    for (const file of ['teamsapp.yml', 'teamsapp.local.yml']) {
      expect(read(file).split('\n')[0]).toBe(
        '# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json',
      );
    }
  });
});

describe('teamsapp.yml (Azure)', () => {
  it('provisions in order: Teams app, bot Entra app, Azure resources, then validate, zip, validate, update', () => {
    const order = [
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ];
    const uses = dev.provision.map((a) => a.uses);
    expect(uses.filter((u) => order.includes(u))).toEqual(order);
  });

  it('creates a single-tenant bot app with a service principal, its secret going to a SECRET_ variable', () => {
    const app = dev.provision[indexOf(dev.provision, 'aadApp/create')];
    expect(app.with).toMatchObject({
      signInAudience: 'AzureADMyOrg',
      generateServicePrincipal: true,
      generateClientSecret: true,
    });
    expect(app.writeToEnvironmentFile).toMatchObject({
      clientId: 'BOT_ID',
      clientSecret: 'SECRET_BOT_PASSWORD',
      tenantId: 'BOT_TENANT_ID',
    });
  });

  it('deploys infra/azure.bicep with its parameters file', () => {
    const arm = dev.provision[indexOf(dev.provision, 'arm/deploy')];
    const templates = arm.with?.templates as Array<{ path: string; parameters: string }>;
    expect(templates.map((t) => [t.path, t.parameters])).toEqual([
      ['./infra/azure.bicep', './infra/azure.parameters.json'],
    ]);
  });

  it('packages teamsapp/manifest.json into the git-ignored teamsapp/build', () => {
    const zip = dev.provision[indexOf(dev.provision, 'teamsApp/zipAppPackage')];
    expect(existsSync(path.join(root, withArg(zip, 'manifestPath')))).toBe(true);
    expect(withArg(zip, 'outputZipPath')).toBe('./teamsapp/build/appPackage.${{TEAMSFX_ENV}}.zip');
    expect(read('.gitignore').split('\n')).toContain('teamsapp/build/');
  });

  it('deploys by installing, building and zip-deploying to the web app the bicep outputs', () => {
    const uses = dev.deploy.map((a) => a.uses);
    expect(uses).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(dev.deploy.slice(0, 2).map((a) => withArg(a, 'args').split(' ')[0])).toEqual(['ci', 'run']);
    expect(withArg(dev.deploy[1], 'args')).toBe('run build');
    const zipDeploy = dev.deploy[2];
    expect(withArg(zipDeploy, 'artifactFolder')).toBe('.');
    expect(existsSync(path.join(root, withArg(zipDeploy, 'ignoreFile')))).toBe(true);
    expect(withArg(zipDeploy, 'resourceId')).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(bicepOutputs).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
  });

  it('keeps what the web app runs in the deployment zip', () => {
    const ignored = read('infra/.webappignore')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    // Anchored patterns only, so nothing inside node_modules is dropped; never the runtime itself.
    expect(ignored.filter((l) => !l.startsWith('/'))).toEqual([]);
    for (const needed of ['/dist/', '/node_modules/', '/package.json', '/demo/']) expect(ignored).not.toContain(needed);
  });

  it('fills every manifest variable from provision or env/.env.dev', () => {
    const produced = producedBefore(dev.provision, indexOf(dev.provision, 'teamsApp/validateManifest'));
    expect(unprovided(read('teamsapp/manifest.json'), produced, devEnv)).toEqual([]);
  });

  it('fills every Azure parameter from provision, env/.env.dev, or a SECRET_ the deploy guide asks for', () => {
    const produced = producedBefore(dev.provision, indexOf(dev.provision, 'arm/deploy'));
    const guide = read('docs/deploy.md');
    const missing = placeholdersIn(read('infra/azure.parameters.json')).filter(
      (v) => !produced.has(v) && !BUILT_IN.has(v) && !(v in devEnv) && !(v.startsWith('SECRET_') && guide.includes(v)),
    );
    expect(missing).toEqual([]);
  });

  it('uses no variable in the yml itself that nothing provides', () => {
    const produced = producedBefore(dev.provision, dev.provision.length);
    // Subscription and resource group may stay empty: the toolkit then asks.
    expect(unprovided(read('teamsapp.yml'), produced, devEnv, true)).toEqual([]);
  });
});

describe('teamsapp.local.yml (local debugging in Teams)', () => {
  it('registers the bot with the Bot Framework at the tunnel, with the Teams channel', () => {
    const uses = local.provision.map((a) => a.uses);
    expect(uses.slice(0, 3)).toEqual(['teamsApp/create', 'aadApp/create', 'botFramework/create']);
    const bot = local.provision[2];
    expect(withArg(bot, 'botId')).toBe('${{BOT_ID}}');
    expect(withArg(bot, 'messagingEndpoint')).toBe('${{BOT_ENDPOINT}}/api/messages');
    expect(bot.with?.channels).toEqual([{ name: 'msteams' }]);
  });

  it('writes the settings the bot reads to .localConfigs', () => {
    const file = local.deploy.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile');
    expect(withArg(file, 'target')).toBe('./.localConfigs');
    expect(file?.with?.envs).toEqual({
      PORT: 3978,
      BOT_ID: '${{BOT_ID}}',
      BOT_PASSWORD: '${{SECRET_BOT_PASSWORD}}',
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: '${{BOT_TENANT_ID}}',
    });
    expect(read('.gitignore').split('\n')).toContain('.localConfigs');
  });

  it('fills every manifest and yml variable from provision or env/.env.local (tunnel values by hand)', () => {
    const produced = producedBefore(local.provision, local.provision.length);
    expect(unprovided(read('teamsapp/manifest.json'), produced, localEnv, true)).toEqual([]);
    expect(unprovided(read('teamsapp.local.yml'), produced, localEnv, true)).toEqual([]);
  });
});

describe('env/', () => {
  it.each([
    ['env/.env.dev', devEnv],
    ['env/.env.local', localEnv],
  ])('%s holds no secret', (_file, env) => {
    const secretLooking = Object.keys(env).filter(
      (k) => k.startsWith('SECRET_') || /PASSWORD|CLIENT_SECRET|CONNECTION_STRING|DATABASE_URL/.test(k),
    );
    expect(secretLooking).toEqual([]);
  });

  it('names its environment and app-name suffix', () => {
    expect([devEnv.TEAMSFX_ENV, localEnv.TEAMSFX_ENV]).toEqual(['dev', 'local']);
    expect([devEnv.APP_NAME_SUFFIX, localEnv.APP_NAME_SUFFIX]).toEqual(['-dev', '-local']);
  });

  it('keeps secret files out of git', () => {
    expect(read('.gitignore').split('\n')).toContain('env/.env.*.user');
  });
});
