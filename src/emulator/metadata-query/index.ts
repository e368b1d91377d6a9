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
  if (query !== undefined && query !== null && typeof query !== 'string') throw new MetadataQueryError('Invalid query: query must be a string');
  const args = params ?? {};
  if (typeof args !== 'object' || Array.isArray(args)) throw new MetadataQueryError('Invalid query: query_params must be an object');
  if (query === undefined || query === null || query.trim() === '') return () => true;
  const bound = new Binder(args, fields).bind(parseQuery(query));
  return (instance) => evaluate(bound, instance) === true;
}
