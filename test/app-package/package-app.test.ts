/**
 * scripts/package-app.ts, what `npm run package` runs: the zip holds exactly the manifest (every
 * placeholder filled) and the two icons, and a missing variable stops it with the variable's name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  MissingVariablesError,
  PACKAGE_ENTRIES,
  buildAppPackage,
  fillPlaceholders,
  loadEnvironment,
  parseEnvFile,
} from '../../scripts/package-app';
import { TEST_VARS } from './test-values';
import { readZip } from './zip-reader';

const root = path.resolve(__dirname, '..', '..');
let outDir: string;

beforeEach(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'cctv-package-'));
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

describe('buildAppPackage', () => {
  it('writes appPackage.<env>.zip with the filled manifest and both icons at the root', async () => {
    const zipPath = await buildAppPackage({ rootDir: root, env: 'test', outDir, vars: TEST_VARS });
    expect(path.basename(zipPath)).toBe('appPackage.test.zip');
    const entries = readZip(readFileSync(zipPath));
    expect(entries.map((e) => e.name).sort()).toEqual([...PACKAGE_ENTRIES].sort());

    const manifestText = entries.find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '';
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText) as {
      id: string;
      bots: Array<{ botId: string }>;
      validDomains: string[];
      name: { short: string };
    };
    expect(manifest.id).toBe(TEST_VARS.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(TEST_VARS.BOT_ID);
    expect(manifest.validDomains).toEqual([TEST_VARS.BOT_DOMAIN]);
    expect(manifest.name.short).toBe('CCTV Footage-test');

    for (const icon of ['color.png', 'outline.png']) {
      const packed = entries.find((e) => e.name === icon)?.data;
      expect(packed?.equals(readFileSync(path.join(root, 'teamsapp', icon)))).toBe(true);
    }
  });

  it('produces a zip that unzip accepts, when unzip is installed', async () => {
    const zipPath = await buildAppPackage({ rootDir: root, env: 'test', outDir, vars: TEST_VARS });
    const probe = spawnSync('unzip', ['-t', zipPath], { encoding: 'utf8' });
    if (probe.error) return; // no unzip here: readZip above is the check
    expect(probe.status).toBe(0);
    expect(probe.stdout).toContain('No errors detected');
  });

  it('gives identical bytes for identical inputs', async () => {
    const a = readFileSync(await buildAppPackage({ rootDir: root, env: 'a', outDir, vars: TEST_VARS }));
    const b = readFileSync(await buildAppPackage({ rootDir: root, env: 'b', outDir, vars: TEST_VARS }));
    expect(a.equals(b)).toBe(true);
  });

  it('names every variable it cannot fill, and writes nothing', async () => {
    const vars = { ...TEST_VARS, BOT_ID: undefined, BOT_DOMAIN: '' };
    const attempt = buildAppPackage({ rootDir: root, env: 'test', outDir, vars });
    await expect(attempt).rejects.toThrow(MissingVariablesError);
    await expect(attempt).rejects.toThrow(/BOT_ID, BOT_DOMAIN/);
    expect(existsSync(path.join(outDir, 'appPackage.test.zip'))).toBe(false);
  });

  it('refuses the committed env/.env.dev until provisioning has filled in the ids', async () => {
    const vars = loadEnvironment(root, 'dev', {});
    const attempt = buildAppPackage({ rootDir: root, env: 'dev', outDir, vars });
    await expect(attempt).rejects.toThrow(/TEAMS_APP_ID.*BOT_ID.*BOT_DOMAIN/);
  });
});

describe('fillPlaceholders', () => {
  it('escapes values for the JSON string they land in', () => {
    const text = fillPlaceholders('{"name": "${{DEVELOPER_NAME}}"}', { DEVELOPER_NAME: 'O"Brien \\ Sons' }, 'x');
    expect(JSON.parse(text)).toEqual({ name: 'O"Brien \\ Sons' });
  });

  it('accepts spaces inside the braces, as the toolkit does', () => {
    expect(fillPlaceholders('${{ A }}-${{B}}', { A: '1', B: '2' }, 'x', false)).toBe('1-2');
  });
});

describe('environment files', () => {
  it('parses KEY=VALUE lines, comments, quotes and export', () => {
    const vars = parseEnvFile(
      [
        '# comment',
        'A=1',
        'B = two words ',
        "C='quoted # not a comment'",
        'D="x"',
        'export E=5',
        'F=6 # trailing',
        'G=',
        'not a line',
      ].join('\n'),
    );
    expect(vars).toEqual({ A: '1', B: 'two words', C: 'quoted # not a comment', D: 'x', E: '5', F: '6', G: '' });
  });

  it('layers env/.env.<env>, then .env.<env>.user, then the process environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cctv-env-'));
    try {
      mkdirSync(path.join(dir, 'env'));
      writeFileSync(path.join(dir, 'env', '.env.qa'), 'A=file\nB=file\nC=file\n');
      writeFileSync(path.join(dir, 'env', '.env.qa.user'), 'B=user\nC=user\n');
      const vars = loadEnvironment(dir, 'qa', { C: 'process', D: '' });
      expect(vars).toMatchObject({ TEAMSFX_ENV: 'qa', A: 'file', B: 'user', C: 'process' });
      expect(vars.D).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
