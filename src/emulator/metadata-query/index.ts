/**
 * Box metadata query language for the local Box emulator: the `query`, `query_params` and
 * `order_by` of POST /2.0/metadata_queries/execute_read, with the semantics Box documents
 * (developer.box.com, guides/metadata/queries/syntax). Compile once per request, then evaluate
 * each instance without parsing again.
 */
import { Binder } from './binder';
import { MetadataQueryError } from './errors';
import { evaluate } from './evaluator';
import { parseQuery } from './parser';
import type { FieldTypes, MetadataInstance } from './types';

export { MetadataQueryError, type MetadataQueryErrorReason } from './errors';
export { compareByOrder, type OrderBy } from './order';
export type { FieldType, FieldTypes, MetadataInstance } from './types';

/**
 * Compiles a query against the template's field types and the request's query_params. An empty
 * or absent query matches every instance. Throws MetadataQueryError for anything Box answers with
 * 400: a syntax error, an unknown field key, an argument missing from query_params, an argument
 * of the wrong type for its field, or an operator the field type does not support.
 */
export function compileMetadataQuery(
  query: string | undefined,
  params: Record<string, unknown>,
  fields: FieldTypes,
): (instance: MetadataInstance) => boolean {
  // The emulator hands over the request body as parsed JSON, so its types are checked here too.
  if (query !== undefined && query !== null && typeof query !== 'string')
    throw new MetadataQueryError('Invalid query: query must be a string');
  const args = params ?? {};
  if (typeof args !== 'object' || Array.isArray(args))
    throw new MetadataQueryError('Invalid query: query_params must be an object');
  if (query === undefined || query === null || query.trim() === '') return () => true;
  const bound = new Binder(args, fields).bind(parseQuery(query));
  return (instance) => evaluate(bound, instance) === true;
}

/** A field that must equal one of these values for any instance to match (from a top-level AND). */
export interface RequiredValues {
  key: string;
  values: readonly string[];
}

/** A float or date field (dates as epoch ms) that must lie within bounds for any instance to match. */
export interface RequiredRange {
  key: string;
  type: 'float' | 'date';
  operator: '<' | '<=' | '>' | '>=';
  value: number;
}

/**
 * Like compileMetadataQuery, and also says which fields the query pins (alone or ANDed at the top):
 * string or enum fields to a few values (`f = :x`, `f IN (...)`), float or date fields to a range
 * (`f < :x`, `f >= :y`...), so an index can look those up instead of testing every instance. The
 * matcher is still applied to every candidate.
 */
export function planMetadataQuery(
  query: string | undefined,
  params: Record<string, unknown>,
  fields: FieldTypes,
): { matches: (instance: MetadataInstance) => boolean; required: RequiredValues[]; ranges: RequiredRange[] } {
  const matches = compileMetadataQuery(query, params, fields);
  const ranges: RequiredRange[] = [];
  if (query === undefined || query === null || query.trim() === '') return { matches, required: [], ranges };
  const bound = new Binder(params ?? {}, fields).bind(parseQuery(query));
  const conjuncts = bound.kind === 'and' ? bound.operands : [bound];
  const required: RequiredValues[] = [];
  for (const node of conjuncts) {
    if (
      node.kind === 'compare' &&
      node.operator === '=' &&
      (node.type === 'string' || node.type === 'enum') &&
      typeof node.value === 'string'
    ) {
      required.push({ key: node.key, values: [node.value] });
    } else if (node.kind === 'in' && (node.type === 'string' || node.type === 'enum')) {
      required.push({
        key: node.key,
        values: [...node.values].filter((value): value is string => typeof value === 'string'),
      });
    } else if (
      node.kind === 'compare' &&
      (node.type === 'float' || node.type === 'date') &&
      typeof node.value === 'number' &&
      (node.operator === '<' || node.operator === '<=' || node.operator === '>' || node.operator === '>=')
    ) {
      ranges.push({ key: node.key, type: node.type, operator: node.operator, value: node.value });
    }
  }
  return { matches, required, ranges };
}
