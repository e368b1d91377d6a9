import { BoxCcgAuth, BoxClient, BoxJwtAuth, CcgConfig, JwtConfig } from 'box-node-sdk';
import { BaseUrls, NetworkSession } from 'box-node-sdk/networking';
import { ConfigError } from '../footage/errors';
import { directAgentUnlessProxied } from './agent';
import type { BoxGatewayConfig } from './config';
import { ObservedNetworkClient } from './network';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

/** Per attempt; long enough for an 8 MB upload part on a slow link. */
export const DEFAULT_TIMEOUT_MS = 120_000;

export interface ConnectedClient {
  client: BoxClient;
  /** The enterprise whose metadata templates the bot uses (`enterprise_<id>` scope). */
  enterpriseId: string;
}

/**
 * Builds the SDK client the gateway uses: the configured authentication, base URLs, and the
 * gateway's own network client (retries that honour retry-after, per-call logging).
 */
export function connectBoxClient(config: BoxGatewayConfig): ConnectedClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...config.retry };
  const networkClient = new ObservedNetworkClient(policy);
  // Keep-alive: the SDK's default agent opens a connection per call, which dominates the cost of
  // the many small calls seeding makes. With a proxy configured the SDK's own agent is kept (it
  // honours proxy settings); without one, plain agents (see agent.ts).
  const direct = directAgentUnlessProxied();
  const session = new NetworkSession({
    networkClient,
    ...(config.baseUrls ? { baseUrls: new BaseUrls(config.baseUrls) } : {}),
    ...(direct ? { agent: direct } : {}),
  });
  const networkSession = (direct ? session : session.withCustomAgentOptions({ keepAlive: true }))
    // Without a timeout a Box that stops answering would hold a turn (or the seed) forever; a
    // timed-out attempt counts as "no response" and is retried like one.
    .withTimeoutConfig({ timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  if (config.auth.kind === 'ccg') {
    const auth = new BoxCcgAuth({
      config: new CcgConfig({
        clientId: config.auth.clientId,
        clientSecret: config.auth.clientSecret,
        enterpriseId: config.auth.enterpriseId,
      }),
    });
    return { client: new BoxClient({ auth, networkSession }), enterpriseId: config.auth.enterpriseId };
  }
  const jwtConfig = readJwtConfig(config.auth.configPath);
  if (!jwtConfig.enterpriseId) {
    throw new ConfigError(
      'BOX_JWT_CONFIG_PATH',
      'must name a JWT app config with an enterpriseID (the bot acts as the service account)',
    );
  }
  const auth = new BoxJwtAuth({ config: jwtConfig });
  return { client: new BoxClient({ auth, networkSession }), enterpriseId: jwtConfig.enterpriseId };
}

function readJwtConfig(configPath: string): JwtConfig {
  try {
    return JwtConfig.fromConfigFile(configPath);
  } catch (error) {
    // The SDK's message could quote the file; say only what is wrong and where.
    const reason =
      error instanceof Error && 'code' in error
        ? String((error as NodeJS.ErrnoException).code)
        : 'unreadable or not a Box JWT config';
    throw new ConfigError(
      'BOX_JWT_CONFIG_PATH',
      `must be a readable Box JWT app config JSON file (${configPath}: ${reason})`,
    );
  }
}
