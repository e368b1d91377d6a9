/** Any value that survives JSON unchanged: what audit details, settings and job payloads may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * One byte-exact serialization per value, so that a hash computed today can be recomputed by anyone
 * later from the stored data: object keys sorted by code unit (as RFC 8785 does), no whitespace,
 * numbers and strings as ECMAScript's JSON serializer writes them. Values JSON cannot represent
 * (NaN, Infinity, undefined, functions) are refused rather than silently changed, because a value
 * that changes on the way into the database would make its own entry look tampered with.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const members: string[] = [];
    for (const key of keys) {
      const member = value[key];
      if (member === undefined) throw new TypeError(`canonicalJson: key "${key}" is undefined`);
      members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
    }
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: unsupported value of type ${typeof value}`);
}
