/**
 * One submission per link, end to end through the Teams protocol and the emulator's public upload
 * page: two files sent in one go on a camera's link are both catalogued, the link closes once the
 * settle period has passed (a delayed job, one per camera), the page then refuses the owner, a file
 * Box still reports for the closed camera is processed as any other, Extend leaves the closed link
 * closed, and the request is complete as soon as the second camera's owner has sent theirs.
 * Both arrival paths are covered: webhooks (two cameras) and polling (one camera).
 */
import { Readable } from 'node:stream';
import { connectBoxClient } from '../../../src/box/client';
import { gatewayConfigFor } from '../../../src/box/from-app-config';
import type { FootageRequest } from '../../../src/footage/footage-requests';
import type { Store } from '../../../src/footage/ports/store';
import { BoxProbe } from '../access/box-probe';
import {
  actionData,
  alice,
  backends,
  ben,
  cardText,
  invokeCard,
  personalConversation,
  postedCards,
  useAccessBot,
  waitForPosted,
  waitUntil,
} from '../access/support';
import {
  askForFootage,
  footageRequest,
  registerWebhook,
  requestIdOf,
  sendForm,
  sha256,
  uploadAsOwner,
  uploadUrlOf,
  videoBytes,
  waitForCatalogued,
} from './support';

/** Three seconds: long enough for both files of one POST to land, short enough for a test. */
const SETTLE = { FOOTAGE_SUBMISSION_SETTLE_MINUTES: '0.05' };
const SETTLE_MS = 3000;

async function fileRequestStatus(probe: BoxProbe, fileRequestId: string | null): Promise<string> {
  return ((await probe.json(`/2.0/file_requests/${fileRequestId}`)) as { status: string }).status;
}

function waitForStatus(store: Store, requestId: string, status: FootageRequest['status']): Promise<FootageRequest> {
  return waitUntil(
    async () => {
      const current = await footageRequest(store, requestId);
      return current.status === status ? current : undefined;
    },
    `footage request ${requestId} to be ${status}`,
    30_000,
  );
}

async function auditOf(store: Store, requestId: string) {
  return store.audit.list({ target: `footage-request:${requestId}`, limit: 1000 });
}

