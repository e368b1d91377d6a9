import { likePatternToRegExp } from '../../../src/emulator/metadata-query/like';

describe('likePatternToRegExp', () => {
  const cases: Array<[pattern: string, text: string, caseInsensitive: boolean, matches: boolean]> = [
    ['%', '', false, true],
    ['%', 'anything at all', false, true],
    ['%', 'line one\nline two', false, true],
    ['_', '', false, false],
    ['_', 'x', false, true],
    ['_', '😀', false, true],
    ['__', 'xyz', false, false],
    ['%Contract', 'Sales Contract', false, true],
    ['%Contract', 'Contract (Sales)', false, false],
    ['Bo_', 'Box', false, true],
    ['Bo_', 'Bots', false, false],
    ['Box% (____)', 'Box Contract (2020)', false, true],
    ['20\\%', '20%', false, true],
    ['20\\%', '201', false, false],
    ['a\\_b', 'a_b', false, true],
    ['a\\_b', 'axb', false, false],
    ['a\\\\b', 'a\\b', false, true],
    ['a\\b', 'ab', false, true],
    ['a.c', 'abc', false, false],
    ['a.c', 'a.c', false, true],
    ['(x)+[y]', '(x)+[y]', false, true],
    ['^$|', '^$|', false, true],
    ['A%', 'abc', false, false],
    ['A%', 'abc', true, true],
    ['STRASSE', 'strasse', true, true],
    ['abc', 'abcd', false, false],
    ['bcd', 'abcd', false, false],
  ];

  test.each(cases)('%j against %j (ILIKE: %s) is %s', (pattern, text, caseInsensitive, matches) => {
    const regex = likePatternToRegExp(pattern, caseInsensitive);
    expect(regex).not.toBeNull();
    expect(regex?.test(text)).toBe(matches);
  });

  test('every printable ASCII character but the wildcards and the escape matches only itself', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter(
      (c) => !'%_\\'.includes(c),
    );
    for (const char of printable) {
      const regex = likePatternToRegExp(`x${char}y`, false);
      expect([char, regex?.test(`x${char}y`), regex?.test('xzy')]).toEqual([char, true, char === 'z']);
    }
  });

  test('a pattern ending in a lone escape character is refused', () => {
    expect(likePatternToRegExp('abc\\', false)).toBeNull();
    expect(likePatternToRegExp('abc\\\\', false)).not.toBeNull();
  });
});
