/**
 * JSON Patch over flat metadata instances: each operation applied in order, and tests that hold.
 */

import { BoxApiError } from '../../src/emulator/errors';
import { applyJsonPatch } from '../../src/emulator/json-patch';

describe('applyJsonPatch', () => {
  const values = { a: 'x', b: 1 };

  it('applies add, replace, remove, copy and move in order without touching the input', () => {
    const result = applyJsonPatch(values, [
      { op: 'add', path: '/c', value: 'new' },
      { op: 'replace', path: '/a', value: 'y' },
      { op: 'copy', from: '/a', path: '/d' },
      { op: 'move', from: '/b', path: '/e' },
      { op: 'remove', path: '/c' },
    ]);
    expect(result).toEqual({ a: 'y', d: 'y', e: 1 });
    expect(values).toEqual({ a: 'x', b: 1 });
  });

  it.each([
    [[{ op: 'replace', path: '/missing', value: 1 }], 400],
    [[{ op: 'remove', path: '/missing' }], 400],
    [[{ op: 'add', path: 'a', value: 1 }], 400],
    [[{ op: 'add', path: '/a/b', value: 1 }], 400],
    [[{ op: 'frobnicate', path: '/a' }], 400],
    [[{ op: 'test', path: '/a', value: 'other' }], 409],
  ])('refuses %j with %i', (operations, status) => {
    let caught: unknown;
    try {
      applyJsonPatch(values, operations);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BoxApiError);
    expect((caught as BoxApiError).status).toBe(status);
  });

  it('passes a test that holds, comparing arrays by value', () => {
    expect(applyJsonPatch({ tags: ['a', 'b'] }, [{ op: 'test', path: '/tags', value: ['a', 'b'] }])).toEqual({
      tags: ['a', 'b'],
    });
  });
});
