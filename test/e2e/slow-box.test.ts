import { readableCardText as visible } from '../support/card-validation';
import { demoUser, startHarness, type Harness } from '../support/harness';
import { actionsOf, invokeCard, personalConversation, updatedCards, validCard, waitForPosted } from './access/support';

/**
 * Slow Box, end to end over HTTP: when a button's work takes longer than the turn's budget (Box
 * slow, or asking the bot to retry after a while), the click is answered at once with a "still
 * working" card and the answer replaces that card, by an update of the message clicked, when ready.
 * The budget is shortened (TURN_BUDGET_MS) so the emulator's delays outlast it in test time.
 */
const BUDGET_MS = 400;
const alice = demoUser('alice');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { TURN_BUDGET_MS: String(BUDGET_MS), CLOCK_NOW: '2026-04-01T12:00:00Z' } });
  await h.teams.install(alice);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function fault(rule: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${h.bot.emulator!.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.ok).toBe(true);
}

afterEach(async () => {
  await fetch(`${h.bot.emulator!.url}/_emulator/faults`, { method: 'DELETE' });
});

/** A results card with a Next page button, as posted in Alice's chat. */
async function resultsCard(): Promise<{ id: string; next: Record<string, unknown> }> {
  await h.teams.say(alice, 'footage in Southwark');
  const posted = await waitForPosted(h.connector, personalConversation(alice), /footage\.nextPage/);
  const next = actionsOf(posted.card).find((a) => a.verb === 'footage.nextPage');
  if (!next) throw new Error('no Next page button');
  return { id: posted.id, next: next.data };
}

test.each([
  ['Box answers slowly', { latencyMs: 4000, count: 1, match: 'POST /2.0/metadata_queries' }],
  ['Box says retry after a few seconds', { status: 429, retryAfter: 4, count: 1, match: 'POST /2.0/metadata_queries' }],
])('%s: the click is answered at once, and the answer replaces the card when ready', async (_label, rule) => {
  const { id, next } = await resultsCard();
  await fault(rule);
  const started = Date.now();
  const interim = invokeCard(await h.teams.execute(alice, 'footage.nextPage', next, { replyToId: id }));
  // Well before Teams would give up (about 15 s), and before Box answered (however loaded the machine).
  expect(Date.now() - started).toBeLessThan(BUDGET_MS + 2500);
  expect(visible(interim)).toMatch(/Still working on it/);

  await h.connector.waitFor(() => updatedCards(h.connector, (c) => c.activityId === id).length > 0, 15_000);
  const [late] = updatedCards(h.connector, (c) => c.activityId === id);
  validCard(late.card);
  expect(visible(late.card)).toMatch(/Southwark/);
  expect(visible(late.card)).not.toMatch(/Still working|Something went wrong/);
  h.connector.clear();
});

test('a typed search Box is slow to answer: "still working" at once, then the results as a new message', async () => {
  h.connector.clear();
  await fault({ latencyMs: 4000, count: 1, match: 'POST /2.0/metadata_queries' });
  const started = Date.now();
  const response = await h.teams.say(alice, 'footage in Southwark');
  expect(response.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(BUDGET_MS + 2500);
  const interim = await waitForPosted(h.connector, personalConversation(alice), /Still working on it/, 2000);
  const results = await waitForPosted(h.connector, personalConversation(alice), /footage\.nextPage/, 15_000);
  expect(results.id).not.toBe(interim.id);
  expect(visible(results.card)).toMatch(/Southwark/);
});

test('a click Box answers in time is answered directly, with nothing updated later', async () => {
  const { id, next } = await resultsCard();
  const answer = invokeCard(await h.teams.execute(alice, 'footage.nextPage', next, { replyToId: id }));
  expect(visible(answer)).toMatch(/Southwark/);
  await new Promise((resolve) => setTimeout(resolve, BUDGET_MS * 2));
  expect(updatedCards(h.connector, (c) => c.activityId === id)).toEqual([]);
});
