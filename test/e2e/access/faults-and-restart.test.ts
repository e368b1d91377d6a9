import { ACCESS_JOB_KINDS } from '../../../src/footage/access';
import type { Recording } from '../../../src/footage/recording';
import { BoxProbe } from './box-probe';
import { approvalCard, decide, recordingsOf, requestByIds, requestByName } from './flows';
import {
  alice,
  backends,
  cardText,
  dana,
  expectAuditChainIntact,
  invokeCard,
  personalConversation,
  priya,
  restartableBot,
  useAccessBot,
  waitForPosted,
  waitForStatus,
  waitUntil,
} from './support';

/**
 * The grant is a durable job: it rides out Box's 429s and 5xxs (retry-after honoured), ends
 * cleanly failed when Box stays down (whatever it had created removed again), and resumes after
 * the bot restarts between the decision and the Box calls.
 */
describe.each(backends())('Box faults during the grant (%s)', (backend) => {
  const suite = useAccessBot(backend, { install: [alice, dana] });
  let probe: BoxProbe;
  let recordings: Recording[];
  let aliceBoxId: string;

  beforeAll(async () => {
    probe = new BoxProbe(suite.bot.h.bot.emulator!.url);
    recordings = await recordingsOf(suite.bot.h, 'LAM-0106', 5);
    aliceBoxId = await probe.userId(alice.email);
  });

  afterEach(() => probe.clearFaults());

  test('Box answering 429 (with retry-after) and 503 ends granted after retries', async () => {
    const { h, store } = suite.bot;
    const { requestId } = await requestByName(h, alice, recordings[0].fileName);
    await approvalCard(h, personalConversation(dana), requestId);
    await probe.fault({ status: 429, count: 3, retryAfter: 0, match: 'POST /2.0/collaborations' });
    await probe.fault({ status: 503, count: 2, retryAfter: 0, match: `PUT /2.0/files/${recordings[0].fileId}` });
    invokeCard(await decide(h, dana, requestId, 'approve'));
    const granted = await waitForStatus(store, requestId, ['granted', 'failed', 'partially_failed'], 30_000);
    expect(granted.status).toBe('granted');
    const log = await probe.requestLog();
    expect(log.filter((e) => e.fault && e.status === 429 && e.path === '/2.0/collaborations')).toHaveLength(3);
    expect(log.filter((e) => e.fault && e.status === 503)).toHaveLength(2);
    expect(await probe.collaborations(recordings[0].fileId)).toHaveLength(1);
    expect(await probe.fileStatusAs(recordings[0].fileId, aliceBoxId)).toBe(200);
    await waitForPosted(h.connector, personalConversation(alice), /Access granted/);
  });

  test('Box down for good: the grant fails cleanly, both people are told, nothing is left granted', async () => {
    const { h, store } = suite.bot;
    const { requestId } = await requestByName(h, alice, recordings[1].fileName);
    await approvalCard(h, personalConversation(dana), requestId);
    await probe.fault({ status: 500, count: 1000, retryAfter: 0, match: 'POST /2.0/collaborations' });
    invokeCard(await decide(h, dana, requestId, 'approve'));
    const failed = await waitForStatus(store, requestId, ['failed', 'granted', 'partially_failed'], 30_000);
    expect(failed.status).toBe('failed');
    expect(failed.recordings[0]).toMatchObject({ state: 'failed', collaborationId: null });
    expect(failed.recordings[0].error).toMatch(/Box did not answer after several attempts/);
    // The job tried as often as configured (JOB_MAX_ATTEMPTS=3), each attempt with the gateway's own retries.
    const job = await waitUntil(
      async () =>
        (await store.jobs.list({ kind: ACCESS_JOB_KINDS.grant })).find(
          (j) => j.uniqueKey === `grant:${requestId}` && j.status === 'done',
        ),
      'the grant job to end',
    );
    expect(job.attempts).toBe(3);
    expect(await probe.collaborations(recordings[1].fileId)).toEqual([]);
    expect(await probe.fileStatusAs(recordings[1].fileId, aliceBoxId)).toBe(404);
    for (const user of [alice, dana]) {
      const told = await waitForPosted(h.connector, personalConversation(user), /Access could not be set up in Box/);
      expect(cardText(told.card)).toMatch(/Box did not answer after several attempts\. Nothing was left granted/);
    }
    expect((await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action)).toEqual([
      'requested',
      'routed',
      'approved',
      'grant_failed',
    ]);
  });

  test('a failure halfway through takes back what was already granted', async () => {
    const { h, store } = suite.bot;
    const [first, second] = [recordings[2], recordings[3]];
    const { requestId } = await requestByIds(h, alice, [first.fileId, second.fileId]);
    await approvalCard(h, personalConversation(dana), requestId);
    // The first recording goes through; the second gets its collaboration, then its link keeps failing.
    await probe.fault({ status: 502, count: 1000, retryAfter: 0, match: `PUT /2.0/files/${second.fileId}` });
    invokeCard(await decide(h, dana, requestId, 'approve'));
    const failed = await waitForStatus(store, requestId, ['failed', 'granted', 'partially_failed'], 30_000);
    expect(failed.status).toBe('failed');
    expect(failed.recordings.map((r) => r.state)).toEqual(['revoked', 'failed']);
    // Collaboration ids were saved as soon as Box made them: that is how they could be taken back.
    expect(failed.recordings.every((r) => r.collaborationId !== null)).toBe(true);
    for (const recording of [first, second]) {
      expect(await probe.collaborations(recording.fileId)).toEqual([]);
      expect(await probe.sharedLink(recording.fileId)).toBeNull();
      expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(404);
    }
    const actions = (await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action);
    expect(actions).toEqual(['requested', 'routed', 'approved', 'granted', 'grant_failed']);
  });
});

