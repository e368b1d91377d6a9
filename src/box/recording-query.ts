import { InvalidInputError } from '../footage/errors';
import type { RecordingSearch } from '../footage/search';
import { OWNER_TYPES, RECORDING_STATUSES, TEMPLATE_FIELDS, TEMPLATE_KEY } from './recording-template';

/** The body of POST /2.0/metadata_queries/execute_read, in the SDK's (camel-case) field names. */
export interface RecordingQuery {
  from: string;
  query?: string;
  queryParams: Record<string, string | number>;
  ancestorFolderId: string;
  orderBy: Array<{ fieldKey: string; direction: 'DESC' }>;
  limit: number;
  marker?: string;
  fields: string[];
}

/** Box refuses larger pages. */
export const MAX_PAGE_SIZE = 100;
/** Keeps the query well inside Box's size limits; the domain never needs this many. */
const MAX_VALUES_PER_FILTER = 100;

/**
 * Turns a structured search into one metadata query. The query text is made ONLY of the fixed
 * fragments below and generated parameter names (`:cameraId0`...); every value, whatever a person
 * typed, travels in query_params, so no input can change the query's meaning.
 *
 * Returns null when a filter lists no values at all (e.g. no camera near the place): such a search
 * matches nothing and needs no Box call.
 */
export function buildRecordingQuery(
  search: RecordingSearch,
  target: { enterpriseId: string; ancestorFolderId: string },
): RecordingQuery | null {
  if (!Number.isInteger(search.limit) || search.limit < 1 || search.limit > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`A page holds 1 to ${MAX_PAGE_SIZE} recordings (asked for ${search.limit}).`);
  }
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};

  if (search.window) {
    const { start, end } = search.window;
    if (!isValidDate(start) || !isValidDate(end) || end.getTime() <= start.getTime()) {
      throw new InvalidInputError('The time window must end after it starts.');
    }
    // Overlap: the recording starts before the window ends and ends after it starts.
    clauses.push('recordedFrom < :windowEnd', 'recordedTo > :windowStart');
    params.windowEnd = end.toISOString();
    params.windowStart = start.toISOString();
  }
  if (search.bbox) {
    const box = search.bbox;
    const values = [box.minLatitude, box.maxLatitude, box.minLongitude, box.maxLongitude];
    if (!values.every(Number.isFinite) || box.minLatitude > box.maxLatitude || box.minLongitude > box.maxLongitude) {
      throw new InvalidInputError('The search area is not a valid latitude/longitude box.');
    }
    clauses.push(
      'latitude >= :minLatitude',
      'latitude <= :maxLatitude',
      'longitude >= :minLongitude',
      'longitude <= :maxLongitude',
    );
    Object.assign(params, {
      minLatitude: box.minLatitude,
      maxLatitude: box.maxLatitude,
      minLongitude: box.minLongitude,
      maxLongitude: box.maxLongitude,
    });
  }
  const lists: Array<[field: string, values: readonly string[] | undefined, allowed?: readonly string[]]> = [
    ['cameraId', search.cameraIds],
    ['borough', search.boroughs],
    ['ownerType', search.ownerTypes, OWNER_TYPES],
    ['status', search.statuses, RECORDING_STATUSES],
  ];
  for (const [field, values, allowed] of lists) {
    if (values === undefined) continue;
    if (values.length === 0) return null;
    if (values.length > MAX_VALUES_PER_FILTER)
      throw new InvalidInputError(`Too many values for ${field} (at most ${MAX_VALUES_PER_FILTER}).`);
    const unknown = allowed ? values.find((value) => !allowed.includes(value)) : undefined;
    if (unknown !== undefined) throw new InvalidInputError(`Unknown ${field}: ${unknown}`);
    const names = values.map((value, index) => {
      params[`${field}${index}`] = value;
      return `:${field}${index}`;
    });
    clauses.push(`${field} IN (${names.join(', ')})`);
  }
  if (search.caseReference !== undefined) {
    clauses.push('caseReference = :caseReference');
    params.caseReference = search.caseReference;
  }

  const scope = `enterprise_${target.enterpriseId}`;
  return {
    from: `${scope}.${TEMPLATE_KEY}`,
    ...(clauses.length > 0 ? { query: clauses.join(' AND ') } : {}),
    queryParams: params,
    ancestorFolderId: target.ancestorFolderId,
    // Newest first; footageId breaks ties so that paging is a total order (Box wants one direction).
    orderBy: [
      { fieldKey: 'recordedFrom', direction: 'DESC' },
      { fieldKey: 'footageId', direction: 'DESC' },
    ],
    limit: search.limit,
    ...(search.marker !== undefined ? { marker: search.marker } : {}),
    fields: ['name', ...TEMPLATE_FIELDS.map((field) => `metadata.${scope}.${TEMPLATE_KEY}.${field.key}`)],
  };
}

function isValidDate(date: Date): boolean {
  return date instanceof Date && !Number.isNaN(date.getTime());
}
