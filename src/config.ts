import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDirectoryConfig, type DirectoryConfig } from './directory/config';
import type { ApprovalScope } from './footage/access/authorise';
import type { ClockSetting } from './footage/clock';
import { DEMO_CLOCK_START } from './footage/demo-clock';
import { ConfigError } from './footage/errors';

/**
 * All configuration comes from the environment (Teams Toolkit names where they exist) and is
 * checked once, at start: a missing or malformed value stops the process with a message that names
 * the variable, instead of failing later in the middle of an officer's request.
 */
export type BotAuth =
  | { mode: 'anonymous' }
  | {
      mode: 'authenticated';
      appId: string;
      password?: string;
      appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
      tenantId?: string;
      /** Overrides Bot Framework's OpenID metadata URL (sovereign clouds; local token tests). */
      openIdMetadataUrl?: string;
      tokenIssuer?: string;
    };

export type BoxTarget =
  | { kind: 'emulator'; port: number; uploadPartSize?: number; minChunkedUploadSize?: number }
  | { kind: 'ccg'; clientId: string; clientSecret: string; enterpriseId: string; baseUrls?: BoxBaseUrls }
  | { kind: 'jwt'; configPath: string; baseUrls?: BoxBaseUrls };

export interface BoxBaseUrls {
  baseUrl: string;
  uploadUrl: string;
  oauth2Url: string;
}

export interface AccessPolicy {
  /** Longest access a supervisor may approve. */
  maxDurationDays: number;
  defaultDurationDays: number;
  /** Whether an approval also creates a shared link (always `collaborators` access). */
  sharedLinks: boolean;
}

/** The durable job runner (grants, revocations, the expiry sweep); tests shorten the intervals. */
export interface JobSettings {
  /** Off only for tests that stop a bot between a decision and its grant. */
  enabled: boolean;
  pollMs: number;
  leaseMs: number;
  /** First wait before a job retries (Box unavailable); doubles per attempt. */
  retryBaseMs: number;
  maxAttempts: number;
  /** How often expired access is looked for and removed. */
  expirySweepMs: number;
  /** How often Box's access events (previews, downloads) are copied into the bot's store. */
  eventIngestMs: number;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Lower case: `Production` and `production` are the same environment. */
  nodeEnv: string;
  /** Production with the emulator, demo seed or anonymous mode, because an operator said so. */
  emulatorAllowedInProduction: boolean;
  /** Tenants whose users may use the bot; every other tenant gets nothing. */
  allowedTenantIds: string[];
  approvalScope: ApprovalScope;
  /** Commands one person may send a minute before the bot asks them to slow down. */
  rateLimitPerMinute: number;
  /** How long a card action may work before it is answered with "still working" and updated later (Teams waits about 15 s). */
  turnBudgetMs: number;
  /** A bearer token that unlocks /healthz details for callers that are not on loopback. */
  healthDetailToken?: string;
  databaseUrl?: string;
  bot: BotAuth;
  box: BoxTarget;
  /** Seed the demo data set into Box on start (default: only when Box is the local emulator). */
  seedDemo: boolean;
  rosterPath: string;
  /** Where people and roles come from: the roster file or Entra ID (DIRECTORY). */
  directory: DirectoryConfig;
  /** Who an unregistered person should ask (shown on the not-registered card). */
  supportContact: string;
  maxBodyBytes: number;
  access: AccessPolicy;
  jobs: JobSettings;
  projectRoot: string;
  /** What relative phrases ("yesterday") are read against: real, fixed (CLOCK_NOW) or the demo clock. */
  clock: ClockSetting;
  placesPath: string;
  camerasPath: string;
  /** Partner organisations footage may be shared with (name, email domains, role). */
  partnersPath: string;
  footageRequests: FootageRequestSettings;
  chatUploads: ChatUploadSettings;
}

