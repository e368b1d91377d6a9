import { ACCESS_JOB_KINDS } from '../../../src/footage/access';
import type { Harness } from '../../support/harness';
import type { BotResponse, TeamsUser } from '../../support/teams-client';
import { BoxProbe } from './box-probe';
import { approvalCard, recordingsOf, requestByName } from './flows';
import {
  alice,
  backends,
  cardText,
  dana,
  ed,
  expectAuditChainIntact,
  personalConversation,
  PostgresSchema,
  priya,
  startAccessBot,
  TEST_DATABASE_URL,
  useAccessBot,
  validCard,
  waitForJobsIdle,
  waitForStatus,
  type AccessBot,
} from './support';

/**
 * The first decision wins, however many clicks arrive at once and on however many bot instances:
 * twenty simultaneous Approve clicks make one decision, one grant job, one collaboration.
 */
const CLICKS = 20;

async function clickApproveConcurrently(
  clicks: Array<{ h: Harness; user: TeamsUser }>,
  requestId: string,
): Promise<BotResponse[]> {
  return Promise.all(clicks.map(({ h, user }) => h.teams.execute(user, 'request.approve', { requestId })));
}

function outcomes(responses: BotResponse[]): { approved: number; refused: number; other: number } {
  const texts = responses.map((r) => {
    expect(r.status).toBe(200);
    const card = (r.body as { value: unknown }).value;
    return cardText(validCard(card));
  });
  return {
    approved: texts.filter((t) => /Approved by/.test(t) && !/That was not done/.test(t)).length,
    refused: texts.filter((t) => /That was not done/.test(t) && /already approved by/.test(t)).length,
    other: texts.filter((t) => !/Approved by|That was not done/.test(t)).length,
  };
}

async function expectExactlyOneGrant(
  store: AccessBot['store'],
  probe: BoxProbe,
  requestId: string,
  fileId: string,
): Promise<void> {
  const granted = await waitForStatus(store, requestId, ['granted', 'failed']);
  expect(granted.status).toBe('granted');
  await waitForJobsIdle(store);
  expect(await store.jobs.list({ kind: ACCESS_JOB_KINDS.grant })).toMatchObject([
    { uniqueKey: `grant:${requestId}`, status: 'done', attempts: 1 },
  ]);
  expect(await probe.collaborations(fileId)).toHaveLength(1);
  const entries = await store.audit.list({ target: `request:${requestId}` });
  expect(entries.filter((e) => e.action === 'approved')).toHaveLength(1);
  expect(entries.filter((e) => e.action === 'granted')).toHaveLength(1);
  expect(entries.filter((e) => e.action === 'refused')).toHaveLength(CLICKS - 1);
  await expectAuditChainIntact(store);
}

describe.each(backends())('twenty simultaneous approvals on one instance (%s)', (backend) => {
  const suite = useAccessBot(backend, { install: [alice, dana, ed, priya] });

  test('one decision, one grant job, one collaboration', async () => {
    const { h, store } = suite.bot;
    const [recording] = await recordingsOf(h, 'LAM-0105', 1);
    const { requestId } = await requestByName(h, alice, recording.fileName);
    await approvalCard(h, personalConversation(dana), requestId);
    // Ed supervises Southwark: he may not decide Alice's (Lambeth) request, so he does not click.
    const approvers = [dana, priya];
    const responses = await clickApproveConcurrently(
      Array.from({ length: CLICKS }, (_, i) => ({ h, user: approvers[i % approvers.length] })),
      requestId,
    );
    expect(outcomes(responses)).toEqual({ approved: 1, refused: CLICKS - 1, other: 0 });
    await expectExactlyOneGrant(store, new BoxProbe(h.bot.emulator!.url), requestId, recording.fileId);
  });
});

const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('two bot instances sharing one PostgreSQL and one Box (postgres)', () => {
  let schema: PostgresSchema;
  let first: AccessBot;
  let second: AccessBot;

  beforeAll(async () => {
    schema = new PostgresSchema(TEST_DATABASE_URL!);
    await schema.create();
    first = await startAccessBot({ schema });
    second = await startAccessBot({ schema, emulatorUrl: first.h.bot.emulator!.url });
    for (const user of [alice, dana]) await first.h.teams.install(user);
    for (const user of [ed, priya]) await second.h.teams.install(user);
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await schema?.drop();
  });

  test('twenty clicks split across both instances make one grant, run by one of them', async () => {
    const [recording] = await recordingsOf(first.h, 'LAM-0106', 1);
    const { requestId } = await requestByName(first.h, alice, recording.fileName);
    await approvalCard(first.h, personalConversation(dana), requestId);
    const clicks = Array.from({ length: CLICKS }, (_, i) =>
      i % 2 === 0 ? { h: first.h, user: dana } : { h: second.h, user: priya },
    );
    const responses = await clickApproveConcurrently(clicks, requestId);
    expect(outcomes(responses)).toEqual({ approved: 1, refused: CLICKS - 1, other: 0 });
    await expectExactlyOneGrant(first.store, new BoxProbe(first.h.bot.emulator!.url), requestId, recording.fileId);
    const [job] = await second.store.jobs.list({ kind: ACCESS_JOB_KINDS.grant });
    expect([first.h.bot.jobs!.workerId, second.h.bot.jobs!.workerId]).toContain(job.lockedBy);
  });
});
