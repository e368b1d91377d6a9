/**
 * RFC 6902 JSON Patch over a metadata instance, which is flat: every path is `/<fieldKey>`. All
 * operations apply or none do (the caller works on a copy). A failed `test` is a conflict.
 */

import { isDeepStrictEqual } from 'node:util';
import { badRequest, conflict } from './errors';
import { isObject } from './http';

type Values = Record<string, unknown>;

function key(path: unknown): string {
  if (typeof path !== 'string' || !/^\/[^/]+$/.test(path))
    throw badRequest(`Invalid JSON Patch path '${String(path)}'; metadata paths are /<fieldKey>`);
  return path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
}

function requireKey(values: Values, name: string, op: string): void {
  if (!(name in values)) throw badRequest(`JSON Patch '${op}' on '/${name}', which the instance does not have`);
}

export function applyJsonPatch(input: Values, operations: unknown[]): Values {
  const values: Values = { ...input };
  for (const operation of operations) {
    if (!isObject(operation)) throw badRequest('Each JSON Patch operation must be an object');
    const { op } = operation;
    const target = key(operation.path);
    switch (op) {
      case 'add':
        if (!('value' in operation)) throw badRequest("JSON Patch 'add' needs a value");
        values[target] = operation.value;
        break;
      case 'replace':
        requireKey(values, target, op);
        if (!('value' in operation)) throw badRequest("JSON Patch 'replace' needs a value");
        values[target] = operation.value;
        break;
      case 'remove':
        requireKey(values, target, op);
        delete values[target];
        break;
      case 'test':
        if (!isDeepStrictEqual(values[target], operation.value))
          throw conflict('conflict', `JSON Patch test failed: '/${target}' does not hold the given value`);
        break;
      case 'move':
      case 'copy': {
        const from = key(operation.from);
        requireKey(values, from, op);
        values[target] = values[from];
        if (op === 'move') delete values[from];
        break;
      }
      default:
        throw badRequest(`Unknown JSON Patch operation '${String(op)}'`);
    }
  }
  return values;
}
