/**
 * Runs the Box emulator on its own: `node dist/src/emulator/main.js`, with BOX_EMULATOR_PORT
 * (default 3979), DATA_DIR (default .data), optionally BOX_EMULATOR_VALIDATE=1 to record
 * OpenAPI violations (GET /_emulator/violations), and BOX_WEBHOOK_PRIMARY_KEY /
 * BOX_WEBHOOK_SECONDARY_KEY to sign webhook deliveries with the keys the bot checks.
 */

import { logger } from '../log';
import { DEFAULT_PORT, startBoxEmulator } from './index';

async function main(): Promise<void> {
  const rawPort = process.env.BOX_EMULATOR_PORT;
  const port = rawPort === undefined || rawPort === '' ? DEFAULT_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`BOX_EMULATOR_PORT must be a port number (0-65535), got '${rawPort}'`);
  }
  const emulator = await startBoxEmulator({
    dataDir: process.env.DATA_DIR || '.data',
    port,
    validateAgainstSpec: process.env.BOX_EMULATOR_VALIDATE === '1',
    // The bot verifies deliveries with these; the emulator signs with the same keys when they are set.
    webhookPrimaryKey: process.env.BOX_WEBHOOK_PRIMARY_KEY || undefined,
    webhookSecondaryKey: process.env.BOX_WEBHOOK_SECONDARY_KEY || undefined,
  });
  logger.info({ url: emulator.url, baseUrls: emulator.baseUrls }, 'Box emulator listening');
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Box emulator failed to start');
  process.exitCode = 1;
});
