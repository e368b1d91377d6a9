import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import roster from '../../demo/roster.json';
import type { Person } from '../../src/footage/people';
import { startGraphEmulator, type GraphEmulator } from '../../src/graph-emulator';

/**
 * The Graph emulator as a client sees it over HTTP: the login host's OpenID metadata and client
 * credentials grant, Graph's paging, $select, delta rounds, errors and injected faults, and state
 * that survives a restart.
 */
const people = roster.people as Person[];

function login(
  emulator: GraphEmulator,
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const req = request(
      `${emulator.loginUrl}${path}`,
      {
        method: form ? 'POST' : 'GET',
        ca: emulator.ca,
        headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the Graph emulator', () => {
  let dir: string;
  let emulator: GraphEmulator;
  let token: string;

  const graph = async (path: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> => {
    const res = await fetch(path.startsWith('http') ? path : `${emulator.graphUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cctv-graph-emulator-'));
    emulator = await startGraphEmulator({ dataDir: dir, people, pageSize: 2 });
    const issued = await login(emulator, `/${emulator.tenantId}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    token = issued.body.access_token as string;
  });

  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves the tenant metadata MSAL reads and issues tokens only to the right client', async () => {
    const metadata = await login(emulator, `/${emulator.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(metadata.body.token_endpoint).toBe(`${emulator.loginUrl}/${emulator.tenantId}/oauth2/v2.0/token`);
    const form = {
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: 'wrong',
      scope: 'https://graph.microsoft.com/.default',
    };
    expect(await login(emulator, `/${emulator.tenantId}/oauth2/v2.0/token`, form)).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(
      await login(emulator, `/${emulator.tenantId}/oauth2/v2.0/token`, {
        ...form,
        client_secret: emulator.clientSecret,
        scope: 'User.Read',
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(
      await login(emulator, '/another-tenant/oauth2/v2.0/token', { ...form, client_secret: emulator.clientSecret }),
    ).toMatchObject({ status: 400 });
    expect(token).toMatch(/^[\w-]{20,}$/);
  });

  test('refuses Graph calls without a valid token', async () => {
    const res = await fetch(`${emulator.graphUrl}/v1.0/users/${people[0].aadObjectId}`, {
      headers: { authorization: 'Bearer made-up' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });

  test('pages collections with @odata.nextLink and applies $select', async () => {
    const first = await graph(
      `/v1.0/servicePrincipals(appId='${emulator.clientId}')/appRoleAssignedTo?$select=principalId,appRoleId`,
    );
    expect(first.body.value).toHaveLength(2);
    expect(Object.keys((first.body.value as object[])[0]).sort()).toEqual(['appRoleId', 'id', 'principalId']);
    const second = await graph(first.body['@odata.nextLink'] as string);
    expect(second.body.value).toHaveLength(1);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect(await graph(`/v1.0/servicePrincipals(appId='not-this-app')/appRoleAssignedTo`)).toMatchObject({
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound' } },
    });
  });

  test('resolves group members transitively, once each, through a loop', async () => {
    const tenant = emulator.tenant;
    const a = tenant.upsertGroup({ displayName: 'A', members: [people[0].aadObjectId] });
    const b = tenant.upsertGroup({ displayName: 'B', members: [a.id, people[1].aadObjectId] });
    tenant.setMembership(a.id, b.id, true);
    const all: { id: string; '@odata.type': string }[] = [];
    let link: string | undefined = `/v1.0/groups/${a.id}/transitiveMembers`;
    while (link) {
      const page = await graph(link);
      all.push(...(page.body.value as typeof all));
      link = page.body['@odata.nextLink'] as string | undefined;
    }
    expect(all.map((m) => m.id).sort()).toEqual([people[0].aadObjectId, people[1].aadObjectId, b.id].sort());
    const users = await graph(`/v1.0/groups/${a.id}/transitiveMembers/microsoft.graph.user?$top=10`);
    expect((users.body.value as typeof all).every((m) => m['@odata.type'] === '#microsoft.graph.user')).toBe(true);
  });

  test('delta: a first round lists everyone and ends with a deltaLink; later rounds list changes and removals', async () => {
    let link: string | undefined = '/v1.0/users/delta?$select=displayName';
    let deltaLink: string | undefined;
    const seen: string[] = [];
    while (link) {
      const page = await graph(link);
      seen.push(...(page.body.value as { id: string }[]).map((u) => u.id));
      deltaLink = page.body['@odata.deltaLink'] as string | undefined;
      link = page.body['@odata.nextLink'] as string | undefined;
    }
    expect(seen.sort()).toEqual(people.map((p) => p.aadObjectId).sort());
    emulator.tenant.upsertUser({ id: people[0].aadObjectId, department: 'Hackney' });
    emulator.tenant.deleteUser(people[1].aadObjectId);
    const changes = await graph(deltaLink!);
    expect(changes.body.value).toEqual([
      expect.objectContaining({ id: people[0].aadObjectId, department: 'Hackney' }),
      { id: people[1].aadObjectId, '@removed': { reason: 'deleted' } },
    ]);
    const quiet = await graph(changes.body['@odata.deltaLink'] as string);
    expect(quiet.body.value).toEqual([]);
    expect(await graph('/v1.0/users/delta?$deltatoken=99999')).toMatchObject({
      status: 410,
      body: { error: { code: 'SyncStateNotFound' } },
    });
  });

  test('injects 429 with Retry-After, 5xx and 403 Authorization_RequestDenied, each for as many calls as asked', async () => {
    emulator.faults.add({ match: '/users/', status: 429, retryAfterSeconds: 7, times: 1 });
    const throttled = await graph(`/v1.0/users/${people[0].aadObjectId}`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect((await graph(`/v1.0/users/${people[0].aadObjectId}`)).status).toBe(200);
    const control = await fetch(`${emulator.graphUrl}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ match: '/groups', status: 403 }),
    });
    expect(control.status).toBe(201);
    expect(await graph('/v1.0/groups')).toMatchObject({
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied' } },
    });
  });

  test('keeps its tenant across a restart', async () => {
    const joiner = emulator.tenant.upsertUser({ displayName: 'New Starter', mail: 'new.starter@police.example' });
    await emulator.close();
    emulator = await startGraphEmulator({ dataDir: dir, people: [], pageSize: 2 });
    expect(emulator.tenant.user(joiner.id)).toMatchObject({ displayName: 'New Starter' });
    expect(emulator.tenant.users()).toHaveLength(people.length + 1);
  });
});