describe.each(backends())('one submission per link by webhook on %s', (backend) => {
  const ctx = useAccessBot(backend, {
    install: [alice, ben],
    env: { PUBLIC_URL: 'https://bot.example.org', ...SETTLE },
  });

  it('closes each camera’s link after its submission settles and completes the request when both have sent', async () => {
    const { h, store } = ctx.bot;
    await registerWebhook(h);
    const probe = new BoxProbe(h.bot.emulator!.url);

    // Two cameras, two owners: the nearby list's ticked cameras make the form.
    await h.teams.say(
      alice,
      'request footage near Brixton Station on 03/03/2026 between 2pm and 4pm for case 5274265/26',
    );
    const nearby = await waitForPosted(h.connector, personalConversation(alice), /Cameras within 500 m/);
    const form = invokeCard(
      await h.teams.execute(
        alice,
        'footageRequest.open',
        { ...actionData(nearby.card, 'footageRequest.open'), footageCameraIds: 'LAM-0105,LAM-0106' },
        { replyToId: nearby.id },
      ),
    );
    const linkCard = await sendForm(h, alice, { id: nearby.id, card: form });
    const requestId = requestIdOf(linkCard);
    // The link card keeps itself current for the officer (Universal Actions refresh).
    expect(linkCard.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'footageRequest.refresh', data: { requestId } },
      userIds: [expect.any(String)],
    });
    const request = await footageRequest(store, requestId);
    const [first, second] = request.cameras;
    expect(request.cameras.map((c) => c.cameraId)).toEqual(['LAM-0105', 'LAM-0106']);
    expect(request.cameras.every((c) => c.uploadUrl && c.linkClosedAt === null)).toBe(true);

    // The first owner sends two files in one go: Box announces each with its own webhook.
    const one = videoBytes(`one-submission-a-${backend}`);
    const two = videoBytes(`one-submission-b-${backend}`);
    const sent = await uploadAsOwner(first.uploadUrl!, [
      { name: 'LAM-0105 part 1.mp4', bytes: one },
      { name: 'LAM-0105 part 2.mp4', bytes: two },
    ]);
    expect(sent.status).toBe(200);
    const files = await waitForCatalogued(store, requestId, 2);
    expect(files.map((f) => f.sha256).sort()).toEqual([sha256(one), sha256(two)].sort());

    // One delayed close per camera, however many files arrived, due a settle period after the first.
    const closeJobs = await store.jobs.list({ kind: 'footageRequests.closeLink' });
    const firstCloses = closeJobs.filter((j) => j.uniqueKey === `close-link:${requestId}:LAM-0105`);
    expect(firstCloses).toHaveLength(1);
    expect(firstCloses[0].runAt.getTime() - firstCloses[0].createdAt.getTime()).toBeGreaterThanOrEqual(SETTLE_MS - 50);
    expect(closeJobs.some((j) => j.uniqueKey.endsWith(':LAM-0106'))).toBe(false);

    // After the settle period the first link is inactive in Box; the second camera still waits.
    await waitUntil(
      async () => (await fileRequestStatus(probe, first.fileRequestId)) === 'inactive',
      'the first camera’s link to close',
      30_000,
    );
    const halfway = await waitUntil(async () => {
      const current = await footageRequest(store, requestId);
      return current.cameras[0].linkClosedAt ? current : undefined;
    }, 'the close to be recorded');
    expect(halfway).toMatchObject({ status: 'receiving', filesReceived: 2 });
    expect(halfway.cameras[1].linkClosedAt).toBeNull();
    expect(await fileRequestStatus(probe, second.fileRequestId)).toBe('active');

    // The owner tries the closed link again: the page refuses, nothing lands.
    const again = await uploadAsOwner(first.uploadUrl!, [{ name: 'LAM-0105 more.mp4', bytes: videoBytes('more') }]);
    expect(again.status).toBe(410);

    // A file Box still reports in the closed camera's intake folder is processed normally.
    const { client } = connectBoxClient(gatewayConfigFor({ kind: 'emulator', port: 0 }, h.bot.emulator!.url));
    const late = videoBytes(`one-submission-late-${backend}`);
    await client.uploads.uploadFile({
      attributes: { name: 'LAM-0105 part 3.mp4', parent: { id: first.intakeFolderId! } },
      file: Readable.from([late]),
    });
    const withLate = await waitForCatalogued(store, requestId, 3);
    expect(withLate.map((f) => f.sha256)).toContain(sha256(late));

    // Extend keeps working for the link still open, and leaves the closed one closed.
    const extended = invokeCard(await h.teams.execute(alice, 'footageRequest.extend', { requestId }));
    expect(cardText(extended)).toMatch(/Extended: the links stay open until/);
    expect(cardText(extended)).toMatch(/this upload link is closed \(one submission per link\)/);
    expect(await fileRequestStatus(probe, first.fileRequestId)).toBe('inactive');
    const secondBox = (await probe.json(`/2.0/file_requests/${second.fileRequestId}`)) as { expires_at: string };
    const afterExtend = await footageRequest(store, requestId);
    expect(Math.abs(Date.parse(secondBox.expires_at) - afterExtend.expiresAt.getTime())).toBeLessThan(1000);

    // The second owner sends theirs: once it settles, the request is complete, long before its expiry.
    const third = videoBytes(`one-submission-c-${backend}`);
    expect(
      (await uploadAsOwner(second.uploadUrl!, [{ name: 'LAM-0106.mp4', bytes: third }], 'owner@example.org')).status,
    ).toBe(200);
    const complete = await waitForStatus(store, requestId, 'complete');
    expect(complete.endedBy).toBe('system');
    expect(complete.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(complete.cameras.every((c) => c.linkClosedAt !== null)).toBe(true);
    expect(await fileRequestStatus(probe, second.fileRequestId)).toBe('inactive');
    await waitForCatalogued(store, requestId, 4);

    // The officer gets the request card, complete; `my footage requests` says so.
    const done = await waitForPosted(h.connector, personalConversation(alice), /Complete: every owner has sent/);
    expect(cardText(done.card)).toContain(requestId);
    expect(JSON.stringify(done.card)).not.toContain('footageRequest.extend');
    // The original link card, shown again, refreshes to complete for Alice; Ben, another borough's
    // officer holding a forwarded copy, is told it is not his to see.
    const refreshed = invokeCard(
      await h.teams.execute(alice, 'footageRequest.refresh', { requestId }, { trigger: 'automatic' }),
    );
    expect(cardText(refreshed)).toMatch(/Status[\s\S]*complete/);
    expect(JSON.stringify(refreshed)).not.toContain('footageRequest.extend');
    const forwarded = invokeCard(
      await h.teams.execute(ben, 'footageRequest.refresh', { requestId }, { trigger: 'automatic' }),
    );
    expect(cardText(forwarded)).toMatch(/Only the officer who asked, their supervisors or an administrator/);
    expect(cardText(forwarded)).not.toContain(request.caseReference);
    // Sent by a job committed with the completion (a crash in between cannot lose it), once.
    const announced = await store.jobs.list({ kind: 'footageRequests.announceCompleted' });
    expect(announced.filter((j) => (j.payload as { requestId?: string }).requestId === requestId)).toEqual([
      expect.objectContaining({ status: 'done' }),
    ]);
    expect(
      postedCards(h.connector, personalConversation(alice)).filter(
        (p) => /Complete: every owner has sent/.test(cardText(p.card)) && cardText(p.card).includes(requestId),
      ),
    ).toHaveLength(1);
    await h.teams.say(alice, 'my footage requests');
    const list = await waitForPosted(h.connector, personalConversation(alice), /Your footage requests/);
    expect(cardText(list.card)).toMatch(new RegExp(`${requestId}[\\s\\S]*complete`));

    // An Extend pressed on an older card does not reopen the links; Cancel says it is closed.
    const reopen = invokeCard(await h.teams.execute(alice, 'footageRequest.extend', { requestId }));
    expect(cardText(reopen)).toMatch(/already closed: the request is complete.*make a new request/s);
    const cancel = invokeCard(await h.teams.execute(alice, 'footageRequest.cancel', { requestId }));
    expect(cardText(cancel)).toMatch(/already closed: the request is complete/);
    expect(await fileRequestStatus(probe, first.fileRequestId)).toBe('inactive');
    expect((await footageRequest(store, requestId)).status).toBe('complete');

    // Audited: each link closed because its owner submitted, then the request completed, once.
    const audit = await auditOf(store, requestId);
    const closes = audit.filter((e) => e.action === 'link_closed');
    expect(closes.map((e) => e.details)).toEqual([
      expect.objectContaining({ cameraId: 'LAM-0105', fileRequestId: first.fileRequestId, reason: 'submitted' }),
      expect.objectContaining({ cameraId: 'LAM-0106', fileRequestId: second.fileRequestId, reason: 'submitted' }),
    ]);
    const completed = audit.filter((e) => e.action === 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0].details).toMatchObject({ reason: 'submitted', cameras: ['LAM-0105', 'LAM-0106'] });
    expect(audit.map((e) => e.action).indexOf('completed')).toBeGreaterThan(
      audit.map((e) => e.action).lastIndexOf('link_closed'),
    );
  }, 120_000);
});

