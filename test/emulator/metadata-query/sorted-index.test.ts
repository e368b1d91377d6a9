/**
 * The metadata-query index: walking it gives the instances in order_by order with the item id
 * breaking ties, resumes strictly after a marker's position, visits only the instances holding a
 * required value when the query pins a field, and reloads after the state changes.
 */
import { planMetadataQuery } from '../../../src/emulator/metadata-query';
import { SortedInstanceIndex, type IndexedInstance } from '../../../src/emulator/metadata-query/sorted-index';

const FIELDS = { cameraId: 'string', recordedFrom: 'date', status: 'enum' } as const;
const ORDER = [{ field_key: 'recordedFrom', direction: 'DESC' }];

function instances(count: number): IndexedInstance[] {
  return Array.from({ length: count }, (_, i) => ({
    instanceId: `i${i}`,
    itemId: 1000 + ((i * 7919) % count),
    version: 0,
    values: {
      cameraId: `CAM-${i % 13}`,
      recordedFrom: new Date(Date.UTC(2026, 2, 1) + (i % 50) * 3_600_000).toISOString(),
      status: i % 3 === 0 ? 'received' : 'reviewed',
    },
  }));
}

describe('SortedInstanceIndex', () => {
  const all = instances(2000);
  let loads = 0;
  let stamp = 'a';
  const index = new SortedInstanceIndex(
    () => {
      loads += 1;
      return all;
    },
    () => stamp,
  );
  const walk = (options: Parameters<SortedInstanceIndex['walk']>[4] = {}): IndexedInstance[] => [
    ...index.walk('enterprise_1', 'cctvFootage', ORDER, FIELDS, options),
  ];

  test('walks newest first, item id breaking ties, and resumes strictly after a position', () => {
    const order = walk();
    expect(order).toHaveLength(all.length);
    for (let i = 1; i < order.length; i += 1) {
      const [a, b] = [order[i - 1], order[i]];
      const byTime = Date.parse(b.values.recordedFrom as string) - Date.parse(a.values.recordedFrom as string);
      expect(byTime < 0 || (byTime === 0 && a.itemId < b.itemId)).toBe(true);
    }
    const cut = order[777];
    expect(walk({ after: { values: { recordedFrom: cut.values.recordedFrom }, itemId: cut.itemId } })).toEqual(
      order.slice(778),
    );
  });

  test('with a required value, visits exactly the instances holding it, in the same order', () => {
    const { matches, required } = planMetadataQuery(
      'cameraId IN (:a, :b) AND status = :s',
      { a: 'CAM-3', b: 'CAM-5', s: 'received' },
      FIELDS,
    );
    expect(required.map((r) => r.key).sort()).toEqual(['cameraId', 'status']);
    const expected = walk().filter((entry) => matches(entry.values));
    const visited = walk({ required });
    expect(visited.length).toBeLessThan(all.length / 2);
    expect(visited.filter((entry) => matches(entry.values))).toEqual(expected);
    const cut = expected[10];
    expect(
      walk({ required, after: { values: { recordedFrom: cut.values.recordedFrom }, itemId: cut.itemId } }).filter((e) =>
        matches(e.values),
      ),
    ).toEqual(expected.slice(11));
  });

  test('with a range on a date field, visits only the instances inside it, in the same order', () => {
    const { matches, required, ranges } = planMetadataQuery(
      'recordedFrom >= :from AND recordedFrom < :to',
      { from: '2026-03-01T10:00:00Z', to: '2026-03-01T13:00:00Z' },
      FIELDS,
    );
    expect(required).toEqual([]);
    expect(ranges).toHaveLength(2);
    const expected = walk().filter((entry) => matches(entry.values));
    expect(expected.length).toBeGreaterThan(0);
    const visited = walk({ ranges });
    expect(visited.length).toBeLessThan(all.length / 2);
    expect(visited.filter((entry) => matches(entry.values))).toEqual(expected);
    // Bounds on an instant that some instances hold exactly: strict and inclusive differ by those.
    const sizes: Record<string, number> = {};
    for (const operator of ['>', '>=', '<', '<='] as const) {
      const plan = planMetadataQuery(`recordedFrom ${operator} :t`, { t: '2026-03-02T00:00:00Z' }, FIELDS);
      const want = walk().filter((entry) => plan.matches(entry.values));
      expect(walk({ ranges: plan.ranges })).toEqual(want);
      sizes[operator] = want.length;
    }
    expect(sizes['>='] - sizes['>']).toBe(40);
    expect(sizes['<='] - sizes['<']).toBe(40);
    expect(sizes['>'] + sizes['<=']).toBe(all.length);
  });

  test('an OR at the top pins nothing: every instance is visited', () => {
    const { required } = planMetadataQuery('cameraId = :a OR status = :s', { a: 'CAM-3', s: 'received' }, FIELDS);
    expect(required).toEqual([]);
  });

  test('reloads only when the state changed', () => {
    loads = 0;
    walk();
    walk();
    expect(loads).toBe(0);
    stamp = 'b';
    walk();
    expect(loads).toBe(1);
  });
});

