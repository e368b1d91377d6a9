/**
 * The Graph v1.0 endpoints the bot's directory adapter calls, with Graph's paging (`@odata.nextLink`
 * carrying a `$skiptoken`), `$select`, `$top`, delta links and error codes. Anything else is 400
 * like Graph answers an unsupported query: a client asking for more than this must fail loudly.
 */
import { graphError, json, type Reply } from './http';
import type { GraphGroup, GraphUser, TenantState } from './state';

const USER_FIELDS = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'department',
  'officeLocation',
  'accountEnabled',
];

export class GraphApi {
  constructor(
    private readonly tenant: TenantState,
    private readonly graphUrl: () => string,
    private readonly pageSize: number,
  ) {}

  handle(method: string, url: URL): Reply {
    if (method !== 'GET') return graphError(405, 'Request_BadRequest', `${method} is not supported here.`);
    const path = decodeURIComponent(url.pathname.replace(/^\/v1\.0/, ''));
    const q = url.searchParams;
    const sp = /^\/servicePrincipals\(appId='([^']+)'\)(\/appRoleAssignedTo)?$/.exec(path);
    if (sp) {
      if (sp[1] !== this.tenant.servicePrincipal.appId)
        return graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${sp[1]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      if (!sp[2])
        return json(
          200,
          select(
            {
              '@odata.context': `${this.graphUrl()}/v1.0/$metadata#servicePrincipals/$entity`,
              ...this.tenant.servicePrincipal,
            },
            q,
          ),
        );
      const rows = this.tenant.assignments().map((a) => ({
        id: a.id,
        appRoleId: a.appRoleId,
        principalId: a.principalId,
        principalType: a.principalType,
        principalDisplayName:
          (a.principalType === 'User'
            ? this.tenant.user(a.principalId)?.displayName
            : this.tenant.group(a.principalId)?.displayName) ?? null,
        resourceId: this.tenant.servicePrincipal.id,
      }));
      return this.page(url, rows);
    }
    if (path === '/users/delta') return this.userDelta(url);
    if (path === '/groups/delta') return this.groupDelta(url);
    const user = /^\/users\/([^/]+)$/.exec(path);
    if (user) {
      const found =
        this.tenant.user(user[1]) ??
        this.tenant.users().find((u) => u.userPrincipalName.toLowerCase() === user[1].toLowerCase());
      if (!found)
        return graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${user[1]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      return json(200, select(userJson(found), q));
    }
    const members = /^\/groups\/([^/]+)\/transitiveMembers(\/microsoft\.graph\.user)?$/.exec(path);
    if (members) {
      if (!this.tenant.group(members[1]))
        return graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${members[1]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      const all = this.tenant.transitiveMembers(members[1]).map(memberJson);
      return this.page(url, members[2] ? all.filter((m) => m['@odata.type'] === '#microsoft.graph.user') : all);
    }
    if (path === '/groups') {
      const filter = q.get('$filter');
      const prefix = filter
        ? /^startswith\(displayName,\s*'((?:[^']|'')*)'\)$/.exec(filter)?.[1]?.replace(/''/g, "'")
        : '';
      if (prefix === undefined) return graphError(400, 'Request_UnsupportedQuery', `Unsupported query: ${filter}`);
      return this.page(
        url,
        this.tenant
          .groups()
          .filter((g) => g.displayName.startsWith(prefix))
          .map(groupJson),
      );
    }
    return graphError(400, 'Request_BadRequest', `Unsupported resource path ${path}.`);
  }

  private page(
    url: URL,
    rows: Record<string, unknown>[],
    extra: (last: boolean) => Record<string, unknown> = () => ({}),
  ): Reply {
    const top = Math.min(Number(url.searchParams.get('$top') ?? this.pageSize) || this.pageSize, this.pageSize, 999);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
    const slice = rows.slice(skip, skip + top).map((r) => select(r, url.searchParams));
    const last = skip + top >= rows.length;
    const next = new URL(url.pathname + url.search, this.graphUrl());
    next.searchParams.set('$skiptoken', String(skip + top));
    return json(200, { value: slice, ...(last ? extra(true) : { '@odata.nextLink': next.toString() }) });
  }

