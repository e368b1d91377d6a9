import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { relativeNow } from '../../src/footage/clock';
import { ConfigError } from '../../src/footage/errors';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  test('no configuration at all: local defaults (emulator, embedded database, anonymous bot)', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.box).toEqual({ kind: 'emulator', port: 3979 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.bot).toEqual({ mode: 'anonymous' });
    expect(config.seedDemo).toBe(true);
    expect(config.rosterPath.endsWith(path.join('demo', 'roster.json'))).toBe(true);
  });

  test('production without BOT_ID refuses to start and names the variable', () => {
    const error = failure({ NODE_ENV: 'production' });
    expect(error.variable).toBe('BOT_ID');
    expect(error.message).toMatch(/BOT_ID.*required.*production/);
  });

  test('BOT_ID without a password is refused unless a managed identity is used', () => {
    expect(failure({ BOT_ID: 'abc' }).variable).toBe('BOT_PASSWORD');
    expect(loadConfig({ BOT_ID: 'abc', BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: 't' }).bot).toMatchObject({
      mode: 'authenticated',
      appType: 'UserAssignedMSI',
    });
  });

  test('single-tenant bots need a tenant id', () => {
    expect(failure({ BOT_ID: 'abc', BOT_PASSWORD: 'p', BOT_TYPE: 'SingleTenant' }).variable).toBe('BOT_TENANT_ID');
  });

  test('a malformed port names the variable and what is expected', () => {
    const error = failure({ PORT: 'eighty' });
    expect(error.variable).toBe('PORT');
    expect(error.message).toContain('whole number');
  });

  test('Box client credentials need all three values', () => {
    expect(failure({ BOX_CLIENT_ID: 'id' }).variable).toBe('BOX_CLIENT_SECRET');
    expect(failure({ BOX_CLIENT_ID: 'id', BOX_CLIENT_SECRET: 's' }).variable).toBe('BOX_ENTERPRISE_ID');
    expect(failure({ BOX_CLIENT_SECRET: 's' }).variable).toBe('BOX_CLIENT_ID');
    const config = loadConfig({ BOX_CLIENT_ID: 'id', BOX_CLIENT_SECRET: 's', BOX_ENTERPRISE_ID: '123' });
    expect(config.box).toMatchObject({ kind: 'ccg', enterpriseId: '123' });
    expect(config.seedDemo).toBe(false);
  });

  test('the emulator with the demo data and no CLOCK_NOW runs the demo clock; CLOCK_NOW fixes it', () => {
    const before = Date.now();
    const demo = loadConfig({}).clock;
    expect(demo).toMatchObject({ kind: 'demo', startsAt: new Date('2026-03-20T10:00:00Z') });
    if (demo.kind === 'demo') expect(demo.realStart.getTime()).toBeGreaterThanOrEqual(before);
    // Relative phrases are read against the demo clock, which has barely moved.
    const read = relativeNow(demo, new Date());
    expect(read.getTime() - Date.parse('2026-03-20T10:00:00Z')).toBeLessThan(60_000);
    expect(loadConfig({ CLOCK_NOW: '2026-03-14T22:00:00Z' }).clock).toEqual({
      kind: 'fixed',
      now: new Date('2026-03-14T22:00:00Z'),
    });
    expect(relativeNow(loadConfig({ CLOCK_NOW: '2026-03-14T22:00:00Z' }).clock, new Date())).toEqual(
      new Date('2026-03-14T22:00:00Z'),
    );
    expect(failure({ CLOCK_NOW: 'yesterday' }).variable).toBe('CLOCK_NOW');
  });

  test('never the demo clock with real Box, or without the demo data', () => {
    const ccg = { BOX_CLIENT_ID: 'id', BOX_CLIENT_SECRET: 's', BOX_ENTERPRISE_ID: '123' };
    expect(loadConfig(ccg).clock).toEqual({ kind: 'real' });
    expect(loadConfig({ ...ccg, SEED_DEMO: 'true' }).clock).toEqual({ kind: 'real' });
    expect(loadConfig({ BOX_JWT_CONFIG_PATH: '/x.json', SEED_DEMO: 'true' }).clock).toEqual({ kind: 'real' });
    expect(loadConfig({ SEED_DEMO: 'false' }).clock).toEqual({ kind: 'real' });
    const sent = new Date('2027-01-05T09:00:00Z');
    expect(relativeNow(loadConfig(ccg).clock, sent)).toBe(sent);
  });

  test('a JWT app config and client credentials together are refused', () => {
    expect(failure({ BOX_JWT_CONFIG_PATH: '/x.json', BOX_CLIENT_ID: 'id' }).variable).toBe('BOX_JWT_CONFIG_PATH');
  });

  test('DATABASE_URL must be PostgreSQL', () => {
    expect(failure({ DATABASE_URL: 'mysql://x' }).variable).toBe('DATABASE_URL');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe('postgres://u@h/db');
  });

  test('the default access duration never exceeds the maximum', () => {
    expect(loadConfig({ ACCESS_MAX_DAYS: '3' }).access).toMatchObject({ maxDurationDays: 3, defaultDurationDays: 3 });
    expect(failure({ ACCESS_MAX_DAYS: '3', ACCESS_DEFAULT_DAYS: '7' }).variable).toBe('ACCESS_DEFAULT_DAYS');
  });
});

