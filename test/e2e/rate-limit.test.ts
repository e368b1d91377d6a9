import { readableCardText as cardText } from '../support/card-validation';
import { demoUser, startHarness, type Harness } from '../support/harness';

/**
 * One person sending more than RATE_LIMIT_PER_MINUTE commands a minute gets a polite card and
 * costs no Box call; each refusal is in the audit log; other people are not affected.
 */
const LIMIT = 5;
let h: Harness;
const alice = demoUser('alice');
const ben = demoUser('ben');

beforeAll(async () => {
  h = await startHarness({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** Calls the bot made to Box (the emulator logs its own control calls too). */
async function boxCalls(): Promise<number> {
  const body = (await (
    await fetch(`${h.bot.emulator!.url}/_emulator/requests`, { headers: { 'content-type': 'application/json' } })
  ).json()) as { entries: Array<{ path: string }> };
  return body.entries.filter((e) => !e.path.startsWith('/_emulator')).length;
}

test('beyond the limit: a polite card, no Box calls, the refusal audited; others unaffected', async () => {
  for (let i = 0; i < LIMIT; i += 1) expect((await h.teams.say(alice, 'camera LAM-0105')).status).toBe(200);
  await h.connector.waitFor(() => h.connector.cards().length >= LIMIT, 20_000);
  expect(cardText(h.connector.cards()[0])).toMatch(/recordings/);
  h.connector.clear();
  const callsBefore = await boxCalls();
  const auditBefore = (await h.bot.store!.audit.list()).length;

  expect((await h.teams.say(alice, 'camera LAM-0105')).status).toBe(200);
  const action = await h.teams.execute(alice, 'refreshRequest', { requestId: 'whatever' });
  expect(action.status).toBe(200);
  expect(JSON.stringify(action.body)).toMatch(/One moment, please/);
  const query = await h.teams.query(alice, 'findFootage', { query: 'camera LAM-0105' });
  expect(query.body).toMatchObject({
    composeExtension: { type: 'message', text: expect.stringMatching(/more than 5 commands/) },
  });

  await h.connector.waitFor(() => h.connector.cards().length >= 1);
  const text = cardText(h.connector.cards()[0]);
  expect(text).toMatch(/One moment, please/);
  expect(text).toMatch(/more than 5 commands in the last minute/);
  expect(text).toMatch(/try again in \d+ seconds?/);
  expect(await boxCalls()).toBe(callsBefore);

  const refusals = (await h.bot.store!.audit.list()).slice(auditBefore).filter((e) => e.action === 'refused');
  expect(refusals).toHaveLength(3);
  expect(
    refusals.every((e) => e.actor === alice.aadObjectId && (e.details as { code?: string }).code === 'rate_limited'),
  ).toBe(true);
  expect((await h.bot.store!.audit.verify()).ok).toBe(true);

  h.connector.clear();
  await h.teams.say(ben, 'camera LAM-0105');
  await h.connector.waitFor(() => h.connector.cards().length >= 1, 20_000);
  expect(cardText(h.connector.cards()[0])).toMatch(/recordings/);
}, 60_000);
