import { parseQuery } from '../../../src/emulator/metadata-query/parser';
import { tokenize } from '../../../src/emulator/metadata-query/tokenizer';

describe('tokenize', () => {
  test('reads operators longest first and keywords in any case', () => {
    const tokens = tokenize('a<=:x or b<>:y AnD c>=:z');
    expect(tokens.map((t) => t.kind)).toEqual([
      'field',
      'operator',
      'param',
      'keyword',
      'field',
      'operator',
      'param',
      'keyword',
      'field',
      'operator',
      'param',
      'end',
    ]);
    expect(tokens.filter((t) => t.kind === 'operator').map((t) => (t.kind === 'operator' ? t.operator : ''))).toEqual([
      '<=',
      '<>',
      '>=',
    ]);
    expect(tokens.filter((t) => t.kind === 'keyword').map((t) => (t.kind === 'keyword' ? t.keyword : ''))).toEqual([
      'OR',
      'AND',
    ]);
  });

  test('positions are 1-based character positions', () => {
    expect(tokenize('  name = :v').map((t) => t.position)).toEqual([3, 8, 10, 12]);
  });
});

describe('parseQuery', () => {
  const field = (name: string, position: number) => ({ name, position });

  test('AND binds tighter than OR and chains are flat', () => {
    const tree = parseQuery('a = :x OR b = :y AND c = :z OR d IS NULL');
    expect(tree.kind).toBe('or');
    if (tree.kind !== 'or') return;
    expect(tree.operands.map((node) => node.kind)).toEqual(['compare', 'and', 'isNull']);
  });

  test('negated forms become NOT around the positive form', () => {
    expect(parseQuery('a NOT LIKE :p')).toEqual({
      kind: 'not',
      operand: { kind: 'like', field: field('a', 1), param: field('p', 12), caseInsensitive: false },
    });
    expect(parseQuery('a NOT ILIKE :p')).toMatchObject({
      kind: 'not',
      operand: { kind: 'like', caseInsensitive: true },
    });
    expect(parseQuery('a NOT IN (:p, :q)')).toMatchObject({
      kind: 'not',
      operand: { kind: 'in', params: [{ name: 'p' }, { name: 'q' }] },
    });
    expect(parseQuery('a IS NOT NULL')).toEqual({ kind: 'not', operand: { kind: 'isNull', field: field('a', 1) } });
  });

  test('NOT applies to the nearest predicate only', () => {
    const tree = parseQuery('NOT a = :x AND b = :y');
    expect(tree).toMatchObject({ kind: 'and', operands: [{ kind: 'not' }, { kind: 'compare' }] });
  });
});
