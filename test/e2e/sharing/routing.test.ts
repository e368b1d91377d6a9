/**
 * Where share approval cards go, and that they get there: colleague and partner shares are routed
 * like access requests (the sharer's borough, the fallback APPROVAL_SCOPE allows, the approvals
 * channel) by a job stored with the share, so a bot stopped before the cards went out sends them
 * on its next start; a decision redraws every copy in place, so nobody decides it twice; and
 * people who never wrote to the bot are reached through a chat it opens.
 */
import type { Store } from '../../../src/footage/ports/store';
import type { Recording } from '../../../src/footage/recording';
import type { SharingStoreExtension } from '../../../src/footage/sharing';
import type { TeamsUser } from '../../support/teams-client';
import { recordingsOf } from '../access/flows';
import {
  actionData,
  actionsOf,
  alice,
  backends,
  ben,
  cardText,
  dana,
  ed,
  expectAuditChainIntact,
  invokeCard,
  personalConversation,
  postedCards,
  priya,
  restartableBot,
  updatedCards,
  useAccessBot,
  waitForPosted,
  waitForStatus,
  waitUntil,
  type AccessBot,
  type Card,
} from '../access/support';
import { grantedAccess } from './support';

const LAWYER = 'reviewer@cps.gov.uk';
const CHANNEL = '19:cctv-approvals@thread.tacv2';

function sharingStore(bot: AccessBot): Store & SharingStoreExtension {
  return bot.store as Store & SharingStoreExtension;
}

function refreshData(card: Card): Record<string, string> {
  return (card.refresh as { action: { data: Record<string, string> } }).action.data;
}

/** `share <file> with <names>` typed in chat: the share card answering it. */
async function shareWithColleagues(
  bot: AccessBot,
  user: TeamsUser,
  recording: Recording,
  names: string,
): Promise<Card> {
  const before = postedCards(bot.h.connector, personalConversation(user)).length;
  expect((await bot.h.teams.say(user, `share ${recording.fileName} with ${names}`)).status).toBe(200);
  await bot.h.connector.waitFor(() =>
    postedCards(bot.h.connector, personalConversation(user))
      .slice(before)
      .some((p) => /Share: 1 recording/.test(cardText(p.card))),
  );
  return postedCards(bot.h.connector, personalConversation(user))
    .slice(before)
    .find((p) => /Share: 1 recording/.test(cardText(p.card)))!.card;
}

/** `share <file> with cps`, then the form submitted: the partner share card answering it. */
async function shareWithPartner(bot: AccessBot, user: TeamsUser, recording: Recording): Promise<Card> {
  const before = postedCards(bot.h.connector, personalConversation(user)).length;
  expect((await bot.h.teams.say(user, `share ${recording.fileName} with cps`)).status).toBe(200);
  await bot.h.connector.waitFor(() =>
    postedCards(bot.h.connector, personalConversation(user))
      .slice(before)
      .some((p) => actionsOf(p.card).some((a) => a.verb === 'partner.submit')),
  );
  const form = postedCards(bot.h.connector, personalConversation(user))
    .slice(before)
    .find((p) => actionsOf(p.card).some((a) => a.verb === 'partner.submit'))!;
  return invokeCard(
    await bot.h.teams.execute(user, 'partner.submit', {
      ...actionData(form.card, 'partner.submit'),
      partnerEmail: LAWYER,
      shareReason: 'Charging decision',
      shareCaseReference: '5212345/26',
      shareDurationDays: '2',
    }),
  );
}

async function trail(bot: AccessBot, target: string): Promise<Array<[string, unknown]>> {
  return (await bot.store.audit.list({ target })).map((e) => [e.action, e.details.to ?? null]);
}

