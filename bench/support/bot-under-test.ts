/**
 * The real bot, started in the benchmark's process exactly as `npm start` starts it, but pointed at
 * the benchmark's Box emulator (another process) as if it were a Box enterprise, with its own
 * database in a temporary directory; plus the Teams side the tests use: a client that posts
 * Teams-shaped activities and a local connector that receives the bot's replies.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBot, type RunningBot } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { LocalConnector } from '../../test/support/connector';
import { TeamsClient, type TeamsUser } from '../../test/support/teams-client';
import { PROJECT_ROOT } from './paths';

export interface BotUnderTest {
  bot: RunningBot;
  teams: TeamsClient;
  connector: LocalConnector;
  close(): Promise<void>;
}

export async function startBotUnderTest(boxEnv: Record<string, string>): Promise<BotUnderTest> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cctv-bench-'));
  const connector = await new LocalConnector().start();
  const bot = await startBot(
    loadConfig({
      ...boxEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // No fixed clock: a grant's expiry must lie in Box's future. The benchmark's queries give full dates.
      EXPIRY_SWEEP_MS: '3600000',
      // The benchmarks send one person's turns far faster than anyone types: at the default limit
      // (30 a minute) most turns would be the polite refusal, and the figures would time that.
      RATE_LIMIT_PER_MINUTE: '100000',
    }),
  );
  await bot.ready;
  return {
    bot,
    connector,
    teams: new TeamsClient(bot.url, connector.url),
    close: async () => {
      await bot.close();
      await connector.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

interface RosterPerson {
  name: string;
  role: string;
  aadObjectId: string;
  teamsId: string;
  email: string;
}

/** A person from the demo roster, as Teams names them. */
export function rosterUser(emailPrefix: string): TeamsUser {
  const roster = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'demo', 'roster.json'), 'utf8')) as {
    people: RosterPerson[];
  };
  const person = roster.people.find((p) => p.email.startsWith(emailPrefix));
  if (!person) throw new Error(`no ${emailPrefix} in demo/roster.json`);
  return { name: person.name, aadObjectId: person.aadObjectId, teamsId: person.teamsId };
}
