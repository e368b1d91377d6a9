import { ownValue, type FieldType, type MetadataInstance } from './types';

// RFC 3339 date-time, the form Box stores dates in: a zone (Z or ±hh:mm) is required, so every
// value names one instant and values written in different zones compare correctly.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function computeInstant(text: string): number | null {
  const match = RFC3339.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetHours = match[10] === undefined ? 0 : Number(match[10]);
  const offsetMinutes = match[11] === undefined ? 0 : Number(match[11]);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) return null;
  // Box keeps millisecond precision; finer fractions are cut off.
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'));
  let local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (year < 100) local = new Date(local).setUTCFullYear(year); // Date.UTC reads years 0-99 as 1900-1999
  const offsetSign = match[9] === '-' ? -1 : 1;
  return local - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

// The same timestamps recur across instances and across requests; remembering them keeps the
// emulator's filtering and sorting of a thousand instances cheap. Bounded so it cannot grow forever.
const INSTANT_CACHE_LIMIT = 1_000_000;
const instantCache = new Map<string, number | null>();

/** The instant (epoch milliseconds) an RFC 3339 date-time names, or null when it is not one. */
export function parseInstant(text: string): number | null {
  const cached = instantCache.get(text);
  if (cached !== undefined) return cached;
  const instant = computeInstant(text);
  if (instantCache.size >= INSTANT_CACHE_LIMIT) instantCache.clear();
  instantCache.set(text, instant);
  return instant;
}

/**
 * A scalar field's value as the evaluator compares it: strings for string and enum fields, numbers
 * for float fields, epoch milliseconds for date fields. Absent, null, or a value not of the field's
 * type all read as null, as Box cannot hold such a value in a field of that type.
 */
export function readScalar(
  instance: MetadataInstance,
  key: string,
  type: Exclude<FieldType, 'multiSelect'>,
): string | number | null {
  const raw = ownValue(instance, key);
  switch (type) {
    case 'string':
    case 'enum':
      return typeof raw === 'string' ? raw : null;
    case 'float':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'date':
      return typeof raw === 'string' ? parseInstant(raw) : null;
  }
}

/** A multiSelect field's selected options; none selected reads as null, like an absent field. */
export function readMultiSelect(instance: MetadataInstance, key: string): readonly string[] | null {
  const raw = ownValue(instance, key);
  if (!Array.isArray(raw)) return null;
  const options = raw.filter((option): option is string => typeof option === 'string');
  return options.length === 0 ? null : options;
}

/** Whether the field holds no value, whatever its type. */
export function isNullField(instance: MetadataInstance, key: string, type: FieldType): boolean {
  return type === 'multiSelect' ? readMultiSelect(instance, key) === null : readScalar(instance, key, type) === null;
}
