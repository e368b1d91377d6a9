import { formatLondonDateTime } from '../../../src/cards';
import type { Recording } from '../../../src/footage/recording';
import { BoxProbe } from './box-probe';
import {
  decide,
  GOOD_FORM,
  latestForm,
  recordingsOf,
  requestByIds,
  requestByName,
  requestIdOf,
  submitForm,
} from './flows';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';
import {
  actionsOf,
  alice,
  backends,
  ben,
  cardText,
  dana,
  expectAuditChainIntact,
  invokeCard,
  personalConversation,
  postedCards,
  startAccessBot,
  startOnBackend,
  updatedCards,
  useAccessBot,
  validCard,
  waitForPosted,
  waitForStatus,
  type AccessBot,
} from './support';

/**
 * Access end to end: an officer asks, a supervisor approves in chat, Box grants exactly that, and
 * the officer gets the link; on each database the bot supports.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(backends())('the whole happy path (%s)', (backend) => {
  // They have the app: the bot has their personal conversation references.
  const suite = useAccessBot(backend, { install: [alice, dana, ben] });
  let probe: BoxProbe;
  let aliceBoxId: string;
  let recordings: Recording[];

  beforeAll(async () => {
    probe = new BoxProbe(suite.bot.h.bot.emulator!.url);
    aliceBoxId = await probe.userId(alice.email);
    recordings = await recordingsOf(suite.bot.h, 'LAM-0105', 3);
  });

  test('request by file name → form → status card → approval card → grant in Box → share-link card', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[0];
    await h.teams.say(alice, `request ${recording.fileName}`);
    const form = await latestForm(h, alice);
    expect(cardText(form.card)).toContain(recording.fileName);
    expect(cardText(form.card)).toContain('Brixton Station (south)');

    // The server re-checks the form: a malformed case reference comes back with the problem named.
    const invalid = invokeCard(await submitForm(h, alice, form, { ...GOOD_FORM, caseReference: '12345' }));
    expect(cardText(invalid)).toMatch(/seven digits, a slash and two digits/);
    expect(actionsOf(invalid).map((a) => a.verb)).toEqual(['request.submit']);
    expect(await store.requests.listByRequester(alice.aadObjectId)).toHaveLength(0);

    const status = invokeCard(await submitForm(h, alice, form, GOOD_FORM));
    const requestId = requestIdOf(status);
    // Stored durably, pending, before the answer came back.
    const stored = await store.requests.get(requestId);
    expect(stored).toMatchObject({
      status: 'pending',
      caseReference: '5212345/26',
      access: 'view',
      durationDays: 7,
      requesterAadObjectId: alice.aadObjectId,
    });
    expect(cardText(status)).toMatch(/Waiting for a supervisor/);
    expect(status.refresh).toMatchObject({ action: { verb: 'request.refresh', data: { requestId } } });
    expect((status.refresh as { userIds: string[] }).userIds).toEqual(
      expect.arrayContaining([alice.teamsId, dana.teamsId]),
    );

    // Submitting the same form again makes no second request.
    const again = invokeCard(await submitForm(h, alice, form, GOOD_FORM));
    expect(requestIdOf(again)).toBe(requestId);
    expect(await store.requests.listByRequester(alice.aadObjectId)).toHaveLength(1);

    // The approval card reached the borough's supervisor proactively, with Approve and Reject.
    const approval = await waitForPosted(h.connector, personalConversation(dana), new RegExp(requestId));
    expect(actionsOf(approval.card).map((a) => a.verb)).toEqual(['request.approve', 'request.reject']);
    expect(cardText(approval.card)).toContain('PC Alice Carter (Lambeth)');
    expect(cardText(approval.card)).toContain('Robbery outside the station');
    expect(
      postedCards(h.connector, personalConversation(dana)).filter((p) => cardText(p.card).includes(requestId)),
    ).toHaveLength(1);

    const decided = invokeCard(await decide(h, dana, requestId, 'approve'));
    expect(cardText(decided)).toMatch(/Approved by Sgt Dana Whitfield/);

    const granted = await waitForStatus(store, requestId, ['granted', 'failed', 'partially_failed']);
    expect(granted.status).toBe('granted');
    const expiresAt = granted.expiresAt!;
    expect(Math.abs(expiresAt.getTime() - (granted.decidedAt!.getTime() + 7 * DAY_MS))).toBeLessThan(1000);

    // Box: a previewer collaboration for Alice's Box user ending with the approval, a collaborators-only link.
    const collaborations = await probe.collaborations(recording.fileId);
    expect(collaborations).toHaveLength(1);
    expect(collaborations[0]).toMatchObject({
      role: 'previewer',
      accessible_by: { id: aliceBoxId, login: alice.email },
    });
    expect(Date.parse(collaborations[0].expires_at!)).toBe(Math.floor(expiresAt.getTime() / 1000) * 1000);
    const link = await probe.sharedLink(recording.fileId);
    expect(link).toMatchObject({ access: 'collaborators' });
    expect(Date.parse(link!.unshared_at!)).toBe(Math.floor(expiresAt.getTime() / 1000) * 1000);
    // Box answers the file for Alice (as-user), but not its download: view only.
    expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(200);
    expect(await probe.downloadStatusAs(recording.fileId, aliceBoxId)).toBe(403);
    expect(granted.recordings[0]).toMatchObject({
      state: 'granted',
      collaborationId: collaborations[0].id,
      sharedLinkUrl: link!.url,
    });

    // The share-link card: thumbnail, Open in Box, expiry in London time, access level, case, approver.
    const share = await waitForPosted(h.connector, personalConversation(alice), /Access granted/);
    const shareText = cardText(share.card);
    expect(shareText).toContain(`"url":"${link!.url}","title":"Open in Box"`);
    expect(shareText).toMatch(/"url":"data:image\/jpeg;base64,/);
    expect(shareText).toContain(formatLondonDateTime(expiresAt));
    expect(shareText).toMatch(/View only/);
    expect(shareText).toContain('5212345/26');
    expect(shareText).toContain('Sgt Dana Whitfield');

    // Every stored copy (Dana's approval card, Alice's status card) was updated in place.
    await h.connector.waitFor(() =>
      updatedCards(h.connector).some((u) => u.activityId === approval.id && /Access until/.test(cardText(u.card))),
    );
    const aliceStatusUpdates = updatedCards(h.connector, (c) => c.activityId === form.id);
    expect(cardText(aliceStatusUpdates[aliceStatusUpdates.length - 1].card)).toMatch(/Approved by Sgt Dana Whitfield/);

    const actions = (await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action);
    expect(actions).toEqual(['requested', 'routed', 'approved', 'granted']);
    const grantedEntry = (await store.audit.list({ target: `request:${requestId}` })).find(
      (e) => e.action === 'granted',
    );
    expect(grantedEntry).toMatchObject({
      actor: 'system',
      details: { boxFileId: recording.fileId, role: 'previewer', collaborationId: collaborations[0].id },
    });
  });

  test('each viewer gets their own view when Teams refreshes the card', async () => {
    const { h } = suite.bot;
    const { requestId } = await requestByName(h, alice, recordings[1].fileId);
    const viewAs = async (user: typeof alice) =>
      invokeCard(await h.teams.execute(user, 'request.refresh', { requestId }, { trigger: 'automatic' }));

    expect(actionsOf(await viewAs(dana)).map((a) => a.verb)).toEqual(['request.approve', 'request.reject']);
    expect(actionsOf(await viewAs(alice))).toEqual([]);
    expect(cardText(await viewAs(alice))).toMatch(/Waiting for a supervisor/);
    // Another borough's officer learns that the request exists, and nothing of it.
    const other = await viewAs(ben);
    expect(actionsOf(other).map((a) => a.verb)).toEqual(['request.refresh']);
    expect(cardText(other)).not.toContain('5212345/26');

    invokeCard(await decide(h, dana, requestId, 'approve', { decisionComment: 'Proportionate; view only.' }));
    await waitForStatus(suite.bot.store, requestId, ['granted']);
    const approverAfter = await viewAs(dana);
    expect(actionsOf(approverAfter).map((a) => a.verb)).toEqual(['grant.revoke']);
    expect(cardText(await viewAs(ben))).not.toContain('Proportionate');
    for (const card of [approverAfter, await viewAs(alice)]) {
      const text = cardText(card);
      expect(text).toContain('Sgt Dana Whitfield');
      expect(text).toMatch(/GMT|BST/);
      expect(text).toContain('Proportionate; view only.');
    }
    expect(actionsOf(await viewAs(alice))).toEqual([]);
  });

  test('several recordings picked on a results card, download for a shortened time', async () => {
    const { h, store } = suite.bot;
    const picked = [recordings[2], (await recordingsOf(h, 'LAM-0106', 1))[0]];
    const { requestId, statusCard } = await requestByIds(
      h,
      alice,
      picked.map((r) => r.fileId),
      {
        ...GOOD_FORM,
        access: 'download',
        justification: 'The CPS needs a copy for disclosure.',
        durationDays: '14',
      },
    );
    expect(cardText(statusCard)).toContain('2 recordings');
    invokeCard(await decide(h, dana, requestId, 'approve', { approvedDurationDays: '3' }));
    const granted = await waitForStatus(store, requestId, ['granted', 'failed']);
    expect(granted).toMatchObject({ status: 'granted', approvedDurationDays: 3, durationDays: 14 });
    expect(granted.expiresAt!.getTime() - granted.decidedAt!.getTime()).toBe(3 * DAY_MS);
    for (const recording of picked) {
      const [collaboration] = await probe.collaborations(recording.fileId);
      expect(collaboration).toMatchObject({ role: 'viewer', accessible_by: { id: aliceBoxId } });
      expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(200);
      expect([200, 302]).toContain(await probe.downloadStatusAs(recording.fileId, aliceBoxId));
    }
    const share = await waitForPosted(
      h.connector,
      personalConversation(alice),
      new RegExp(`Access granted: 2 recordings`),
    );
    expect(cardText(share.card)).toMatch(/View and download/);
    // Only sharing onward and each recording's history reach the bot from it.
    expect(actionsOf(share.card).map((a) => a.verb)).toEqual(['custody.history', 'custody.history', 'share.open']);
    expect((cardText(share.card).match(/"title":"Open in Box"/g) ?? []).length).toBe(2);
  });

  test('my requests lists the officer’s requests with their status', async () => {
    const { h } = suite.bot;
    await h.teams.say(alice, 'my requests');
    const { card } = await waitForPosted(h.connector, personalConversation(alice), /Your access requests/);
    const text = cardText(validCard(card));
    expect(text).toContain('5212345/26');
    expect(text).toMatch(/Access until/);
  });
});

describe('what the bot asks of Box', () => {
  let owner: AccessBot;
  let proxy: RecordingProxy;
  let bot: AccessBot;

  beforeAll(async () => {
    // One bot owns the (seeded) emulator; a second one reaches it only through a recording proxy.
    owner = await startOnBackend('sqlite');
    proxy = await startRecordingProxy(owner.h.bot.emulator!.url);
    bot = await startAccessBot({ emulatorUrl: proxy.url });
    for (const user of [alice, dana]) await bot.h.teams.install(user);
  }, 120_000);

  afterAll(async () => {
    await bot?.close();
    await proxy?.close();
    await owner?.close();
  });

  test('collaborations are created without Box’s own notification email, and links are never open', async () => {
    const { h, store } = bot;
    const [recording] = await recordingsOf(h, 'LAM-0108', 1);
    const { requestId } = await requestByName(h, alice, recording.fileName);
    invokeCard(await decide(h, dana, requestId, 'approve'));
    expect((await waitForStatus(store, requestId, ['granted', 'failed'])).status).toBe('granted');
    const creates = proxy.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/2.0/collaborations'));
    expect(creates).toHaveLength(1);
    expect(new URL(creates[0].url, proxy.url).searchParams.get('notify')).toBe('false');
    const probe = new BoxProbe(owner.h.bot.emulator!.url);
    expect(await probe.sharedLink(recording.fileId)).toMatchObject({ access: 'collaborators' });
    await expectAuditChainIntact(store);
  });
});
