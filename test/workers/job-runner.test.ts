import type { Job, Store } from '../../src/footage/ports/store';
import { JobRunner, type JobHandler, type JobOutcome } from '../../src/workers';
import { backends, useFixture } from '../store/support';
import { pollUntil } from '../support/poll';

/**
 * The job runner against the real store (SQLite, and PostgreSQL when TEST_DATABASE_URL is set):
 * jobs run once, retry with a delay, are given up after the configured attempts, are taken over
 * when their worker died, recurring jobs exist once per period whatever the number of runners, and
 * stopping waits for the job in hand.
 */
const FAST = { pollMs: 20, leaseMs: 300, maxAttempts: 3, retryBaseMs: 30 };

class RecordingHandler implements JobHandler {
  readonly runs: Job[] = [];
  constructor(
    readonly kind: string,
    private readonly answer: (job: Job) => Promise<JobOutcome> = async () => ({ kind: 'done' }),
  ) {}
  async handle(job: Job): Promise<JobOutcome> {
    this.runs.push(job);
    return this.answer(job);
  }
}

function until(condition: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<true> {
  return pollUntil(async () => (await condition()) || undefined, {
    what: 'the job runner to get there',
    timeoutMs,
    intervalMs: 10,
  });
}

describe.each(backends())('the job runner on %s', (kind) => {
  const fixture = useFixture(kind, __filename);
  const runners: JobRunner[] = [];
  let store: Store;
  let db: Awaited<ReturnType<typeof fixture.store>>['db'];

  beforeEach(async () => {
    ({ store, db } = await fixture.store());
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  function start(
    handlers: JobHandler[],
    options: Partial<ConstructorParameters<typeof JobRunner>[0]> = {},
    on: Store = store,
  ): JobRunner {
    const runner = new JobRunner({ jobs: on.jobs, handlers, ...FAST, ...options });
    runners.push(runner);
    runner.start();
    return runner;
  }

  test('a due job runs once and is marked done', async () => {
    const handler = new RecordingHandler('t.once');
    start([handler]);
    await store.jobs.enqueue({ kind: 't.once', uniqueKey: 'once', payload: { n: 1 } });
    await until(async () => (await store.jobs.list({ status: 'done' })).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handler.runs.map((j) => j.payload)).toEqual([{ n: 1 }]);
  });

  test('a retry waits its delay and keeps the attempt count; a throwing handler is given up after the attempts', async () => {
    const retrying = new RecordingHandler('t.retry', async (job) =>
      job.attempts < 2 ? { kind: 'retry', error: 'busy', delayMs: 150 } : { kind: 'done' },
    );
    const throwing = new RecordingHandler('t.throw', async () => {
      throw new Error('boom');
    });
    start([retrying, throwing]);
    await store.jobs.enqueue({ kind: 't.retry', uniqueKey: 'retry', payload: {} });
    await store.jobs.enqueue({ kind: 't.throw', uniqueKey: 'throw', payload: {} });
    await until(
      async () =>
        (await store.jobs.list({ kind: 't.retry', status: 'done' })).length === 1 &&
        (await store.jobs.list({ kind: 't.throw', status: 'failed' })).length === 1,
    );
    expect(retrying.runs.map((j) => j.attempts)).toEqual([1, 2]);
    expect(retrying.runs[1].updatedAt.getTime() - retrying.runs[0].updatedAt.getTime()).toBeGreaterThanOrEqual(100);
    expect(throwing.runs.map((j) => j.attempts)).toEqual([1, 2, 3]);
    expect(await store.jobs.list({ kind: 't.throw' })).toMatchObject([
      { status: 'failed', lastError: 'boom', attempts: 3 },
    ]);
  });

  test('a job whose worker died is taken over once its lease has run out', async () => {
    await store.jobs.enqueue({ kind: 't.orphan', uniqueKey: 'orphan', payload: {} });
    const dead = await store.jobs.claim('a-worker-that-crashed', 200);
    expect(dead).toBeDefined();
    const handler = new RecordingHandler('t.orphan');
    start([handler]);
    await until(async () => (await store.jobs.list({ status: 'done' })).length === 1);
    expect(handler.runs).toHaveLength(1);
    expect(handler.runs[0].attempts).toBe(2);
    // The dead worker's late report changes nothing.
    expect(await store.jobs.complete(dead!.id, dead!.claimToken)).toBe(false);
  });

  test('a recurring job exists once per period, however many instances enqueue it', async () => {
    // A second store on the same database: another bot instance.
    const other = await db.open();
    const first = new RecordingHandler('t.sweep');
    const second = new RecordingHandler('t.sweep');
    const recurring = [{ kind: 't.sweep', everyMs: 200 }];
    start([first], { recurring });
    start([second], { recurring }, other);
    await new Promise((resolve) => setTimeout(resolve, 900));
    const jobs = await store.jobs.list({ kind: 't.sweep' });
    const runs = [...first.runs, ...second.runs];
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(jobs.map((j) => j.uniqueKey)).size).toBe(jobs.length);
    expect(new Set(runs.map((j) => j.id)).size).toBe(runs.length);
    expect(runs.length).toBeLessThanOrEqual(jobs.length);
  });

  test('stop() lets the job in hand finish and report before returning', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handler = new RecordingHandler('t.slow', async () => {
      await gate;
      return { kind: 'done' };
    });
    const runner = start([handler]);
    await store.jobs.enqueue({ kind: 't.slow', uniqueKey: 'slow', payload: {} });
    await until(() => handler.runs.length === 1);
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await store.jobs.list({ kind: 't.slow' })).toMatchObject([{ status: 'done' }]);
  });

  test('wake() starts a new job without waiting for the next poll', async () => {
    const handler = new RecordingHandler('t.wake');
    const runner = start([handler], { pollMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.jobs.enqueue({ kind: 't.wake', uniqueKey: 'wake', payload: {} });
    runner.wake();
    await until(() => handler.runs.length === 1, 2000);
  });
});
