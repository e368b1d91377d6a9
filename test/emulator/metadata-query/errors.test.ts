import {
  compileMetadataQuery,
  MetadataQueryError,
  type MetadataQueryErrorReason,
} from '../../../src/emulator/metadata-query';
import { FIELDS } from './fixtures';

function compileError(query: unknown, params: unknown = {}): MetadataQueryError {
  try {
    compileMetadataQuery(query as string, params as Record<string, unknown>, FIELDS);
  } catch (error) {
    if (error instanceof MetadataQueryError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

type ErrorCase = [query: string, params: Record<string, unknown>, message: RegExp];

function expectRefused(
  query: string,
  params: Record<string, unknown>,
  message: RegExp,
  reason: MetadataQueryErrorReason,
): void {
  const error = compileError(query, params);
  expect(error.message).toMatch(message);
  expect(error.reason).toBe(reason);
  expect(error.name).toBe('MetadataQueryError');
}

describe('syntax errors', () => {
  const cases: ErrorCase[] = [
    ['status =', {}, /^Invalid query: expected a query argument such as :value but found end of query at position 9$/],
    ['status = :s AND', { s: 'x' }, /expected a field key, NOT or '\(' but found end of query at position 16/],
    ['NOT', {}, /expected a field key, NOT or '\(' but found end of query/],
    ['AND status = :s', { s: 'x' }, /expected a field key, NOT or '\(' but found 'AND' at position 1/],
    ['(status = :s', { s: 'x' }, /expected '\)' but found end of query/],
    ['status = :s)', { s: 'x' }, /unexpected '\)' at position 12/],
    ['status = :s :t', { s: 'x', t: 'y' }, /unexpected argument ':t' at position 13/],
    ['status = :s status = :s', { s: 'x' }, /unexpected field key 'status'/],
    [
      "status = 'received'",
      {},
      /literal values are not supported at position 10; pass each value as a query_params argument/,
    ],
    ['status = "received"', {}, /literal values are not supported/],
    ['amount > 5', {}, /literal values are not supported at position 10/],
    ['amount > -1', {}, /literal values are not supported/],
    ['status != :s', { s: 'x' }, /operator '!=' at position 8 is not supported; use '<>'/],
    ['status == :s', { s: 'x' }, /expected a query argument such as :value but found '='/],
    ['status :s', { s: 'x' }, /expected an operator after field key 'status' but found argument ':s'/],
    ['status AND amount = :a', { a: 1 }, /expected an operator after field key 'status' but found 'AND'/],
    ['status = :', {}, /expected an argument name after ':' at position 10/],
    ['status = :1', {}, /expected an argument name after ':'/],
    ['status = amount', {}, /expected a query argument such as :value but found field key 'amount'/],
    [':s = status', { s: 'x' }, /expected a field key, NOT or '\(' but found argument ':s' at position 1/],
    ['status IN :s', { s: 'x' }, /expected '\(' but found argument ':s'/],
    ['status IN ()', {}, /expected a query argument such as :value but found '\)'/],
    ['status IN (:a :b)', { a: 'x', b: 'y' }, /expected ',' or '\)' but found argument ':b'/],
    ['status IN (:a,)', { a: 'x' }, /expected a query argument such as :value but found '\)'/],
    ['status IS :s', { s: 'x' }, /expected NULL but found argument ':s'/],
    ['status IS NOT', {}, /expected NULL but found end of query/],
    ['status NOT = :s', { s: 'x' }, /expected LIKE, ILIKE or IN after NOT but found '='/],
    ['status = :s; DROP TABLE files', { s: 'x' }, /unexpected character ';' at position 12/],
    ['status = :s -- comment', { s: 'x' }, /literal values are not supported/],
    ['status = :s OR 1=1', { s: 'x' }, /literal values are not supported at position 16/],
    ['()', {}, /expected a field key, NOT or '\(' but found '\)'/],
    ['tags HASANY :t', { t: 'x' }, /expected '\(' but found argument ':t'/],
  ];

  test.each(cases)('%j is refused', (query, params, message) => {
    expectRefused(query, params, message, 'invalid_query');
  });

  test('nesting beyond 50 levels is refused rather than exhausting the stack', () => {
    const deep = `${'('.repeat(51)}status = :s${')'.repeat(51)}`;
    expectRefused(deep, { s: 'x' }, /nested more than 50 levels deep/, 'invalid_query');
    expectRefused(`${'NOT '.repeat(60)}status = :s`, { s: 'x' }, /nested more than 50 levels deep/, 'invalid_query');
    const allowed = `${'('.repeat(50)}status = :s${')'.repeat(50)}`;
    expect(() => compileMetadataQuery(allowed, { s: 'x' }, FIELDS)).not.toThrow();
  });

  test('a long flat chain compiles and evaluates without deep recursion', () => {
    const query = Array.from({ length: 5000 }, (_, i) => `amount = :a${i}`).join(' OR ');
    const params = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`a${i}`, i]));
    const matches = compileMetadataQuery(query, params, FIELDS);
    expect(matches({ amount: 4999 })).toBe(true);
    expect(matches({ amount: 5000 })).toBe(false);
  });
});

