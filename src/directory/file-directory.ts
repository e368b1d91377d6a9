/**
 * The roster file as the directory (ROSTER_PATH; the demo roster by default): read at start into the
 * store, which then answers every question. Nothing refreshes it while the bot runs; a changed
 * roster takes effect at the next start, as before.
 */
import type { Person } from '../footage/people';
import type { Store } from '../footage/ports/store';
import { logger } from '../log';
import { loadRoster } from '../roster';
import type { Directory, DirectoryStatus, RefreshOutcome } from './port';

export class FileDirectory implements Directory {
  readonly kind = 'file' as const;
  readonly jobHandlers = [];
  readonly recurring = [];
  private loadedAt: string | null = null;

  constructor(
    private readonly store: Store,
    private readonly rosterPath: string,
  ) {}

  async load(): Promise<RefreshOutcome> {
    const roster = await loadRoster(this.rosterPath);
    const result = await this.store.people.replaceRoster(roster);
    this.loadedAt = new Date().toISOString();
    logger.info({ ...result, directory: 'file' }, 'roster loaded');
    return { rewritten: true, ...result, skipped: [] };
  }

  async identify(aadObjectId: string): Promise<Person | null> {
    return (await this.store.people.findByAadObjectId(aadObjectId.toLowerCase())) ?? null;
  }

  /** The file is read at start only: a refresh has nothing new to bring. */
  async refresh(): Promise<RefreshOutcome | undefined> {
    return undefined;
  }

  async status(): Promise<DirectoryStatus> {
    return {
      kind: 'file',
      stale: false,
      lastRefreshAt: this.loadedAt,
      people: (await this.store.people.list()).length,
    };
  }
}
