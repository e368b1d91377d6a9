/**
 * An in-memory index of one template's instances, kept sorted per order_by, so that a metadata query
 * over a hundred thousand instances walks entries in the answer's order from the marker on and stops
 * once a page is full, instead of filtering, checking access for and sorting every instance on each
 * request. The index is rebuilt only when the instances changed (a generation the state layer bumps
 * on every write, plus SQLite's data_version for writes by another connection); each entry is
 * re-checked against the database before it is answered, so even a missed change never leaks.
 */
import type { RequiredRange, RequiredValues } from './index';
import { compareByOrder, type OrderBy } from './order';
import type { FieldTypes, MetadataInstance } from './types';
import { readScalar } from './values';

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

/** A float or date field's values: ascending, with the instances holding them, and each instance's own. */
interface NumberIndex {
  numbers: number[];
  entries: IndexedInstance[];
  of: Map<IndexedInstance, number>;
}

interface TemplateIndex {
  stamp: string;
  entries: IndexedInstance[];
  sorted: Map<string, { entries: IndexedInstance[]; rank: Map<IndexedInstance, number> }>;
  /** Per string field: the instances holding each value (built on first use). */
  byValue: Map<string, Map<string, IndexedInstance[]>>;
  /** Per float or date field: the instances holding a value, in ascending order of it. */
  byNumber: Map<string, NumberIndex>;
}

/** Below one candidate in this many instances, candidates are sorted; above, the answer order is walked. */
const SPARSE_RATIO = 64;

interface Bound {
  value: number;
  inclusive: boolean;
}

/** A field's pinned ranges joined into one interval (`a >= x AND a <= y` is one slice, not two halves). */
interface Interval {
  key: string;
  type: 'float' | 'date';
  lower?: Bound;
  upper?: Bound;
}

function boundsOf(ranges: ReadonlyArray<RequiredRange>): Interval[] {
  const byField = new Map<string, Interval>();
  for (const range of ranges) {
    const signature = `${range.key}\u0000${range.type}`;
    const interval = byField.get(signature) ?? { key: range.key, type: range.type };
    const bound = { value: range.value, inclusive: range.operator === '>=' || range.operator === '<=' };
    if (range.operator === '>' || range.operator === '>=') {
      const current = interval.lower;
      // The tighter of two lower bounds: the larger value; at equal values, the exclusive one.
      if (!current || bound.value > current.value || (bound.value === current.value && !bound.inclusive))
        interval.lower = bound;
    } else {
      const current = interval.upper;
      if (!current || bound.value < current.value || (bound.value === current.value && !bound.inclusive))
        interval.upper = bound;
    }
    byField.set(signature, interval);
  }
  return [...byField.values()];
}

