import { generateKeyPairSync } from 'node:crypto';
import { LocalTokenIssuer } from '../support/bot-tokens';
import { demoUser, startHarness, type Harness } from '../support/harness';
import { TeamsClient } from '../support/teams-client';

/**
 * The HTTP edge as an attacker meets it: with BOT_ID set, no or a bad token is 401 whatever the
 * body; with a good token, a malformed activity is a 400 that says what is wrong, a form body is
 * 415; an activity from another tenant gets nothing and leaves nothing stored.
 */
const BOT_ID = '00000000-0000-4000-8000-00000000b07a';
const FOREIGN_TENANT = '11111111-3333-4c3c-8c03-00000000beef';
let issuer: LocalTokenIssuer;
let h: Harness;
/** Anonymous mode, where the bot can reply (outbound tokens from Entra ID are not available offline). */
let anon: Harness;
const alice = demoUser('alice');
const dana = demoUser('dana');

beforeAll(async () => {
  issuer = await new LocalTokenIssuer().start();
  h = await startHarness({
    env: { BOT_ID, BOT_PASSWORD: 'local-test-password', BOT_OPENID_METADATA_URL: issuer.metadataUrl },
  });
  anon = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await anon?.close();
  await issuer?.close();
});

beforeEach(() => {
  h.connector.clear();
  anon.connector.clear();
});

function token(): string {
  return issuer.sign({ audience: BOT_ID, serviceUrl: h.connector.url });
}

async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${h.bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('without a valid token the answer is 401, whatever the body', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const bodies = ['{}', '{"text":"hi"}', '{"type":""}', '[]', '{"type":"message","text":42}', '"hello"'];

  test.each(bodies)('no token, body %s', async (body) => {
    const response = await post(body);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toMatchObject({ error: 'unauthorized' });
  });

  test.each(bodies)('a token signed with an unknown key, body %s', async (body) => {
    const forged = issuer.sign({ audience: BOT_ID, serviceUrl: h.connector.url, key: privateKey });
    expect((await post(body, { authorization: forged })).status).toBe(401);
  });

  test('a header that is not a bearer token', async () => {
    expect((await post('{}', { authorization: 'Basic YWxpY2U6c2VjcmV0' })).status).toBe(401);
  });
});

describe('with a valid token, odd input gets a clear 4xx', () => {
  const client = (): TeamsClient => new TeamsClient(h.bot.url, h.connector.url, { authorization: () => token() });

  test('an activity without a type: 400 saying so', async () => {
    const response = await client().post({ type: '', channelId: 'msteams', serviceUrl: h.connector.url });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/type/) });
  });

  test('a text that is not a string: 400 naming the field, no turn run', async () => {
    const response = await client().post({
      type: 'message',
      text: { evil: true },
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: alice.teamsId, aadObjectId: alice.aadObjectId },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message: expect.stringMatching(/text must be a string/) });
    expect(h.connector.calls).toHaveLength(0);
  });

  test('an aadObjectId that is not a string: 400 naming the field', async () => {
    const response = await client().post({
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: alice.teamsId, aadObjectId: 7 },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message: expect.stringMatching(/from\.aadObjectId must be a string/) });
  });

  test('a form-urlencoded body: 415, even with a token', async () => {
    const response = await fetch(`${h.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: token() },
      body: 'type=message&text=help',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  test('a well-formed activity is still accepted', async () => {
    const response = await client().post({
      type: 'conversationUpdate',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: alice.teamsId, aadObjectId: alice.aadObjectId },
      conversation: { id: 'a:z', conversationType: 'personal', tenantId: h.teams.tenantId },
      channelData: { tenant: { id: h.teams.tenantId } },
      membersRemoved: [{ id: '29:x' }],
    });
    expect(response.status).toBe(200);
  });
});

describe('another tenant gets nothing', () => {
  const foreign = (): TeamsClient => new TeamsClient(anon.bot.url, anon.connector.url, { tenantId: FOREIGN_TENANT });

  test('my requests from a foreign tenant: no reply, and the stored reference keeps the home tenant', async () => {
    await anon.teams.say(alice, 'help');
    await anon.connector.waitFor(() => anon.connector.cards().length >= 1);
    anon.connector.clear();
    const before = JSON.stringify(await anon.bot.store!.conversations.get(alice.aadObjectId));

    const response = await foreign().say(alice, 'my requests');
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(anon.connector.calls).toHaveLength(0);
    const after = JSON.stringify(await anon.bot.store!.conversations.get(alice.aadObjectId));
    expect(after).toBe(before);
    expect(after).not.toContain(FOREIGN_TENANT);
  });

  test('an approve invoke from a foreign tenant: 200 with an error answer, nothing decided', async () => {
    const response = await foreign().execute(dana, 'approve', { requestId: 'any' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(anon.connector.calls).toHaveLength(0);
  });

  test('a message extension query from a foreign tenant: 200 with no results', async () => {
    const home = await anon.teams.query(alice, 'findFootage', { query: 'camera LAM-0105' });
    expect(JSON.stringify(home.body)).toMatch(/LAM-0105/);
    const response = await foreign().query(alice, 'findFootage', { query: 'camera LAM-0105' });
    expect(response.status).toBe(200);
    expect(response.body ?? {}).toEqual({});
  });

  test('the home tenant named in one place and a foreign one in the other: refused', async () => {
    const response = await anon.teams.post({
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: anon.connector.url,
      from: { id: alice.teamsId, aadObjectId: alice.aadObjectId },
      conversation: { id: 'a:x', conversationType: 'personal', tenantId: anon.teams.tenantId },
      channelData: { tenant: { id: FOREIGN_TENANT } },
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(anon.connector.calls).toHaveLength(0);
  });

  test('a Teams activity naming no tenant at all: refused', async () => {
    const response = await anon.teams.post({
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: anon.connector.url,
      from: { id: alice.teamsId, aadObjectId: alice.aadObjectId },
      conversation: { id: 'a:y', conversationType: 'personal' },
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(anon.connector.calls).toHaveLength(0);
  });
});

describe('/healthz', () => {
  test('a loopback caller sees the detail', async () => {
    const body = (await (await fetch(`${h.bot.url}/healthz`)).json()) as Record<string, unknown>;
    expect(body).toHaveProperty('database');
    expect(body).toHaveProperty('box');
  });
});
