import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import roster from '../../demo/roster.json';
import { startBot, type RunningBot } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { LocalConnector } from './connector';
import { TeamsClient, type TeamsUser } from './teams-client';

/**
 * Starts the real bot (HTTP server, Box emulator, database, demo data) in this process on ephemeral
 * ports with its own data directory, plus a LocalConnector for its replies and a TeamsClient that
 * talks to it as Teams does. The demo data comes pre-seeded from the copy made once per test run
 * (see global-setup.ts), so each suite starts in seconds.
 */
export interface Harness {
  bot: RunningBot;
  connector: LocalConnector;
  teams: TeamsClient;
  dataDir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Start from an empty data directory instead of the pre-seeded copy. */
  fresh?: boolean;
  /** Reuse this data directory (e.g. to restart the bot on the same state). */
  dataDir?: string;
  authorization?: () => Promise<string> | string;
  /**
   * Use this connector (left open on close) instead of a new one: Teams' serviceUrl outlives a bot
   * restart, so the stored conversation references of a restarted bot must still reach it.
   */
  connector?: LocalConnector;
}

export const SEEDED_DATA_DIR_ENV = 'CCTV_TEST_SEEDED_DATA_DIR';

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'cctv-bot-')));
  const seeded = process.env[SEEDED_DATA_DIR_ENV];
  if (!options.dataDir && !options.fresh && seeded && existsSync(seeded)) {
    await cp(seeded, dataDir, { recursive: true });
  }
  const connector = options.connector ?? (await new LocalConnector().start());
  const closeConnector = async (): Promise<void> => {
    if (!options.connector) await connector.close();
  };
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    BOX_EMULATOR_PORT: '0',
    DATA_DIR: dataDir,
    // The suites are scripts sending hundreds of commands a minute as one person; the rate limit's own suite sets its limit.
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  const bot = await startBot(config);
  try {
    await bot.ready;
  } catch (error) {
    await bot.close();
    await closeConnector();
    throw error;
  }
  const teams = new TeamsClient(bot.url, connector.url, { authorization: options.authorization });
  return {
    bot,
    connector,
    teams,
    dataDir,
    close: async () => {
      await bot.close();
      await closeConnector();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type RosterEntry = (typeof roster.people)[number];

/** Demo roster people as Teams users. */
export function demoUser(
  name: 'alice' | 'ben' | 'chloe' | 'dana' | 'ed' | 'priya',
): TeamsUser & { email: string; role: string } {
  const person = roster.people.find((p: RosterEntry) => p.email.startsWith(name)) as RosterEntry;
  return {
    name: person.name,
    aadObjectId: person.aadObjectId,
    teamsId: person.teamsId,
    email: person.email,
    role: person.role,
  };
}

/** Someone with a valid Teams identity who is not on the roster. */
export const STRANGER: TeamsUser = {
  name: 'Sam Stranger',
  aadObjectId: '0c0c0c0c-9999-4999-8999-000000000999',
  teamsId: '29:1sam-stranger',
};
