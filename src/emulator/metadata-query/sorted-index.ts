/**
 * An in-memory index of one template's instances, kept sorted per order_by, so that a metadata query
 * over a hundred thousand instances walks entries in the answer's order from the marker on and stops
 * once a page is full, instead of filtering, checking access for and sorting every instance on each
 * request. The index is rebuilt only when the instances changed (a generation the state layer bumps
 * on every write, plus SQLite's data_version for writes by another connection); each entry is
 * re-checked against the database before it is answered, so even a missed change never leaks.
 */
import { compareByOrder, type OrderBy } from './order';
import type { FieldTypes, MetadataInstance } from './types';

export interface IndexedInstance {
  /** Database id of the instance (re-checked before an entry is answered). */
  instanceId: string;
  itemId: number;
  version: number;
  values: MetadataInstance;
}

/** Where a page ends: the last entry's order_by values and item id (the tie-break). */
export interface KeysetPosition {
  values: MetadataInstance;
  itemId: number;
}

interface TemplateIndex {
  stamp: string;
  entries: IndexedInstance[];
  sorted: Map<string, IndexedInstance[]>;
}

export class SortedInstanceIndex {
  private readonly templates = new Map<string, TemplateIndex>();

  constructor(
    private readonly load: (scope: string, templateKey: string) => IndexedInstance[],
    private readonly stampOf: () => string,
  ) {}

  /** Forgets everything: the next query reloads from the database. */
  invalidate(): void {
    this.templates.clear();
  }

  /**
   * The template's instances in order_by order, item id breaking ties (a total order, so paging
   * never repeats or skips an entry), starting after `after` when given.
   */
  *walk(scope: string, templateKey: string, orderBy: ReadonlyArray<OrderBy>, fields: FieldTypes, after?: KeysetPosition): Generator<IndexedInstance> {
    const sorted = this.sortedFor(scope, templateKey, orderBy, fields);
    const compare = compareByOrder(orderBy, fields);
    let start = 0;
    if (after) {
      // First entry strictly after the marker's position: binary search over the total order.
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const entry = sorted[mid];
        const order = compare(entry.values, after.values) || entry.itemId - after.itemId;
        if (order <= 0) low = mid + 1;
        else high = mid;
      }
      start = low;
    }
    for (let i = start; i < sorted.length; i += 1) yield sorted[i];
  }

  private sortedFor(scope: string, templateKey: string, orderBy: ReadonlyArray<OrderBy>, fields: FieldTypes): IndexedInstance[] {
    const template = this.template(scope, templateKey);
    const signature = JSON.stringify(orderBy.map((entry) => [entry.field_key, (entry.direction ?? 'asc').toLowerCase(), fields[entry.field_key]]));
    let sorted = template.sorted.get(signature);
    if (!sorted) {
      const compare = compareByOrder(orderBy, fields);
      sorted = [...template.entries].sort((a, b) => compare(a.values, b.values) || a.itemId - b.itemId);
      template.sorted.set(signature, sorted);
    }
    return sorted;
  }

  private template(scope: string, templateKey: string): TemplateIndex {
    const key = `${scope}\u0000${templateKey}`;
    const stamp = this.stampOf();
    let template = this.templates.get(key);
    if (!template || template.stamp !== stamp) {
      template = { stamp, entries: this.load(scope, templateKey), sorted: new Map() };
      this.templates.set(key, template);
    }
    return template;
  }
}
