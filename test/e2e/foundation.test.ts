import { COMMANDS } from '../../src/teams/commands';
import { assertValidCard, readableCardText as cardText } from '../support/card-validation';
import { demoUser, startHarness, STRANGER, type Harness } from '../support/harness';

/** The foundation end to end: Teams activities in over HTTP, cards out through the connector. */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

beforeEach(() => h.connector.clear());

describe('readiness', () => {
  test('/healthz says which Box and which database are in use and that both answer', async () => {
    const response = await fetch(`${h.bot.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ready: boolean;
      box: { target: string; reachable: boolean };
      database: object;
      seed: object;
    };
    expect(body.ready).toBe(true);
    expect(body.box.target).toMatch(/^emulator http:\/\/127\.0\.0\.1:\d+$/);
    expect(body.box.reachable).toBe(true);
    expect(body.database).toMatchObject({ kind: 'sqlite', reachable: true });
    expect(body.seed).toMatchObject({ enabled: true, state: 'complete' });
    expect(JSON.stringify(body)).not.toMatch(/secret|password/i);
  });
});

describe('a registered officer', () => {
  const alice = demoUser('alice');

  test('installing the app sends one welcome card addressed to them', async () => {
    const responses = await h.teams.install(alice);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
    const cards = h.connector.cards();
    expect(cards).toHaveLength(1);
    assertValidCard(cards[0], { limitBytes: 80 * 1024 });
    expect(cardText(cards[0])).toContain('PC Alice Carter');
    // The reply went back into the same personal conversation, through the serviceUrl given.
    expect(h.connector.calls.find((c) => c.kind === 'reply' && c.body.type === 'message')?.conversationId).toBe(
      `a:personal-${alice.aadObjectId}`,
    );
  });

  test('help answers with a card listing the commands with examples', async () => {
    const response = await h.teams.say(alice, 'help');
    expect(response.status).toBe(200);
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
    const [card] = h.connector.cards();
    assertValidCard(card, { limitBytes: 80 * 1024 });
    const text = cardText(card);
    for (const command of COMMANDS.filter((c) => c.roles.includes('officer'))) {
      expect(text).toContain(command.name);
      expect(text).toContain(command.examples[0]);
    }
    // Officers are not offered the supervisors' command.
    expect(text).not.toContain('**approvals**');
  });

  test('text the bot does not understand gets a short answer with examples, never silence', async () => {
    await h.teams.say(alice, 'what is the weather like');
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
    const [card] = h.connector.cards();
    assertValidCard(card, { limitBytes: 80 * 1024 });
    expect(cardText(card)).toMatch(/didn't understand/i);
    expect(cardText(card)).toContain('help');
  });

  test('a message of 5,000 characters gets a helpful answer', async () => {
    const response = await h.teams.say(alice, 'x '.repeat(2500));
    expect(response.status).toBe(200);
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
    expect(cardText(h.connector.cards()[0])).toMatch(/too long/i);
  });

  test('the conversation reference is stored for proactive messages', async () => {
    await h.teams.say(alice, 'help');
    const conversations = await h.bot.store!.conversations.get(alice.aadObjectId);
    expect(conversations.personal?.address.data).toMatchObject({
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      conversation: { id: `a:personal-${alice.aadObjectId}`, conversationType: 'personal' },
    });
  });
});

describe('a supervisor in a channel', () => {
  const dana = demoUser('dana');

  test('an @mention in a channel is answered in that channel, and help lists approvals', async () => {
    await h.teams.say(dana, 'help', { type: 'channel', channelId: '19:ops@thread.tacv2' });
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
    const reply = h.connector.calls.find((c) => c.kind === 'reply' && c.body.type === 'message');
    expect(reply?.conversationId).toMatch(/^19:ops@thread\.tacv2/);
    expect(cardText(h.connector.cards()[0])).toContain('approvals');
    const conversations = await h.bot.store!.conversations.get(dana.aadObjectId);
    expect(conversations.channel?.address.conversationId).toMatch(/^19:ops@thread\.tacv2/);
  });
});

describe('someone not on the roster', () => {
  test('gets only a short not-registered card saying whom to ask', async () => {
    const response = await h.teams.say(STRANGER, 'find footage near Brixton Station yesterday');
    expect(response.status).toBe(200);
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
    const activities = h.connector.activities();
    expect(activities).toHaveLength(1);
    const [card] = h.connector.cards();
    assertValidCard(card, { limitBytes: 80 * 1024 });
    expect(cardText(card)).toMatch(/not registered/i);
    expect(cardText(card)).toMatch(/Ask .+ to add you/);
    expect(cardText(card)).not.toMatch(/Brixton|recording/i);
  });

  test('a card action from them is refused with a card, not an error', async () => {
    const response = await h.teams.execute(STRANGER, 'request.approve', { requestId: '1' });
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value)).toMatch(/not registered/i);
  });
});

describe('invokes the bot does not know', () => {
  const alice = demoUser('alice');

  test('an unknown card verb gets a card that says so, not a 501', async () => {
    const response = await h.teams.execute(alice, 'no.such.verb', {});
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    assertValidCard(body.value, { limitBytes: 80 * 1024 });
    expect(cardText(body.value)).toMatch(/not one I know/);
  });

  test('an unknown message extension command gets a message, not a 501', async () => {
    const response = await h.teams.query(alice, 'someOtherCommand', { query: 'x' });
    expect(response.status).toBe(200);
    expect((response.body as { composeExtension: { type: string; text: string } }).composeExtension).toMatchObject({
      type: 'message',
      text: expect.stringMatching(/not one I know/),
    });
  });

  test('a message extension query from someone not registered says so', async () => {
    const response = await h.teams.query(STRANGER, 'findFootage', { query: 'near Brixton Station' });
    expect(response.status).toBe(200);
    expect((response.body as { composeExtension: { text: string } }).composeExtension.text).toMatch(
      /not registered.*Ask .+ to add you/,
    );
  });
});

describe('bad input at the HTTP edge', () => {
  test('malformed JSON gets 400 and the bot keeps serving', async () => {
    const response = await h.teams.postRaw('{"type": "message", "text": ');
    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/at .+\.js:\d+/);
    const health = await fetch(`${h.bot.url}/healthz`);
    expect(health.status).toBe(200);
  });

  test('an oversized body gets 413', async () => {
    const response = await h.teams.post({ type: 'message', text: 'x'.repeat(600 * 1024) });
    expect(response.status).toBe(413);
  });

  test('a JSON array instead of an activity gets 400', async () => {
    const response = await h.teams.postRaw('[1,2,3]');
    expect(response.status).toBe(400);
  });

  test('an unknown activity type is accepted and ignored', async () => {
    const alice = demoUser('alice');
    const response = await h.teams.post({
      type: 'somethingNew',
      id: 'x1',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: alice.teamsId, aadObjectId: alice.aadObjectId },
      recipient: { id: '28:cctv-footage-bot' },
      conversation: { id: `a:personal-${alice.aadObjectId}`, conversationType: 'personal', tenantId: h.teams.tenantId },
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.connector.activities()).toHaveLength(0);
  });
});
