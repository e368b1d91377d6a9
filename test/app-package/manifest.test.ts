/**
 * teamsapp/manifest.json: valid against the v1.22 schema offline (both through @microsoft/app-manifest,
 * which bundles the schemas, and through ajv with the copy in specs/), and in step with the commands
 * the bot handles (src/teams/commands.ts) in both directions.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BRAND_COLOR } from '../../scripts/make-icons';
import { fillPlaceholders, placeholdersIn } from '../../scripts/package-app';
import { COMMANDS } from '../../src/teams/commands';
import { TEST_VARS } from './test-values';

const root = path.resolve(__dirname, '..', '..');
const template = readFileSync(path.join(root, 'teamsapp', 'manifest.json'), 'utf8');
const raw = JSON.parse(template) as ManifestShape;
const filled = JSON.parse(fillPlaceholders(template, TEST_VARS, 'manifest')) as ManifestShape;

interface Command {
  title: string;
  description: string;
}
interface ManifestShape {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  accentColor: string;
  icons: { color: string; outline: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  developer: Record<string, string>;
  validDomains: string[];
  webApplicationInfo?: unknown;
  bots: Array<{
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    commandLists: Array<{ scopes: string[]; commands: Command[] }>;
  }>;
  composeExtensions: Array<{
    botId: string;
    commands: Array<{
      id: string;
      type: string;
      title: string;
      description: string;
      parameters: Array<{ name: string; title: string; description: string }>;
    }>;
  }>;
}

/**
 * Validates with @microsoft/app-manifest's AppManifestUtils.validateAgainstSchema, passing it the
 * v1.22 schema the package bundles (read from the package, never fetched). It runs in a child node:
 * the package loads an ES module (strip-bom) that jest's CommonJS runtime cannot require on Node 20,
 * while plain node can.
 */
const VALIDATE_WITH_APP_MANIFEST = `
const fs = require('node:fs');
const path = require('node:path');
const { AppManifestUtils } = require('@microsoft/app-manifest');
const dir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
const schema = JSON.parse(fs.readFileSync(path.join(dir, 'build/json-schemas/teams/v1.22/MicrosoftTeams.schema.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(0, 'utf8'));
AppManifestUtils.validateAgainstSchema(manifest, schema).then(
  (errors) => process.stdout.write(JSON.stringify(errors)),
  (err) => { console.error(err); process.exit(2); },
);
`;

function appManifestErrors(manifest: unknown): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', VALIDATE_WITH_APP_MANIFEST], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`validator exited ${code}: ${err}`)),
    );
    child.stdin.end(JSON.stringify(manifest));
  });
}

/** ajv 8 with the specs/ copy. The file declares draft-04 but uses nothing draft-04-only. */
const specsValidator = (() => {
  let compiled: ReturnType<Ajv['compile']> | undefined;
  return () => (compiled ??= compileSpecsSchema());
})();

function compileSpecsSchema() {
  const schema = JSON.parse(
    readFileSync(path.join(root, 'specs', 'teams-manifest', 'v1.22', 'MicrosoftTeams.schema.json'), 'utf8'),
  );
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('teamsapp/manifest.json against the v1.22 schema', () => {
  it('is a v1.22 manifest naming the canonical schema URL', () => {
    expect(raw.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    expect(raw.manifestVersion).toBe('1.22');
  });

  it('uses exactly the placeholders provisioning and env/ provide', () => {
    expect(new Set(placeholdersIn(template))).toEqual(new Set(Object.keys(TEST_VARS)));
    expect(raw.id).toBe('${{TEAMS_APP_ID}}');
    expect(raw.bots[0].botId).toBe('${{BOT_ID}}');
    expect(raw.validDomains).toEqual(['${{BOT_DOMAIN}}']);
    expect(raw.developer).toEqual({
      name: '${{DEVELOPER_NAME}}',
      websiteUrl: '${{DEVELOPER_WEBSITE_URL}}',
      privacyUrl: '${{DEVELOPER_PRIVACY_URL}}',
      termsOfUseUrl: '${{DEVELOPER_TERMS_URL}}',
    });
  });

  it('passes @microsoft/app-manifest validation with its bundled schema', async () => {
    expect(await appManifestErrors(filled)).toEqual([]);
  });

  it('passes ajv validation against specs/teams-manifest/v1.22', () => {
    const validate = specsValidator();
    const ok = validate(filled);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is rejected by both validators when an id is not a GUID (the checks are live)', async () => {
    const broken = structuredClone(filled);
    broken.bots[0].botId = 'not-a-guid';
    expect((await appManifestErrors(broken)).join('\n')).toContain('/bots/0/botId');
    expect(specsValidator()(broken)).toBe(false);
  });
});

describe('teamsapp/manifest.json content', () => {
  const bot = raw.bots[0];

  it('offers the bot in personal chat, teams and group chats, receiving files (in the personal chat)', () => {
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(true);
    expect(raw.webApplicationInfo).toBeUndefined();
  });

  it('lists only commands the bot handles, with their descriptions from src/teams/commands.ts', () => {
    const known = new Map(COMMANDS.map((c) => [c.name, c.description]));
    for (const list of bot.commandLists) {
      for (const cmd of list.commands) {
        expect({ scope: list.scopes, title: cmd.title, known: known.has(cmd.title) }).toEqual({
          scope: list.scopes,
          title: cmd.title,
          known: true,
        });
        expect(cmd.description).toBe(known.get(cmd.title));
      }
    }
  });

  it('lists every command the bot handles in personal chat, in the same order', () => {
    const personal = bot.commandLists.find((l) => l.scopes.includes('personal'));
    expect(personal?.commands.map((c) => c.title)).toEqual(
      COMMANDS.filter((c) => c.personalMenu !== false).map((c) => c.name),
    );
  });

  it('has one command list per scope the bot is offered in', () => {
    const scopes = bot.commandLists.flatMap((l) => l.scopes);
    expect([...scopes].sort()).toEqual([...bot.scopes].sort());
  });

  it('keeps command titles within 32 and descriptions within 128 characters', () => {
    for (const cmd of bot.commandLists.flatMap((l) => l.commands)) {
      expect(cmd.title.length).toBeLessThanOrEqual(32);
      expect(cmd.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('has the findFootage search message extension on the same bot', () => {
    expect(raw.composeExtensions).toHaveLength(1);
    const ext = raw.composeExtensions[0];
    expect(ext.botId).toBe(bot.botId);
    expect(ext.commands.map((c) => c.id)).toEqual(['findFootage']);
    const cmd = ext.commands[0];
    expect(cmd.type).toBe('query');
    expect(cmd.parameters.map((p) => p.name)).toEqual(['query']);
    expect(cmd.title.length).toBeLessThanOrEqual(32);
    expect(cmd.description.length).toBeLessThanOrEqual(128);
    expect(cmd.parameters[0].title.length).toBeLessThanOrEqual(32);
    expect(cmd.parameters[0].description.length).toBeLessThanOrEqual(128);
  });

  it('describes the app within the store limits and names every command in the full description', () => {
    expect(raw.description.short.length).toBeLessThanOrEqual(80);
    expect(raw.description.full.length).toBeLessThanOrEqual(4000);
    expect(filled.name.short.length).toBeLessThanOrEqual(30);
    for (const c of COMMANDS) expect(raw.description.full).toContain(c.name);
  });

  it('uses the brand colour of the icons and their file names', () => {
    expect(raw.accentColor).toBe(BRAND_COLOR);
    expect(raw.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });
});
