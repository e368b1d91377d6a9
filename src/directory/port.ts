/**
 * Where people, their roles, boroughs and Box logins come from. Two adapters fill the store's
 * people table, which the rest of the bot reads: the roster file (demo, tests, small forces) and
 * Microsoft Entra ID through Graph. Turns identify people through the port, so an adapter can
 * confirm a cached person before they act.
 */
import type { Person } from '../footage/people';
import type { JobHandler, RecurringJob } from '../workers/job-handler';

export type DirectoryKind = 'file' | 'entra';

export interface DirectoryStatus {
  kind: DirectoryKind;
  /** True when the last refresh failed and the bot serves the last known people. */
  stale: boolean;
  lastRefreshAt: string | null;
  people: number;
  /** Why the directory is stale, safe to show an operator (never a token or secret). */
  error?: string;
}

export interface RefreshOutcome {
  /** False when nothing needed rewriting (a delta round with no change). */
  rewritten: boolean;
  total: number;
  added: number;
  changed: number;
  removed: number;
  /** People left out, each with the reason (no borough, two boroughs, no email, ...). */
  skipped: { id: string; reason: string }[];
}

export interface Directory {
  readonly kind: DirectoryKind;
  /** At start: fills the store. A directory that cannot be reached leaves the last known people serving. */
  load(): Promise<RefreshOutcome | undefined>;
  /** The person behind a Teams user, or null when they hold no role here. */
  identify(aadObjectId: string): Promise<Person | null>;
  /** Brings the store up to date (the scheduled job calls it). */
  refresh(): Promise<RefreshOutcome | undefined>;
  status(): Promise<DirectoryStatus>;
  /** Durable jobs the directory needs (the scheduled refresh), for the job runner. */
  readonly jobHandlers: JobHandler[];
  readonly recurring: RecurringJob[];
}
