/**
 * Sharing with colleagues end to end through the Teams protocol: one request naming two people,
 * a supervisor approving one of them, and Box holding exactly one new collaboration with the
 * approved expiry; refusals that change nothing in Box; and a recording card in a channel that
 * shows each viewer their own state.
 */
import type { Store } from '../../../src/footage/ports/store';
import type { Recording } from '../../../src/footage/recording';
import type { SharingStoreExtension } from '../../../src/footage/sharing';
import { BoxProbe } from '../access/box-probe';
import { recordingsOf } from '../access/flows';
import {
  actionData,
  actionsOf,
  alice,
  backends,
  ben,
  cardText,
  chloe,
  dana,
  invokeCard,
  personalConversation,
  postedCards,
  useAccessBot,
  validCard,
  waitForPosted,
  waitForStatus,
} from '../access/support';
import { grantedAccess } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(backends())('sharing with colleagues (%s)', (backend) => {
  const suite = useAccessBot(backend, {
    install: [alice, ben, chloe, dana],
    env: { CLOCK_NOW: '2026-04-01T12:00:00Z' },
  });
  let probe: BoxProbe;
  let recordings: Recording[];

  beforeAll(async () => {
    probe = new BoxProbe(suite.bot.h.bot.emulator!.url);
    recordings = await recordingsOf(suite.bot.h, 'LAM-0135', 3);
  });

  test('share with two colleagues → approve one → exactly one new collaboration with the approved expiry → only that colleague can open it', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[0];
    const own = await grantedAccess(suite.bot, alice, dana, [recording.fileId]);
    const before = await probe.collaborations(recording.fileId);

    const reply = await h.teams.say(alice, `share ${recording.fileName} with Ben Okafor, chloe.singh@police.example`);
    expect(reply.status).toBe(200);
    const shareCard = await waitForPosted(h.connector, personalConversation(alice), /Share: 1 recording/);
    expect(cardText(shareCard.card)).toMatch(/DC Ben Okafor: waiting for approval/);
    expect(cardText(shareCard.card)).toMatch(/PC Chloe Singh: waiting for approval/);
    const groupId = String((shareCard.card.refresh as { action: { data: { groupId: string } } }).action.data.groupId);
    // Nothing in Box before a decision.
    expect(await probe.collaborations(recording.fileId)).toHaveLength(before.length);

    // The supervisor's card lists both people and lets them pick.
    const approval = await waitForPosted(h.connector, personalConversation(dana), new RegExp(groupId));
    expect(actionsOf(approval.card).map((a) => a.verb)).toEqual(['share.decide']);
    expect(cardText(approval.card)).toContain('DC Ben Okafor');
    expect(cardText(approval.card)).toContain('PC Chloe Singh');

    // A member's request cannot be approved on its own card, which does not re-check the sharer's access.
    const benPending = (await (store as Store & SharingStoreExtension).sharing.shareGroups.get(groupId))!.members.find(
      (m) => m.recipientAadObjectId === ben.aadObjectId,
    )!.requestId;
    const bypass = invokeCard(await h.teams.execute(dana, 'request.approve', { requestId: benPending }));
    expect(cardText(bypass)).toMatch(/decide it on the share card/);
    expect((await store.requests.get(benPending))?.status).toBe('pending');
    // `shares` shows the supervisor what waits for them.
    expect((await h.teams.say(dana, 'shares')).status).toBe(200);
    await waitForPosted(h.connector, personalConversation(dana), new RegExp(`Share id[\\s\\S]*${groupId}`));

    const decided = invokeCard(
      await h.teams.execute(
        dana,
        'share.decide',
        {
          ...actionData(approval.card, 'share.decide'),
          approveIds: ben.aadObjectId,
          shareDurationDays: '3',
          shareComment: 'Only the OIC for now.',
        },
        { replyToId: approval.id },
      ),
    );
    expect(cardText(decided)).toMatch(/PC Chloe Singh: not approved/);
    const group = (await (store as Store & SharingStoreExtension).sharing.shareGroups.get(groupId))!;
    const benRequest = group.members.find((m) => m.recipientAadObjectId === ben.aadObjectId)!.requestId;
    const chloeRequest = group.members.find((m) => m.recipientAadObjectId === chloe.aadObjectId)!.requestId;
    const granted = await waitForStatus(store, benRequest, ['granted']);
    expect((await store.requests.get(chloeRequest))?.status).toBe('rejected');
    // Three days, as approved: within the requested 7 and within Alice's own access.
    expect(granted.expiresAt!.getTime() - granted.decidedAt!.getTime()).toBe(3 * DAY_MS);
    expect(granted.expiresAt!.getTime()).toBeLessThanOrEqual(own.expiresAt!.getTime());

    const after = await probe.collaborations(recording.fileId);
    expect(after).toHaveLength(before.length + 1);
    const added = after.find((c) => !before.some((b) => b.id === c.id))!;
    expect(added.accessible_by.login).toBe(ben.email);
    expect(added.role).toBe('previewer');
    // Box keeps whole seconds.
    expect(Math.abs(Date.parse(added.expires_at!) - granted.expiresAt!.getTime())).toBeLessThan(1000);
    expect(await probe.fileStatusAs(recording.fileId, await probe.userId(ben.email))).toBe(200);
    expect(await probe.fileStatusAs(recording.fileId, await probe.userId(chloe.email))).toBe(404);
    // Ben got his own share-link card.
    await waitForPosted(h.connector, personalConversation(ben), /Access granted: 1 recording/);
    // Deciding again changes nothing.
    const again = invokeCard(await h.teams.execute(dana, 'share.decide', { groupId, approveIds: chloe.aadObjectId }));
    expect(cardText(again)).toMatch(/already been decided/);
    expect(await probe.collaborations(recording.fileId)).toHaveLength(after.length);
  });

  test('refusals say why and change nothing in Box: no access, yourself, outside the roster, too long, after one’s own access ended', async () => {
    const { h, store } = suite.bot;
    const [, second, third] = recordings;
    /** The refusal card answering `text`. */
    const refusal = async (user: typeof alice, text: string, reason: RegExp): Promise<void> => {
      const before = postedCards(h.connector, personalConversation(user)).length;
      expect((await h.teams.say(user, text)).status).toBe(200);
      const answer = postedCards(h.connector, personalConversation(user))
        .slice(before)
        .map((p) => cardText(p.card))
        .find((t) => t.includes('That was not done'));
      expect(answer).toMatch(reason);
    };
    const collaborations = (await probe.collaborations(second.fileId)).length;
    await refusal(chloe, `share ${second.fileName} with ben`, /You have no access to/);
    await grantedAccess(suite.bot, alice, dana, [second.fileId], {
      caseReference: '5212345/26',
      reason: 'Robbery',
      access: 'view',
      durationDays: '2',
    });
    await refusal(alice, `share ${second.fileName} with alice`, /cannot share with yourself/);
    await refusal(alice, `share ${second.fileName} with Sam Stranger`, /Sam Stranger.{1,3} is not on the roster/);
    await refusal(alice, `share ${second.fileName} with ben for 5 days`, /at most 1 day/);
    expect(await probe.collaborations(second.fileId)).toHaveLength(collaborations + 1);

    // Once her own access has ended, Alice cannot pass it on.
    const ended = await grantedAccess(suite.bot, alice, dana, [third.fileId]);
    const revoked = await h.teams.say(dana, `revoke ${ended.id}`);
    expect(revoked.status).toBe(200);
    await waitForStatus(store, ended.id, ['revoked']);
    await refusal(alice, `share ${third.fileName} with ben`, /own access to .* has ended/);
    const refusals = (await store.audit.list({ limit: 10_000 })).filter(
      (e) => e.action === 'refused' && e.details.action === 'share',
    );
    expect(refusals.map((e) => e.details.code)).toEqual(
      expect.arrayContaining(['no_access', 'yourself', 'not_on_roster', 'too_long', 'own_access_expired']),
    );
  });

  test('a supervisor sharing decides it themselves: granted at once, audited as their own decision', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[1];
    // The recording is on no case and Dana holds no request for it: she names the case.
    expect((await h.teams.say(dana, `share ${recording.fileName} with ben for 2 days`)).status).toBe(200);
    await waitForPosted(h.connector, personalConversation(dana), /not linked to a case yet/);
    expect(
      (await h.teams.say(dana, `share ${recording.fileName} with ben for 2 days for case 5212345/26`)).status,
    ).toBe(200);
    const card = await waitForPosted(h.connector, personalConversation(dana), /Shared directly by Sgt Dana Whitfield/);
    const groupId = String((card.card.refresh as { action: { data: { groupId: string } } }).action.data.groupId);
    const group = (await (store as Store & SharingStoreExtension).sharing.shareGroups.get(groupId))!;
    expect(group.direct).toBe(true);
    const granted = await waitForStatus(store, group.members[0].requestId, ['granted']);
    expect(granted).toMatchObject({
      requesterAadObjectId: ben.aadObjectId,
      decidedBy: dana.aadObjectId,
      approvedDurationDays: 2,
    });
    expect(await probe.fileStatusAs(recording.fileId, await probe.userId(ben.email))).toBe(200);
    const trail = [
      ...(await store.audit.list({ target: `share:${groupId}` })),
      ...(await store.audit.list({ target: `request:${granted.id}` })),
    ].map((e) => [e.action, e.actor, e.details.direct ?? null]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ['shared_directly', dana.aadObjectId, null],
        ['approved', dana.aadObjectId, true],
      ]),
    );
  });

  test('a recording card in a channel shows each viewer their own state, and the people picker searches the roster', async () => {
    const { h } = suite.bot;
    const recording = recordings[0];
    const channel = { type: 'channel' as const, channelId: '19:investigations@thread.tacv2' };
    const found = await h.teams.query(
      alice,
      'findFootage',
      {
        query: `camera ${recording.cameraId} on ${new Date(recording.recordedFrom).toISOString().slice(8, 10)}/${new Date(recording.recordedFrom).toISOString().slice(5, 7)}/2026`,
      },
      { skip: 0, count: 25 },
      channel,
    );
    expect(found.status).toBe(200);
    const attachments = (
      found.body as { composeExtension: { attachments: Array<{ content: Record<string, unknown> }> } }
    ).composeExtension.attachments;
    const inserted = validCard(attachments[0].content);
    const refresh = inserted.refresh as { action: { verb: string; data: { fileId: string } }; userIds: string[] };
    expect(refresh.action.verb).toBe('recording.state');
    expect(refresh.userIds).toEqual(expect.arrayContaining([alice.teamsId, chloe.teamsId]));
    const fileId = refresh.action.data.fileId;

    // Alice was granted the first recording above; Chloe has nothing.
    const aliceView = invokeCard(
      await h.teams.execute(
        alice,
        'recording.state',
        { fileId: recording.fileId },
        { scope: channel, trigger: 'automatic' },
      ),
    );
    expect(cardText(aliceView)).toMatch(/You have access until/);
    expect(actionsOf(aliceView).map((a) => a.verb)).toEqual(expect.arrayContaining(['share.open', 'partner.open']));
    // "Share with a partner": which partner first (the demo has two), then that partner's form.
    expect(
      (await h.teams.execute(alice, 'partner.open', { fileId: recording.fileId }, { scope: channel })).status,
    ).toBe(200);
    const chooser = await waitForPosted(h.connector, '19:investigations@thread.tacv2', /Pick the organisation/);
    expect(actionsOf(chooser.card).map((a) => a.title)).toEqual([
      'Crown Prosecution Service',
      'Independent Office for Police Conduct',
    ]);
    expect(
      (await h.teams.execute(alice, 'partner.open', actionsOf(chooser.card)[0].data, { scope: channel })).status,
    ).toBe(200);
    await waitForPosted(h.connector, '19:investigations@thread.tacv2', /Share with Crown Prosecution Service/);
    const chloeView = invokeCard(
      await h.teams.execute(
        chloe,
        'recording.state',
        { fileId: recording.fileId },
        { scope: channel, trigger: 'automatic' },
      ),
    );
    expect(cardText(chloeView)).toMatch(/You have no access/);
    expect(actionsOf(chloeView).map((a) => a.verb)).toContain('request.open');
    expect(fileId).toMatch(/^\d+$/);

    // The form's people picker asks the bot (application/search): roster people only, never the asker.
    const search = await h.teams.post({
      type: 'invoke',
      name: 'application/search',
      id: 'search-1',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: alice.teamsId, name: alice.name, aadObjectId: alice.aadObjectId },
      recipient: { id: '28:cctv-footage-bot', name: 'CCTV Footage' },
      conversation: { id: personalConversation(alice), conversationType: 'personal', tenantId: h.teams.tenantId },
      value: { queryText: 'ch', dataset: 'roster', queryOptions: { skip: 0, top: 15 } },
    });
    expect(search.status).toBe(200);
    const results = (search.body as { value: { results: Array<{ title: string; value: string }> } }).value.results;
    expect(results).toEqual([{ title: 'PC Chloe Singh (Westminster)', value: chloe.aadObjectId }]);
    // "Share with colleagues" on the card opens the form, whose picker asks for that dataset.
    expect(
      (await h.teams.execute(alice, 'share.open', { fileIds: [recording.fileId] }, { scope: channel })).status,
    ).toBe(200);
    const form = await waitForPosted(
      h.connector,
      '19:investigations@thread.tacv2',
      /Share 1 recording with colleagues/,
    );
    expect(JSON.stringify(form.card)).toContain('"choices.data":{"type":"Data.Query","dataset":"roster"}');
  });
});
