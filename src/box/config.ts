import type { RetryPolicy } from './retry';

/** How the gateway authenticates: Client Credentials Grant, or a JWT app config file. */
export type BoxAuthConfig =
  { kind: 'ccg'; clientId: string; clientSecret: string; enterpriseId: string } | { kind: 'jwt'; configPath: string };

export interface BoxBaseUrls {
  baseUrl: string;
  uploadUrl: string;
  oauth2Url: string;
}

export interface BoxGatewayConfig {
  auth: BoxAuthConfig;
  /** Box's own URLs when absent; the emulator's (or a proxy's) when given. */
  baseUrls?: BoxBaseUrls;
  /** Overrides parts of the retry policy (tests shorten the waits). */
  retry?: Partial<RetryPolicy>;
  /** Longest wait for one attempt's response (default 120 s). */
  timeoutMs?: number;
  /** Where the recordings live, under the root folder. Default `['CCTV']`. */
  footageRoot?: string[];
  policy?: {
    /**
     * `open` shared links reach anyone with the URL: refused unless a deployment turns this on for
     * outside partners, and even then only with a password and an expiry.
     */
    allowOpenSharedLinks?: boolean;
  };
}

export const DEFAULT_FOOTAGE_ROOT: readonly string[] = ['CCTV'];

const BOX_API = 'https://api.box.com';

/**
 * One line, safe for logs and /healthz, saying which Box the gateway talks to. Never includes the
 * client secret or the key file's contents; the client id is left out too, since it is half of a
 * credential pair.
 */
export function describeBoxTarget(config: BoxGatewayConfig): string {
  const baseUrl = config.baseUrls?.baseUrl ?? BOX_API;
  const isLocal = isLoopback(baseUrl);
  if (isLocal) return `emulator ${stripPath(baseUrl)}`;
  const where = baseUrl === BOX_API ? '' : ` at ${stripPath(baseUrl)}`;
  if (config.auth.kind === 'ccg') return `box ccg enterprise ${config.auth.enterpriseId}${where}`;
  return `box jwt app${where}`;
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/** Origin only: a base URL could in principle carry credentials or tokens in its path or query. */
function stripPath(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}
