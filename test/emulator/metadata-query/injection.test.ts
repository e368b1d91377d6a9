import { compileMetadataQuery } from '../../../src/emulator/metadata-query';
import { FIELDS } from './fixtures';

/** Names that look like query syntax, each held by exactly one instance. */
const HOSTILE_NAMES = [
  "' OR 1=1",
  '%',
  '_',
  ':q',
  "x') OR (name IS NOT NULL",
  'Alpha OR 1=1',
  'a\\%',
  '1; DROP TABLE files',
];
const INSTANCES = [...HOSTILE_NAMES, 'Alpha', 'plain'].map((name) => ({ name, status: 'received' }));

function namesMatching(query: string, params: Record<string, unknown>): string[] {
  const matches = compileMetadataQuery(query, params, FIELDS);
  return INSTANCES.filter(matches).map((instance) => instance.name);
}

describe('argument values are data, never query syntax', () => {
  test.each(HOSTILE_NAMES)('= with %j matches only the instance with that exact name', (value) => {
    expect(namesMatching('name = :q', { q: value })).toEqual([value]);
  });

  test.each(HOSTILE_NAMES)('<> with %j leaves out only that instance', (value) => {
    expect(namesMatching('name <> :q', { q: value })).toEqual(INSTANCES.map((i) => i.name).filter((n) => n !== value));
  });

  test.each(HOSTILE_NAMES)('IN with %j matches only that instance', (value) => {
    expect(namesMatching('name IN (:q, :r)', { q: value, r: 'not there' })).toEqual([value]);
  });

  test('an argument cannot widen a query joined by AND', () => {
    expect(namesMatching('status = :s AND name = :q', { s: 'received', q: "' OR 1=1" })).toEqual(["' OR 1=1"]);
    expect(namesMatching('status = :s AND name = :q', { s: "received' OR '1'='1", q: 'Alpha' })).toEqual([]);
  });

  test('in LIKE, % and _ are wildcards by Box design, and escaped they are literal', () => {
    expect(namesMatching('name LIKE :q', { q: '%' })).toHaveLength(INSTANCES.length);
    expect(namesMatching('name LIKE :q', { q: '\\%' })).toEqual(['%']);
    expect(namesMatching('name LIKE :q', { q: '\\_' })).toEqual(['_']);
    expect(namesMatching('name LIKE :q', { q: 'a\\\\\\%' })).toEqual(['a\\%']);
    expect(namesMatching('name ILIKE :q', { q: '%or 1=1' })).toEqual(["' OR 1=1", 'Alpha OR 1=1']);
    expect(namesMatching('name ILIKE :q', { q: "%' or 1=1" })).toEqual(["' OR 1=1"]);
  });

  test('a value naming another argument is not substituted', () => {
    expect(namesMatching('name = :q', { q: ':r', r: 'Alpha' })).toEqual([]);
    expect(namesMatching('name = :q', { q: ':q' })).toEqual([':q']);
  });

  test('a 5,000-character value is just a long string', () => {
    const long = "' OR 1=1 ".repeat(556).slice(0, 5000);
    expect(namesMatching('name = :q', { q: long })).toEqual([]);
    expect(namesMatching('name LIKE :q', { q: `${long}%` })).toEqual([]);
  });

  test('arguments the query does not use are ignored', () => {
    expect(namesMatching('name = :q', { q: 'Alpha', unused: "' OR 1=1", other: 42 })).toEqual(['Alpha']);
  });
});
