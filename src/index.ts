import { startBot, type RunningBot } from './bot';
import { loadConfig, type AppConfig } from './config';
import { ConfigError } from './footage/errors';
import { flushLogs, logger, stopWritingLogs, writeOut } from './log';

/**
 * `npm start`: reads the configuration (refusing to start, with the variable named, when it is
 * wrong), starts the bot, and stops it cleanly on SIGTERM/SIGINT: in-flight turns finish and the
 * database closes before the process exits. Stopping takes bounded time whatever happens to
 * standard output: the logs are flushed for a moment at most, and the deadline always fires.
 */
const STOP_DEADLINE_MS = 25_000;
const LOG_FLUSH_MS = 2_000;

async function exit(code: number): Promise<never> {
  await flushLogs(LOG_FLUSH_MS);
  process.exit(code);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }

  const bot = await startBot(config);
  stopOn(['SIGTERM', 'SIGINT'], bot);
  try {
    await bot.ready;
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await bot.close().catch(() => undefined);
    await exit(1);
  }
  printHowToTalk(bot, config);
}

function stopOn(signals: NodeJS.Signals[], bot: RunningBot): void {
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping: finishing in-flight turns');
      const deadline = setTimeout(() => {
        logger.error('in-flight turns did not finish within 25 s; exiting');
        stopWritingLogs();
        process.exit(1);
      }, STOP_DEADLINE_MS);
      deadline.unref();
      bot.close().then(
        () => exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          return exit(1);
        },
      );
    });
  }
}

function printHowToTalk(bot: RunningBot, config: AppConfig): void {
  const lines = [
    '',
    `CCTV Footage bot ready on ${bot.url}/api/messages (health: ${bot.url}/healthz)`,
    `Box: ${config.box.kind === 'emulator' ? `local emulator at ${bot.emulator?.url}` : config.box.kind}; database: ${config.databaseUrl ? 'PostgreSQL' : `embedded (${config.dataDir})`}`,
    config.bot.mode === 'anonymous'
      ? 'Anonymous local mode (no BOT_ID): for development only.'
      : `Bot Framework authentication on (app id ${config.bot.appId}).`,
    'To chat with it: in another terminal run `npm run playground` and open the URL it prints.',
    '',
  ];
  writeOut(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
