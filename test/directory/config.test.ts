import { loadDirectoryConfig } from '../../src/directory/config';
import { ConfigError } from '../../src/footage/errors';

/** DIRECTORY and its companions are checked at start, naming the variable at fault. */
const root = '/srv/cctv';

test('the roster file is the default directory', () => {
  expect(loadDirectoryConfig({}, root)).toEqual({ kind: 'file', rosterPath: '/srv/cctv/demo/roster.json' });
});

test('entra defaults: the emulator outside production, Graph itself in production, borough groups "CCTV {borough}"', () => {
  expect(loadDirectoryConfig({ DIRECTORY: 'entra' }, root)).toMatchObject({
    kind: 'entra',
    cacheMinutes: 10,
    refreshMs: 300_000,
    borough: { kind: 'groups', pattern: 'CCTV {borough}' },
  });
  expect(loadDirectoryConfig({ DIRECTORY: 'entra' }, root)).not.toHaveProperty('graphBaseUrl', expect.any(String));
  expect(loadDirectoryConfig({ DIRECTORY: 'entra', NODE_ENV: 'production' }, root)).toMatchObject({
    graphBaseUrl: 'https://graph.microsoft.com',
  });
  expect(
    loadDirectoryConfig({ DIRECTORY: 'entra', GRAPH_BASE_URL: 'https://graph.microsoft.us/' }, root),
  ).toMatchObject({ graphBaseUrl: 'https://graph.microsoft.us' });
});

test('borough sources: attributes, extension attributes, groups with a pattern', () => {
  expect(loadDirectoryConfig({ DIRECTORY: 'entra', DIRECTORY_BOROUGH_SOURCE: 'officeLocation' }, root)).toMatchObject({
    borough: { kind: 'attribute', attribute: 'officeLocation' },
  });
  const extension = 'extension_0123456789abcdef0123456789abcdef_borough';
  expect(loadDirectoryConfig({ DIRECTORY: 'entra', DIRECTORY_BOROUGH_SOURCE: extension }, root)).toMatchObject({
    borough: { kind: 'attribute', attribute: extension },
  });
  expect(
    loadDirectoryConfig({ DIRECTORY: 'entra', DIRECTORY_BOROUGH_GROUP_PATTERN: 'Borough - {borough} CCTV' }, root),
  ).toMatchObject({ borough: { kind: 'groups', pattern: 'Borough - {borough} CCTV' } });
});

test.each([
  [{ DIRECTORY: 'ldap' }, 'DIRECTORY'],
  [{ DIRECTORY: 'entra', DIRECTORY_BOROUGH_SOURCE: 'jobTitle' }, 'DIRECTORY_BOROUGH_SOURCE'],
  [{ DIRECTORY: 'entra', DIRECTORY_BOROUGH_GROUP_PATTERN: 'CCTV borough' }, 'DIRECTORY_BOROUGH_GROUP_PATTERN'],
  [{ DIRECTORY: 'entra', DIRECTORY_CACHE_MINUTES: 'soon' }, 'DIRECTORY_CACHE_MINUTES'],
  [{ DIRECTORY: 'entra', GRAPH_BASE_URL: 'http://graph.example' }, 'GRAPH_BASE_URL'],
])('%j is refused naming %s', (env, variable) => {
  let caught: unknown;
  try {
    loadDirectoryConfig(env, root);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect(String((caught as Error).message)).toContain(variable);
});