describe.each(backends())('a restart between the approval and the grant (%s)', (backend) => {
  test('the grant job survives the restart and completes on the next start', async () => {
    const setup = await restartableBot(backend);
    try {
      // The first run decides but never gets to Box: it stops before any worker claims the job.
      const before = await setup.start({ JOBS_ENABLED: 'false' });
      let requestId: string;
      let fileId: string;
      try {
        for (const user of [alice, dana]) await before.h.teams.install(user);
        const [recording] = await recordingsOf(before.h, 'LAM-0112', 1);
        fileId = recording.fileId;
        ({ requestId } = await requestByName(before.h, alice, recording.fileName));
        invokeCard(await decide(before.h, dana, requestId, 'approve'));
        expect(await before.store.requests.get(requestId)).toMatchObject({ status: 'approved' });
        expect(await before.store.jobs.list({ kind: ACCESS_JOB_KINDS.grant })).toMatchObject([
          { uniqueKey: `grant:${requestId}`, status: 'queued' },
        ]);
      } finally {
        await before.close();
      }

      const after = await setup.start();
      try {
        const granted = await waitForStatus(after.store, requestId, ['granted', 'failed'], 30_000);
        expect(granted.status).toBe('granted');
        const probe = new BoxProbe(after.h.bot.emulator!.url);
        expect(await probe.fileStatusAs(fileId, await probe.userId(alice.email))).toBe(200);
        // The officer hears of it through the conversation reference stored before the restart.
        await waitForPosted(setup.connector, personalConversation(alice), /Access granted/);
        expect((await after.store.audit.list({ target: `request:${requestId}` })).map((e) => e.action)).toEqual([
          'requested',
          'routed',
          'approved',
          'granted',
        ]);
        await expectAuditChainIntact(after.store);
      } finally {
        await after.close();
      }
    } finally {
      await setup.cleanup();
    }
  }, 120_000);
});

describe.each(backends())('a restart between storing a request and sending its approval cards (%s)', (backend) => {
  test('the routing job sends the cards on the next start, and the request can be decided', async () => {
    const setup = await restartableBot(backend);
    try {
      // The first run stores the request but cannot send a card (Teams refuses to open the chats),
      // then stops before any worker runs the routing job.
      for (const decider of [dana, priya]) setup.connector.refuseConversationsWith.add(decider.teamsId);
      const requestId = await setup.run({ JOBS_ENABLED: 'false' }, async (before) => {
        await before.h.teams.install(alice);
        const [recording] = await recordingsOf(before.h, 'LAM-0112', 1);
        const { requestId: id } = await requestByName(before.h, alice, recording.fileName);
        expect(await before.store.jobs.list({ kind: ACCESS_JOB_KINDS.route })).toMatchObject([
          { uniqueKey: `route:${id}`, status: 'queued' },
        ]);
        expect((await before.store.audit.list({ target: `request:${id}` })).map((e) => e.action)).toEqual([
          'requested',
          'unroutable',
        ]);
        return id;
      });

      for (const decider of [dana, priya]) setup.connector.refuseConversationsWith.delete(decider.teamsId);
      await setup.run({}, async (after) => {
        // Due once the first attempt must be over (JOB_LEASE_MS after the request), then sent into
        // the chat the bot opens with Dana.
        const toDana = (c: { kind: string; assignedId?: string; body: Record<string, unknown> }): boolean =>
          c.kind === 'createConversation' &&
          c.assignedId !== undefined &&
          JSON.stringify(c.body.members).includes(dana.teamsId);
        await setup.connector.waitFor((calls) => calls.some(toDana), 30_000);
        const opened = setup.connector.calls.filter(toDana);
        await approvalCard(after.h, opened[opened.length - 1].assignedId!, requestId);
        await waitUntil(
          async () =>
            (await after.store.audit.list({ target: `request:${requestId}` })).some((e) => e.action === 'routed'),
          'the routing audited',
        );
        expect(
          (await after.store.audit.list({ target: `request:${requestId}` })).map((e) => [
            e.action,
            e.details.to ?? null,
          ]),
        ).toEqual([
          ['requested', null],
          ['unroutable', null],
          ['routed', dana.aadObjectId],
        ]);
        invokeCard(await decide(after.h, dana, requestId, 'approve'));
        expect((await waitForStatus(after.store, requestId, ['granted', 'failed'], 30_000)).status).toBe('granted');
        await expectAuditChainIntact(after.store);
      });
    } finally {
      await setup.cleanup();
    }
  }, 120_000);
});