describe('unknown field keys', () => {
  const cases: ErrorCase[] = [
    [
      'colour = :c',
      { c: 'red' },
      /^Invalid query: field key 'colour' at position 1 is not a field of the metadata template$/,
    ],
    ['Status = :s', { s: 'x' }, /field key 'Status' at position 1 is not a field/],
    ['status = :s AND sha256 IS NULL', { s: 'x' }, /field key 'sha256' at position 17 is not a field/],
    ['constructor = :c', { c: 'x' }, /field key 'constructor' .* is not a field/],
    ['__proto__ IS NULL', {}, /field key '__proto__' .* is not a field/],
  ];

  test.each(cases)('%j is refused', (query, params, message) => {
    expectRefused(query, params, message, 'invalid_query');
  });
});

describe('arguments missing from query_params', () => {
  const cases: ErrorCase[] = [
    ['status = :s', {}, /^Query argument :s at position 10 has no value in query_params$/],
    ['status = :S', { s: 'x' }, /Query argument :S at position 10 has no value/],
    ['status IN (:a, :b)', { a: 'x' }, /Query argument :b at position 16 has no value/],
    ['status = :constructor', {}, /Query argument :constructor .* has no value/],
    ['name LIKE :toString', {}, /Query argument :toString .* has no value/],
    ['tags HASALL (:t)', {}, /Query argument :t .* has no value/],
  ];

  test.each(cases)('%j is refused with unexpected_json_type', (query, params, message) => {
    expectRefused(query, params, message, 'unexpected_json_type');
  });

  test('absent query_params count as empty', () => {
    const error = compileError('status = :s', undefined);
    expect(error.reason).toBe('unexpected_json_type');
  });
});

describe('arguments of the wrong type for their field', () => {
  const cases: ErrorCase[] = [
    [
      'amount > :v',
      { v: '10' },
      /^Encountered invalid value for template field key=amount field type=float: query argument :v must be a number$/,
    ],
    ['amount > :v', { v: null }, /field type=float: query argument :v must be a number/],
    ['amount > :v', { v: true }, /must be a number/],
    ['amount IN (:a, :b)', { a: 1, b: '2' }, /query argument :b must be a number/],
    ['status = :v', { v: 1 }, /key=status field type=enum: query argument :v must be a string/],
    ['name = :v', { v: ['Alpha'] }, /key=name field type=string: query argument :v must be a string/],
    ['name LIKE :v', { v: { pattern: '%' } }, /must be a string/],
    [
      'recordedFrom > :v',
      { v: 1774747800000 },
      /key=recordedFrom field type=date: query argument :v must be an RFC 3339 date-time/,
    ],
    ['recordedFrom > :v', { v: '2026-03-29' }, /must be an RFC 3339 date-time/],
    ['recordedFrom > :v', { v: '2026-03-29T01:30:00' }, /must be an RFC 3339 date-time/],
    ['recordedFrom > :v', { v: '29/03/2026 01:30' }, /must be an RFC 3339 date-time/],
    ['recordedFrom IN (:v)', { v: '2026-02-30T00:00:00Z' }, /must be an RFC 3339 date-time/],
    ['tags HASANY (:v)', { v: 1 }, /key=tags field type=multiSelect: query argument :v must be a string/],
  ];

  test.each(cases)('%j with %j is refused', (query, params, message) => {
    expectRefused(query, params, message, 'invalid_query');
  });
});

describe('operators a field type does not support', () => {
  const cases: ErrorCase[] = [
    [
      'amount LIKE :v',
      { v: '1%' },
      /^Invalid query: LIKE is not supported for template field key=amount field type=float$/,
    ],
    [
      'recordedFrom ILIKE :v',
      { v: '2026%' },
      /ILIKE is not supported for template field key=recordedFrom field type=date/,
    ],
    [
      'tags LIKE :v',
      { v: '%' },
      /LIKE is not supported for template field key=tags field type=multiSelect; use HASANY or HASALL/,
    ],
    [
      'tags IN (:v)',
      { v: 'day' },
      /IN is not supported for template field key=tags field type=multiSelect; use HASANY or HASALL/,
    ],
    ['tags NOT IN (:v)', { v: 'day' }, /IN is not supported for template field key=tags/],
    ['tags = :v', { v: 'day' }, /operator '=' is not supported for template field key=tags field type=multiSelect/],
    ['status HASANY (:v)', { v: 'received' }, /HASANY is not supported for template field key=status field type=enum$/],
    ['amount HASALL (:v)', { v: 1 }, /HASALL is not supported for template field key=amount field type=float/],
  ];

  test.each(cases)('%j is refused', (query, params, message) => {
    expectRefused(query, params, message, 'invalid_query');
  });

  test('a LIKE pattern ending in a lone backslash is refused', () => {
    expectRefused(
      'name LIKE :p',
      { p: 'abc\\' },
      /LIKE pattern in query argument :p ends with an escape character/,
      'invalid_query',
    );
  });
});

describe('request shapes', () => {
  test('a query that is not a string is refused', () => {
    expect(compileError(42).message).toBe('Invalid query: query must be a string');
  });

  test('query_params that are not an object are refused', () => {
    expect(compileError('status = :s', ['x']).message).toBe('Invalid query: query_params must be an object');
    expect(compileError('status = :s', 'x').message).toBe('Invalid query: query_params must be an object');
  });

  test('errors are raised when compiling, never when evaluating', () => {
    const matches = compileMetadataQuery(
      'amount > :v AND recordedFrom < :t',
      { v: 1, t: '2026-03-29T00:00:00Z' },
      FIELDS,
    );
    const odd = [{}, { amount: 'ten' }, { amount: 5, recordedFrom: 'soon' }, { recordedFrom: 7 }, { amount: NaN }];
    for (const instance of odd) expect(matches(instance)).toBe(false);
  });
});
