/**
 * Microsoft Entra ID as the directory. The store holds the last known people (so turns never wait
 * on Graph and an outage changes nothing but freshness); a scheduled refresh asks Graph's delta
 * queries what changed and recomputes people only when something that matters did; a person seen
 * in a turn is confirmed against Graph once per cache period, so a deleted or disabled account
 * stops working at once rather than at the next refresh.
 */
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../../footage/errors';
import type { Person } from '../../footage/people';
import type { JsonValue, Store } from '../../footage/ports/store';
import { logger } from '../../log';
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import type { BoroughSource } from '../config';
import type { Directory, DirectoryStatus, RefreshOutcome } from '../port';
import { describeGraphFailure } from './graph-errors';
import type { AppRoleAssignmentRecord, GraphReader, GraphUserRecord } from './graph-reader';
import { peopleFromGraph, place, readAssignments, userOrNull, userSelect } from './people-from-graph';

export const DIRECTORY_REFRESH_JOB = 'directory_refresh';
const STATE_KEY = 'directory.entra';

export interface EntraDirectorySettings {
  /** The bot's Entra app id: its service principal carries the app role assignments. */
  appId: string;
  borough: BoroughSource;
  cacheMinutes: number;
  refreshMs: number;
  now?: () => Date;
}

interface SyncState {
  usersDelta?: string;
  groupsDelta?: string;
  assignments?: string;
  lastRefreshAt?: string;
  error?: string;
}

export class EntraDirectory implements Directory {
  readonly kind = 'entra' as const;
  readonly jobHandlers: JobHandler[];
  readonly recurring;
  private readonly now: () => Date;

  constructor(
    private readonly graph: GraphReader,
    private readonly store: Store,
    private readonly settings: EntraDirectorySettings,
  ) {
    this.now = settings.now ?? (() => new Date());
    this.jobHandlers = [
      {
        kind: DIRECTORY_REFRESH_JOB,
        handle: async (): Promise<JobOutcome> => {
          // A failed refresh is already recorded as staleness; the next period tries again.
          await this.refresh();
          return { kind: 'done' };
        },
      },
    ];
    this.recurring = [{ kind: DIRECTORY_REFRESH_JOB, everyMs: settings.refreshMs }];
  }

  async load(): Promise<RefreshOutcome | undefined> {
    return this.refresh();
  }

  async refresh(): Promise<RefreshOutcome | undefined> {
    const state = await this.readState();
    try {
      const reasons: string[] = [];
      const usersDelta = await this.graph.delta<GraphUserRecord>(state.usersDelta ?? '/users/delta?$deltatoken=latest');
      const groupsDelta = await this.graph.delta<{ id: string }>(
        state.groupsDelta ?? '/groups/delta?$select=displayName,members&$deltatoken=latest',
      );
      if (!state.usersDelta || !state.groupsDelta) reasons.push('first read');
      const known = new Set((await this.store.people.list()).map((p) => p.aadObjectId));
      const movedOrLeft = usersDelta.changes.filter((u) => known.has(u.id.toLowerCase()));
      if (movedOrLeft.length > 0) reasons.push(`${movedOrLeft.length} person(s) changed or left`);
      if (groupsDelta.changes.length > 0) reasons.push(`${groupsDelta.changes.length} group(s) changed`);
      const assignments = await readAssignments(this.graph, this.settings.appId);
      const fingerprint = fingerprintOf(assignments);
      if (fingerprint !== state.assignments) reasons.push('app role assignments changed');
      let outcome: RefreshOutcome = {
        rewritten: false,
        total: known.size,
        added: 0,
        changed: 0,
        removed: 0,
        skipped: [],
      };
      if (reasons.length > 0) {
        const computed = await peopleFromGraph(this.graph, this.settings.appId, this.settings.borough, assignments);
        for (const skip of computed.skipped)
          logger.warn(
            { directory: 'entra', user: skip.id, reason: skip.reason },
            `directory: user ${skip.id} left out: ${skip.reason}`,
          );
        const result = await this.store.people.replaceRoster(computed.people);
        outcome = { rewritten: true, ...result, skipped: computed.skipped };
        logger.info(
          { directory: 'entra', because: reasons, ...result, skipped: computed.skipped.length },
          'directory refreshed from Microsoft Graph',
        );
      }
      await this.writeState({
        usersDelta: usersDelta.deltaLink,
        groupsDelta: groupsDelta.deltaLink,
        assignments: fingerprint,
        lastRefreshAt: this.now().toISOString(),
      });
      return outcome;
    } catch (error) {
      const failure = describeGraphFailure(error);
      logger.warn(
        { directory: 'entra', kind: failure.kind, status: failure.status, code: failure.code },
        `directory refresh failed, serving the last known people: ${failure.message}`,
      );
      await this.writeState({ ...state, error: failure.message });
      return undefined;
    }
  }

  async identify(aadObjectId: string): Promise<Person | null> {
    const id = aadObjectId.toLowerCase();
    const person = await this.store.people.findByAadObjectId(id);
    if (!person) return null;
    const confirmed = await this.store.people.confirmedAt(id);
    if (confirmed && this.now().getTime() - confirmed.getTime() < this.settings.cacheMinutes * 60_000) return person;
    let user: GraphUserRecord | null;
    try {
      user = await userOrNull(this.graph, id, userSelect(this.settings.borough));
    } catch (error) {
      const failure = describeGraphFailure(error);
      logger.warn(
        { directory: 'entra', user: id, kind: failure.kind, status: failure.status },
        `directory: cannot confirm a person, using the last known record: ${failure.message}`,
      );
      await this.writeState({ ...(await this.readState()), error: failure.message });
      return person;
    }
    const placed = user
      ? place(user, person.role, this.settings.borough, person.borough ? new Set([person.borough]) : undefined)
      : { reason: 'deleted from the directory' };
    if ('reason' in placed) {
      await this.store.people.remove(id);
      logger.warn(
        { directory: 'entra', user: id, reason: placed.reason },
        `directory: ${person.name} no longer has access: ${placed.reason}`,
      );
      return null;
    }
    const current: Person = { ...placed, ...(person.teamsId ? { teamsId: person.teamsId } : {}) };
    try {
      await this.store.people.upsert(current);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      logger.warn({ directory: 'entra', user: id }, `directory: ${error.message}; keeping the last known record`);
      return person;
    }
    return current;
  }

  async status(): Promise<DirectoryStatus> {
    const state = await this.readState();
    return {
      kind: 'entra',
      stale: state.error !== undefined || !state.lastRefreshAt,
      lastRefreshAt: state.lastRefreshAt ?? null,
      people: (await this.store.people.list()).length,
      ...(state.error ? { error: state.error } : {}),
    };
  }

  private async readState(): Promise<SyncState> {
    const value = await this.store.settings.get(STATE_KEY);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SyncState) : {};
  }

  private async writeState(state: SyncState): Promise<void> {
    await this.store.settings.set(STATE_KEY, state as unknown as JsonValue);
  }
}

/** Order-independent, so the same assignments read in another order are no change. */
function fingerprintOf(assignments: readonly AppRoleAssignmentRecord[]): string {
  const lines = assignments.map((a) => `${a.principalType}:${a.principalId}:${a.appRoleId}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