/** Whether a value lies inside an interval; an instance without a value in the field never does. */
function within(value: number | undefined, interval: Interval): boolean {
  if (value === undefined) return false;
  const { lower, upper } = interval;
  if (lower && (lower.inclusive ? value < lower.value : value <= lower.value)) return false;
  if (upper && (upper.inclusive ? value > upper.value : value >= upper.value)) return false;
  return true;
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
   * never repeats or skips an entry), starting after `after` when given. With `required` values
   * (a field that must hold one of a few values) only the instances holding them are visited.
   */
  *walk(
    scope: string,
    templateKey: string,
    orderBy: ReadonlyArray<OrderBy>,
    fields: FieldTypes,
    options: {
      after?: KeysetPosition;
      required?: ReadonlyArray<RequiredValues>;
      ranges?: ReadonlyArray<RequiredRange>;
    } = {},
  ): Generator<IndexedInstance> {
    const template = this.template(scope, templateKey);
    const { entries: sorted, rank } = this.sortedFor(template, orderBy, fields);
    const compare = compareByOrder(orderBy, fields);
    let start = 0;
    if (options.after) {
      const after = options.after;
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
    const candidates = this.candidates(template, options.required ?? [], options.ranges ?? []);
    if (!candidates) {
      for (let i = start; i < sorted.length; i += 1) yield sorted[i];
      return;
    }
    if (candidates.length * SPARSE_RATIO < sorted.length) {
      // Few candidates: their positions in the answer order, sorted (numerically, in a typed array).
      const ranked = new Uint32Array(candidates.length);
      let count = 0;
      for (const entry of candidates) {
        const position = rank.get(entry) as number;
        if (position >= start) ranked[count++] = position;
      }
      for (const position of ranked.subarray(0, count).sort()) yield sorted[position];
      return;
    }
    // Many candidates: mark them, then walk the answer order; a page fills after a short walk.
    const marked = new Uint8Array(sorted.length);
    for (const entry of candidates) marked[rank.get(entry) as number] = 1;
    for (let i = start; i < sorted.length; i += 1) if (marked[i] === 1) yield sorted[i];
  }

  /** The fewest instances that can match, from the most selective pinned field; null: no field pinned. */
  private candidates(
    template: TemplateIndex,
    required: ReadonlyArray<RequiredValues>,
    ranges: ReadonlyArray<RequiredRange>,
  ): readonly IndexedInstance[] | null {
    let best: readonly IndexedInstance[] | null = null;
    for (const { key, values } of required) {
      const byValue = this.valuesOf(template, key);
      // An instance holds one value per field, so the lists of distinct values never overlap.
      const lists = [...new Set(values)].map((value) => byValue.get(value) ?? []);
      const size = lists.reduce((sum, list) => sum + list.length, 0);
      if (best === null || size < best.length) best = lists.length === 1 ? lists[0] : lists.flat();
    }
    const intervals = boundsOf(ranges).map((range) => ({
      range,
      index: this.numbersOf(template, range.key, range.type),
    }));
    for (const { range, index } of intervals) {
      const { numbers, entries } = index;
      // First position whose number is > value (or >= value): a range is a slice of the sorted array.
      const firstAbove = (value: number, inclusive: boolean): number => {
        let low = 0;
        let high = numbers.length;
        while (low < high) {
          const mid = (low + high) >>> 1;
          if (inclusive ? numbers[mid] < value : numbers[mid] <= value) low = mid + 1;
          else high = mid;
        }
        return low;
      };
      const from = range.lower ? firstAbove(range.lower.value, range.lower.inclusive) : 0;
      const to = range.upper ? firstAbove(range.upper.value, !range.upper.inclusive) : numbers.length;
      if (best === null || to - from < best.length) best = entries.slice(from, Math.max(from, to));
    }
    // The other pinned ranges too (a window's two ends lie on two fields): a number compared here
    // is far cheaper than the full matcher, which then sees only instances inside every range.
    if (best !== null && intervals.length > 0) {
      best = best.filter((entry) => intervals.every(({ range, index }) => within(index.of.get(entry), range)));
    }
    return best;
  }

  private numbersOf(template: TemplateIndex, key: string, type: 'float' | 'date'): NumberIndex {
    const signature = `${key}\u0000${type}`;
    let sorted = template.byNumber.get(signature);
    if (!sorted) {
      const pairs: Array<[number, IndexedInstance]> = [];
      for (const entry of template.entries) {
        const value = readScalar(entry.values, key, type);
        if (typeof value === 'number') pairs.push([value, entry]);
      }
      pairs.sort((a, b) => a[0] - b[0]);
      sorted = {
        numbers: pairs.map(([value]) => value),
        entries: pairs.map(([, entry]) => entry),
        of: new Map(pairs.map(([value, entry]) => [entry, value])),
      };
      template.byNumber.set(signature, sorted);
    }
    return sorted;
  }

  private valuesOf(template: TemplateIndex, key: string): Map<string, IndexedInstance[]> {
    let byValue = template.byValue.get(key);
    if (!byValue) {
      byValue = new Map();
      for (const entry of template.entries) {
        const value = Object.prototype.hasOwnProperty.call(entry.values, key) ? entry.values[key] : undefined;
        if (typeof value !== 'string') continue;
        const list = byValue.get(value);
        if (list) list.push(entry);
        else byValue.set(value, [entry]);
      }
      template.byValue.set(key, byValue);
    }
    return byValue;
  }

  private sortedFor(
    template: TemplateIndex,
    orderBy: ReadonlyArray<OrderBy>,
    fields: FieldTypes,
  ): { entries: IndexedInstance[]; rank: Map<IndexedInstance, number> } {
    const signature = JSON.stringify(
      orderBy.map((entry) => [entry.field_key, (entry.direction ?? 'asc').toLowerCase(), fields[entry.field_key]]),
    );
    let sorted = template.sorted.get(signature);
    if (!sorted) {
      const compare = compareByOrder(orderBy, fields);
      const entries = [...template.entries].sort((a, b) => compare(a.values, b.values) || a.itemId - b.itemId);
      sorted = { entries, rank: new Map(entries.map((entry, position) => [entry, position])) };
      template.sorted.set(signature, sorted);
    }
    return sorted;
  }

  private template(scope: string, templateKey: string): TemplateIndex {
    const key = `${scope}\u0000${templateKey}`;
    const stamp = this.stampOf();
    let template = this.templates.get(key);
    if (!template || template.stamp !== stamp) {
      template = {
        stamp,
        entries: this.load(scope, templateKey),
        sorted: new Map(),
        byValue: new Map(),
        byNumber: new Map(),
      };
      this.templates.set(key, template);
    }
    return template;
  }
}
