import { capabilitiesOf } from '../access';
import type { Caller, Services } from '../context';
import { badRequest, BoxApiError } from '../errors';
import { isObject, json, jsonBody } from '../http';
import { loadVisible, parseItemId } from '../items';
import {
  compareByOrder,
  MetadataQueryError,
  planMetadataQuery,
  type FieldTypes,
  type OrderBy,
  type RequiredRange,
  type RequiredValues,
} from '../metadata-query';
import type { IndexedInstance, KeysetPosition } from '../metadata-query/sorted-index';
import type { Route } from '../router';
import { chain, getItem, ROOT_ID, type ItemRow } from '../state/items';
import {
  getTemplate,
  instanceIndex,
  isCurrentInstance,
  type MetadataInstance,
  type MetadataTemplate,
} from '../state/metadata';
import { itemView, type KnownRows } from '../views/items';

/**
 * POST /2.0/metadata_queries/execute_read: items under ancestor_folder_id that the caller can see
 * and whose instance of the template matches the query, in order_by order, a page at a time. The
 * query language itself lives in ../metadata-query; the sorted index that keeps a query on a hundred
 * thousand instances fast is ../metadata-query/sorted-index.
 */
const MAX_LIMIT = 100;

function parseFrom(from: unknown, services: Services): MetadataTemplate {
  const match =
    typeof from === 'string' ? /^(enterprise(?:_\d+)?|global)\.([A-Za-z_][-A-Za-z0-9_]*)$/.exec(from) : null;
  if (!match)
    throw badRequest(
      `Invalid value '${String(from)}' for 'from'; expected <scope>.<templateKey> such as ${services.enterpriseScope}.cctvFootage`,
    );
  const scope = match[1] === 'enterprise' ? services.enterpriseScope : match[1];
  const template = getTemplate(services.db, scope, match[2]);
  if (!template) throw new BoxApiError(404, 'not_found', `Template not found: ${String(from)}`);
  return template;
}

function parseLimit(raw: unknown): number {
  if (raw === undefined) return MAX_LIMIT;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_LIMIT)
    throw badRequest(`Invalid value '${String(raw)}' for 'limit'; it must be 1 to ${MAX_LIMIT}`);
  return raw;
}

/**
 * Markers are opaque to clients; here they carry the last answered entry's order_by values and item
 * id, so the next page starts right after it even if instances were added or removed meanwhile.
 */
function parseMarker(raw: unknown, orderKeys: readonly string[]): KeysetPosition | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const refuse = (): never => {
    throw badRequest(`Invalid value '${String(raw)}' for 'marker'`, undefined, 'invalid_marker');
  };
  if (typeof raw !== 'string') return refuse();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (
    !isObject(decoded) ||
    !Number.isInteger(decoded.i) ||
    !Array.isArray(decoded.v) ||
    decoded.v.length !== orderKeys.length
  )
    return refuse();
  const values = decoded.v as unknown[];
  if (!values.every((value) => value === null || typeof value === 'string' || typeof value === 'number'))
    return refuse();
  return {
    itemId: decoded.i as number,
    values: Object.fromEntries(
      orderKeys.map((key, index) => [key, values[index]]).filter(([, value]) => value !== null),
    ),
  };
}

function markerAfter(entry: IndexedInstance, orderKeys: readonly string[]): string {
  const values = orderKeys.map((key) =>
    Object.prototype.hasOwnProperty.call(entry.values, key) ? (entry.values[key] ?? null) : null,
  );
  return Buffer.from(JSON.stringify({ v: values, i: entry.itemId })).toString('base64url');
}

function parseFields(raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((f) => typeof f === 'string'))
    throw badRequest("'fields' must be a list of strings");
  return raw as string[];
}

/** Wraps the query module's refusals as Box's 400. */
function compile(
  body: Record<string, unknown>,
  fieldTypes: FieldTypes,
): {
  matches: (values: MetadataInstance['values']) => boolean;
  required: RequiredValues[];
  ranges: RequiredRange[];
  orderBy: OrderBy[];
} {
  try {
    const params = body.query_params === undefined ? {} : body.query_params;
    if (!isObject(params)) throw new MetadataQueryError('Invalid query: query_params must be an object');
    const { matches, required, ranges } = planMetadataQuery(body.query as string | undefined, params, fieldTypes);
    const orderBy = (body.order_by ?? []) as OrderBy[];
    compareByOrder(orderBy, fieldTypes); // refuses a malformed order_by before any walk
    return { matches, required, ranges, orderBy };
  } catch (error) {
    if (error instanceof MetadataQueryError) throw badRequest(error.message);
    throw error;
  }
}

