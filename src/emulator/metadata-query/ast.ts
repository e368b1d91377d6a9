import type { ComparisonOperator } from './tokenizer';
import type { FieldType } from './types';

/** Every field type but multiSelect holds one value. */
export type ScalarFieldType = Exclude<FieldType, 'multiSelect'>;

/** A field key or an argument as written in the query, with where it was written. */
export interface Ref {
  name: string;
  position: number;
}

/**
 * The parsed query, before it is checked against the template. Negated forms (NOT LIKE, NOT IN,
 * IS NOT NULL) are parsed into a `not` around the positive form: in SQL's three-valued logic they
 * mean exactly that.
 */
export type QueryNode =
  | { kind: 'and' | 'or'; operands: QueryNode[] }
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'compare'; field: Ref; operator: ComparisonOperator; param: Ref }
  | { kind: 'like'; field: Ref; param: Ref; caseInsensitive: boolean }
  | { kind: 'in'; field: Ref; params: Ref[] }
  | { kind: 'isNull'; field: Ref }
  | { kind: 'has'; field: Ref; mode: 'any' | 'all'; params: Ref[] };

/** A checked value: strings for string/enum fields, numbers for float fields and for dates (epoch ms). */
export type Scalar = string | number;

/** The query after it was checked against the template and its arguments bound: ready to evaluate. */
export type BoundNode =
  | { kind: 'and' | 'or'; operands: BoundNode[] }
  | { kind: 'not'; operand: BoundNode }
  | { kind: 'compare'; key: string; type: ScalarFieldType; operator: ComparisonOperator; value: Scalar }
  | { kind: 'like'; key: string; pattern: RegExp }
  | { kind: 'in'; key: string; type: ScalarFieldType; values: ReadonlySet<Scalar> }
  | { kind: 'isNull'; key: string; type: FieldType }
  | { kind: 'has'; key: string; mode: 'any' | 'all'; values: readonly string[] };