describe.each(backends())('a restart between storing a share and sending its approval cards (%s)', (backend) => {
  test('the routing jobs send the colleague and partner share cards on the next start, the sharer is told, and the shares can be decided', async () => {
    const setup = await restartableBot(backend);
    try {
      // First run: Alice is given access the ordinary way.
      const recording = await setup.run({}, async (bot) => {
        for (const user of [alice, dana]) await bot.h.teams.install(user);
        const [first] = await recordingsOf(bot.h, 'LAM-0112', 1);
        await grantedAccess(bot, alice, dana, [first.fileId]);
        return first;
      });

      // Second run: Alice shares, but no card can go out (Dana's chat refuses messages, nobody else
      // has the app), and the bot stops before any worker runs the routing jobs.
      setup.connector.refuseSendsTo.add(personalConversation(dana));
      for (const decider of [ed, priya]) setup.connector.refuseConversationsWith.add(decider.teamsId);
      const { groupId, shareId } = await setup.run({ JOBS_ENABLED: 'false' }, async (bot) => {
        const shared = await shareWithColleagues(bot, alice, recording, 'ben');
        expect(cardText(shared)).toMatch(/No supervisor could be reached just now/);
        const partner = await shareWithPartner(bot, alice, recording);
        expect(cardText(partner)).toMatch(/No supervisor could be reached just now/);
        const ids = { groupId: refreshData(shared).groupId, shareId: refreshData(partner).shareId };
        const queued = await bot.store.jobs.list({});
        expect(queued.filter((j) => j.kind === 'share.route')).toMatchObject([
          { uniqueKey: `route-share:${ids.groupId}`, status: 'queued' },
        ]);
        expect(queued.filter((j) => j.kind === 'partner.route')).toMatchObject([
          { uniqueKey: `route-partner:${ids.shareId}`, status: 'queued' },
        ]);
        expect(await trail(bot, `share:${ids.groupId}`)).toEqual([
          ['share_requested', null],
          ['unroutable', null],
        ]);
        expect(await trail(bot, `partner-share:${ids.shareId}`)).toEqual([
          ['partner_share_requested', null],
          ['unroutable', null],
        ]);
        return ids;
      });
      const cardsToDana = (): number => postedCards(setup.connector, personalConversation(dana)).length;
      const beforeRestart = cardsToDana();

      setup.connector.refuseSendsTo.clear();
      setup.connector.refuseConversationsWith.clear();
      await setup.run({}, async (bot) => {
        // Due once the first attempt must be over (JOB_LEASE_MS after the share), then sent.
        const share = await waitForPosted(setup.connector, personalConversation(dana), new RegExp(groupId), 30_000);
        const partner = await waitForPosted(setup.connector, personalConversation(dana), new RegExp(shareId), 30_000);
        expect(actionsOf(share.card).map((a) => a.verb)).toEqual(['share.decide']);
        expect(actionsOf(partner.card).map((a) => a.verb)).toEqual(['partner.approve', 'partner.reject']);
        await waitUntil(
          async () => (await trail(bot, `partner-share:${shareId}`)).some(([action]) => action === 'routed'),
          'the partner share routing audited',
        );
        expect(await trail(bot, `share:${groupId}`)).toEqual([
          ['share_requested', null],
          ['unroutable', null],
          ['routed', dana.aadObjectId],
        ]);
        expect(await trail(bot, `partner-share:${shareId}`)).toEqual([
          ['partner_share_requested', null],
          ['unroutable', null],
          ['routed', dana.aadObjectId],
        ]);
        // The sharer, told nobody could be reached, hears that the shares went out after all.
        await waitForPosted(setup.connector, personalConversation(alice), /Your share has been sent for approval/);
        await waitForPosted(
          setup.connector,
          personalConversation(alice),
          /Your partner share has been sent for approval/,
        );
        // Each card once: the job skips whoever has one.
        expect(cardsToDana() - beforeRestart).toBe(2);

        invokeCard(
          await bot.h.teams.execute(
            dana,
            'share.decide',
            { ...actionData(share.card, 'share.decide'), approveIds: ben.aadObjectId },
            { replyToId: share.id },
          ),
        );
        const group = (await sharingStore(bot).sharing.shareGroups.get(groupId))!;
        expect((await waitForStatus(bot.store, group.members[0].requestId, ['granted'], 30_000)).status).toBe(
          'granted',
        );
        // Ben never wrote to the bot: his share-link card goes into a chat the bot opens for him.
        const opensBensChat = (c: (typeof setup.connector.calls)[number]): boolean =>
          c.kind === 'createConversation' &&
          c.assignedId !== undefined &&
          JSON.stringify(c.body.members).includes(ben.teamsId);
        await setup.connector.waitFor((calls) => calls.some(opensBensChat));
        const toBen = setup.connector.calls.find(opensBensChat);
        await waitForPosted(setup.connector, toBen!.assignedId!, /Access granted: 1 recording/);

        invokeCard(await bot.h.teams.execute(dana, 'partner.approve', { shareId }, { replyToId: partner.id }));
        await waitUntil(
          async () => (await sharingStore(bot).sharing.partnerShares.get(shareId))?.status === 'granted',
          'the partner share to be granted',
        );
        await expectAuditChainIntact(bot.store);
      });
    } finally {
      await setup.cleanup();
    }
  }, 180_000);
});

