import type { BoundNode, QueryNode, Ref, Scalar, ScalarFieldType } from './ast';
import { MetadataQueryError } from './errors';
import { likePatternToRegExp } from './like';
import { ownValue, type FieldType, type FieldTypes } from './types';
import { parseInstant } from './values';

/**
 * Checks a parsed query against the template's fields and binds each argument from query_params,
 * converted to the form the evaluator compares (dates become epoch milliseconds, LIKE patterns
 * regular expressions). Everything Box refuses with 400 is refused here, before any instance is
 * looked at, so evaluation itself never fails.
 */
export class Binder {
  constructor(
    private readonly params: Record<string, unknown>,
    private readonly fields: FieldTypes,
  ) {}

  bind(node: QueryNode): BoundNode {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { kind: node.kind, operands: node.operands.map((operand) => this.bind(operand)) };
      case 'not':
        return { kind: 'not', operand: this.bind(node.operand) };
      case 'isNull':
        return { kind: 'isNull', key: node.field.name, type: this.fieldType(node.field) };
      case 'compare': {
        const type = this.scalarField(node.field, `operator '${node.operator}'`);
        return {
          kind: 'compare',
          key: node.field.name,
          type,
          operator: node.operator,
          value: this.scalarArg(node.param, node.field, type),
        };
      }
      case 'in': {
        const type = this.scalarField(node.field, 'IN');
        const values = new Set(node.params.map((param) => this.scalarArg(param, node.field, type)));
        return { kind: 'in', key: node.field.name, type, values };
      }
      case 'like':
        return this.bindLike(node.field, node.param, node.caseInsensitive);
      case 'has':
        return this.bindHas(node.field, node.mode, node.params);
    }
  }

  private bindLike(field: Ref, param: Ref, caseInsensitive: boolean): BoundNode {
    const operator = caseInsensitive ? 'ILIKE' : 'LIKE';
    const type = this.fieldType(field);
    if (type !== 'string' && type !== 'enum') throw this.unsupported(operator, field, type);
    const pattern = likePatternToRegExp(this.stringArg(param, field, type), caseInsensitive);
    if (pattern === null) {
      throw new MetadataQueryError(
        `Invalid query: the ${operator} pattern in query argument :${param.name} ends with an escape character '\\'`,
      );
    }
    return { kind: 'like', key: field.name, pattern };
  }

  private bindHas(field: Ref, mode: 'any' | 'all', params: Ref[]): BoundNode {
    const type = this.fieldType(field);
    if (type !== 'multiSelect') throw this.unsupported(mode === 'any' ? 'HASANY' : 'HASALL', field, type);
    return { kind: 'has', key: field.name, mode, values: params.map((param) => this.stringArg(param, field, type)) };
  }

  private fieldType(field: Ref): FieldType {
    const type = ownValue(this.fields, field.name);
    if (type === undefined) {
      throw new MetadataQueryError(
        `Invalid query: field key '${field.name}' at position ${field.position} is not a field of the metadata template`,
      );
    }
    return type;
  }

  private scalarField(field: Ref, operator: string): ScalarFieldType {
    const type = this.fieldType(field);
    if (type === 'multiSelect') throw this.unsupported(operator, field, type);
    return type;
  }

  private unsupported(operator: string, field: Ref, type: FieldType): MetadataQueryError {
    const hint = type === 'multiSelect' ? '; use HASANY or HASALL' : '';
    return new MetadataQueryError(
      `Invalid query: ${operator} is not supported for template field key=${field.name} field type=${type}${hint}`,
    );
  }

  private arg(param: Ref): unknown {
    const value = ownValue(this.params, param.name);
    if (value === undefined) {
      throw new MetadataQueryError(
        `Query argument :${param.name} at position ${param.position} has no value in query_params`,
        'unexpected_json_type',
      );
    }
    return value;
  }

  private scalarArg(param: Ref, field: Ref, type: ScalarFieldType): Scalar {
    if (type === 'float') {
      const value = this.arg(param);
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw this.wrongType(param, field, type, 'a number');
    }
    if (type === 'date') {
      const value = this.arg(param);
      const instant = typeof value === 'string' ? parseInstant(value) : null;
      if (instant !== null) return instant;
      throw this.wrongType(
        param,
        field,
        type,
        'an RFC 3339 date-time string with a zone, such as 2026-03-29T01:30:00Z',
      );
    }
    return this.stringArg(param, field, type);
  }

  private stringArg(param: Ref, field: Ref, type: FieldType): string {
    const value = this.arg(param);
    if (typeof value === 'string') return value;
    throw this.wrongType(param, field, type, 'a string');
  }

  private wrongType(param: Ref, field: Ref, type: FieldType, expected: string): MetadataQueryError {
    return new MetadataQueryError(
      `Encountered invalid value for template field key=${field.name} field type=${type}: query argument :${param.name} must be ${expected}`,
    );
  }
}
