import type { Recording } from '../../src/footage/recording';
import type { GraphEmulator } from '../../src/graph-emulator';
import { approvalCard, decide, recordingsOf, requestByName } from '../e2e/access/flows';
import {
  actionsOf,
  alice,
  ben,
  cardText,
  dana,
  ed,
  invokeCard,
  personalConversation,
  postedCards,
  priya,
  useAccessBot,
  waitForPosted,
  waitForStatus,
  waitUntil,
} from '../e2e/access/support';

/**
 * The access flow end to end (request → approval card → approve → grant in Box) once with the
 * roster file and once with Entra ID through the Graph emulator; then, with Entra, joiners, movers
 * and leavers arriving through Graph's delta queries on the bot's own scheduled refresh.
 */
describe.each(['file', 'entra'] as const)('the access flow with DIRECTORY=%s', (directory) => {
  const suite = useAccessBot('sqlite', {
    env: { DIRECTORY: directory, DIRECTORY_REFRESH_MINUTES: '0.01' },
    install: [alice, dana, ben, ed],
  });
  let recordings: Recording[];

  beforeAll(async () => {
    recordings = await recordingsOf(suite.bot.h, 'LAM-0105', 2);
  });

  test('an officer asks, the borough supervisor approves, Box grants', async () => {
    const { h, store } = suite.bot;
    expect(h.bot.directory?.directory.kind).toBe(directory);
    expect(h.bot.directory?.graphEmulator === undefined).toBe(directory === 'file');
    const { requestId } = await requestByName(h, alice, recordings[0].fileName);
    const card = await approvalCard(h, personalConversation(dana), requestId);
    expect(actionsOf(card.card).map((a) => a.verb)).toEqual(['request.approve', 'request.reject']);
    expect(cardText(card.card)).toContain('PC Alice Carter (Lambeth)');
    // Ed supervises Southwark: a Lambeth request is not his.
    expect(
      postedCards(h.connector, personalConversation(ed)).filter((p) => cardText(p.card).includes(requestId)),
    ).toEqual([]);
    expect(cardText(invokeCard(await decide(h, dana, requestId, 'approve')))).toMatch(/Approved by Sgt Dana Whitfield/);
    expect((await waitForStatus(store, requestId, ['granted', 'failed', 'partially_failed'])).status).toBe('granted');
    const health = (await h.bot.health.report()).directory;
    expect(health).toMatchObject({ kind: directory, stale: false, people: 6 });
  });

  if (directory !== 'entra') return;

  const graph = (): GraphEmulator => suite.bot.h.bot.directory!.graphEmulator!;
  const groupNamed = (name: string): string =>
    graph()
      .tenant.groups()
      .find((g) => g.displayName === name)!.id;
  const JOINER = {
    name: 'Sgt Nia Brooks',
    aadObjectId: '6f1a0c2e-1111-4a1a-9a01-0000000de001',
    teamsId: '29:1nia-brooks',
  };

  test('a joiner and a mover: the supervisor moved to Southwark stops receiving Lambeth cards', async () => {
    const { h, store } = suite.bot;
    const tenant = graph().tenant;
    expect(tenant.user(JOINER.aadObjectId)).toBeUndefined();
    tenant.upsertUser({
      id: JOINER.aadObjectId,
      displayName: JOINER.name,
      mail: 'nia.brooks@police.example',
      userPrincipalName: 'nia.brooks@police.example',
    });
    tenant.setMembership(groupNamed('Supervisors (CCTV Footage app)'), JOINER.aadObjectId, true);
    tenant.setMembership(groupNamed('CCTV Lambeth'), JOINER.aadObjectId, true);
    await waitUntil(
      async () => (await store.people.findByAadObjectId(JOINER.aadObjectId))?.borough === 'Lambeth',
      'the joiner to arrive by delta',
    );
    await h.teams.install(JOINER);

    tenant.setMembership(groupNamed('CCTV Lambeth'), dana.aadObjectId, false);
    tenant.setMembership(groupNamed('CCTV Southwark'), dana.aadObjectId, true);
    await waitUntil(
      async () => (await store.people.findByAadObjectId(dana.aadObjectId))?.borough === 'Southwark',
      'the mover to change borough',
    );

    const { requestId } = await requestByName(h, alice, recordings[1].fileName);
    await approvalCard(h, personalConversation(JOINER), requestId);
    expect(
      postedCards(h.connector, personalConversation(dana)).filter((p) => cardText(p.card).includes(requestId)),
    ).toEqual([]);
    invokeCard(await decide(h, JOINER, requestId, 'reject', { decisionComment: 'Not this camera' }));
  });

  test("a leaver's pending request cannot be approved, and the leaver is no longer recognised", async () => {
    const { h, store } = suite.bot;
    const { requestId } = await requestByName(h, ben, recordings[0].fileName);
    await approvalCard(h, personalConversation(ed), requestId);
    graph().tenant.deleteUser(ben.aadObjectId);
    await waitUntil(
      async () => (await store.people.findByAadObjectId(ben.aadObjectId)) === undefined,
      'the leaver to be removed by delta',
    );

    const refused = cardText(invokeCard(await decide(h, ed, requestId, 'approve')));
    expect(refused).toMatch(/cannot be approved: the officer who asked no longer has access/);
    expect((await store.requests.get(requestId))?.status).toBe('pending');
    const audit = await store.audit.list({ target: `request:${requestId}` });
    expect(audit.some((e) => e.action === 'refused' && e.details.code === 'requester_not_listed')).toBe(true);
    // Rejecting stays possible, so the queue can be cleared: with the officer's borough gone with
    // them, by an administrator.
    invokeCard(await decide(h, priya, requestId, 'reject', { decisionComment: 'Officer has left' }));
    expect((await store.requests.get(requestId))?.status).toBe('rejected');

    await h.teams.say(ben, 'help');
    await waitForPosted(h.connector, personalConversation(ben), /not registered to use CCTV Footage/);
  });

  test('when Graph does not answer, the last known people serve and /healthz says stale', async () => {
    const { h, store } = suite.bot;
    graph().faults.add({ match: '/v1.0/', status: 500, times: 1_000 });
    await waitUntil(
      async () => (await h.bot.health.report()).directory?.stale === true,
      'the directory to report stale',
    );
    const report = await h.bot.health.report();
    expect(report.directory?.error).toMatch(/Microsoft Graph is unavailable \(500\)/);
    expect(report.ready).toBe(true);
    expect(await store.people.findByAadObjectId(alice.aadObjectId)).toBeDefined();
    await h.teams.say(alice, 'help');
    await waitForPosted(h.connector, personalConversation(alice), /find footage/i);
    graph().faults.clear();
    await waitUntil(async () => (await h.bot.health.report()).directory?.stale === false, 'the directory to recover');
  });
});
