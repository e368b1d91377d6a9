import { canonicalJson } from '../../src/audit';

describe('canonicalJson', () => {
  it('writes objects with sorted keys at every depth and no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text for the same value whatever the key order', () => {
    expect(canonicalJson({ actor: 'a', details: { x: 1, y: 2 } })).toBe(
      canonicalJson({ details: { y: 2, x: 1 }, actor: 'a' }),
    );
  });

  it('escapes strings and writes numbers as JSON does', () => {
    expect(canonicalJson(['é "quoted" \n', 1e21, 0.1, -0])).toBe('["é \\"quoted\\" \\n",1e+21,0.1,0]');
  });

  it('refuses values JSON would silently change', () => {
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(/not representable/);
    expect(() => canonicalJson({ gone: undefined } as never)).toThrow(/undefined/);
  });
});