describe.each(backends())('one submission per link by polling on %s', (backend) => {
  const ctx = useAccessBot(backend, { install: [alice], env: { FOOTAGE_POLL_MS: '200', ...SETTLE } });

  it('closes the link after the submission found by polling and completes the request', async () => {
    const { h, store } = ctx.bot;
    const probe = new BoxProbe(h.bot.emulator!.url);
    const linkCard = await sendForm(
      h,
      alice,
      await askForFootage(
        h,
        alice,
        'ask the owner of camera WST-0115 for footage 14/03/2026 22:00-23:30 for case 5212345/26',
      ),
    );
    const requestId = requestIdOf(linkCard);
    const one = videoBytes(`polling-submission-a-${backend}`);
    const two = videoBytes(`polling-submission-b-${backend}`);
    const sent = await uploadAsOwner(uploadUrlOf(linkCard), [
      { name: 'WST-0115 a.mp4', bytes: one },
      { name: 'WST-0115 b.mp4', bytes: two },
    ]);
    expect(sent.status).toBe(200);

    const complete = await waitForStatus(store, requestId, 'complete');
    const files = await waitForCatalogued(store, requestId, 2);
    expect(files.map((f) => f.sha256).sort()).toEqual([sha256(one), sha256(two)].sort());
    expect(await fileRequestStatus(probe, complete.cameras[0].fileRequestId)).toBe('inactive');
    expect(
      (await uploadAsOwner(uploadUrlOf(linkCard), [{ name: 'late.mp4', bytes: videoBytes('late-poll') }])).status,
    ).toBe(410);
    const actions = (await auditOf(store, requestId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'link_closed')).toHaveLength(1);
    expect(actions.filter((a) => a === 'completed')).toHaveLength(1);
    await waitForPosted(h.connector, personalConversation(alice), /Complete: every owner has sent/);
  }, 90_000);
});
