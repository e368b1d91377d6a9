import { parseInstant, readMultiSelect, readScalar } from '../../../src/emulator/metadata-query/values';

describe('parseInstant (RFC 3339 date-times)', () => {
  const valid: Array<[text: string, iso: string]> = [
    ['2026-03-29T01:30:00Z', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29T02:30:00+01:00', '2026-03-29T01:30:00.000Z'],
    ['2026-03-28T20:30:00-05:00', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29T00:00:00-00:30', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29t01:30:00z', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29T01:30:00.5Z', '2026-03-29T01:30:00.500Z'],
    ['2026-03-29T01:30:00.123456Z', '2026-03-29T01:30:00.123Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ];

  test.each(valid)('%s is the instant %s', (text, iso) => {
    expect(parseInstant(text)).toBe(Date.parse(iso));
  });

  test('0001-01-01 keeps its year rather than becoming 1901', () => {
    expect(parseInstant('0001-01-01T00:00:00Z')).toBe(-62135596800000);
  });

  const invalid = [
    '2026-03-29T01:30:00', // no zone: not one instant
    '2026-03-29',
    '2026-03-29 01:30:00Z',
    ' 2026-03-29T01:30:00Z',
    '2026-03-29T01:30:00Z ',
    '2026-03-29T01:30Z',
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-03-00T00:00:00Z',
    '2026-03-29T24:00:00Z',
    '2026-03-29T01:60:00Z',
    '2026-03-29T01:30:60Z',
    '2026-03-29T01:30:00+24:00',
    '2026-03-29T01:30:00+0100',
    '29/03/2026 01:30',
    '',
  ];

  test.each(invalid)('%j is not an RFC 3339 date-time', (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe('reading instance fields', () => {
  const instance = {
    title: 'x',
    count: 3,
    notANumber: '3',
    infinite: Number.POSITIVE_INFINITY,
    when: '2026-03-29T02:30:00+01:00',
    badDate: 'yesterday',
    tags: ['a', 7, 'b'],
    none: [],
  };

  test('values of the wrong type for the field read as null', () => {
    expect(readScalar(instance, 'title', 'string')).toBe('x');
    expect(readScalar(instance, 'count', 'string')).toBeNull();
    expect(readScalar(instance, 'count', 'float')).toBe(3);
    expect(readScalar(instance, 'notANumber', 'float')).toBeNull();
    expect(readScalar(instance, 'infinite', 'float')).toBeNull();
    expect(readScalar(instance, 'when', 'date')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    expect(readScalar(instance, 'badDate', 'date')).toBeNull();
    expect(readScalar(instance, 'missing', 'enum')).toBeNull();
  });

  test('inherited properties are never read as fields', () => {
    expect(readScalar({}, 'constructor', 'string')).toBeNull();
    expect(readScalar({}, 'toString', 'string')).toBeNull();
  });

  test('multiSelect keeps the string options; none selected is null', () => {
    expect(readMultiSelect(instance, 'tags')).toEqual(['a', 'b']);
    expect(readMultiSelect(instance, 'none')).toBeNull();
    expect(readMultiSelect(instance, 'title')).toBeNull();
  });
});