describe.each(backends())('share routing with APPROVAL_SCOPE=force (%s)', (backend) => {
  // Only Alice has written to the bot; the app is installed for everyone else by an admin.
  const suite = useAccessBot(backend, { install: [alice], env: { APPROVAL_SCOPE: 'force' } });

  test("with the borough's supervisor out of reach, shares go to the other supervisors (not the admins), who may decide them", async () => {
    const { h } = suite.bot;
    const store = sharingStore(suite.bot);
    h.connector.refuseConversationsWith.add(dana.teamsId);
    const [recording] = await recordingsOf(h, 'LAM-0118', 1);
    await grantedAccess(suite.bot, alice, ed, [recording.fileId]);

    const shared = await shareWithColleagues(suite.bot, alice, recording, 'ben');
    expect(cardText(shared)).not.toMatch(/No supervisor could be reached/);
    const { groupId } = refreshData(shared);
    // Ed (Southwark) was reached through a chat the bot opened; Priya (an admin) was not asked.
    const edChat = (await store.conversations.get(ed.aadObjectId)).personal!.address.conversationId;
    const toEd = await waitForPosted(h.connector, edChat, new RegExp(groupId));
    expect(await trail(suite.bot, `share:${groupId}`)).toEqual([
      ['share_requested', null],
      ['routed', ed.aadObjectId],
    ]);
    expect((await store.conversations.get(priya.aadObjectId)).personal).toBeUndefined();

    const decided = invokeCard(
      await h.teams.execute(
        ed,
        'share.decide',
        { ...actionData(toEd.card, 'share.decide'), approveIds: ben.aadObjectId },
        { replyToId: toEd.id },
      ),
    );
    expect(cardText(decided)).toMatch(/Decided by Insp Ed Morgan/);
    const group = (await store.sharing.shareGroups.get(groupId))!;
    await waitForStatus(store, group.members[0].requestId, ['granted']);

    const partner = await shareWithPartner(suite.bot, alice, recording);
    const { shareId } = refreshData(partner);
    await waitForPosted(h.connector, edChat, new RegExp(shareId));
    expect(await trail(suite.bot, `partner-share:${shareId}`)).toEqual([
      ['partner_share_requested', null],
      ['routed', ed.aadObjectId],
    ]);
    const approved = invokeCard(await h.teams.execute(ed, 'partner.approve', { shareId }));
    expect(cardText(approved)).toMatch(/Approved by Insp Ed Morgan/);
  });
});

