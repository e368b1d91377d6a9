import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { CARD_SIZE_LIMITS } from '../../../src/cards';
import { ACCESS_JOB_KINDS } from '../../../src/footage/access';
import type { AccessRequest, Store } from '../../../src/footage/ports/store';
import { SQLITE_FILE_NAME } from '../../../src/store';
import { assertValidCard, readableCardText as cardText } from '../../support/card-validation';
import { LocalConnector, type ConnectorCall } from '../../support/connector';
import { demoUser, SEEDED_DATA_DIR_ENV, startHarness, type Harness, type HarnessOptions } from '../../support/harness';
import { pollUntil } from '../../support/poll';
import type { BotResponse, TeamsUser } from '../../support/teams-client';

/**
 * Shared set-up for the access end-to-end suites: the real bot (HTTP, emulator, job runner) on
 * SQLite, and on PostgreSQL whenever TEST_DATABASE_URL is set (each suite in its own schema). A set
 * URL whose server does not answer fails the suite: the schema cannot be created.
 */
export type Backend = 'sqlite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export function backends(): Backend[] {
  return TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Short intervals so grants, retries and the expiry sweep happen within a test's patience. */
export const FAST_JOBS: Record<string, string> = {
  JOB_POLL_MS: '50',
  JOB_RETRY_MS: '50',
  JOB_LEASE_MS: '5000',
  JOB_MAX_ATTEMPTS: '3',
  EXPIRY_SWEEP_MS: '200',
};

/** One PostgreSQL schema for a suite; every bot of the suite shares it through DATABASE_URL. */
export class PostgresSchema {
  readonly name = `e2e_access_${randomBytes(5).toString('hex')}`;

  constructor(private readonly url: string) {}

  /** DATABASE_URL that puts the bot's tables in this schema. */
  get databaseUrl(): string {
    const url = new URL(this.url);
    url.searchParams.set('options', `-c search_path=${this.name}`);
    return url.toString();
  }

  async create(): Promise<void> {
    await this.admin((client) => client.query(`CREATE SCHEMA ${this.name}`));
  }

  async drop(): Promise<void> {
    await this.admin((client) => client.query(`DROP SCHEMA IF EXISTS ${this.name} CASCADE`));
  }

  private async admin(work: (client: Client) => Promise<unknown>): Promise<void> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  }
}

export interface AccessBot {
  h: Harness;
  store: Store;
  close(): Promise<void>;
}

/**
 * Moves a request's end of access into the past, straight in the database, as if its days had
 * passed: the bot's sweep must then find and end it. (Box is not touched: it keeps the
 * collaboration until the bot removes it, as Box does without the enterprise expiry setting.)
 */
