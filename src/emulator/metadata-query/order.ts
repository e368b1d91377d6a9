import type { ScalarFieldType } from './ast';
import { MetadataQueryError } from './errors';
import { compareScalars } from './evaluator';
import { ownValue, type FieldTypes, type MetadataInstance } from './types';
import { readScalar } from './values';

export interface OrderBy {
  field_key: string;
  direction?: string;
}

interface SortKey {
  key: string;
  type: ScalarFieldType;
}

function parseDirection(direction: unknown): 'asc' | 'desc' {
  if (direction === undefined) return 'asc';
  const lower = typeof direction === 'string' ? direction.toLowerCase() : undefined;
  if (lower === 'asc' || lower === 'desc') return lower;
  throw new MetadataQueryError(`Invalid order_by: direction ${JSON.stringify(direction)} must be ASC or DESC`);
}

function sortKey(entry: unknown, fields: FieldTypes): SortKey {
  const key = typeof entry === 'object' && entry !== null ? (entry as { field_key?: unknown }).field_key : undefined;
  if (typeof key !== 'string') throw new MetadataQueryError('Invalid order_by: each entry needs a field_key string');
  const type = ownValue(fields, key);
  if (type === undefined)
    throw new MetadataQueryError(`Invalid order_by: field key '${key}' is not a field of the metadata template`);
  if (type === 'multiSelect') {
    throw new MetadataQueryError(`Invalid order_by: cannot order by template field key=${key} field type=multiSelect`);
  }
  return { key, type };
}

/** Nulls count as greater than every value: last when ascending, first when descending (as PostgreSQL does). */
function compareNullable(a: string | number | null, b: string | number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compareScalars(a, b);
}

/**
 * A comparator for Array.prototype.sort from Box's order_by. Box requires one direction for every
 * entry (the OpenAPI says the direction "must be the same for each item in the array"), so mixed
 * directions are refused; a missing direction means ASC. Instances equal on every key compare as
 * 0: callers that page add their own tie-break (such as the item id) for a total order.
 */
export function compareByOrder(
  orderBy: ReadonlyArray<OrderBy>,
  fields: FieldTypes,
): (a: MetadataInstance, b: MetadataInstance) => number {
  if (!Array.isArray(orderBy)) throw new MetadataQueryError('Invalid order_by: expected an array');
  const keys = orderBy.map((entry) => sortKey(entry, fields));
  const directions = new Set(orderBy.map((entry) => parseDirection(entry.direction)));
  if (directions.size > 1)
    throw new MetadataQueryError('Invalid order_by: the direction must be the same for each item in order_by');
  const sign = directions.has('desc') ? -1 : 1;
  // A sort compares each instance about log2(n) times; its sort values are read once.
  const sortValues = new WeakMap<MetadataInstance, Array<string | number | null>>();
  const valuesOf = (instance: MetadataInstance): Array<string | number | null> => {
    let values = sortValues.get(instance);
    if (values === undefined) {
      values = keys.map(({ key, type }) => readScalar(instance, key, type));
      sortValues.set(instance, values);
    }
    return values;
  };
  return (a, b) => {
    const valuesA = valuesOf(a);
    const valuesB = valuesOf(b);
    for (let i = 0; i < keys.length; i += 1) {
      const order = compareNullable(valuesA[i], valuesB[i]);
      if (order !== 0) return sign * order;
    }
    return 0;
  };
}
