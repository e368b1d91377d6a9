import { ACCESS_JOB_KINDS, GrantJob, RevokeJob } from '../../../src/footage/access';
import type { AccessRequest, Job, Store } from '../../../src/footage/ports/store';
import { ALICE, backends, DANA, useFixture } from '../../store/support';
import { boxDown, FakeBox, RecordingNotifier } from './fakes';

/**
 * The grant job step by step, on the real store with Box faked at its port: what it creates, what
 * it saves when, how it resumes, and how it ends when it cannot finish.
 */
const SETTINGS = { sharedLinks: true, maxAttempts: 3, retryBaseMs: 10 };

describe.each(backends())('the grant job on %s', (kind) => {
  const fixture = useFixture(kind, __filename);
  let store: Store;
  let box: FakeBox;
  let notifier: RecordingNotifier;
  let job: GrantJob;

  beforeEach(async () => {
    ({ store } = await fixture.store());
    await store.people.replaceRoster([ALICE, DANA]);
    box = new FakeBox();
    box.addUser(ALICE.email);
    notifier = new RecordingNotifier();
    job = new GrantJob({ store, box, notifier, settings: SETTINGS, now: () => new Date() });
  });

  async function approvedRequest(access: 'view' | 'download' = 'view'): Promise<AccessRequest> {
    const { request } = await store.requests.create({
      idempotencyKey: `k-${Math.random()}`,
      requesterAadObjectId: ALICE.aadObjectId,
      recordings: [
        { boxFileId: 'f1', fileName: 'one.mp4' },
        { boxFileId: 'f2', fileName: 'two.mp4' },
      ],
      caseReference: '5212345/26',
      reason: 'Robbery',
      access,
      downloadJustification: access === 'download' ? 'CPS' : null,
      durationDays: 7,
    });
    const decided = await store.requests.decide({
      requestId: request.id,
      deciderAadObjectId: DANA.aadObjectId,
      decision: 'approved',
      comment: null,
      approvedDurationDays: 5,
    });
    if (decided.outcome !== 'decided') throw new Error('not decided');
    return decided.request;
  }

  async function run(request: AccessRequest, attempts: number): ReturnType<GrantJob['handle']> {
    const { job: queued } = await store.jobs.enqueue({
      kind: ACCESS_JOB_KINDS.grant,
      uniqueKey: `grant:${request.id}`,
      payload: { requestId: request.id },
    });
    return job.handle({ ...queued, attempts } as Job);
  }

  test('each recording gets a collaboration for the officer and a collaborators-only link ending with the approval', async () => {
    const request = await approvedRequest();
    expect(await run(request, 1)).toEqual({ kind: 'done' });
    const after = (await store.requests.get(request.id))!;
    expect(after.status).toBe('granted');
    const userId = box.users.get(ALICE.email)!.id;
    for (const fileId of ['f1', 'f2']) {
      expect(box.collaborations.get(`${fileId}:${userId}`)).toMatchObject({
        role: 'previewer',
        expiresAt: request.expiresAt,
      });
      expect(box.links.get(fileId)).toEqual({
        access: 'collaborators',
        unsharedAt: request.expiresAt,
        canDownload: false,
      });
    }
    expect(after.recordings.map((r) => [r.state, r.sharedLinkUrl])).toEqual([
      ['granted', 'https://box.example/s/f1'],
      ['granted', 'https://box.example/s/f2'],
    ]);
    expect((await store.audit.list()).map((e) => [e.action, e.details.boxFileId])).toEqual([
      ['granted', 'f1'],
      ['granted', 'f2'],
    ]);
    expect(notifier.events).toEqual([`granted:${request.id}`, `changed:${request.id}`]);
  });

  test('download access is the viewer role', async () => {
    const request = await approvedRequest('download');
    await run(request, 1);
    expect([...box.collaborations.values()].map((c) => c.role)).toEqual(['viewer', 'viewer']);
    expect(box.links.get('f1')?.canDownload).toBe(true);
  });

  test('a run that stops halfway resumes without granting twice, the collaboration id saved at once', async () => {
    const request = await approvedRequest();
    // f1 goes through; f2 gets its collaboration, then its link fails.
    box.failCall('setSharedLink', 2, boxDown());
    expect(await run(request, 1)).toMatchObject({ kind: 'retry', delayMs: 10 });
    const halfway = (await store.requests.get(request.id))!;
    expect(halfway.status).toBe('granting');
    expect(halfway.recordings.map((r) => r.state)).toEqual(['granted', 'pending']);
    expect(halfway.recordings[1].collaborationId).not.toBeNull();
    expect(notifier.events).toEqual([]);

    box.calls.length = 0;
    expect(await run(halfway, 2)).toEqual({ kind: 'done' });
    expect(box.calls.filter((c) => c === 'grantAccess')).toHaveLength(1);
    expect(box.collaborations.size).toBe(2);
    const done = (await store.requests.get(request.id))!;
    expect(done.status).toBe('granted');
    expect(done.recordings[1].collaborationId).toBe(halfway.recordings[1].collaborationId);
    expect(notifier.events).toEqual([`granted:${request.id}`, `changed:${request.id}`]);
  });

  test('Box still down at the last attempt: what was created is removed and the request fails', async () => {
    const request = await approvedRequest();
    box.failCall('grantAccess', 2, boxDown());
    expect(await run(request, SETTINGS.maxAttempts)).toEqual({ kind: 'done' });
    const failed = (await store.requests.get(request.id))!;
    expect(failed.status).toBe('failed');
    expect(failed.recordings.map((r) => r.state)).toEqual(['revoked', 'failed']);
    expect(box.collaborations.size).toBe(0);
    expect(box.links.size).toBe(0);
    expect(notifier.events).toEqual([
      `failed:${request.id}:Box did not answer after several attempts.`,
      `changed:${request.id}`,
    ]);
    expect((await store.audit.list()).map((e) => e.action)).toEqual(['granted', 'grant_failed']);
  });

  test('when removing what was created fails too, the request says so', async () => {
    const request = await approvedRequest();
    box.failCall('grantAccess', 2, boxDown());
    box.failCall('removeCollaboration', 1, boxDown());
    await run(request, SETTINGS.maxAttempts);
    const after = (await store.requests.get(request.id))!;
    expect(after.status).toBe('partially_failed');
    expect(after.recordings.map((r) => r.state)).toEqual(['revoke_failed', 'failed']);
    expect((await store.audit.list()).map((e) => e.action)).toEqual(['granted', 'grant_failed', 'revoke_failed']);
  });

  test('an officer without a Box user: nothing is granted to anyone', async () => {
    box.users.clear();
    const request = await approvedRequest();
    await run(request, 1);
    const after = (await store.requests.get(request.id))!;
    expect(after.status).toBe('failed');
    expect(after.recordings.every((r) => r.state === 'failed' && r.collaborationId === null)).toBe(true);
    expect(box.calls).not.toContain('grantAccess');
    expect(notifier.events[0]).toMatch(/^failed:.*No Box user has the email alice@police\.example/);
  });

  test('a request revoked before its grant ran is not granted', async () => {
    const request = await approvedRequest();
    await store.requests.transition(request.id, { from: ['approved'], to: 'revoked', revokedBy: DANA.aadObjectId });
    expect(await run(request, 1)).toEqual({ kind: 'done' });
    expect(box.calls).not.toContain('grantAccess');
    expect((await store.requests.get(request.id))!.recordings.map((r) => r.state)).toEqual(['revoked', 'revoked']);
  });

  test('a run after the grant sends the share card only if it was not sent', async () => {
    const request = await approvedRequest();
    await run(request, 1);
    notifier.events.length = 0;
    await run(request, 2);
    expect(notifier.events).toEqual([`granted:${request.id}`, `changed:${request.id}`]);
    await store.requests.recordCard({
      requestId: request.id,
      kind: 'share',
      recipientAadObjectId: ALICE.aadObjectId,
      messageId: 'a1',
      address: {
        conversationId: 'a:1',
        data: {
          serviceUrl: 'https://smba.example/',
          channelId: 'msteams',
          conversation: { id: 'a:1', conversationType: 'personal' },
        },
      },
    });
    notifier.events.length = 0;
    await run(request, 3);
    expect(notifier.events).toEqual([`changed:${request.id}`]);
    expect(box.calls.filter((c) => c === 'grantAccess')).toHaveLength(2);
  });

  test('revoking removes the collaborations and links, then tells the officer', async () => {
    const request = await approvedRequest();
    await run(request, 1);
    await store.requests.transition(request.id, { from: ['granted'], to: 'revoked', revokedBy: DANA.aadObjectId });
    notifier.events.length = 0;
    const revoke = new RevokeJob({ store, box, notifier, now: () => new Date(), maxAttempts: 3, retryBaseMs: 10 });
    box.failCall('removeCollaboration', 1, boxDown());
    const { job: queued } = await store.jobs.enqueue({
      kind: ACCESS_JOB_KINDS.revoke,
      uniqueKey: `revoke:${request.id}`,
      payload: { requestId: request.id },
    });
    expect(await revoke.handle({ ...queued, attempts: 1 })).toMatchObject({ kind: 'retry' });
    expect(notifier.events).toEqual([]);
    expect(await revoke.handle({ ...queued, attempts: 2 })).toEqual({ kind: 'done' });
    expect(box.collaborations.size).toBe(0);
    expect(box.links.size).toBe(0);
    expect((await store.requests.get(request.id))!.recordings.map((r) => r.state)).toEqual(['revoked', 'revoked']);
    expect(notifier.events).toEqual([`revoked:${request.id}`, `changed:${request.id}`]);
  });
});
