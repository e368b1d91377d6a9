import { capabilitiesOf } from '../access';
import type { Caller, Services } from '../context';
import { badRequest, BoxApiError } from '../errors';
import { isObject, json, jsonBody } from '../http';
import { loadVisible, parseItemId } from '../items';
import { compareByOrder, compileMetadataQuery, MetadataQueryError, type FieldTypes, type OrderBy } from '../metadata-query';
import type { Route } from '../router';
import { chain, getItem, ROOT_ID, subtreeIds, type ItemRow } from '../state/items';
import { getTemplate, instancesOfTemplate, type MetadataInstance, type MetadataTemplate } from '../state/metadata';
import { itemView } from '../views/items';

/**
 * POST /2.0/metadata_queries/execute_read: items under ancestor_folder_id that the caller can see
 * and whose instance of the template matches the query, in order_by order, a page at a time. The
 * query language itself lives in ../metadata-query.
 */
const MAX_LIMIT = 100;

function parseFrom(from: unknown, services: Services): MetadataTemplate {
  const match = typeof from === 'string' ? /^(enterprise(?:_\d+)?|global)\.([A-Za-z_][-A-Za-z0-9_]*)$/.exec(from) : null;
  if (!match) throw badRequest(`Invalid value '${String(from)}' for 'from'; expected <scope>.<templateKey> such as ${services.enterpriseScope}.cctvFootage`);
  const scope = match[1] === 'enterprise' ? services.enterpriseScope : match[1];
  const template = getTemplate(services.db, scope, match[2]);
  if (!template) throw new BoxApiError(404, 'not_found', `Template not found: ${String(from)}`);
  return template;
}

function parseLimit(raw: unknown): number {
  if (raw === undefined) return MAX_LIMIT;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_LIMIT) throw badRequest(`Invalid value '${String(raw)}' for 'limit'; it must be 1 to ${MAX_LIMIT}`);
  return raw;
}

/** Markers are opaque to clients; here they carry the offset of the next entry. */
function parseMarker(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return 0;
  const offset = typeof raw === 'string' ? Number(Buffer.from(raw, 'base64url').toString('utf8')) : NaN;
  if (!Number.isInteger(offset) || offset < 0) throw badRequest(`Invalid value '${String(raw)}' for 'marker'`, undefined, 'invalid_marker');
  return offset;
}

function parseFields(raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((f) => typeof f === 'string')) throw badRequest("'fields' must be a list of strings");
  return raw as string[];
}

/** Wraps the query module's refusals as Box's 400. */
function compile(body: Record<string, unknown>, fieldTypes: FieldTypes): { matches: (values: MetadataInstance['values']) => boolean; compare: (a: MetadataInstance['values'], b: MetadataInstance['values']) => number } {
  try {
    const params = body.query_params === undefined ? {} : body.query_params;
    if (!isObject(params)) throw new MetadataQueryError('Invalid query: query_params must be an object');
    const matches = compileMetadataQuery(body.query as string | undefined, params, fieldTypes);
    const compare = compareByOrder((body.order_by ?? []) as OrderBy[], fieldTypes);
    return { matches, compare };
  } catch (error) {
    if (error instanceof MetadataQueryError) throw badRequest(error.message);
    throw error;
  }
}

function ancestorScope(services: Services, caller: Caller, raw: unknown): Set<number> | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw badRequest("'ancestor_folder_id' is required");
  const id = parseItemId(String(raw), 'ancestor_folder_id', 'd_');
  if (id === ROOT_ID) return undefined; // everything the caller can see
  loadVisible(services, caller, id, 'folder', 'ancestor_folder_id');
  return subtreeIds(services.db, id);
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
      const offset = parseMarker(body.marker);
      const fields = parseFields(body.fields);
      const fieldTypes: FieldTypes = Object.fromEntries(template.fields.map((f) => [f.key, f.type]));
      const { matches, compare } = compile(body, fieldTypes);
      const within = ancestorScope(services, caller, body.ancestor_folder_id);
      const hits: Array<{ item: ItemRow; instance: MetadataInstance }> = [];
      for (const instance of instancesOfTemplate(services.db, template.scope, template.templateKey)) {
        if (!matches(instance.values)) continue;
        if (within && !within.has(instance.itemId)) continue;
        const item = getItem(services.db, instance.itemId);
        if (!item || !capabilitiesOf(caller.access.roleOnChain(chain(services.db, item.id))).view) continue;
        hits.push({ item, instance });
      }
      // Item id breaks ties so that paging is a total order: no entry repeated or skipped.
      hits.sort((a, b) => compare(a.instance.values, b.instance.values) || a.item.id - b.item.id);
      const page = hits.slice(offset, offset + limit);
      const more = offset + limit < hits.length;
      return json(200, {
        entries: page.map(({ item }) => itemView(item, services, caller, { fields, metadataMode: 'query' })),
        limit,
        ...(more ? { next_marker: Buffer.from(String(offset + limit)).toString('base64url') } : {}),
      });
    },
  },
];