describe('SortedInstanceIndex with few and many candidates', () => {
  // 3,000 instances: a rare camera held by 7 (fewer than one in 64: its positions are sorted), a
  // common one by a third (the answer order is walked); both must give the same answer as a scan.
  const all: IndexedInstance[] = Array.from({ length: 3000 }, (_, i) => ({
    instanceId: `i${i}`,
    itemId: 5000 + ((i * 7919) % 3000),
    version: 0,
    values: {
      cameraId: i % 431 === 0 ? 'RARE' : i % 3 === 0 ? 'COMMON' : `CAM-${i % 17}`,
      recordedFrom: new Date(Date.UTC(2026, 2, 1) + (i % 97) * 3_600_000).toISOString(),
      status: 'received',
    },
  }));
  const index = new SortedInstanceIndex(
    () => all,
    () => 'fixed',
  );
  const walk = (options: Parameters<SortedInstanceIndex['walk']>[4] = {}): IndexedInstance[] => [
    ...index.walk('enterprise_1', 'cctvFootage', ORDER, FIELDS, options),
  ];

  test.each([
    ['a rare value (sorted positions)', 'RARE', 7],
    ['a common value (walked order)', 'COMMON', 997],
  ])('%s: exactly the instances holding it, in answer order, and after a position', (_label, camera, count) => {
    const { required } = planMetadataQuery('cameraId = :c', { c: camera }, FIELDS);
    const expected = walk().filter((entry) => entry.values.cameraId === camera);
    expect(expected).toHaveLength(count);
    expect(walk({ required })).toEqual(expected);
    const cut = expected[Math.floor(count / 2)];
    expect(
      walk({ required, after: { values: { recordedFrom: cut.values.recordedFrom }, itemId: cut.itemId } }),
    ).toEqual(expected.slice(Math.floor(count / 2) + 1));
  });

  test('a pinned value and a window on two fields: only instances inside every range are visited', () => {
    const fields = { ...FIELDS, recordedTo: 'date' } as const;
    const withEnds: IndexedInstance[] = all.map((entry) => ({
      ...entry,
      values: {
        ...entry.values,
        recordedTo: new Date(Date.parse(entry.values.recordedFrom as string) + 2 * 3_600_000).toISOString(),
      },
    }));
    const windowed = new SortedInstanceIndex(
      () => withEnds,
      () => 'fixed',
    );
    const plan = planMetadataQuery(
      'cameraId = :c AND recordedFrom < :end AND recordedTo > :start',
      { c: 'COMMON', start: '2026-03-02T00:00:00Z', end: '2026-03-02T05:00:00Z' },
      fields,
    );
    const everything = [...windowed.walk('enterprise_1', 'cctvFootage', ORDER, fields)];
    const expected = everything.filter((entry) => plan.matches(entry.values));
    expect(expected.length).toBeGreaterThan(0);
    const visited = [
      ...windowed.walk('enterprise_1', 'cctvFootage', ORDER, fields, { required: plan.required, ranges: plan.ranges }),
    ];
    expect(visited.filter((entry) => plan.matches(entry.values))).toEqual(expected);
    const [start, end] = [Date.parse('2026-03-02T00:00:00Z'), Date.parse('2026-03-02T05:00:00Z')];
    expect(
      visited.every(
        (entry) =>
          Date.parse(entry.values.recordedFrom as string) < end &&
          Date.parse(entry.values.recordedTo as string) > start,
      ),
    ).toBe(true);
    expect(visited.length).toBeLessThan(everything.length / 10);
  });

  test('the same value listed twice in IN is visited once', () => {
    const { required } = planMetadataQuery('cameraId IN (:a, :b, :c)', { a: 'RARE', b: 'RARE', c: 'CAM-1' }, FIELDS);
    const expected = walk().filter((entry) => entry.values.cameraId === 'RARE' || entry.values.cameraId === 'CAM-1');
    expect(walk({ required })).toEqual(expected);
  });

  test('bounds on both sides of one field visit only the slice between them, the tighter bound winning', () => {
    const query = 'recordedFrom >= :from AND recordedFrom < :to AND recordedFrom > :earlier AND recordedFrom <= :later';
    const params = {
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-02T03:00:00Z',
      earlier: '2026-03-01T00:00:00Z',
      later: '2026-03-05T00:00:00Z',
    };
    const { matches, ranges } = planMetadataQuery(query, params, FIELDS);
    const expected = walk().filter((entry) => matches(entry.values));
    // Three hours of 97, about 93 instances: the slice, not one side of it.
    expect(expected.length).toBeGreaterThan(60);
    expect(walk({ ranges })).toEqual(expected);
    const empty = planMetadataQuery(
      'recordedFrom > :a AND recordedFrom < :b',
      { a: '2026-03-03T00:00:00Z', b: '2026-03-02T00:00:00Z' },
      FIELDS,
    );
    expect(walk({ ranges: empty.ranges })).toEqual([]);
  });
});
