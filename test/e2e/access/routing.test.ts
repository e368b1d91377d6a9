import { SETTING_KEYS } from '../../../src/footage/ports/store';
import type { Recording } from '../../../src/footage/recording';
import { approvalCard, decide, recordingsOf, requestByName } from './flows';
import {
  actionsOf,
  alice,
  backends,
  ben,
  cardText,
  chloe,
  dana,
  ed,
  invokeCard,
  personalConversation,
  postedCards,
  priya,
  updatedCards,
  useAccessBot,
  waitForPosted,
  waitForStatus,
} from './support';

/**
 * Where approval cards go: the requester's borough supervisors, every supervisor when the borough
 * has none reachable, the approvals channel an admin chose; and when nobody can be reached, the
 * request waits in the queue that `approvals` shows.
 */
const CHANNEL = '19:cctv-approvals@thread.tacv2';

describe.each(backends())('routing approval cards (%s)', (backend) => {
  // Only the officers have the app so far: no supervisor can be messaged first.
  const suite = useAccessBot(backend, { install: [alice, ben, chloe] });
  let recordings: Recording[];

  beforeAll(async () => {
    recordings = await recordingsOf(suite.bot.h, 'LAM-0118', 4);
  });

  test('with no supervisor reachable the officer is told, and the request waits for `approvals`', async () => {
    const { h, store } = suite.bot;
    // Teams refuses to open a chat with someone who does not have the app.
    for (const decider of [dana, ed, priya]) h.connector.refuseConversationsWith.add(decider.teamsId);
    const { requestId, statusCard } = await requestByName(h, alice, recordings[0].fileName);
    expect(cardText(statusCard)).toMatch(/No supervisor could be reached just now/);
    expect((await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action)).toEqual([
      'requested',
      'unroutable',
    ]);
    expect(h.connector.calls.filter((c) => c.conversationId === personalConversation(dana))).toEqual([]);

    // Dana installs the app later and asks for the queue.
    h.connector.refuseConversationsWith.delete(dana.teamsId);
    await h.teams.install(dana);
    await h.teams.say(dana, 'approvals');
    const queued = await approvalCard(h, personalConversation(dana), requestId);
    expect(actionsOf(queued.card).map((a) => a.verb)).toEqual(['request.approve', 'request.reject']);

    invokeCard(await decide(h, dana, requestId, 'approve'));
    expect((await waitForStatus(store, requestId, ['granted', 'failed'])).status).toBe('granted');
    // The card `approvals` sent is one of the copies the bot keeps up to date.
    await h.connector.waitFor(() =>
      updatedCards(h.connector).some((u) => u.activityId === queued.id && /Access until/.test(cardText(u.card))),
    );

    await h.teams.say(dana, 'approvals');
    await waitForPosted(h.connector, personalConversation(dana), /No requests are waiting for a decision/);
  });

  test("a borough without a supervisor goes to the administrators, since other boroughs' supervisors may not decide it", async () => {
    const { h, store } = suite.bot;
    for (const decider of [ed, priya]) {
      h.connector.refuseConversationsWith.delete(decider.teamsId);
      await h.teams.install(decider);
    }
    const { requestId, statusCard } = await requestByName(h, chloe, recordings[1].fileName);
    expect(cardText(statusCard)).not.toMatch(/No supervisor could be reached/);
    await approvalCard(h, personalConversation(priya), requestId);
    const routed = (await store.audit.list({ target: `request:${requestId}` })).filter((e) => e.action === 'routed');
    expect(routed.map((e) => e.details.to)).toEqual([priya.aadObjectId]);
    for (const supervisor of [dana, ed]) {
      expect(
        postedCards(h.connector, personalConversation(supervisor)).some((p) => cardText(p.card).includes(requestId)),
      ).toBe(false);
    }

    // A borough with its own supervisor does not bother the others.
    const { requestId: bens } = await requestByName(h, ben, recordings[2].fileName);
    await approvalCard(h, personalConversation(ed), bens);
    expect(postedCards(h.connector, personalConversation(dana)).some((p) => cardText(p.card).includes(bens))).toBe(
      false,
    );
  });

  test('an admin chooses the approvals channel; others are refused with a card', async () => {
    const { h, store } = suite.bot;
    const channel = { type: 'channel' as const, channelId: CHANNEL };
    await h.teams.say(dana, 'use this channel for approvals', channel);
    expect(cardText((await waitForPosted(h.connector, CHANNEL, /That was not done/)).card)).toMatch(
      /Only an administrator/,
    );
    await h.teams.install(priya);
    await h.teams.say(priya, 'use this channel for approvals');
    expect(cardText((await waitForPosted(h.connector, personalConversation(priya), /That was not done/)).card)).toMatch(
      /Say this in the channel/,
    );
    expect(await store.settings.get(SETTING_KEYS.approvalsChannel)).toBeUndefined();

    await h.teams.say(priya, 'use this channel for approvals', channel);
    await waitForPosted(h.connector, CHANNEL, /Approvals channel set/);
    expect(await store.settings.get(SETTING_KEYS.approvalsChannel)).toMatchObject({
      conversationId: CHANNEL,
      data: { conversation: { id: CHANNEL, conversationType: 'channel' } },
    });
    expect((await store.audit.list({ target: `channel:${CHANNEL}` })).map((e) => [e.actor, e.action])).toEqual([
      [dana.aadObjectId, 'refused'],
      [priya.aadObjectId, 'approvals_channel_set'],
    ]);

    // The next request is posted in the channel as a new thread, as well as to the borough's supervisor.
    const { requestId } = await requestByName(h, alice, recordings[3].fileName);
    const posted = await approvalCard(h, CHANNEL, requestId);
    expect(posted.call.conversationId).toBe(CHANNEL);
    // Anyone may read the channel: it is told only that the request exists. Each listed approver's
    // client asks for their own view; anyone else may ask with "Show details".
    expect(actionsOf(posted.card).map((a) => a.verb)).toEqual(['request.refresh']);
    expect(cardText(posted.card)).not.toContain('Alice');
    expect((posted.card.refresh as { userIds: string[] }).userIds).toEqual(
      expect.arrayContaining([alice.teamsId, dana.teamsId, priya.teamsId]),
    );
    expect((posted.card.refresh as { userIds: string[] }).userIds).not.toContain(ed.teamsId);
    await approvalCard(h, personalConversation(dana), requestId);

    // Ed supervises another borough: from the channel he is told who may decide.
    const refused = invokeCard(
      await h.teams.execute(ed, 'request.approve', { requestId }, { replyToId: posted.id, scope: channel }),
    );
    expect(cardText(refused)).toMatch(/Only a Lambeth supervisor or an administrator can decide this request/);
    // Priya (an admin) decides from the channel; the channel's copy is updated in place.
    invokeCard(
      await h.teams.execute(priya, 'request.approve', { requestId }, { replyToId: posted.id, scope: channel }),
    );
    await waitForStatus(store, requestId, ['granted']);
    await h.connector.waitFor(() =>
      updatedCards(h.connector, (c) => c.conversationId === CHANNEL).some(
        (u) => u.activityId === posted.id && /Decided\./.test(cardText(u.card)),
      ),
    );
    const shown = invokeCard(
      await h.teams.execute(priya, 'request.refresh', { requestId }, { replyToId: posted.id, scope: channel }),
    );
    expect(cardText(shown)).toMatch(/Approved by Priya Nair/);
  });
});

describe.each(backends())('reaching a supervisor who never wrote to the bot (%s)', (backend) => {
  // The app is installed for everyone (as a Teams admin would), but Dana has never opened the chat.
  const suite = useAccessBot(backend, { install: [alice] });

  test('the bot opens the personal chat through the connector and sends the approval card there', async () => {
    const { h, store } = suite.bot;
    const [recording] = await recordingsOf(h, 'LAM-0118', 1);
    const { requestId, statusCard } = await requestByName(h, alice, recording.fileName);
    expect(cardText(statusCard)).not.toMatch(/No supervisor could be reached/);

    const opened = h.connector.calls.find(
      (c) => c.kind === 'createConversation' && JSON.stringify(c.body.members).includes(dana.teamsId),
    );
    expect(opened?.body).toMatchObject({ isGroup: false, tenantId: h.teams.tenantId });
    const chat = opened!.assignedId!;
    await approvalCard(h, chat, requestId);
    expect((await store.conversations.get(dana.aadObjectId)).personal?.address.conversationId).toBe(chat);
  });
});