/** Files officers attach in the personal chat. */
export interface ChatUploadSettings {
  /** UPLOAD_MAX_GB (default 50, Box's own cap on most plans), in bytes. */
  maxBytes: number;
  /** CHAT_UPLOAD_DIRECT_MAX_MB (default 50): larger files go through a chunked upload session and show progress. */
  directMaxBytes: number;
  /** CHAT_UPLOAD_PARALLEL_PARTS (default 3): parts of a chunked upload in flight at once. */
  parallelParts: number;
  /** CHAT_UPLOAD_PROGRESS_MS (default 3000): least time between two progress updates of a card. */
  progressEveryMs: number;
  /** CHAT_UPLOAD_IDLE_SECONDS (default 60): a download link that sends nothing for this long is given up. */
  idleTimeoutMs: number;
  /** STAGING_DAYS (default 3): a file never described is reminded about after this many days. */
  stagingDays: number;
  /** STAGING_SWEEP_MS (default one hour): how often staged files are checked for reminders. */
  stagingSweepMs: number;
}

/** Asking camera owners for footage through Box upload links. */
export interface FootageRequestSettings {
  /** FOOTAGE_REQUEST_DAYS: how long an upload link stays open by default (at most 30). */
  defaultLinkDays: number;
  /** The Box file request every upload link is copied from; unset with the emulator, which has its own. */
  templateId?: string;
  /** Where Box can reach the bot (webhooks); unset: the open intake folders are polled instead. */
  publicUrl?: string;
  webhookKeys: { primary?: string; secondary?: string };
  /** FOOTAGE_POLL_MS: how often intake folders are listed when there is no PUBLIC_URL. */
  pollMs: number;
  /**
   * FOOTAGE_SUBMISSION_SETTLE_MINUTES (default 15): after a camera's first file, how long its link
   * stays open for the rest of the same submission before it closes (one submission per link).
   */
  submissionSettleMinutes: number;
  /** Where Box serves file request pages (the emulator's own URL with the emulator). */
  boxAppUrl: string;
  /** The force's name on upload pages and owner messages. */
  forceName: string;
}

type Env = Record<string, string | undefined>;

