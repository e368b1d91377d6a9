/**
 * Conversions between domain values and what the drivers bind and return. Timestamps are bound as
 * ISO 8601 UTC strings with milliseconds: SQLite stores that text (which sorts chronologically),
 * PostgreSQL casts it to TIMESTAMPTZ and hands back a Date.
 */
import type { JsonValue } from '../../audit/canonical-json';

export function timeParam(value: Date): string {
  return value.toISOString();
}

export function readTime(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const parsed = new Date(value);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  throw new TypeError(`expected a timestamp, got ${JSON.stringify(value)}`);
}

export function readOptionalTime(value: unknown): Date | null {
  return value === null || value === undefined ? null : readTime(value);
}

export function readString(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected text, got ${JSON.stringify(value)}`);
}

export function readOptionalString(value: unknown): string | null {
  return value === null || value === undefined ? null : readString(value);
}

export function readInt(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number === 'number' && Number.isInteger(number)) return number;
  throw new TypeError(`expected an integer, got ${JSON.stringify(value)}`);
}

export function readOptionalInt(value: unknown): number | null {
  return value === null || value === undefined ? null : readInt(value);
}

export function jsonParam(value: JsonValue): string {
  return JSON.stringify(value);
}

/** Both drivers return JSON columns as text (see the PostgreSQL type parsers). */
export function readJson(value: unknown): JsonValue {
  return JSON.parse(readString(value)) as JsonValue;
}

/** Reads a text column constrained (by a CHECK) to one of `allowed`. */
export function readEnum<T extends string>(value: unknown, allowed: readonly T[]): T {
  const text = readString(value);
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new TypeError(`unexpected value "${text}" (expected one of ${allowed.join(', ')})`);
}

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A nullable 0/1 column: unknown (NULL) stays null. */
export function readOptionalFlag(value: unknown): boolean | null {
  const flag = readOptionalInt(value);
  return flag === null ? null : flag === 1;
}
