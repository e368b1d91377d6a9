import { ConflictError } from '../footage/errors';
import type { BoxUser } from '../footage/ports/box';
import type { BoxContext } from './context';
import { boxStep } from './errors';
import { toBoxUser } from './mappers';

const USER_FIELDS = ['id', 'name', 'login'];
const PAGE = 100;

export async function whoAmI(ctx: BoxContext): Promise<BoxUser> {
  const me = await boxStep("Reading the bot's Box account", () => ctx.client.users.getUserMe({ fields: USER_FIELDS }));
  return toBoxUser(me);
}

/**
 * Box's filter_term matches the start of names and logins, so the results are filtered again for
 * the exact login (Box logins are case-insensitive). All users, managed or external, are looked at:
 * a partner's account can be external to the enterprise.
 */
export async function findUserByLogin(ctx: BoxContext, login: string): Promise<BoxUser | null> {
  const wanted = login.trim().toLowerCase();
  if (wanted === '') return null;
  for (let offset = 0; ; offset += PAGE) {
    const page = await boxStep('Looking up a Box user by login', () =>
      ctx.client.users.getUsers({ filterTerm: wanted, userType: 'all', fields: USER_FIELDS, limit: PAGE, offset }),
    );
    const entries = page.entries ?? [];
    const match = entries.find((user) => user.login?.toLowerCase() === wanted);
    if (match) return toBoxUser(match);
    if (entries.length < PAGE || offset + entries.length >= (page.totalCount ?? 0)) return null;
  }
}

export async function ensureUser(
  ctx: BoxContext,
  user: { name: string; login: string },
): Promise<{ user: BoxUser; created: boolean }> {
  const existing = await findUserByLogin(ctx, user.login);
  if (existing) return { user: existing, created: false };
  try {
    const created = await boxStep('Creating a Box user', () =>
      ctx.client.users.createUser({ name: user.name, login: user.login }, { queryParams: { fields: USER_FIELDS } }),
    );
    return { user: toBoxUser(created), created: true };
  } catch (error) {
    // Someone else created it between the look-up and the create: use theirs.
    if (!(error instanceof ConflictError)) throw error;
    const raced = await findUserByLogin(ctx, user.login);
    if (!raced) throw error;
    return { user: raced, created: false };
  }
}