const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = (text(env, 'NODE_ENV') ?? 'development').toLowerCase();
  const production = nodeEnv === 'production';
  const emulatorAllowed = bool(env, 'ALLOW_EMULATOR_IN_PRODUCTION', false);
  const strict = production && !emulatorAllowed;
  const dataDir = path.resolve(text(env, 'DATA_DIR') ?? '.data');
  const bot = botAuth(env, strict);
  const box = boxTarget(env);
  if (strict && box.kind === 'emulator') {
    throw new ConfigError(
      'BOX_CLIENT_ID',
      'or BOX_JWT_CONFIG_PATH is required when NODE_ENV=production: without them the bot would run on the local Box emulator (set ALLOW_EMULATOR_IN_PRODUCTION=true only for a demonstration)',
    );
  }
  const seedDemo = bool(env, 'SEED_DEMO', box.kind === 'emulator');
  if (strict && seedDemo) {
    throw new ConfigError(
      'SEED_DEMO',
      'must not be true when NODE_ENV=production: the demo data set would be seeded into Box (set ALLOW_EMULATOR_IN_PRODUCTION=true only for a demonstration)',
    );
  }
  const rosterPath = path.resolve(text(env, 'ROSTER_PATH') ?? path.join(projectRoot, 'demo', 'roster.json'));
  const maxDurationDays = int(env, 'ACCESS_MAX_DAYS', 30, 1, 365);
  const defaultDurationDays = int(env, 'ACCESS_DEFAULT_DAYS', Math.min(7, maxDurationDays), 1, maxDurationDays);
  const clock = clockSetting(env, box, seedDemo);
  const config: AppConfig = {
    port: int(env, 'PORT', 3978, 0, 65535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    dataDir,
    nodeEnv,
    emulatorAllowedInProduction: production && emulatorAllowed,
    allowedTenantIds: allowedTenants(env, rosterPath, bot),
    approvalScope: oneOf(env, 'APPROVAL_SCOPE', ['borough', 'force'] as const, 'borough'),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 30, 1, 100_000),
    turnBudgetMs: int(env, 'TURN_BUDGET_MS', 10_000, 50, 14_000),
    healthDetailToken: text(env, 'HEALTH_DETAIL_TOKEN'),
    databaseUrl: databaseUrl(env),
    bot,
    box,
    seedDemo,
    rosterPath,
    directory: loadDirectoryConfig(env, projectRoot),
    supportContact: text(env, 'SUPPORT_CONTACT') ?? 'your supervisor or the force CCTV administrator',
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
    access: { maxDurationDays, defaultDurationDays, sharedLinks: bool(env, 'SHARED_LINKS', true) },
    jobs: {
      enabled: bool(env, 'JOBS_ENABLED', true),
      pollMs: int(env, 'JOB_POLL_MS', 1000, 10, 600_000),
      leaseMs: int(env, 'JOB_LEASE_MS', 60_000, 100, 3_600_000),
      retryBaseMs: int(env, 'JOB_RETRY_MS', 30_000, 1, 3_600_000),
      maxAttempts: int(env, 'JOB_MAX_ATTEMPTS', 5, 1, 100),
      expirySweepMs: int(env, 'EXPIRY_SWEEP_MS', 60_000, 100, 86_400_000),
      eventIngestMs: int(env, 'EVENT_INGEST_MS', 300_000, 100, 86_400_000),
    },
    projectRoot,
    clock,
    placesPath: path.resolve(text(env, 'PLACES_PATH') ?? path.join(projectRoot, 'demo', 'places.json')),
    camerasPath: path.resolve(text(env, 'CAMERAS_PATH') ?? path.join(projectRoot, 'demo', 'cameras.json')),
    partnersPath: path.resolve(text(env, 'PARTNERS_PATH') ?? path.join(projectRoot, 'demo', 'partners.json')),
    footageRequests: footageRequestSettings(env, box),
    chatUploads: {
      maxBytes: int(env, 'UPLOAD_MAX_GB', 50, 1, 500) * 1024 ** 3,
      directMaxBytes: Math.round(
        Number(
          text(env, 'CHAT_UPLOAD_DIRECT_MAX_MB') === undefined
            ? 50
            : decimal(env, 'CHAT_UPLOAD_DIRECT_MAX_MB', 0.001, 50),
        ) *
          1024 *
          1024,
      ),
      parallelParts: int(env, 'CHAT_UPLOAD_PARALLEL_PARTS', 3, 1, 16),
      progressEveryMs: int(env, 'CHAT_UPLOAD_PROGRESS_MS', 3000, 0, 600_000),
      idleTimeoutMs: int(env, 'CHAT_UPLOAD_IDLE_SECONDS', 60, 1, 3600) * 1000,
      stagingDays: int(env, 'STAGING_DAYS', 3, 1, 365),
      stagingSweepMs: int(env, 'STAGING_SWEEP_MS', 3_600_000, 100, 86_400_000),
    },
  };
  return config;
}

/** A decimal number in [min, max] (e.g. a size in MB smaller than one for tests). */
function decimal(env: Env, name: string, min: number, max: number): number {
  const value = text(env, name) ?? '';
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || number < min || number > max)
    throw new ConfigError(name, `must be a number from ${min} to ${max} (got "${value}")`);
  return number;
}

