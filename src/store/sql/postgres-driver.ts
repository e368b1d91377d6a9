/** The PostgreSQL driver (pg): a pool, numbered placeholders, and one schema per store. */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, TypeOverrides, type PoolClient, type QueryResult } from 'pg';
import { UpstreamUnavailableError } from '../../footage/errors';
import { logger } from '../../log';
import {
  POSTGRES_DIALECT,
  toNumberedPlaceholders,
  type Driver,
  type Executor,
  type Row,
  type SqlValue,
} from './executor';
import { Gate, TransactionScope } from './gate';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database?sslmode=... */
  url: string;
  /** Schema to work in (search_path); created on migrate. Defaults to the server's search_path. */
  schema?: string;
  poolSize?: number;
}

const JSON_OID = 114;
const JSONB_OID = 3802;
const INT8_OID = 20;

/**
 * Parse results the way the SQLite driver returns them, so repositories map rows once: JSON as its
 * text (the repository parses it), BIGINT as a number (our counters stay far below 2^53).
 */
function typeParsers(): TypeOverrides {
  const types = new TypeOverrides();
  types.setTypeParser(JSON_OID, (text: string) => text);
  types.setTypeParser(JSONB_OID, (text: string) => text);
  types.setTypeParser(INT8_OID, (text: string) => Number(text));
  return types;
}

/** Error codes that mean the server is unreachable or went away, rather than a bad statement. */
function isConnectionFailure(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'EPIPE'].includes(code))
      return true;
    // Class 08: connection exception; 57P0x: the server is shutting down or cannot take connections.
    if (code.startsWith('08') || code.startsWith('57P')) return true;
  }
  return typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated/i.test(message);
}

/** Our SQL is written with `?`; PostgreSQL wants `$n`. */
function execute(target: Pool | PoolClient, sql: string, params: readonly SqlValue[]): Promise<QueryResult<Row>> {
  return target.query<Row>(toNumberedPlaceholders(sql), [...params]);
}

/** What a connection URL names, without the password (or anything else that might be secret). */
export function describePostgresUrl(url: string, schema?: string): string {
  const suffix = schema ? ` schema=${schema}` : '';
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    const port = parsed.port ? `:${parsed.port}` : '';
    return `postgres://${user}${parsed.hostname}${port}${parsed.pathname}${suffix}`;
  } catch {
    return `postgres (unparsable URL)${suffix}`;
  }
}

/** A stable 64-bit advisory lock key per schema, so migrators of unrelated schemas do not wait on each other. */
function migrationLockKey(schema: string | undefined): string {
  const digest = createHash('sha256')
    .update(`cctv-footage-bot:migrate:${schema ?? ''}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}

export class PostgresDriver implements Driver {
  readonly dialect = POSTGRES_DIALECT;
  private readonly pool: Pool;
  private readonly gate = new Gate('the PostgreSQL store');
  private readonly scope = new TransactionScope();
  private readonly description: string;

  constructor(private readonly options: PostgresOptions) {
    this.description = describePostgresUrl(options.url, options.schema);
    this.pool = new Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      types: typeParsers(),
      // Schema names are validated by openStore (lowercase identifiers), so no quoting is needed.
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', (error) =>
      logger.warn({ err: error.message, database: this.description }, 'idle database connection failed'),
    );
  }

  describe(): string {
    return this.description;
  }

  /** Bounded, because /healthz must answer even when the server accepts connections but hangs. */
  async ping(timeoutMs = 3_000): Promise<boolean> {
    const answered = this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const cancel = new AbortController();
    const timedOut = sleep(timeoutMs, false, { signal: cancel.signal }).catch(() => false);
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      cancel.abort();
    }
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    this.scope.assertOutside();
    return this.gate.run(() => this.translate(async () => (await execute(this.pool, sql, params)).rows));
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.scope.assertOutside();
    return this.gate.run(() => this.translate(async () => (await execute(this.pool, sql, params)).rowCount ?? 0));
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    this.scope.assertOutside();
    return this.gate.run(async () => {
      const client = await this.translate(() => this.pool.connect());
      const tx = new PostgresTransaction(client, (work) => this.translate(work));
      let broken: unknown;
      try {
        await tx.run('BEGIN');
        const result = await this.scope.run(() => fn(tx));
        await tx.run('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError;
        }
        throw error;
      } finally {
        tx.finished = true;
        // A connection that could not even roll back is discarded rather than reused mid-transaction.
        client.release(broken !== undefined);
      }
    });
  }

  async prepareMigration(tx: Executor): Promise<void> {
    // Held until the migration transaction ends: a second instance starting now waits, then finds
    // the schema up to date. Taken before CREATE SCHEMA, which itself races when run concurrently.
    await tx.query('SELECT pg_advisory_xact_lock(?::bigint)', [migrationLockKey(this.options.schema)]);
    if (this.options.schema) await tx.run(`CREATE SCHEMA IF NOT EXISTS ${this.options.schema}`);
  }

  async close(): Promise<void> {
    await this.gate.close();
    await this.pool.end();
  }

  private async translate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      const { message, code } = error as { message?: string; code?: string };
      // Node reports a refused dual-stack connect as an AggregateError with an empty message.
      const why = message || code || 'connection failed';
      throw new UpstreamUnavailableError(`PostgreSQL (${this.description}) did not answer: ${why}`, undefined, {
        cause: error,
      });
    }
  }
}

class PostgresTransaction implements Executor {
  readonly dialect = POSTGRES_DIALECT;
  finished = false;

  constructor(
    private readonly client: PoolClient,
    private readonly translate: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    this.assertOpen();
    return this.translate(async () => (await execute(this.client, sql, params)).rows);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.assertOpen();
    return this.translate(async () => (await execute(this.client, sql, params)).rowCount ?? 0);
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    this.assertOpen();
    return fn(this);
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('transaction already finished');
  }
}
