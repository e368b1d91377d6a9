/**
 * The one seam between repositories and a database library. Repositories write SQL once, with `?`
 * placeholders and the dialect's fragments; a driver runs it on SQLite or PostgreSQL.
 */

/** What repositories bind: timestamps go in as ISO strings, JSON as text, no booleans. */
export type SqlValue = string | number | null;

export type Row = Record<string, unknown>;

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Column types for DDL. */
  readonly types: { readonly timestamp: string; readonly json: string; readonly bigint: string };
  /**
   * Appended to a SELECT inside a transaction to lock the rows it reads. Empty on SQLite, whose
   * transactions take the database's write lock up front (BEGIN IMMEDIATE) and so already serialize.
   */
  readonly forUpdate: string;
  /** The queue idiom: lock one row nobody else has locked. Empty on SQLite for the same reason. */
  readonly forUpdateSkipLocked: string;
}

export interface Executor {
  readonly dialect: Dialect;
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs `fn` in a transaction; inside one already, `fn` simply joins it. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
}

export interface Driver extends Executor {
  describe(): string;
  ping(): Promise<boolean>;
  /** Inside the migration transaction, before anything else: serialize migrators, create the schema. */
  prepareMigration(tx: Executor): Promise<void>;
  close(): Promise<void>;
}

export const SQLITE_DIALECT: Dialect = {
  name: 'sqlite',
  types: { timestamp: 'TEXT', json: 'TEXT', bigint: 'INTEGER' },
  forUpdate: '',
  forUpdateSkipLocked: '',
};

export const POSTGRES_DIALECT: Dialect = {
  name: 'postgres',
  types: { timestamp: 'TIMESTAMPTZ', json: 'JSONB', bigint: 'BIGINT' },
  forUpdate: ' FOR UPDATE',
  forUpdateSkipLocked: ' FOR UPDATE SKIP LOCKED',
};

/** `?, ?, ?` for an IN list of `count` values (count >= 1). */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * Rewrites `?` placeholders to PostgreSQL's `$1, $2, ...`, leaving quoted strings and identifiers
 * alone (the only places our SQL could contain a literal `?`).
 */
export function toNumberedPlaceholders(sql: string): string {
  let out = '';
  let index = 0;
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      index += 1;
      out += `$${index}`;
    } else {
      out += ch;
    }
  }
  return out;
}