/** The folder whose subtree is searched; undefined for the root (everything the caller can see). */
function ancestorScope(services: Services, caller: Caller, raw: unknown): number | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw badRequest("'ancestor_folder_id' is required");
  const id = parseItemId(String(raw), 'ancestor_folder_id', 'd_');
  if (id === ROOT_ID) return undefined;
  loadVisible(services, caller, id, 'folder', 'ancestor_folder_id');
  return id;
}

/** An answered entry, with the chain (the item, then its ancestors) its visibility was decided on. */
interface PageEntry {
  item: ItemRow;
  entry: IndexedInstance;
  ancestors: ItemRow[];
}

/** Walks the index in answer order, keeping entries that match, lie within the folder and are visible, until the page is full. */
function collectPage(
  services: Services,
  caller: Caller,
  template: MetadataTemplate,
  request: {
    matches: (values: MetadataInstance['values']) => boolean;
    required: RequiredValues[];
    ranges: RequiredRange[];
    orderBy: OrderBy[];
    fieldTypes: FieldTypes;
    after?: KeysetPosition;
    within?: number;
    limit: number;
  },
): { page: PageEntry[]; more: boolean } | 'stale' {
  const { db } = services;
  const page: PageEntry[] = [];
  // Recordings share folders: each folder's chain of ancestors is read once per request.
  const folderChains = new Map<number, ItemRow[]>();
  const ancestorsOf = (item: ItemRow): ItemRow[] => {
    if (item.parent_id === ROOT_ID) return [item];
    let parents = folderChains.get(item.parent_id);
    if (!parents) {
      parents = chain(db, item.parent_id);
      folderChains.set(item.parent_id, parents);
    }
    return [item, ...parents];
  };
  const walk = instanceIndex(db).walk(template.scope, template.templateKey, request.orderBy, request.fieldTypes, {
    after: request.after,
    required: request.required,
    ranges: request.ranges,
  });
  for (const entry of walk) {
    if (!request.matches(entry.values as MetadataInstance['values'])) continue;
    const item = getItem(db, entry.itemId);
    if (!item) continue;
    const ancestors = ancestorsOf(item);
    if (request.within !== undefined && !ancestors.some((ancestor) => ancestor.id === request.within)) continue;
    if (!capabilitiesOf(caller.access.roleOnChain(ancestors)).view) continue;
    if (!isCurrentInstance(db, entry)) return 'stale';
    if (page.length === request.limit) return { page, more: true };
    page.push({ item, entry, ancestors });
  }
  return { page, more: false };
}

export const metadataQueryRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/metadata_queries/execute_read',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      const template = parseFrom(body.from, services);
      const limit = parseLimit(body.limit);
      const fields = parseFields(body.fields);
      const fieldTypes: FieldTypes = Object.fromEntries(template.fields.map((f) => [f.key, f.type]));
      const { matches, required, ranges, orderBy } = compile(body, fieldTypes);
      const orderKeys = orderBy.map((entry) => entry.field_key);
      const after = parseMarker(body.marker, orderKeys);
      const within = ancestorScope(services, caller, body.ancestor_folder_id);
      const request = { matches, required, ranges, orderBy, fieldTypes, after, within, limit };
      let result = collectPage(services, caller, template, request);
      if (result === 'stale') {
        // Changed behind the index's back (e.g. an instance deleted): reload once and walk again.
        instanceIndex(services.db).invalidate();
        result = collectPage(services, caller, template, request);
      }
      if (result === 'stale') throw new Error('metadata index still stale after a reload');
      const { page, more } = result;
      const last = page[page.length - 1];
      // What the walk read: the views need each item's chain and the template again.
      const chains = new Map(page.map(({ item, ancestors }) => [item.id, ancestors]));
      const known: KnownRows = {
        chainOf: (item) => chains.get(item.id),
        template: (scope, templateKey) =>
          scope === template.scope && templateKey === template.templateKey ? template : undefined,
      };
      return json(200, {
        entries: page.map(({ item }) => itemView(item, services, caller, { fields, metadataMode: 'query', known })),
        limit,
        ...(more && last ? { next_marker: markerAfter(last.entry, orderKeys) } : {}),
      });
    },
  },
];