  /** Delta tokens are the change sequence a client has seen; the first round lists everyone. */
  private userDelta(url: URL): Reply {
    const token = url.searchParams.get('$deltatoken');
    const link = (seq: number): Record<string, unknown> => ({
      '@odata.deltaLink': `${this.graphUrl()}/v1.0/users/delta?$deltatoken=${seq}`,
    });
    if (token === 'latest') return json(200, { value: [], ...link(this.tenant.seq) });
    if (token !== null) {
      const since = Number(token);
      if (!Number.isInteger(since) || since > this.tenant.seq)
        return graphError(410, 'SyncStateNotFound', 'The delta token is not valid any more; start a new round.');
      const value = this.tenant.changedSince('user', since).map(({ id, removed }) => {
        const user = this.tenant.user(id);
        return removed || !user ? { id, '@removed': { reason: 'deleted' } } : select(userJson(user), url.searchParams);
      });
      return json(200, { value, ...link(this.tenant.seq) });
    }
    const seq = Number(url.searchParams.get('seq') ?? this.tenant.seq);
    const withSeq = new URL(url.toString());
    withSeq.searchParams.set('seq', String(seq));
    return this.page(withSeq, this.tenant.users().map(userJson), () => link(seq));
  }

  private groupDelta(url: URL): Reply {
    const token = url.searchParams.get('$deltatoken');
    const link = (seq: number): Record<string, unknown> => ({
      '@odata.deltaLink': `${this.graphUrl()}/v1.0/groups/delta?$deltatoken=${seq}`,
    });
    const withMembers = (g: GraphGroup): Record<string, unknown> => ({
      ...groupJson(g),
      'members@delta': g.members.map((id) => ({
        '@odata.type': this.tenant.user(id) ? '#microsoft.graph.user' : '#microsoft.graph.group',
        id,
      })),
    });
    if (token === 'latest') return json(200, { value: [], ...link(this.tenant.seq) });
    if (token !== null) {
      const since = Number(token);
      if (!Number.isInteger(since) || since > this.tenant.seq)
        return graphError(410, 'SyncStateNotFound', 'The delta token is not valid any more; start a new round.');
      const value = this.tenant.changedSince('group', since).map(({ id }) => {
        const group = this.tenant.group(id);
        return group ? withMembers(group) : { id, '@removed': { reason: 'deleted' } };
      });
      return json(200, { value, ...link(this.tenant.seq) });
    }
    const seq = Number(url.searchParams.get('seq') ?? this.tenant.seq);
    const withSeq = new URL(url.toString());
    withSeq.searchParams.set('seq', String(seq));
    return this.page(withSeq, this.tenant.groups().map(withMembers), () => link(seq));
  }
}

function userJson(u: GraphUser): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.user',
    ...Object.fromEntries(USER_FIELDS.map((f) => [f, u[f as keyof GraphUser] ?? null])),
    ...(u.extensions ?? {}),
  };
}

function groupJson(g: GraphGroup): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName };
}

function memberJson(m: GraphUser | GraphGroup): Record<string, unknown> {
  return 'members' in m ? groupJson(m) : userJson(m);
}

/** `$select` as Graph applies it: the named properties plus id and the OData annotations. */
function select(row: Record<string, unknown>, q: URLSearchParams): Record<string, unknown> {
  const wanted = q.get('$select');
  if (!wanted) return row;
  const fields = new Set(
    wanted
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
  );
  return Object.fromEntries(
    Object.entries(row).filter(
      ([key]) => key === 'id' || key.startsWith('@') || key.endsWith('@delta') || fields.has(key),
    ),
  );
}
