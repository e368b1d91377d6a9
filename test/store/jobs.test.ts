import type { ClaimedJob, Store } from '../../src/footage/ports/store';
import { backends, ManualClock, useFixture } from './support';

const LEASE_MS = 30_000;

/** A worker that claims until nothing is due, recording what it got. */
async function drain(store: Store, workerId: string, claimed: ClaimedJob[]): Promise<void> {
  for (;;) {
    const job = await store.jobs.claim(workerId, LEASE_MS);
    if (!job) return;
    claimed.push(job);
    expect(await store.jobs.complete(job.id, job.claimToken)).toBe(true);
  }
}

describe.each(backends())('durable jobs on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('enqueues once per unique key, whatever the payload of a repeat', async () => {
    const { store } = await fixture.store();
    const first = await store.jobs.enqueue({
      kind: 'grant',
      uniqueKey: 'grant:r1',
      payload: { requestId: 'r1', files: ['1', '2'] },
    });
    const again = await store.jobs.enqueue({ kind: 'grant', uniqueKey: 'grant:r1', payload: { requestId: 'other' } });
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, job: first.job });
    expect(first.job).toMatchObject({ status: 'queued', attempts: 0, payload: { requestId: 'r1', files: ['1', '2'] } });
    expect(await store.jobs.list({ kind: 'grant' })).toHaveLength(1);
  });

  it('hands each due job to exactly one of many concurrent workers on two instances', async () => {
    const { store, db } = await fixture.store();
    const other = await db.open();
    for (let n = 0; n < 12; n += 1) await store.jobs.enqueue({ kind: 'notify', uniqueKey: `n${n}`, payload: n });

    const claimed: ClaimedJob[] = [];
    await Promise.all(Array.from({ length: 8 }, (_, w) => drain(w % 2 ? store : other, `worker-${w}`, claimed)));

    expect(claimed).toHaveLength(12);
    expect(new Set(claimed.map((job) => job.id)).size).toBe(12);
    expect(claimed.every((job) => job.attempts === 1)).toBe(true);
    expect(await store.jobs.list({ status: 'done' })).toHaveLength(12);
  });

  it('gives one due job to exactly one of 20 simultaneous claims', async () => {
    const { store, db } = await fixture.store();
    const other = await db.open();
    await store.jobs.enqueue({ kind: 'grant', uniqueKey: 'grant:only', payload: null });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, w) => (w % 2 ? store : other).jobs.claim(`worker-${w}`, LEASE_MS)),
    );
    const winners = results.filter((job) => job !== undefined);
    expect(winners).toHaveLength(1);
    expect(await store.jobs.get(winners[0]!.id)).toMatchObject({
      status: 'running',
      attempts: 1,
      lockedBy: winners[0]!.lockedBy,
    });
  });

  it('does not hand out a job before it is due, and takes the earliest first', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    const later = new Date(clock.now().getTime() + 60_000);
    await store.jobs.enqueue({
      kind: 'expire',
      uniqueKey: 'expire:late',
      payload: null,
      runAt: new Date(later.getTime() + 1000),
    });
    await store.jobs.enqueue({ kind: 'expire', uniqueKey: 'expire:early', payload: null, runAt: later });

    expect(await store.jobs.claim('w1', LEASE_MS)).toBeUndefined();
    clock.advance(61_000);
    expect((await store.jobs.claim('w1', LEASE_MS))?.uniqueKey).toBe('expire:early');
    expect((await store.jobs.claim('w1', LEASE_MS))?.uniqueKey).toBe('expire:late');
    expect(await store.jobs.claim('w1', LEASE_MS)).toBeUndefined();
  });

  it('claims only the kinds a worker asks for', async () => {
    const { store } = await fixture.store();
    await store.jobs.enqueue({ kind: 'grant', uniqueKey: 'g', payload: 1 });
    await store.jobs.enqueue({ kind: 'expire', uniqueKey: 'e', payload: 2 });
    expect((await store.jobs.claim('w', LEASE_MS, { kinds: ['expire'] }))?.kind).toBe('expire');
    expect(await store.jobs.claim('w', LEASE_MS, { kinds: ['expire', 'notify'] })).toBeUndefined();
  });

  it('re-hands a job whose worker crashed once its lease expires, and ignores the old worker afterwards', async () => {
    const clock = new ManualClock();
    const { store, db } = await fixture.store({ clock: clock.now });
    const survivor = await db.open({ clock: clock.now });
    await store.jobs.enqueue({ kind: 'grant', uniqueKey: 'grant:r1', payload: { requestId: 'r1' } });

    const crashed = await store.jobs.claim('instance-a', LEASE_MS);
    expect(crashed).toMatchObject({
      status: 'running',
      lockedBy: 'instance-a',
      attempts: 1,
      leaseUntil: new Date(clock.now().getTime() + LEASE_MS),
    });
    clock.advance(LEASE_MS - 1);
    expect(await survivor.jobs.claim('instance-b', LEASE_MS)).toBeUndefined();
    clock.advance(1);

    const retried = await survivor.jobs.claim('instance-b', LEASE_MS);
    expect(retried).toMatchObject({ id: crashed?.id, lockedBy: 'instance-b', attempts: 2 });
    expect(await store.jobs.complete(crashed!.id, crashed!.claimToken)).toBe(false);
    expect(await store.jobs.extendLease(crashed!.id, crashed!.claimToken, LEASE_MS)).toBe(false);
    expect(await survivor.jobs.complete(retried!.id, retried!.claimToken)).toBe(true);
    expect(await store.jobs.get(crashed!.id)).toMatchObject({ status: 'done', lockedBy: 'instance-b' });
  });

  it('prunes only done jobs of the kind asked, finished before the time given', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    const finish = async (kindName: string, key: string): Promise<void> => {
      await store.jobs.enqueue({ kind: kindName, uniqueKey: key, payload: {} });
      const job = await store.jobs.claim('w', LEASE_MS, { kinds: [kindName] });
      expect(await store.jobs.complete(job!.id, job!.claimToken)).toBe(true);
    };
    await finish('sweep', 'sweep@1');
    await finish('grant', 'grant:r1');
    clock.advance(60_000);
    await finish('sweep', 'sweep@2');
    await store.jobs.enqueue({ kind: 'sweep', uniqueKey: 'sweep@3', payload: {} });

    expect(await store.jobs.pruneFinished('sweep', new Date(clock.now().getTime() - 30_000))).toBe(1);
    expect((await store.jobs.list()).map((j) => j.uniqueKey).sort()).toEqual(['grant:r1', 'sweep@2', 'sweep@3']);
  });

  it('keeps a long job with extendLease', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    await store.jobs.enqueue({ kind: 'grant', uniqueKey: 'long', payload: null });
    const job = (await store.jobs.claim('w1', LEASE_MS))!;
    clock.advance(LEASE_MS - 1000);
    expect(await store.jobs.extendLease(job.id, job.claimToken, LEASE_MS)).toBe(true);
    clock.advance(2000);
    expect(await store.jobs.claim('w2', LEASE_MS)).toBeUndefined();
  });

  it('retries a failed job at the time given, or fails it for good', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    await store.jobs.enqueue({ kind: 'grant', uniqueKey: 'flaky', payload: null });
    const first = (await store.jobs.claim('w1', LEASE_MS))!;
    const retryAt = new Date(clock.now().getTime() + 5000);
    expect(await store.jobs.fail(first.id, first.claimToken, { error: 'Box 503', retryAt })).toBe(true);
    expect(await store.jobs.get(first.id)).toMatchObject({
      status: 'queued',
      runAt: retryAt,
      lastError: 'Box 503',
      leaseUntil: null,
    });
    expect(await store.jobs.claim('w1', LEASE_MS)).toBeUndefined();

    clock.advance(5000);
    const second = (await store.jobs.claim('w1', LEASE_MS))!;
    expect(second.attempts).toBe(2);
    expect(await store.jobs.fail(second.id, second.claimToken, { error: 'Box user not found' })).toBe(true);
    expect(await store.jobs.get(first.id)).toMatchObject({ status: 'failed', lastError: 'Box user not found' });
    clock.advance(LEASE_MS * 10);
    expect(await store.jobs.claim('w1', LEASE_MS)).toBeUndefined();
    expect(await store.jobs.list({ status: 'failed' })).toHaveLength(1);
  });
});
