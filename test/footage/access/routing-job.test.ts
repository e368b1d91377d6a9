import { ACCESS_JOB_KINDS } from '../../../src/footage/access';
import { accessRouteJob, routeJobKey } from '../../../src/footage/access/routing-job';
import type { Person } from '../../../src/footage/people';
import type { AccessRequest, Job, Store } from '../../../src/footage/ports/store';
import { ALICE, backends, DANA, useFixture } from '../../store/support';
import { RecordingNotifier } from './fakes';

/**
 * The routing job on the real store: it sends what the first attempt did not, never a card twice,
 * retries while no one can be reached, and then marks the request unroutable and tells the officer.
 */
const priya: Person = {
  aadObjectId: 'aad-priya',
  name: 'Priya Nair',
  role: 'admin',
  borough: null,
  email: 'priya@police.example',
};

describe.each(backends())('the routing job on %s', (kind) => {
  const fixture = useFixture(kind, __filename);
  let store: Store;
  let notifier: RecordingNotifier;
  let job: ReturnType<typeof accessRouteJob>;

  beforeEach(async () => {
    ({ store } = await fixture.store());
    await store.people.replaceRoster([ALICE, DANA, priya]);
    notifier = new RecordingNotifier();
    job = accessRouteJob({ store, notifier, scope: 'borough', maxAttempts: 3, retryBaseMs: 10 });
  });

  async function pendingRequest(): Promise<AccessRequest> {
    const { request } = await store.requests.create({
      idempotencyKey: `k-${Math.random()}`,
      requesterAadObjectId: ALICE.aadObjectId,
      recordings: [{ boxFileId: 'f1', fileName: 'one.mp4' }],
      caseReference: '5212345/26',
      reason: 'Robbery',
      access: 'view',
      downloadJustification: null,
      durationDays: 7,
    });
    return request;
  }

  async function run(request: AccessRequest, attempts: number): ReturnType<typeof job.handle> {
    const { job: queued } = await store.jobs.enqueue({
      kind: ACCESS_JOB_KINDS.route,
      uniqueKey: routeJobKey(request.id),
      payload: { requestId: request.id },
    });
    return job.handle({ ...queued, attempts } as Job);
  }

  const actions = async (request: AccessRequest): Promise<string[]> =>
    (await store.audit.list({ target: `request:${request.id}` })).map((e) => e.action);

  test('a request whose cards were never sent (the bot stopped) gets them from the job', async () => {
    const request = await pendingRequest();
    expect(await run(request, 1)).toEqual({ kind: 'done' });
    expect(notifier.events).toEqual(['ask:Sgt Dana Whitfield', `changed:${request.id}`]);
    expect(await actions(request)).toEqual(['routed']);
  });

  test('a card already sent is not sent again', async () => {
    const request = await pendingRequest();
    await store.requests.recordCard({
      requestId: request.id,
      kind: 'approval',
      recipientAadObjectId: DANA.aadObjectId,
      messageId: 'a1',
      address: { conversationId: 'c', data: { serviceUrl: 'http://x' } },
    });
    expect(await run(request, 1)).toEqual({ kind: 'done' });
    expect(notifier.events.filter((e) => e.startsWith('ask:'))).toEqual([]);
  });

  test('nobody reachable: retried, then unroutable, audited, and the officer told', async () => {
    const request = await pendingRequest();
    notifier.reachable = false;
    expect(await run(request, 1)).toMatchObject({ kind: 'retry', delayMs: 10 });
    expect(await run(request, 2)).toMatchObject({ kind: 'retry', delayMs: 20 });
    expect(await run(request, 3)).toEqual({ kind: 'done' });
    // Dana first; the administrator as the fallback, since no other supervisor may decide.
    expect(notifier.events.slice(0, 2)).toEqual(['ask:Sgt Dana Whitfield', 'ask:Priya Nair']);
    expect(notifier.events.at(-1)).toBe(`unroutable:${request.id}`);
    const entries = await store.audit.list({ target: `request:${request.id}` });
    expect(entries.map((e) => [e.action, e.details.final])).toEqual([['unroutable', true]]);
  });

  test('a request decided meanwhile needs no routing', async () => {
    const request = await pendingRequest();
    await store.requests.decide({
      requestId: request.id,
      deciderAadObjectId: priya.aadObjectId,
      decision: 'rejected',
      comment: 'no',
    });
    expect(await run(request, 1)).toEqual({ kind: 'done' });
    expect(notifier.events).toEqual([]);
  });
});
