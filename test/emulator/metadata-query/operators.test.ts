import { matchingIds } from './fixtures';

type Case = [query: string, params: Record<string, unknown>, expected: string[]];

describe('comparison operators', () => {
  const cases: Case[] = [
    // string: case-sensitive, ordered by code unit; absent and null owners never compare
    ['name = :v', { v: 'Alpha' }, ['a']],
    ['name = :v', { v: 'alpha' }, []],
    ['name <> :v', { v: 'Alpha' }, ['b', 'c', 'd', 'e']],
    ['name < :v', { v: 'G' }, ['a']],
    ['name >= :v', { v: 'beta' }, ['b', 'd']],
    ['name > :v', { v: 'beta' }, ['d']],
    ['name <= :v', { v: 'Alpha' }, ['a']],
    ['owner = :v', { v: 'TfL' }, ['a']],
    ['owner <> :v', { v: 'TfL' }, ['b', 'c']],
    // enum
    ['status = :v', { v: 'received' }, ['a', 'd']],
    ['status <> :v', { v: 'received' }, ['b', 'c', 'e']],
    // float
    ['amount = :v', { v: 10 }, ['a']],
    ['amount = :v', { v: 2.5 }, ['b']],
    ['amount > :v', { v: 10 }, ['d']],
    ['amount >= :v', { v: 10 }, ['a', 'd']],
    ['amount < :v', { v: 0 }, ['c']],
    ['amount <= :v', { v: 0 }, ['c', 'e']],
    ['amount <> :v', { v: 10 }, ['b', 'c', 'd', 'e']],
    ['amount > :v', { v: -0.5 }, ['a', 'b', 'd', 'e']],
    // date: compared as instants, whatever zone either side is written in
    ['recordedFrom = :v', { v: '2026-03-29T02:30:00+01:00' }, ['b', 'e']],
    ['recordedFrom = :v', { v: '2026-03-29T01:30:00Z' }, ['b', 'e']],
    ['recordedFrom = :v', { v: '2026-03-01T05:00:00-05:00' }, ['a']],
    ['recordedFrom <> :v', { v: '2026-03-01T10:00:00Z' }, ['b', 'c', 'e']],
    ['recordedFrom < :v', { v: '2026-03-29T01:00:00Z' }, ['a', 'c']],
    ['recordedFrom < :v', { v: '2026-03-29T03:00:00+02:00' }, ['a', 'c']],
    ['recordedFrom >= :v', { v: '2026-03-29T01:00:00.000Z' }, ['b', 'e']],
    ['recordedFrom > :v', { v: '2026-03-29T00:59:59.998Z' }, ['b', 'c', 'e']],
    ['recordedFrom <= :v', { v: '2026-03-29T00:59:59.999Z' }, ['a', 'c']],
  ];

  test.each(cases)('%s with %j', (query, params, expected) => {
    expect(matchingIds(query, params)).toEqual(expected);
  });
});

describe('AND, OR, NOT, precedence and parentheses', () => {
  const cases: Case[] = [
    ['status = :r AND amount > :z', { r: 'received', z: 5 }, ['a', 'd']],
    ['status = :r OR owner = :o', { r: 'received', o: 'Council' }, ['a', 'b', 'd']],
    ['NOT status = :r', { r: 'received' }, ['b', 'c', 'e']],
    ['NOT (status = :r OR amount < :zero)', { r: 'received', zero: 0 }, ['b', 'e']],
    // AND binds tighter than OR ...
    ['amount < :zero OR status = :r AND amount > :five', { zero: 0, r: 'received', five: 5 }, ['a', 'c', 'd']],
    // ... unless parentheses say otherwise
    ['(amount < :zero OR status = :r) AND amount > :five', { zero: 0, r: 'received', five: 5 }, ['a', 'd']],
    // NOT binds tighter than AND and OR
    ['NOT status = :r AND amount > :zero', { r: 'received', zero: 0 }, ['b']],
    ['NOT amount < :zero OR status = :r', { zero: 0, r: 'received' }, ['a', 'b', 'd', 'e']],
    ['NOT NOT status = :r', { r: 'received' }, ['a', 'd']],
    ['((status = :r))', { r: 'received' }, ['a', 'd']],
    ['status = :r or amount = :zero', { r: 'received', zero: 0 }, ['a', 'd', 'e']],
    ['status = :r And Not amount > :big', { r: 'received', big: 10 }, ['a']],
    ['amount = :x OR amount = :y OR amount = :z', { x: -1, y: 0, z: 99 }, ['c', 'e']],
    ['status=:r AND(amount>:z)', { r: 'received', z: 5 }, ['a', 'd']],
    ['\n\tstatus = :r\r\n', { r: 'received' }, ['a', 'd']],
    ['name = :v AND name = :v', { v: 'beta' }, ['b']],
  ];

  test.each(cases)('%s with %j', (query, params, expected) => {
    expect(matchingIds(query, params)).toEqual(expected);
  });
});

