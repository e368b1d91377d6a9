import { compareByOrder, MetadataQueryError } from '../../../src/emulator/metadata-query';
import { FIELDS, INSTANCES } from './fixtures';

type OrderBy = Array<{ field_key: string; direction?: string }>;

function sortedIds(orderBy: OrderBy): string[] {
  // Array.prototype.sort is stable, so instances that tie keep their fixture order.
  return [...INSTANCES].sort(compareByOrder(orderBy, FIELDS)).map((instance) => instance.id as string);
}

describe('compareByOrder', () => {
  const cases: Array<[orderBy: OrderBy, expected: string[]]> = [
    // strings by code unit: upper case before lower case
    [[{ field_key: 'name', direction: 'asc' }], ['a', 'c', 'e', 'b', 'd']],
    [[{ field_key: 'name', direction: 'desc' }], ['d', 'b', 'e', 'c', 'a']],
    [[{ field_key: 'name', direction: 'DESC' }], ['d', 'b', 'e', 'c', 'a']],
    [[{ field_key: 'name', direction: 'Desc' }], ['d', 'b', 'e', 'c', 'a']],
    [[{ field_key: 'name' }], ['a', 'c', 'e', 'b', 'd']],
    [[{ field_key: 'amount', direction: 'ASC' }], ['c', 'e', 'b', 'a', 'd']],
    // dates by instant (b and e are the same instant); nulls last ascending, first descending
    [[{ field_key: 'recordedFrom', direction: 'asc' }], ['a', 'c', 'b', 'e', 'd']],
    [[{ field_key: 'recordedFrom', direction: 'desc' }], ['d', 'b', 'e', 'c', 'a']],
    [[{ field_key: 'owner', direction: 'asc' }], ['b', 'a', 'c', 'd', 'e']],
    // several keys: later keys break earlier ties
    [
      [
        { field_key: 'status', direction: 'asc' },
        { field_key: 'amount', direction: 'asc' },
      ],
      ['c', 'e', 'a', 'd', 'b'],
    ],
    [
      [
        { field_key: 'status', direction: 'desc' },
        { field_key: 'amount', direction: 'desc' },
      ],
      ['b', 'd', 'a', 'e', 'c'],
    ],
    [
      [
        { field_key: 'recordedFrom', direction: 'asc' },
        { field_key: 'name', direction: 'asc' },
      ],
      ['a', 'c', 'e', 'b', 'd'],
    ],
    [
      [
        { field_key: 'recordedFrom', direction: 'desc' },
        { field_key: 'name', direction: 'desc' },
      ],
      ['d', 'b', 'e', 'c', 'a'],
    ],
    [[], ['a', 'b', 'c', 'd', 'e']],
  ];

  test.each(cases)('%j sorts as %j', (orderBy, expected) => {
    expect(sortedIds(orderBy)).toEqual(expected);
  });

  test('instances equal on every key compare as 0', () => {
    const compare = compareByOrder([{ field_key: 'recordedFrom', direction: 'asc' }], FIELDS);
    expect(compare(INSTANCES[1], INSTANCES[4])).toBe(0);
    expect(compare({ owner: null }, {})).toBe(0);
  });

  const refused: Array<[orderBy: unknown, message: RegExp]> = [
    [[{ field_key: 'colour' }], /^Invalid order_by: field key 'colour' is not a field of the metadata template$/],
    [[{ field_key: 'toString' }], /field key 'toString' is not a field/],
    [[{ field_key: 'tags' }], /cannot order by template field key=tags field type=multiSelect/],
    [[{ field_key: 'name', direction: 'up' }], /direction "up" must be ASC or DESC/],
    [[{ field_key: 'name', direction: 1 }], /direction 1 must be ASC or DESC/],
    [
      [
        { field_key: 'name', direction: 'asc' },
        { field_key: 'amount', direction: 'desc' },
      ],
      /direction must be the same for each item/,
    ],
    [[{ field_key: 'name' }, { field_key: 'amount', direction: 'DESC' }], /direction must be the same for each item/],
    [[{ direction: 'asc' }], /each entry needs a field_key string/],
    [[null], /each entry needs a field_key string/],
    [{ field_key: 'name' }, /expected an array/],
  ];

  test.each(refused)('%j is refused', (orderBy, message) => {
    expect(() => compareByOrder(orderBy as OrderBy, FIELDS)).toThrow(MetadataQueryError);
    expect(() => compareByOrder(orderBy as OrderBy, FIELDS)).toThrow(message);
  });
});
