/**
 * Runs the durable jobs of this bot instance: claims one due job at a time from the store's queue
 * with a lease (kept alive while the job runs), hands it to the handler for its kind, and reports
 * the outcome. Several instances may run side by side on one database: the queue gives each job to
 * one of them, and a job whose instance died is taken over once its lease runs out.
 *
 * Recurring jobs (the expiry sweep) are enqueued by every instance under a key naming the period,
 * so each period's run exists once whatever the number of instances.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { backoffMs } from '../footage/access/jobs';
import type { ClaimedJob, JobQueue } from '../footage/ports/store';
import { logger, withCorrelation } from '../log';
import type { JobHandler, JobOutcome, RecurringJob } from './job-handler';

export interface JobRunnerSettings {
  /** How often to look for due jobs when idle. */
  pollMs: number;
  /** How long a claim lasts without renewal; renewed every third of it while the job runs. */
  leaseMs: number;
  /** Attempts before a job whose handler keeps throwing is given up. */
  maxAttempts: number;
  /** First wait before retrying a job whose handler threw; doubles per attempt. */
  retryBaseMs: number;
}

export interface JobRunnerOptions extends JobRunnerSettings {
  jobs: JobQueue;
  handlers: readonly JobHandler[];
  recurring?: readonly RecurringJob[];
  workerId?: string;
  now?: () => Date;
}

/** How long finished runs of a recurring job are kept for diagnostics. */
const RECURRING_HISTORY_MS = 24 * 60 * 60 * 1000;

export class JobRunner {
  readonly workerId: string;
  private readonly handlers: Map<string, JobHandler>;
  private readonly lastPeriod = new Map<string, number>();
  private readonly now: () => Date;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private wakeRequested = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.handlers = new Map(options.handlers.map((h) => [h.kind, h]));
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
    logger.info({ workerId: this.workerId, kinds: [...this.handlers.keys()] }, 'job runner started');
  }

  /** Look for work now rather than at the next poll (a job was just enqueued). */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Finishes the job in hand (if any), then stops. Call before the store closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        await this.enqueueRecurring();
        const job = await this.options.jobs.claim(this.workerId, this.options.leaseMs, {
          kinds: [...this.handlers.keys()],
        });
        if (job) {
          worked = true;
          await this.execute(job);
        }
      } catch (error) {
        if (this.stopping) break;
        logger.error({ err: error }, 'job runner could not reach the queue');
      }
      if (!worked) await this.idle();
    }
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    const renew = setInterval(
      () => {
        this.options.jobs.extendLease(job.id, job.claimToken, this.options.leaseMs).then(
          (kept) => kept || logger.warn({ jobId: job.id, kind: job.kind }, 'job lease lost to another worker'),
          (error: unknown) => logger.warn({ err: error, jobId: job.id }, 'could not renew a job lease'),
        );
      },
      Math.max(50, Math.floor(this.options.leaseMs / 3)),
    );
    let outcome: JobOutcome;
    try {
      outcome = await withCorrelation(() => handler.handle(job), `job-${job.id}`);
    } catch (error) {
      logger.error({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, 'job failed');
      const message = error instanceof Error ? error.message : String(error);
      outcome =
        job.attempts < this.options.maxAttempts
          ? { kind: 'retry', error: message, delayMs: backoffMs(this.options.retryBaseMs, job.attempts) }
          : { kind: 'failed', error: message };
    } finally {
      clearInterval(renew);
    }
    await this.report(job, outcome);
  }

  private async report(job: ClaimedJob, outcome: JobOutcome): Promise<void> {
    const { jobs } = this.options;
    let owned: boolean;
    switch (outcome.kind) {
      case 'done':
        owned = await jobs.complete(job.id, job.claimToken);
        break;
      case 'retry':
        owned = await jobs.fail(job.id, job.claimToken, {
          error: outcome.error,
          retryAt: new Date(this.now().getTime() + outcome.delayMs),
        });
        break;
      case 'failed':
        owned = await jobs.fail(job.id, job.claimToken, { error: outcome.error });
        logger.error({ jobId: job.id, kind: job.kind, error: outcome.error }, 'job given up');
        break;
    }
    if (!owned)
      logger.warn(
        { jobId: job.id, kind: job.kind },
        'job outcome not recorded: its lease had passed to another worker',
      );
  }

  private async enqueueRecurring(): Promise<void> {
    for (const recurring of this.options.recurring ?? []) {
      const period = Math.floor(this.now().getTime() / recurring.everyMs) * recurring.everyMs;
      if (this.lastPeriod.get(recurring.kind) === period) continue;
      await this.options.jobs.enqueue({
        kind: recurring.kind,
        uniqueKey: `${recurring.kind}@${new Date(period).toISOString()}`,
        payload: {},
        runAt: new Date(period),
      });
      this.lastPeriod.set(recurring.kind, period);
      // One row per period would pile up (1,440 a day at one a minute): keep a day of them.
      const pruned = await this.options.jobs.pruneFinished(recurring.kind, new Date(period - RECURRING_HISTORY_MS));
      if (pruned > 0) logger.debug({ kind: recurring.kind, pruned }, 'old recurring jobs pruned');
    }
  }

  private idle(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.wakeRequested = false;
        done();
      };
    });
  }
}