describe('null fields follow SQL three-valued logic', () => {
  const cases: Case[] = [
    ['owner IS NULL', {}, ['d', 'e']],
    ['owner IS NOT NULL', {}, ['a', 'b', 'c']],
    ['owner is not null', {}, ['a', 'b', 'c']],
    ['NOT owner IS NULL', {}, ['a', 'b', 'c']],
    ['recordedFrom IS NULL', {}, ['d']],
    ['amount IS NULL', {}, []],
    ['tags IS NULL', {}, ['c', 'd']],
    ['tags IS NOT NULL', {}, ['a', 'b', 'e']],
    // unknown is not true, and NOT unknown is still unknown
    ['NOT owner = :o', { o: 'TfL' }, ['b', 'c']],
    ['owner = :o OR status = :s', { o: 'TfL', s: 'not_relevant' }, ['a', 'e']],
    ['owner <> :o AND status = :s', { o: 'TfL', s: 'not_relevant' }, []],
    // unknown AND false is false, so its negation is true ...
    ['NOT (owner = :o AND amount > :big)', { o: 'TfL', big: 100 }, ['a', 'b', 'c', 'd', 'e']],
    // ... while unknown OR false stays unknown
    ['NOT (owner = :o OR amount > :big)', { o: 'TfL', big: 100 }, ['b', 'c']],
  ];

  test.each(cases)('%s with %j', (query, params, expected) => {
    expect(matchingIds(query, params)).toEqual(expected);
  });
});

describe('IN and NOT IN', () => {
  const cases: Case[] = [
    ['status IN (:r, :v)', { r: 'received', v: 'reviewed' }, ['a', 'b', 'd']],
    ['status NOT IN (:r, :v)', { r: 'received', v: 'reviewed' }, ['c', 'e']],
    ['status IN (:r, :r)', { r: 'received' }, ['a', 'd']],
    ['status in (:r)', { r: 'evidential' }, ['c']],
    ['amount IN (:ten, :half)', { ten: 10, half: 2.5 }, ['a', 'b']],
    ['recordedFrom IN (:t)', { t: '2026-03-29T02:30:00+01:00' }, ['b', 'e']],
    ['owner NOT IN (:o)', { o: 'TfL' }, ['b', 'c']],
    ['name IN (:x,:y)', { x: 'beta', y: 'Beta' }, ['b']],
  ];

  test.each(cases)('%s with %j', (query, params, expected) => {
    expect(matchingIds(query, params)).toEqual(expected);
  });
});

describe('LIKE, ILIKE and their negations', () => {
  const cases: Case[] = [
    ['name LIKE :p', { p: 'A%' }, ['a']],
    ['name LIKE :p', { p: 'a%' }, []],
    ['name ILIKE :p', { p: 'a%' }, ['a']],
    ['name LIKE :p', { p: '%a' }, ['a', 'b']],
    ['name LIKE :p', { p: '_eta' }, ['b']],
    ['name LIKE :p', { p: '____' }, ['b']],
    ['name LIKE :p', { p: '%20\\%' }, ['c']],
    ['name LIKE :p', { p: 'delta\\_1' }, ['d']],
    ['name LIKE :p', { p: 'Gamma 20%' }, ['c']],
    ['name LIKE :p', { p: '.*' }, []],
    ['name LIKE :p', { p: "O'%" }, ['e']],
    ['name NOT LIKE :p', { p: '%a%' }, ['e']],
    ['name NOT ILIKE :p', { p: '%A%' }, ['e']],
    ['owner LIKE :p', { p: '%' }, ['a', 'b', 'c']],
    ['owner NOT LIKE :p', { p: '%' }, []],
    ['owner ILIKE :p', { p: 'tfl%' }, ['a', 'c']],
    ['status LIKE :p', { p: 'rec%' }, ['a', 'd']],
    ['status ilike :p', { p: '%RE%' }, ['a', 'b', 'd', 'e']],
  ];

  test.each(cases)('%s with %j', (query, params, expected) => {
    expect(matchingIds(query, params)).toEqual(expected);
  });
});

describe('HASANY and HASALL on multiSelect fields', () => {
  const cases: Case[] = [
    ['tags HASANY (:t)', { t: 'street' }, ['a', 'e']],
    ['tags HASANY (:t, :u)', { t: 'street', u: 'day' }, ['a', 'b', 'e']],
    ['tags HASALL (:t, :u)', { t: 'night', u: 'street' }, ['a']],
    ['tags HASALL (:t)', { t: 'street' }, ['a', 'e']],
    ['tags hasany (:t)', { t: 'STREET' }, []],
    ['NOT tags HASANY (:t)', { t: 'street' }, ['b']],
  ];

  test.each(cases)('%s with %j', (query, params, expected) => {
    expect(matchingIds(query, params)).toEqual(expected);
  });
});

describe('no query', () => {
  test.each([undefined, '', '   \n'])('%j matches every instance', (query) => {
    expect(matchingIds(query)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
