import manifest from '../../infra/entra-app-roles.json';
import { APP_ROLES } from '../../src/directory/app-roles';
import { REQUIRED_PERMISSIONS } from '../../src/directory/entra/graph-errors';

/** The app roles an Entra admin installs are the ones the bot reads, and the permissions match what the docs ask for. */
test('infra/entra-app-roles.json declares exactly the bot app roles, assignable to users and groups', () => {
  expect(manifest.appRoles.map((r) => ({ id: r.id, value: r.value, enabled: r.isEnabled }))).toEqual(
    APP_ROLES.map((r) => ({ id: r.id, value: r.value, enabled: true })),
  );
  // "User" member type is what lets an admin assign a role to users and to security groups.
  for (const role of manifest.appRoles) expect(role.allowedMemberTypes).toEqual(['User']);
});

test('it asks Microsoft Graph for the three read-only application permissions and no more', () => {
  const graph = manifest.requiredResourceAccess.find((r) => r.resourceAppId === '00000003-0000-0000-c000-000000000000');
  const names = graph!.resourceAccess.map((a) => {
    expect(a.type).toBe('Role');
    return (manifest.permissionNames as Record<string, string>)[a.id];
  });
  expect(names).toEqual(['User.Read.All', 'GroupMember.Read.All', 'Application.Read.All']);
  for (const name of names) expect(REQUIRED_PERMISSIONS).toContain(name);
});
