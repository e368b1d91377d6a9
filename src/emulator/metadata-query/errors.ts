/**
 * Why a metadata query was refused. Box documents these two as the 400 error codes of
 * POST /metadata_queries/execute_read: `unexpected_json_type` when an argument named in the query is
 * missing from query_params, `invalid_query` for everything else wrong with the query. The OpenAPI
 * ClientError schema only lists `bad_request` as a code, so the emulator may report the reason
 * wherever it sees fit (for example in `context_info`).
 */
export type MetadataQueryErrorReason = 'invalid_query' | 'unexpected_json_type';

/** A query, its arguments or its order_by that Box would answer with 400 Bad Request. */
export class MetadataQueryError extends Error {
  readonly reason: MetadataQueryErrorReason;

  constructor(message: string, reason: MetadataQueryErrorReason = 'invalid_query') {
    super(message);
    this.name = 'MetadataQueryError';
    this.reason = reason;
  }
}
