import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emulatorBaseUrls, runSeed, seedConfigFromEnv } from '../../scripts/seed';
import { ConfigError } from '../../src/footage/errors';
import { loadDemoData } from '../../src/seed';
import { startHarness, type EmulatorHarness } from '../box/emulator-support';

const projectDemo = path.resolve(__dirname, '../../demo');

describe('npm run seed: configuration', () => {
  it('targets a running emulator by default, with its default credentials', () => {
    const config = seedConfigFromEnv({});
    expect(config.box.auth).toEqual({
      kind: 'ccg',
      clientId: 'emulator-client',
      clientSecret: 'emulator-secret',
      enterpriseId: '1',
    });
    expect(config.box.baseUrls).toEqual(emulatorBaseUrls('http://127.0.0.1:3979'));
    expect(config.demoDir).toBe(projectDemo);
    expect(config.concurrency).toBe(8);
  });

  it('targets a real enterprise with CCG or JWT', () => {
    expect(seedConfigFromEnv({ BOX_CLIENT_ID: 'id', BOX_CLIENT_SECRET: 's', BOX_ENTERPRISE_ID: '42' }).box).toEqual({
      auth: { kind: 'ccg', clientId: 'id', clientSecret: 's', enterpriseId: '42' },
    });
    expect(seedConfigFromEnv({ BOX_JWT_CONFIG_PATH: '/etc/box/config.json' }).box).toEqual({
      auth: { kind: 'jwt', configPath: '/etc/box/config.json' },
    });
  });

  it('names the variable that is wrong', () => {
    const variable = (env: Record<string, string>): string | undefined => {
      try {
        seedConfigFromEnv(env);
        return undefined;
      } catch (error) {
        return error instanceof ConfigError ? error.variable : 'not a ConfigError';
      }
    };
    expect(variable({ BOX_CLIENT_ID: 'id' })).toBe('BOX_CLIENT_SECRET');
    expect(variable({ BOX_CLIENT_ID: 'id', BOX_CLIENT_SECRET: 's', BOX_ENTERPRISE_ID: 'acme' })).toBe(
      'BOX_ENTERPRISE_ID',
    );
    expect(variable({ BOX_CLIENT_ID: 'id', BOX_JWT_CONFIG_PATH: '/x' })).toBe('BOX_JWT_CONFIG_PATH');
    expect(variable({ BOX_EMULATOR_URL: 'not a url' })).toBe('BOX_EMULATOR_URL');
    expect(variable({ SEED_CONCURRENCY: '0' })).toBe('SEED_CONCURRENCY');
  });
});

describe('npm run seed: against a running emulator', () => {
  let harness: EmulatorHarness;
  let demoDir: string;

  beforeAll(async () => {
    harness = await startHarness();
    // A small demo directory laid out like the project's own.
    demoDir = mkdtempSync(path.join(tmpdir(), 'seed-demo-'));
    const demo = loadDemoData(projectDemo);
    const footage = demo.footage.slice(0, 12);
    writeFileSync(path.join(demoDir, 'footage.json'), JSON.stringify(footage));
    writeFileSync(
      path.join(demoDir, 'cameras.json'),
      JSON.stringify(demo.cameras.filter((c) => footage.some((r) => r.cameraId === c.cameraId))),
    );
    writeFileSync(path.join(demoDir, 'roster.json'), JSON.stringify({ people: demo.roster.slice(0, 2) }));
    cpSync(demo.clipsDir, path.join(demoDir, 'clips'), { recursive: true });
  });

  afterAll(async () => {
    await harness?.close();
    if (demoDir) rmSync(demoDir, { recursive: true, force: true });
  });

  it('seeds and prints a summary; a rerun creates nothing', async () => {
    const env = { BOX_EMULATOR_URL: harness.emulator.url, DEMO_DIR: demoDir };
    const lines: string[] = [];
    const first = await runSeed(env, (line) => lines.push(line));
    expect(first.files.created).toBe(12);
    expect(lines[0]).toBe(`Seeding emulator ${new URL(harness.emulator.url).origin} from ${demoDir}`);
    expect(lines.join('\n')).toMatch(/files: {3}12 created, 0 already there/);
    expect(lines.join('\n')).not.toContain('emulator-secret');

    const second = await runSeed(env, () => undefined);
    expect(second.files).toEqual({ created: 0, existing: 12 });
    expect(second.metadata.unchanged).toBe(12);
  });
});