export async function backdateExpiry(bot: AccessBot, requestId: string, schema?: PostgresSchema): Promise<void> {
  const past = new Date(Date.now() - 60_000).toISOString();
  if (schema) {
    const client = new Client({ connectionString: schema.databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE access_requests SET expires_at = $1 WHERE id = $2', [past, requestId]);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(bot.h.dataDir, SQLITE_FILE_NAME));
  try {
    db.prepare('UPDATE access_requests SET expires_at = ? WHERE id = ?').run(past, requestId);
  } finally {
    db.close();
  }
}

/**
 * Starts a bot for `backend`. With `schema` the bot uses that PostgreSQL schema; its Box is the
 * embedded emulator (pre-seeded copy) unless `emulatorUrl` points it at another bot's emulator, as
 * several instances of one deployment share one Box.
 */
export async function startAccessBot(
  options: {
    schema?: PostgresSchema;
    emulatorUrl?: string;
    env?: Record<string, string>;
    dataDir?: string;
    connector?: LocalConnector;
  } = {},
): Promise<AccessBot> {
  const env: Record<string, string> = { ...FAST_JOBS, ...options.env };
  if (options.schema) {
    env.DATABASE_URL = options.schema.databaseUrl;
    // The demo data is in the emulator copy already; the fresh schema only lacks the marker.
    env.SEED_DEMO = 'false';
  }
  if (options.emulatorUrl) {
    Object.assign(env, {
      BOX_CLIENT_ID: 'emulator-client',
      BOX_CLIENT_SECRET: 'emulator-secret',
      BOX_ENTERPRISE_ID: '1',
      BOX_API_BASE_URL: options.emulatorUrl,
      BOX_UPLOAD_BASE_URL: `${options.emulatorUrl}/api`,
      BOX_OAUTH2_BASE_URL: `${options.emulatorUrl}/api/oauth2`,
      SEED_DEMO: 'false',
    });
  }
  const harnessOptions: HarnessOptions = {
    env,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.connector ? { connector: options.connector } : {}),
  };
  const h = await startHarness(harnessOptions);
  return { h, store: h.bot.store!, close: () => h.close() };
}

/** Starts a bot on the backend, creating its schema first; close() also drops the schema. */
export async function startOnBackend(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<AccessBot & { schema?: PostgresSchema }> {
  if (backend === 'sqlite') return startAccessBot({ env });
  const schema = new PostgresSchema(TEST_DATABASE_URL!);
  await schema.create();
  try {
    const bot = await startAccessBot({ schema, env });
    return {
      ...bot,
      schema,
      close: async () => {
        await bot.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await schema.drop().catch(() => undefined);
    throw error;
  }
}

/** A data directory of its own, seeded like the harness's, that outlives the bots started on it. */
export async function seededDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cctv-access-'));
  const seeded = process.env[SEEDED_DATA_DIR_ENV];
  if (seeded && existsSync(seeded)) await cp(seeded, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A bot restarted on the same state (data directory and, for PostgreSQL, schema), reached through the same connector. */
export async function restartableBot(backend: Backend) {
  const data = await seededDataDir();
  const schema = backend === 'postgres' ? new PostgresSchema(TEST_DATABASE_URL!) : undefined;
  await schema?.create();
  const connector = await new LocalConnector().start();
  return {
    connector,
    start: (env: Record<string, string> = {}) =>
      startAccessBot({ dataDir: data.dir, connector, env, ...(schema ? { schema } : {}) }),
    /** Starts a bot, hands it to `use`, and stops it whatever happens. */
    async run<T>(env: Record<string, string>, use: (bot: AccessBot) => Promise<T>): Promise<T> {
      const bot = await startAccessBot({ dataDir: data.dir, connector, env, ...(schema ? { schema } : {}) });
      try {
        return await use(bot);
      } finally {
        await bot.close();
      }
    },
    cleanup: async () => {
      await connector.close();
      await schema?.drop();
      await data.remove();
    },
  };
}

/**
 * The usual suite: one bot on the backend for the whole describe block, the given people with the
 * app installed, and after each test every card the bot sent checked and the audit chain verified.
 */
export function useAccessBot(
  backend: Backend,
  options: { env?: Record<string, string>; install: TeamsUser[] },
): { readonly bot: AccessBot & { schema?: PostgresSchema } } {
  let bot: (AccessBot & { schema?: PostgresSchema }) | undefined;
  beforeAll(async () => {
    bot = await startOnBackend(backend, options.env);
    for (const user of options.install) await bot.h.teams.install(user);
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });
  afterEach(async () => {
    if (!bot) return;
    // Every card the bot sent, replied or updated is a valid Adaptive Card within Teams' limits.
    for (const card of bot.h.connector.cards()) validCard(card);
    await expectAuditChainIntact(bot.store);
  });
  return {
    get bot() {
      if (!bot) throw new Error('the bot has not started');
      return bot;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading what the bot sent

export type Card = Record<string, unknown>;
export { cardText };

export function validCard(card: unknown): Card {
  assertValidCard(card, { limitBytes: CARD_SIZE_LIMITS.message });
  return card as Card;
}

export function personalConversation(user: TeamsUser): string {
  return `a:personal-${user.aadObjectId}`;
}

/** Cards posted (sent or replied) into a conversation, with the id the connector gave each. */
export interface PostedCard {
  id: string;
  card: Card;
  call: ConnectorCall;
}

export function postedCards(connector: LocalConnector, conversationId: string): PostedCard[] {
  return connector.calls
    .filter(
      (c) =>
        (c.kind === 'send' || c.kind === 'reply') && c.conversationId?.split(';')[0] === conversationId.split(';')[0],
    )
    .flatMap((call) => cardsOf(call).map((card) => ({ id: call.assignedId ?? '', card, call })));
}

/** Cards updated (PUT) in place. */
export function updatedCards(
  connector: LocalConnector,
  filter: (call: ConnectorCall) => boolean = () => true,
): Array<{ activityId: string; conversationId: string; card: Card }> {
  return connector.calls
    .filter((c) => c.kind === 'update' && filter(c))
    .flatMap((call) =>
      cardsOf(call).map((card) => ({
        activityId: call.activityId ?? '',
        conversationId: call.conversationId ?? '',
        card,
      })),
    );
}

function cardsOf(call: ConnectorCall): Card[] {
  const attachments = (call.body.attachments as Array<{ contentType: string; content: Card }> | undefined) ?? [];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}

/** A pattern matching text that contains every one of `parts` (in any order), taken literally. */
export function containingAll(...parts: string[]): RegExp {
  return new RegExp(parts.map((part) => `(?=[\\s\\S]*${part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})`).join(''));
}

/** Waits for a posted card in the conversation whose text matches. */
export async function waitForPosted(
  connector: LocalConnector,
  conversationId: string,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<PostedCard> {
  await connector.waitFor(
    () => postedCards(connector, conversationId).some((p) => pattern.test(cardText(p.card))),
    timeoutMs,
  );
  const found = postedCards(connector, conversationId).filter((p) => pattern.test(cardText(p.card)));
  return found[found.length - 1];
}

/** The card in an Action.Execute invoke response. */
export function invokeCard(response: BotResponse): Card {
  expect(response.status).toBe(200);
  const body = response.body as { statusCode?: number; type?: string; value?: unknown };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return validCard(body.value);
}

/** Action.Execute buttons of a card: verb and data. */
export function actionsOf(card: Card): Array<{ verb: string; data: Record<string, unknown>; title: string }> {
  const out: Array<{ verb: string; data: Record<string, unknown>; title: string }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute')
        out.push({
          verb: String(record.verb),
          data: (record.data ?? {}) as Record<string, unknown>,
          title: String(record.title),
        });
      // The refresh action is not a button.
      for (const [key, value] of Object.entries(record)) if (key !== 'refresh') visit(value);
    }
  };
  visit(card);
  return out;
}

export function actionData(card: Card, verb: string): Record<string, unknown> {
  const action = actionsOf(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`card has no ${verb} button: ${JSON.stringify(actionsOf(card).map((a) => a.verb))}`);
  return action.data;
}

export function waitUntil<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  return pollUntil(probe, { what, timeoutMs });
}

export function waitForStatus(
  store: Store,
  requestId: string,
  statuses: AccessRequest['status'][],
  timeoutMs = 15_000,
): Promise<AccessRequest> {
  return waitUntil(
    async () => {
      const request = await store.requests.get(requestId);
      return request && statuses.includes(request.status) ? request : undefined;
    },
    `request ${requestId} to reach ${statuses.join('/')}`,
    timeoutMs,
  );
}

/** Every grant job of a request has finished (done or failed for good). */
export function waitForJobsIdle(store: Store, timeoutMs = 15_000): Promise<true> {
  return waitUntil(
    async () => {
      const jobs = await store.jobs.list();
      return (
        jobs
          .filter((j) => j.kind !== ACCESS_JOB_KINDS.expirySweep)
          .every((j) => j.status === 'done' || j.status === 'failed') || undefined
      );
    },
    'jobs to finish',
    timeoutMs,
  );
}

export async function expectAuditChainIntact(store: Store): Promise<void> {
  expect(await store.audit.verify()).toMatchObject({ ok: true });
}

export const alice = demoUser('alice');
export const ben = demoUser('ben');
export const chloe = demoUser('chloe');
export const dana = demoUser('dana');
export const ed = demoUser('ed');
export const priya = demoUser('priya');
