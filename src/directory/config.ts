/**
 * The directory's settings, read from the environment with the rest of the configuration: which
 * adapter, and for Entra where Graph is, how long a person is trusted from the cache and where the
 * borough comes from.
 */
import path from 'node:path';
import { ConfigError } from '../footage/errors';

export type BoroughSource = { kind: 'attribute'; attribute: string } | { kind: 'groups'; pattern: string };

export type DirectoryConfig =
  | { kind: 'file'; rosterPath: string }
  | {
      kind: 'entra';
      /** Unset: the embedded Graph emulator (outside production) or Microsoft Graph itself (in production). */
      graphBaseUrl?: string;
      /** Where tokens come from (login.microsoftonline.com unless a sovereign cloud). */
      authorityHost?: string;
      cacheMinutes: number;
      refreshMs: number;
      borough: BoroughSource;
      /** Seed for the embedded emulator. */
      rosterPath: string;
    };

type Env = Record<string, string | undefined>;

export function loadDirectoryConfig(env: Env, projectRoot: string): DirectoryConfig {
  const rosterPath = path.resolve(env.ROSTER_PATH?.trim() || path.join(projectRoot, 'demo', 'roster.json'));
  const kind = env.DIRECTORY?.trim() || 'file';
  if (kind === 'file') return { kind, rosterPath };
  if (kind !== 'entra') throw new ConfigError('DIRECTORY', `must be file or entra, got '${kind}'`);
  return {
    kind,
    rosterPath,
    graphBaseUrl:
      httpsUrl(env, 'GRAPH_BASE_URL') ?? (env.NODE_ENV === 'production' ? 'https://graph.microsoft.com' : undefined),
    authorityHost: httpsUrl(env, 'GRAPH_AUTHORITY_HOST'),
    cacheMinutes: number(env, 'DIRECTORY_CACHE_MINUTES', 10, 0, 1440),
    refreshMs: Math.round(number(env, 'DIRECTORY_REFRESH_MINUTES', 5, 0.01, 1440) * 60_000),
    borough: boroughSource(env),
  };
}

function boroughSource(env: Env): BoroughSource {
  const source = env.DIRECTORY_BOROUGH_SOURCE?.trim() || 'groups';
  if (source === 'groups') {
    const pattern = env.DIRECTORY_BOROUGH_GROUP_PATTERN?.trim() || 'CCTV {borough}';
    if (pattern.split('{borough}').length !== 2)
      throw new ConfigError(
        'DIRECTORY_BOROUGH_GROUP_PATTERN',
        `must contain {borough} once, e.g. "CCTV {borough}", got '${pattern}'`,
      );
    return { kind: 'groups', pattern };
  }
  if (source === 'department' || source === 'officeLocation' || /^extension_[0-9a-f]{32}_\w+$/i.test(source))
    return { kind: 'attribute', attribute: source };
  throw new ConfigError(
    'DIRECTORY_BOROUGH_SOURCE',
    `must be department, officeLocation, extension_<appId without dashes>_<name> or groups, got '${source}'`,
  );
}

function httpsUrl(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be a URL, got '${value}'`);
  }
  if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new ConfigError(name, 'must be https (plain http only on loopback)');
  return value.replace(/\/+$/, '');
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new ConfigError(name, `must be a number from ${min} to ${max}, got '${raw}'`);
  return value;
}
