import { ClientSecretCredential } from '@azure/identity';
import { EntraDirectory } from '../../src/directory/entra/entra-directory';
import { GraphReader } from '../../src/directory/entra/graph-reader';
import { DEMO_PEOPLE, startEntraFixture, type EntraFixture } from './support';

/**
 * Entra ID as the directory, where the tenant is less tidy than a roster: people in no role or two
 * boroughs, nested groups that loop, deleted accounts, and Graph throttling, failing or refusing.
 */
const [alice, , , dana, , priya] = DEMO_PEOPLE;

function groupNamed(f: EntraFixture, name: string): string {
  const group = f.emulator.tenant.groups().find((g) => g.displayName === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
}

describe('the Entra directory', () => {
  let f: EntraFixture;

  beforeEach(async () => {
    f = await startEntraFixture();
    await f.directory.load();
  });

  afterEach(async () => {
    await f.close();
  });

  test('a user in no role is nobody to the bot; losing the role takes effect at the next refresh', async () => {
    const outsider = f.emulator.tenant.upsertUser({
      displayName: 'Mo Clerk',
      mail: 'mo.clerk@police.example',
      department: 'Lambeth',
    });
    f.emulator.tenant.setMembership(groupNamed(f, 'CCTV Lambeth'), outsider.id, true);
    await f.directory.refresh();
    expect(await f.directory.identify(outsider.id)).toBeNull();

    f.emulator.tenant.setMembership(groupNamed(f, 'Officers (CCTV Footage app)'), alice.aadObjectId, false);
    expect(await f.directory.identify(alice.aadObjectId)).not.toBeNull();
    const outcome = await f.directory.refresh();
    expect(outcome).toMatchObject({ rewritten: true, removed: 1 });
    expect(await f.directory.identify(alice.aadObjectId)).toBeNull();
  });

  test('someone given two roles acts with the higher one', async () => {
    f.emulator.tenant.setMembership(groupNamed(f, 'Supervisors (CCTV Footage app)'), alice.aadObjectId, true);
    await f.directory.refresh();
    expect(await f.directory.identify(alice.aadObjectId)).toMatchObject({ role: 'supervisor', borough: 'Lambeth' });
  });

  test('a user in two boroughs is left out with a reason that says how to fix it', async () => {
    f.emulator.tenant.setMembership(groupNamed(f, 'CCTV Southwark'), alice.aadObjectId, true);
    const outcome = await f.directory.refresh();
    expect(outcome?.skipped).toEqual([
      { id: alice.aadObjectId, reason: 'in two boroughs (Lambeth and Southwark); keep them in one' },
    ]);
    expect(await f.store.people.findByAadObjectId(alice.aadObjectId)).toBeUndefined();
  });

  test('a supervisor with no borough group is left out, saying which groups count', async () => {
    f.emulator.tenant.setMembership(groupNamed(f, 'CCTV Lambeth'), dana.aadObjectId, false);
    const outcome = await f.directory.refresh();
    expect(outcome?.skipped).toEqual([
      { id: dana.aadObjectId, reason: 'has the supervisor role but no borough (no group named like "CCTV {borough}")' },
    ]);
  });

  test('groups nested in a loop are read once and their users keep the role', async () => {
    const tenant = f.emulator.tenant;
    const inspector = tenant.upsertUser({ displayName: 'Insp Lola Grant', mail: 'lola.grant@police.example' });
    const outer = tenant.upsertGroup({ displayName: 'Duty inspectors', members: [] });
    const inner = tenant.upsertGroup({ displayName: 'Night inspectors', members: [inspector.id, outer.id] });
    tenant.setMembership(outer.id, inner.id, true);
    tenant.assign(outer.id, 'CCTV.Supervisor');
    tenant.setMembership(groupNamed(f, 'CCTV Westminster'), inspector.id, true);
    await f.directory.refresh();
    expect(await f.directory.identify(inspector.id)).toMatchObject({
      name: 'Insp Lola Grant',
      role: 'supervisor',
      borough: 'Westminster',
      email: 'lola.grant@police.example',
    });
  });

  test('a deleted user goes at the next refresh, or at their next turn once the cache has expired', async () => {
    f.emulator.tenant.deleteUser(priya.aadObjectId);
    await f.directory.refresh();
    expect(await f.store.people.findByAadObjectId(priya.aadObjectId)).toBeUndefined();

    // Deleted between refreshes: the cached record serves until the cache period ends, then Graph says 404.
    f.emulator.tenant.deleteUser(dana.aadObjectId);
    f.emulator.requests.splice(0);
    expect(await f.directory.identify(dana.aadObjectId)).not.toBeNull();
    expect(f.emulator.requests).toEqual([]);
    f.advanceMinutes(11);
    expect(await f.directory.identify(dana.aadObjectId)).toBeNull();
    expect(f.emulator.requests.map((r) => `${r.status} ${r.path.split('?')[0]}`)).toEqual([
      `404 /v1.0/users/${dana.aadObjectId}`,
    ]);
    expect(await f.store.people.findByAadObjectId(dana.aadObjectId)).toBeUndefined();
  });

  test('a confirmed person is trusted for the cache period, then read again with any change', async () => {
    f.emulator.tenant.upsertUser({ id: alice.aadObjectId, displayName: 'PC Alice Carter-Jones' });
    f.advanceMinutes(11);
    expect(await f.directory.identify(alice.aadObjectId)).toMatchObject({
      name: 'PC Alice Carter-Jones',
      borough: 'Lambeth',
    });
    f.emulator.requests.splice(0);
    f.advanceMinutes(5);
    await f.directory.identify(alice.aadObjectId);
    expect(f.emulator.requests).toEqual([]);
  });

  test('Graph 429 is waited out as long as Retry-After says', async () => {
    f.emulator.faults.add({ match: '/appRoleAssignedTo', status: 429, retryAfterSeconds: 1, times: 2 });
    f.emulator.requests.splice(0);
    const outcome = await f.directory.refresh();
    expect(outcome).toBeDefined();
    const calls = f.emulator.requests.filter((r) => r.path.includes('/appRoleAssignedTo'));
    // Two waits, then the first page and (three assignments, pages of two) the second.
    expect(calls.map((c) => c.status)).toEqual([429, 429, 200, 200]);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(950);
    expect((await f.directory.status()).stale).toBe(false);
  });

  test('Graph 503 is retried; a Graph that keeps throttling leaves the last known people and says so', async () => {
    f.emulator.faults.add({ match: '/users/delta', status: 503, times: 1 });
    expect(await f.directory.refresh()).toBeDefined();

    f.emulator.faults.add({ match: '/users/delta', status: 429, retryAfterSeconds: 0, times: 10 });
    expect(await f.directory.refresh()).toBeUndefined();
    const status = await f.directory.status();
    expect(status).toMatchObject({ stale: true, people: DEMO_PEOPLE.length });
    expect(status.error).toMatch(/throttling the bot \(429\)/);
    f.emulator.faults.clear();
    await f.directory.refresh();
    expect(await f.directory.status()).toMatchObject({ stale: false });
  });

  test('a missing Graph permission is named with the permissions the app needs', async () => {
    f.emulator.faults.add({ match: '/servicePrincipals', status: 403, times: 5 });
    expect(await f.directory.refresh()).toBeUndefined();
    const status = await f.directory.status();
    expect(status.error).toBe(
      "Microsoft Graph refused (Authorization_RequestDenied): the bot's app needs User.Read.All, GroupMember.Read.All and Application.Read.All (application permissions, admin consent)",
    );
    expect(await f.store.people.list()).toHaveLength(DEMO_PEOPLE.length);
  });

  test('while Graph is down a turn is answered from the last known record', async () => {
    f.emulator.faults.add({ match: '/users/', status: 500, times: 5 });
    f.advanceMinutes(11);
    expect(await f.directory.identify(alice.aadObjectId)).toMatchObject({ name: alice.name });
    expect((await f.directory.status()).stale).toBe(true);
  });
});

test('a wrong client secret is reported as a credentials problem, never with the secret', async () => {
  const f = await startEntraFixture();
  try {
    await f.directory.load();
    const secret = 'not-the-secret-0123456789';
    const credential = new ClientSecretCredential(f.emulator.tenantId, f.emulator.clientId, secret, {
      authorityHost: f.emulator.loginUrl,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: f.emulator.ca },
    });
    const directory = new EntraDirectory(new GraphReader({ baseUrl: f.emulator.graphUrl, credential }), f.store, {
      appId: f.emulator.clientId,
      borough: { kind: 'groups', pattern: 'CCTV {borough}' },
      cacheMinutes: 10,
      refreshMs: 60_000,
    });
    expect(await directory.refresh()).toBeUndefined();
    const status = await directory.status();
    expect(status).toMatchObject({ stale: true, people: DEMO_PEOPLE.length });
    expect(status.error).toMatch(/could not get a Microsoft Graph token: check BOT_ID, BOT_PASSWORD and BOT_TENANT_ID/);
    expect(JSON.stringify(status)).not.toContain(secret);
  } finally {
    await f.close();
  }
});

describe('the Entra directory with the borough in a user attribute', () => {
  test('department gives the borough, and a change of department moves the person at the next refresh', async () => {
    const f = await startEntraFixture({ borough: { kind: 'attribute', attribute: 'department' } });
    try {
      await f.directory.load();
      expect(await f.directory.identify(dana.aadObjectId)).toMatchObject({ borough: 'Lambeth' });
      f.emulator.tenant.upsertUser({ id: dana.aadObjectId, department: 'Hackney' });
      const outcome = await f.directory.refresh();
      expect(outcome).toMatchObject({ rewritten: true, changed: 1 });
      expect((await f.store.people.listByRole('supervisor', 'Hackney')).map((p) => p.name)).toEqual([
        'Sgt Dana Whitfield',
      ]);
    } finally {
      await f.close();
    }
  });
});
