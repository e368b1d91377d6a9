import type { BoundNode, Scalar } from './ast';
import type { ComparisonOperator } from './tokenizer';
import type { MetadataInstance } from './types';
import { isNullField, readMultiSelect, readScalar } from './values';

/** SQL's three truth values: a comparison with a null field is neither true nor false. */
type Truth = boolean | null;

/** Orders two values of one field type: numbers numerically, strings by UTF-16 code unit (binary). */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function compare(fieldValue: Scalar, operator: ComparisonOperator, argument: Scalar): boolean {
  const order = compareScalars(fieldValue, argument);
  switch (operator) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}

/**
 * AND and OR in three-valued logic: one operand equal to `decisive` (false for AND, true for OR)
 * settles it; otherwise any unknown operand makes the whole unknown.
 */
function combine(operands: readonly BoundNode[], instance: MetadataInstance, decisive: boolean): Truth {
  let result: Truth = !decisive;
  for (const operand of operands) {
    const truth = evaluate(operand, instance);
    if (truth === decisive) return decisive;
    if (truth === null) result = null;
  }
  return result;
}

/**
 * Evaluates a bound query against one instance with SQL semantics: a predicate on a null field is
 * unknown, NOT unknown stays unknown, and only a true result selects the instance. So
 * `status <> :s` and `NOT status = :s` both leave out instances without a status, as in SQL.
 */
export function evaluate(node: BoundNode, instance: MetadataInstance): Truth {
  switch (node.kind) {
    case 'and':
      return combine(node.operands, instance, false);
    case 'or':
      return combine(node.operands, instance, true);
    case 'not': {
      const truth = evaluate(node.operand, instance);
      return truth === null ? null : !truth;
    }
    case 'isNull':
      return isNullField(instance, node.key, node.type);
    case 'compare': {
      const value = readScalar(instance, node.key, node.type);
      return value === null ? null : compare(value, node.operator, node.value);
    }
    case 'in': {
      const value = readScalar(instance, node.key, node.type);
      return value === null ? null : node.values.has(value);
    }
    case 'like': {
      const value = readScalar(instance, node.key, 'string');
      return value === null ? null : node.pattern.test(value as string);
    }
    case 'has': {
      const selected = readMultiSelect(instance, node.key);
      if (selected === null) return null;
      return node.mode === 'any'
        ? node.values.some((v) => selected.includes(v))
        : node.values.every((v) => selected.includes(v));
    }
  }
}
