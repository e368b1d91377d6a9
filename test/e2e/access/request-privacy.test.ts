import type { Recording } from '../../../src/footage/recording';
import type { TeamsUser } from '../../support/teams-client';
import { approvalCard, decide, GOOD_FORM, recordingsOf, requestByName } from './flows';
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
  priya,
  useAccessBot,
  waitForStatus,
  type Card,
} from './support';

/**
 * Who sees what of a request, through the HTTP endpoint as Teams asks for each viewer's card: the
 * requester, the supervisors of the requester's borough and administrators see its details; anyone
 * else who learns its id (an officer, another borough's supervisor) sees that it exists and no more,
 * and is never offered Approve, Reject or Revoke.
 */
describe.each(backends())('request details reach only those entitled (%s)', (backend) => {
  const suite = useAccessBot(backend, { install: [alice, ben, chloe, dana, ed, priya] });
  let recordings: Recording[];

  beforeAll(async () => {
    recordings = await recordingsOf(suite.bot.h, 'LAM-0108', 2);
  });

  async function refreshAs(user: TeamsUser, requestId: string): Promise<Card> {
    return invokeCard(await suite.bot.h.teams.execute(user, 'request.refresh', { requestId }));
  }

  function expectDetails(card: Card): void {
    expect(cardText(card)).toContain(GOOD_FORM.caseReference);
    expect(cardText(card)).toContain(GOOD_FORM.reason);
    expect(cardText(card)).toContain('PC Alice Carter');
  }

  function expectNoDetails(card: Card, requestId: string): void {
    const text = cardText(card);
    for (const detail of [
      GOOD_FORM.caseReference,
      GOOD_FORM.reason,
      'Alice',
      'Lambeth',
      'Dana',
      recordings[0].fileName,
      recordings[0].cameraId,
    ]) {
      expect(text).not.toContain(detail);
    }
    expect(text).toContain(requestId);
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['request.refresh']);
  }

  test('while pending, and after approval', async () => {
    const { h, store } = suite.bot;
    const { requestId } = await requestByName(h, alice, recordings[0].fileName);
    await approvalCard(h, personalConversation(dana), requestId);

    expectDetails(await refreshAs(alice, requestId));
    const danas = await refreshAs(dana, requestId);
    expectDetails(danas);
    expect(actionsOf(danas).map((a) => a.verb)).toEqual(['request.approve', 'request.reject']);
    const priyas = await refreshAs(priya, requestId);
    expectDetails(priyas);
    expect(actionsOf(priyas).map((a) => a.verb)).toEqual(['request.approve', 'request.reject']);
    // Ed supervises Southwark: the card no longer offers him buttons he would be refused.
    for (const outsider of [ben, chloe, ed]) expectNoDetails(await refreshAs(outsider, requestId), requestId);

    invokeCard(await decide(h, dana, requestId, 'approve'));
    await waitForStatus(store, requestId, ['granted']);
    for (const outsider of [ben, chloe, ed]) expectNoDetails(await refreshAs(outsider, requestId), requestId);
    expectDetails(await refreshAs(alice, requestId));
    const revocable = await refreshAs(priya, requestId);
    expectDetails(revocable);
    expect(actionsOf(revocable).map((a) => a.verb)).toEqual(['grant.revoke']);
  });

  test('an unknown id is told apart from nothing, and the refresh list names only who may decide', async () => {
    const { h } = suite.bot;
    expect(cardText(await refreshAs(ben, '00000000-0000-4000-8000-000000000000'))).toMatch(/does not exist/);
    const { requestId, statusCard } = await requestByName(h, alice, recordings[1].fileName);
    const listed = (statusCard.refresh as { userIds: string[] }).userIds;
    expect(listed).toEqual(expect.arrayContaining([alice.teamsId, dana.teamsId, priya.teamsId]));
    expect(listed).not.toContain(ed.teamsId);
    expect(listed).not.toContain(ben.teamsId);
    expectNoDetails(await refreshAs(ed, requestId), requestId);
  });
});
