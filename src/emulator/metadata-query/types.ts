/** The field types of a Box metadata template. */
export type FieldType = 'string' | 'float' | 'date' | 'enum' | 'multiSelect';

/** Template field keys to their types: what the query is checked against. */
export type FieldTypes = Record<string, FieldType>;

/** A metadata instance: field keys to values (an absent key is null). */
export type MetadataInstance = Record<string, unknown>;

/** Own-property lookup, so keys such as `constructor` or `__proto__` never reach Object.prototype. */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