function footageRequestSettings(env: Env, box: BoxTarget): FootageRequestSettings {
  const publicUrl = url(env, 'PUBLIC_URL');
  const webhookKeys = {
    primary: text(env, 'BOX_WEBHOOK_PRIMARY_KEY'),
    secondary: text(env, 'BOX_WEBHOOK_SECONDARY_KEY'),
  };
  // The emulator signs with keys of its own, which the bot reads from it.
  if (publicUrl && box.kind !== 'emulator' && !webhookKeys.primary && !webhookKeys.secondary) {
    throw new ConfigError(
      'BOX_WEBHOOK_PRIMARY_KEY',
      'is required with PUBLIC_URL (the webhook signature key from the Box Developer Console), so deliveries can be verified',
    );
  }
  const templateId = text(env, 'BOX_FILE_REQUEST_TEMPLATE_ID');
  if (templateId !== undefined && !/^\d+$/.test(templateId))
    throw new ConfigError(
      'BOX_FILE_REQUEST_TEMPLATE_ID',
      `must be the numeric id of a Box file request (got "${templateId}")`,
    );
  return {
    defaultLinkDays: int(env, 'FOOTAGE_REQUEST_DAYS', 7, 1, 30),
    ...(templateId ? { templateId } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    webhookKeys,
    pollMs: int(env, 'FOOTAGE_POLL_MS', box.kind === 'emulator' ? 5_000 : 60_000, 100, 86_400_000),
    // Decimal so that tests can settle in seconds; at most a day, well within any link's life.
    submissionSettleMinutes:
      text(env, 'FOOTAGE_SUBMISSION_SETTLE_MINUTES') === undefined
        ? 15
        : decimal(env, 'FOOTAGE_SUBMISSION_SETTLE_MINUTES', 0.001, 1440),
    boxAppUrl: url(env, 'BOX_APP_URL') ?? 'https://app.box.com',
    forceName: text(env, 'FORCE_NAME') ?? 'London Police (demo)',
  };
}

/**
 * CLOCK_NOW fixes the clock; otherwise the demo clock runs exactly when the local Box emulator holds
 * the demo data set. Real Box always runs on the real clock, even when seeded with the demo data.
 */
function clockSetting(env: Env, box: BoxTarget, seedDemo: boolean): ClockSetting {
  const fixed = instant(env, 'CLOCK_NOW');
  if (fixed) return { kind: 'fixed', now: fixed };
  if (box.kind === 'emulator' && seedDemo) return { kind: 'demo', startsAt: DEMO_CLOCK_START, realStart: new Date() };
  return { kind: 'real' };
}

function botAuth(env: Env, production: boolean): BotAuth {
  const appId = text(env, 'BOT_ID');
  if (!appId) {
    if (production) {
      throw new ConfigError(
        'BOT_ID',
        'is required when NODE_ENV=production (the Azure Bot app id; with BOT_PASSWORD, or BOT_TYPE=UserAssignedMSI); anonymous local mode is for development only',
      );
    }
    return { mode: 'anonymous' };
  }
  const appType = oneOf(env, 'BOT_TYPE', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'MultiTenant');
  const password = text(env, 'BOT_PASSWORD');
  if (!password && appType !== 'UserAssignedMSI') {
    throw new ConfigError(
      'BOT_PASSWORD',
      `is required with BOT_ID (the client secret of the bot's Entra app), unless BOT_TYPE=UserAssignedMSI`,
    );
  }
  const tenantId = text(env, 'BOT_TENANT_ID');
  if (!tenantId && appType !== 'MultiTenant') {
    throw new ConfigError('BOT_TENANT_ID', `is required when BOT_TYPE=${appType}`);
  }
  return {
    mode: 'authenticated',
    appId,
    password,
    appType,
    tenantId,
    openIdMetadataUrl: url(env, 'BOT_OPENID_METADATA_URL'),
    tokenIssuer: text(env, 'BOT_TOKEN_ISSUER'),
  };
}

/**
 * ALLOWED_TENANT_IDS, else the tenant the roster names, else the bot's own tenant. A bot that
 * cannot tell its tenant refuses to start rather than serve every organisation.
 */
function allowedTenants(env: Env, rosterPath: string, bot: BotAuth): string[] {
  const listed = text(env, 'ALLOWED_TENANT_IDS')
    ?.split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  if (listed && listed.length > 0) return [...new Set(listed)];
  const fallback = rosterTenant(rosterPath) ?? (bot.mode === 'authenticated' ? bot.tenantId : undefined);
  if (!fallback) {
    throw new ConfigError(
      'ALLOWED_TENANT_IDS',
      `is required: the roster (${rosterPath}) names no "tenantId" and BOT_TENANT_ID is unset, so the bot cannot tell which organisation may use it`,
    );
  }
  return [fallback.toLowerCase()];
}

/** The roster's `tenantId`; an unreadable roster is reported later, by the roster loader, with its own message. */
function rosterTenant(rosterPath: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(rosterPath, 'utf8')) as { tenantId?: unknown };
    return typeof parsed.tenantId === 'string' && parsed.tenantId.trim() ? parsed.tenantId.trim() : undefined;
  } catch {
    return undefined;
  }
}

