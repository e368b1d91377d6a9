/**
 * Pieces of SQL that several repositories build the same way: the SET list of a partial update,
 * the "status IN (...) and expired by" filter of the sweeps, and the child rows of a list of parents.
 * Kept here so the value conversions (Date, boolean) happen in one place for every table.
 */
import { placeholders, type Executor, type Row, type SqlValue } from './executor';
import { readString, timeParam } from './values';

/** A domain value as bound in an UPDATE: timestamps as ISO text, booleans as 0/1, absent as NULL. */
export function updateParam(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return timeParam(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as SqlValue;
}

/**
 * `column = ?` for each key of `update` that is present (undefined means "leave as is", null clears),
 * after the `leading` assignments the caller always makes (such as updated_at).
 */
export function setClauses<U extends object>(
  columns: Record<keyof U, string>,
  update: U,
  leading: ReadonlyArray<[string, SqlValue]>,
  convert: (key: keyof U, value: U[keyof U]) => SqlValue = (_key, value) => updateParam(value),
): { assignments: string[]; params: SqlValue[] } {
  const assignments = leading.map(([column]) => `${column} = ?`);
  const params = leading.map(([, value]) => value);
  for (const [key, column] of Object.entries(columns) as Array<[keyof U, string]>) {
    if (!(key in update) || update[key] === undefined) continue;
    assignments.push(`${column} = ?`);
    params.push(convert(key, update[key]));
  }
  return { assignments, params };
}

/** `status IN (...)`, optionally only rows whose `expires_at` has passed `expiresBefore`. */
export function statusFilter(
  statuses: readonly string[],
  expiresBefore: Date | undefined,
): { where: string; params: SqlValue[] } {
  let where = `status IN (${placeholders(statuses.length)})`;
  const params: SqlValue[] = [...statuses];
  if (expiresBefore) {
    where += ' AND expires_at <= ?';
    params.push(timeParam(expiresBefore));
  }
  return { where, params };
}

/** The rows of `table` belonging to each parent id (by `request_id`, in `position` order); two queries in all. */
export async function childrenByRequest<T>(
  db: Executor,
  table: string,
  ids: readonly string[],
  toChild: (row: Row) => T,
): Promise<Map<string, T[]>> {
  const rows = await db.query(
    `SELECT * FROM ${table} WHERE request_id IN (${placeholders(ids.length)}) ORDER BY request_id, position`,
    ids,
  );
  const byRequest = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byRequest.get(readString(row.request_id))?.push(toChild(row));
  return byRequest;
}
