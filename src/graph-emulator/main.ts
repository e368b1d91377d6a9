/**
 * Runs the Graph emulator on its own: `npm run graph-emulator`, with DATA_DIR (default .data),
 * ROSTER_PATH (the seed on first start; the demo roster by default) and GRAPH_EMULATOR_PORT /
 * GRAPH_EMULATOR_LOGIN_PORT (default: free ports). Prints what a bot needs to point at it.
 */
import path from 'node:path';
import { logger } from '../log';
import { loadRoster } from '../roster';
import { startGraphEmulator } from './index';

function port(name: string): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? 0 : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number (0-65535), got '${raw}'`);
  return value;
}

async function main(): Promise<void> {
  const projectRoot = path.resolve(__dirname, '../../..');
  const emulator = await startGraphEmulator({
    dataDir: process.env.DATA_DIR || '.data',
    people: await loadRoster(process.env.ROSTER_PATH || path.join(projectRoot, 'demo', 'roster.json')),
    graphPort: port('GRAPH_EMULATOR_PORT'),
    loginPort: port('GRAPH_EMULATOR_LOGIN_PORT'),
  });
  logger.info(
    {
      graphUrl: emulator.graphUrl,
      loginUrl: emulator.loginUrl,
      tenantId: emulator.tenantId,
      clientId: emulator.clientId,
    },
    'Graph emulator listening',
  );
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
  logger.fatal({ err: error }, 'Graph emulator failed to start');
  process.exitCode = 1;
});
