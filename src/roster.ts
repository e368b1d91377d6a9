import { readFile } from 'node:fs/promises';
import { ConfigError } from './footage/errors';
import { isRole, type Person } from './footage/people';

/**
 * Reads the roster a deployment supplies (ROSTER_PATH; the demo roster by default): the list of
 * people with their role, borough and Box login. A malformed roster stops the start, naming the
 * entry, because a wrong role here would let the wrong person approve access.
 */
export async function loadRoster(path: string): Promise<Person[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError('ROSTER_PATH', `cannot read the roster file ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('ROSTER_PATH', `${path} is not valid JSON`);
  }
  const people = Array.isArray(parsed) ? parsed : (parsed as { people?: unknown }).people;
  if (!Array.isArray(people)) throw new ConfigError('ROSTER_PATH', `${path} must hold a "people" array`);
  const seen = new Set<string>();
  return people.map((entry: unknown, index) => {
    const person = parsePerson(entry, `${path} people[${index}]`);
    if (seen.has(person.aadObjectId))
      throw new ConfigError('ROSTER_PATH', `${path} lists aadObjectId ${person.aadObjectId} twice`);
    seen.add(person.aadObjectId);
    return person;
  });
}

function parsePerson(entry: unknown, where: string): Person {
  const e = (entry ?? {}) as Record<string, unknown>;
  const str = (key: string): string => {
    const value = e[key];
    if (typeof value !== 'string' || !value.trim())
      throw new ConfigError('ROSTER_PATH', `${where}.${key} must be a non-empty string`);
    return value.trim();
  };
  if (!isRole(e.role)) throw new ConfigError('ROSTER_PATH', `${where}.role must be officer, supervisor or admin`);
  const email = str('email').toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw new ConfigError('ROSTER_PATH', `${where}.email must be an email address (the person's Box login)`);
  const borough = e.borough === null || e.borough === undefined ? null : str('borough');
  if (e.role !== 'admin' && borough === null)
    throw new ConfigError('ROSTER_PATH', `${where}.borough is required for ${e.role}s`);
  return {
    aadObjectId: str('aadObjectId').toLowerCase(),
    teamsId: typeof e.teamsId === 'string' ? e.teamsId : undefined,
    name: str('name'),
    role: e.role,
    borough,
    email,
  };
}