function boxTarget(env: Env): BoxTarget {
  const baseUrls = boxBaseUrls(env);
  const jwtPath = text(env, 'BOX_JWT_CONFIG_PATH');
  const clientId = text(env, 'BOX_CLIENT_ID');
  if (jwtPath && clientId) {
    throw new ConfigError(
      'BOX_JWT_CONFIG_PATH',
      'and BOX_CLIENT_ID are both set: choose one Box authentication (JWT app config, or Client Credentials Grant)',
    );
  }
  if (jwtPath) return { kind: 'jwt', configPath: path.resolve(jwtPath), baseUrls };
  if (clientId) {
    const clientSecret = text(env, 'BOX_CLIENT_SECRET');
    if (!clientSecret)
      throw new ConfigError('BOX_CLIENT_SECRET', 'is required with BOX_CLIENT_ID (the Box app client secret)');
    const enterpriseId = text(env, 'BOX_ENTERPRISE_ID');
    if (!enterpriseId || !/^\d+$/.test(enterpriseId)) {
      throw new ConfigError(
        'BOX_ENTERPRISE_ID',
        'is required with BOX_CLIENT_ID and must be the numeric Box enterprise id',
      );
    }
    return { kind: 'ccg', clientId, clientSecret, enterpriseId, baseUrls };
  }
  for (const name of ['BOX_CLIENT_SECRET', 'BOX_ENTERPRISE_ID']) {
    if (text(env, name))
      throw new ConfigError(
        'BOX_CLIENT_ID',
        `is required when ${name} is set (Client Credentials Grant needs id, secret and enterprise id)`,
      );
  }
  // Small parts let tests and demos drive chunked uploads without gigabytes of data.
  const partSize =
    text(env, 'BOX_EMULATOR_PART_SIZE') === undefined
      ? undefined
      : int(env, 'BOX_EMULATOR_PART_SIZE', 0, 1024, 128 * 1024 * 1024);
  const minChunked =
    text(env, 'BOX_EMULATOR_MIN_CHUNKED_BYTES') === undefined
      ? undefined
      : int(env, 'BOX_EMULATOR_MIN_CHUNKED_BYTES', 0, 1, 1024 * 1024 * 1024);
  return {
    kind: 'emulator',
    port: int(env, 'BOX_EMULATOR_PORT', 3979, 0, 65535),
    ...(partSize === undefined ? {} : { uploadPartSize: partSize }),
    ...(minChunked === undefined ? {} : { minChunkedUploadSize: minChunked }),
  };
}

function boxBaseUrls(env: Env): BoxBaseUrls | undefined {
  const baseUrl = url(env, 'BOX_API_BASE_URL');
  const uploadUrl = url(env, 'BOX_UPLOAD_BASE_URL');
  const oauth2Url = url(env, 'BOX_OAUTH2_BASE_URL');
  if (!baseUrl && !uploadUrl && !oauth2Url) return undefined;
  return {
    baseUrl: baseUrl ?? 'https://api.box.com',
    uploadUrl: uploadUrl ?? 'https://upload.box.com/api',
    oauth2Url: oauth2Url ?? 'https://account.box.com/api/oauth2',
  };
}

function databaseUrl(env: Env): string | undefined {
  const value = text(env, 'DATABASE_URL');
  if (value === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError(
      'DATABASE_URL',
      'must be a PostgreSQL URL such as postgres://user:password@host:5432/database (leave it unset for the embedded database)',
    );
  }
  return value;
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${value}")`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const match = values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (!match) throw new ConfigError(name, `must be one of ${values.join(', ')} (got "${value}")`);
  return match;
}

function instant(env: Env, name: string): Date | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new ConfigError(name, `must be an ISO 8601 instant such as 2026-03-20T10:00:00Z (got "${value}")`);
  }
  return parsed;
}

function url(env: Env, name: string): string | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
    if (parsed.username || parsed.password) throw new Error('userinfo');
  } catch {
    // The value may carry credentials (user:password@host): never repeat it.
    throw new ConfigError(
      name,
      'must be an http(s) URL without user name or password, such as https://api.box.com (the value given is not repeated here in case it holds credentials)',
    );
  }
  return value.replace(/\/+$/, '');
}