describe.each(backends())('deciding a share updates every copy of its card (%s)', (backend) => {
  const suite = useAccessBot(backend, { install: [alice, dana, ed, priya] });
  const channel = { type: 'channel' as const, channelId: CHANNEL };

  test('a decision redraws the other copies without their buttons; a supervisor of another borough may not decide', async () => {
    const { h } = suite.bot;
    const store = sharingStore(suite.bot);
    await h.teams.say(priya, 'use this channel for approvals', channel);
    await waitForPosted(h.connector, CHANNEL, /Approvals channel set/);
    const [recording] = await recordingsOf(h, 'LAM-0135', 1);
    await grantedAccess(suite.bot, alice, dana, [recording.fileId]);

    const { groupId } = refreshData(await shareWithColleagues(suite.bot, alice, recording, 'ben'));
    const danas = await waitForPosted(h.connector, personalConversation(dana), new RegExp(groupId));
    const channelCopy = await waitForPosted(h.connector, CHANNEL, new RegExp(groupId));
    expect((await store.sharing.shareCards.list(`share:${groupId}`)).map((c) => c.messageId).sort()).toEqual(
      [danas.id, channelCopy.id].sort(),
    );

    // Ed supervises Southwark: his own view has no Decide button, and deciding is refused.
    const edsView = invokeCard(await h.teams.execute(ed, 'share.refresh', { groupId }));
    expect(actionsOf(edsView)).toEqual([]);
    const refused = invokeCard(
      await h.teams.execute(ed, 'share.decide', { groupId, approveIds: ben.aadObjectId }, { scope: channel }),
    );
    expect(cardText(refused)).toMatch(/Only a Lambeth supervisor or an administrator can decide this share/);

    // `shares` lists it for Dana (another copy to keep up to date), not for Ed.
    const listed = postedCards(h.connector, personalConversation(dana)).length;
    expect((await h.teams.say(dana, 'shares')).status).toBe(200);
    const fromList = postedCards(h.connector, personalConversation(dana))
      .slice(listed)
      .find((p) => JSON.stringify(p.card).includes(groupId))!;
    expect(actionsOf(fromList.card).map((a) => a.verb)).toEqual(['share.decide']);
    expect((await h.teams.say(ed, 'shares')).status).toBe(200);
    await waitForPosted(h.connector, personalConversation(ed), /No shares waiting/);

    // Priya (an admin) decides from the channel: Dana's copies, and the channel's, are redrawn in place.
    expect(actionsOf(danas.card).map((a) => a.verb)).toEqual(['share.decide']);
    invokeCard(
      await h.teams.execute(
        priya,
        'share.decide',
        { groupId, approveIds: ben.aadObjectId },
        { replyToId: channelCopy.id, scope: channel },
      ),
    );
    const redrawn = (id: string): Card | undefined =>
      updatedCards(h.connector)
        .filter((u) => u.activityId === id)
        .map((u) => u.card)
        .find((c) => /Decided by Priya Nair/.test(cardText(c)));
    await h.connector.waitFor(() => [channelCopy.id, danas.id, fromList.id].every((id) => redrawn(id) !== undefined));
    expect(actionsOf(redrawn(danas.id)!).map((a) => a.verb)).not.toContain('share.decide');
    expect(actionsOf(redrawn(fromList.id)!).map((a) => a.verb)).not.toContain('share.decide');
    // Once Ben's access is set up in Box, the copies say so.
    await h.connector.waitFor(() =>
      updatedCards(h.connector).some(
        (u) => u.activityId === danas.id && /DC Ben Okafor: has access until/.test(cardText(u.card)),
      ),
    );
    const late = invokeCard(
      await h.teams.execute(dana, 'share.decide', { groupId, approveIds: ben.aadObjectId }, { replyToId: danas.id }),
    );
    expect(cardText(late)).toMatch(/already been decided/);

    // A partner share the same way: approved by Priya, Dana's copy loses its buttons.
    const { shareId } = refreshData(await shareWithPartner(suite.bot, alice, recording));
    const partnerCopy = await waitForPosted(h.connector, personalConversation(dana), new RegExp(shareId));
    expect(actionsOf(partnerCopy.card).map((a) => a.verb)).toEqual(['partner.approve', 'partner.reject']);
    await waitForPosted(h.connector, CHANNEL, new RegExp(shareId));
    const edRefused = invokeCard(await h.teams.execute(ed, 'partner.approve', { shareId }));
    expect(cardText(edRefused)).toMatch(/Only a Lambeth supervisor or an administrator can decide this partner share/);
    invokeCard(await h.teams.execute(priya, 'partner.approve', { shareId }));
    await h.connector.waitFor(() =>
      updatedCards(h.connector).some(
        (u) => u.activityId === partnerCopy.id && /Approved by Priya Nair/.test(cardText(u.card)),
      ),
    );
    const partnerRedrawn = updatedCards(h.connector).filter((u) => u.activityId === partnerCopy.id);
    expect(actionsOf(partnerRedrawn[partnerRedrawn.length - 1].card).map((a) => a.verb)).not.toContain(
      'partner.approve',
    );
  });
});
