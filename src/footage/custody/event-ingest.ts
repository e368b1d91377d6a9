/**
 * Copies Box's access events (previews, downloads, shared-link views) from the enterprise event
 * stream into the bot's store, so a recording's history keeps them after Box's retention ends.
 * A recurring durable job: one instance reads at a time, and the stream position is saved with the
 * events, so a crash re-reads at most one page and duplicates are dropped by event id.
 */
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import type { Store } from '../ports/store';
import type { BoxSharingPort, SharingStoreExtension } from '../sharing/ports';

export const CUSTODY_JOB_KINDS = { ingestEvents: 'custody.ingestEvents' } as const;

export const STREAM_POSITION_KEY = 'boxEventsStreamPosition';

export interface EventIngestDeps {
  store: Store & SharingStoreExtension;
  box: Pick<BoxSharingPort, 'accessEvents'>;
  /** Pages read per run at most, so one run never holds the job for long. */
  maxPages?: number;
}

export class BoxEventIngest implements JobHandler {
  readonly kind = CUSTODY_JOB_KINDS.ingestEvents;

  constructor(private readonly deps: EventIngestDeps) {}

  async handle(): Promise<JobOutcome> {
    await this.runOnce();
    return { kind: 'done' };
  }

  /** Reads until Box has nothing new; returns how many events were new. */
  async runOnce(): Promise<number> {
    const { store, box } = this.deps;
    let added = 0;
    for (let page = 0; page < (this.deps.maxPages ?? 20); page += 1) {
      const saved = await store.settings.get(STREAM_POSITION_KEY);
      const position = typeof saved === 'string' ? saved : null;
      const result = await box.accessEvents(position, 500);
      await store.sharingTransaction(async (tx) => {
        added += await tx.boxEvents.saveMany(result.events);
        await tx.settings.set(STREAM_POSITION_KEY, result.nextStreamPosition);
      });
      if (result.events.length === 0 || result.nextStreamPosition === position) break;
    }
    return added;
  }
}
