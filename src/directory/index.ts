/**
 * Builds the configured directory (DIRECTORY=file|entra) and, for Entra without a Graph URL outside
 * production, the embedded Graph emulator seeded from the roster. The composition root calls
 * `startDirectory` once the store is migrated and closes what it returns on shutdown.
 */
import type { TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { BotAuth } from '../config';
import { ConfigError } from '../footage/errors';
import type { Store } from '../footage/ports/store';
import { startGraphEmulator, type GraphEmulator } from '../graph-emulator';
import { logger } from '../log';
import { loadRoster } from '../roster';
import type { DirectoryConfig } from './config';
import { EntraDirectory } from './entra/entra-directory';
import { GraphReader } from './entra/graph-reader';
import { FileDirectory } from './file-directory';
import type { Directory } from './port';

export { type DirectoryConfig } from './config';
export type { Directory } from './port';

export interface StartedDirectory {
  directory: Directory;
  /** The embedded Graph emulator, when one was started. */
  graphEmulator?: GraphEmulator;
  close(): Promise<void>;
}

export interface DirectoryEnvironment {
  store: Store;
  bot: BotAuth;
  dataDir: string;
  /** Tests shorten Graph's waits when it gives no Retry-After. */
  retryDelaySeconds?: number;
}

export async function startDirectory(config: DirectoryConfig, env: DirectoryEnvironment): Promise<StartedDirectory> {
  if (config.kind === 'file') {
    const directory = new FileDirectory(env.store, config.rosterPath);
    await directory.load();
    return { directory, close: async () => undefined };
  }
  let graphEmulator: GraphEmulator | undefined;
  let reader: GraphReader;
  let appId: string;
  if (config.graphBaseUrl) {
    const identity = botIdentity(env.bot, config.authorityHost);
    appId = identity.appId;
    reader = new GraphReader({
      baseUrl: config.graphBaseUrl,
      credential: identity.credential,
      retryDelaySeconds: env.retryDelaySeconds,
    });
  } else {
    graphEmulator = await startGraphEmulator({ dataDir: env.dataDir, people: await loadRoster(config.rosterPath) });
    logger.info({ graph: graphEmulator.graphUrl, login: graphEmulator.loginUrl }, 'Graph emulator listening');
    appId = graphEmulator.clientId;
    reader = new GraphReader({
      baseUrl: graphEmulator.graphUrl,
      credential: emulatorCredential(graphEmulator),
      retryDelaySeconds: env.retryDelaySeconds,
    });
  }
  const directory = new EntraDirectory(reader, env.store, {
    appId,
    borough: config.borough,
    cacheMinutes: config.cacheMinutes,
    refreshMs: config.refreshMs,
  });
  const outcome = await directory.load();
  if (!outcome) logger.warn('directory: Microsoft Graph did not answer at start; serving the people last stored');
  return { directory, graphEmulator, close: async () => graphEmulator?.close() };
}

/** The emulator's login host is https with its own certificate, trusted for this credential only. */
export function emulatorCredential(emulator: GraphEmulator): TokenCredential {
  return new ClientSecretCredential(emulator.tenantId, emulator.clientId, emulator.clientSecret, {
    authorityHost: emulator.loginUrl,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: emulator.ca },
  });
}

/** The bot reads Graph as itself: its client secret, or its user-assigned managed identity in Azure. */
function botIdentity(bot: BotAuth, authorityHost: string | undefined): { appId: string; credential: TokenCredential } {
  if (bot.mode !== 'authenticated')
    throw new ConfigError(
      'BOT_ID',
      'is required with DIRECTORY=entra and a GRAPH_BASE_URL: the bot reads Microsoft Graph with its own Entra app',
    );
  if (bot.appType === 'UserAssignedMSI')
    return { appId: bot.appId, credential: new ManagedIdentityCredential({ clientId: bot.appId }) };
  if (!bot.tenantId)
    throw new ConfigError(
      'BOT_TENANT_ID',
      'is required with DIRECTORY=entra (the tenant whose directory the bot reads)',
    );
  if (!bot.password)
    throw new ConfigError('BOT_PASSWORD', 'is required with DIRECTORY=entra unless BOT_TYPE=UserAssignedMSI');
  return {
    appId: bot.appId,
    credential: new ClientSecretCredential(
      bot.tenantId,
      bot.appId,
      bot.password,
      authorityHost ? { authorityHost } : {},
    ),
  };
}
