/**
 * Whether a person has a Box user, remembered briefly: cards about a request say so every time they
 * are drawn, and each view must not cost a Box call. The grant itself always asks Box afresh.
 */
import type { BoxPort, BoxUser } from '../ports/box';

export class BoxUserLookup {
  private readonly cache = new Map<string, { at: number; user: BoxUser | null }>();

  constructor(
    private readonly box: Pick<BoxPort, 'findUserByLogin'>,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async find(login: string): Promise<BoxUser | null> {
    const key = login.toLowerCase();
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.user;
    const user = await this.box.findUserByLogin(login);
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, { at: this.now(), user });
    return user;
  }

  async exists(login: string): Promise<boolean> {
    return (await this.find(login)) !== null;
  }
}