const BOT = { BOT_ID: 'abc', BOT_PASSWORD: 'p' };
const BOX = { BOX_CLIENT_ID: 'id', BOX_CLIENT_SECRET: 's', BOX_ENTERPRISE_ID: '123' };

describe('production', () => {
  test('NODE_ENV is read without regard to case', () => {
    expect(failure({ NODE_ENV: 'Production' }).variable).toBe('BOT_ID');
    expect(failure({ NODE_ENV: 'PRODUCTION', ...BOX }).variable).toBe('BOT_ID');
    expect(loadConfig({ NODE_ENV: 'Production', ...BOT, ...BOX }).nodeEnv).toBe('production');
  });

  test('without Box settings the emulator is refused', () => {
    const error = failure({ NODE_ENV: 'production', ...BOT });
    expect(error.variable).toBe('BOX_CLIENT_ID');
    expect(error.message).toMatch(/emulator/);
  });

  test('the demo seed is refused against a real Box', () => {
    expect(failure({ NODE_ENV: 'production', ...BOT, ...BOX, SEED_DEMO: 'true' }).variable).toBe('SEED_DEMO');
  });

  test('ALLOW_EMULATOR_IN_PRODUCTION=true lets a demonstration run, and says so', () => {
    const config = loadConfig({ NODE_ENV: 'production', ALLOW_EMULATOR_IN_PRODUCTION: 'true' });
    expect(config.box.kind).toBe('emulator');
    expect(config.seedDemo).toBe(true);
    expect(config.bot.mode).toBe('anonymous');
    expect(config.emulatorAllowedInProduction).toBe(true);
    expect(loadConfig({ ALLOW_EMULATOR_IN_PRODUCTION: 'true' }).emulatorAllowedInProduction).toBe(false);
  });

  test('a real production configuration starts', () => {
    const config = loadConfig({ NODE_ENV: 'production', ...BOT, ...BOX });
    expect(config.seedDemo).toBe(false);
    expect(config.emulatorAllowedInProduction).toBe(false);
  });
});

describe('a malformed Box URL', () => {
  test('is refused without echoing the credentials in it', () => {
    for (const value of [
      'https://user:hunter2@api.box.example',
      'ftp://user:hunter2@api.box.example',
      'not a url hunter2',
    ]) {
      const error = failure({ BOX_API_BASE_URL: value });
      expect(error.variable).toBe('BOX_API_BASE_URL');
      expect(error.message).not.toContain('hunter2');
    }
  });
});

describe('tenants', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cctv-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function roster(content: object): string {
    const file = path.join(dir, `roster-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(content));
    return file;
  }

  test('ALLOWED_TENANT_IDS is a comma list, compared in lower case', () => {
    expect(loadConfig({ ALLOWED_TENANT_IDS: ' AAA-1 , bbb-2,,' }).allowedTenantIds).toEqual(['aaa-1', 'bbb-2']);
  });

  test("by default the roster's tenant", () => {
    expect(loadConfig({}).allowedTenantIds).toEqual(['9b3c7d1e-2222-4b2b-8b02-000000000001']);
  });

  test('a roster without a tenant falls back to BOT_TENANT_ID, and with neither the bot refuses to start', () => {
    const file = roster({ people: [] });
    expect(
      loadConfig({ ROSTER_PATH: file, ...BOT, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: 'CCC-3' }).allowedTenantIds,
    ).toEqual(['ccc-3']);
    expect(failure({ ROSTER_PATH: file }).variable).toBe('ALLOWED_TENANT_IDS');
  });
});

describe('policy settings', () => {
  test('APPROVAL_SCOPE is borough by default, or force', () => {
    expect(loadConfig({}).approvalScope).toBe('borough');
    expect(loadConfig({ APPROVAL_SCOPE: 'Force' }).approvalScope).toBe('force');
    expect(failure({ APPROVAL_SCOPE: 'anyone' }).variable).toBe('APPROVAL_SCOPE');
  });

  test('FOOTAGE_SUBMISSION_SETTLE_MINUTES is 15 by default, decimals allowed, at most a day', () => {
    expect(loadConfig({}).footageRequests.submissionSettleMinutes).toBe(15);
    expect(loadConfig({ FOOTAGE_SUBMISSION_SETTLE_MINUTES: '0.05' }).footageRequests.submissionSettleMinutes).toBe(
      0.05,
    );
    for (const bad of ['0', '-1', 'soon', '1441'])
      expect(failure({ FOOTAGE_SUBMISSION_SETTLE_MINUTES: bad }).variable).toBe('FOOTAGE_SUBMISSION_SETTLE_MINUTES');
  });

  test('RATE_LIMIT_PER_MINUTE is 30 by default and must be at least 1', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(30);
    expect(failure({ RATE_LIMIT_PER_MINUTE: '0' }).variable).toBe('RATE_LIMIT_PER_MINUTE');
  });
});
