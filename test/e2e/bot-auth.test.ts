import { generateKeyPairSync } from 'node:crypto';
import { LocalTokenIssuer } from '../support/bot-tokens';
import { demoUser, startHarness, type Harness } from '../support/harness';

/**
 * With BOT_ID/BOT_PASSWORD set, botbuilder's real JWT validation guards /api/messages. The tokens
 * come from a local issuer that the bot trusts through BOT_OPENID_METADATA_URL, so every check
 * (signature, issuer, audience, expiry, endorsement, serviceUrl binding) runs as it does in Azure.
 */
const BOT_ID = '00000000-0000-4000-8000-00000000b07a';
let issuer: LocalTokenIssuer;
let h: Harness;

beforeAll(async () => {
  issuer = await new LocalTokenIssuer().start();
  h = await startHarness({
    env: { BOT_ID, BOT_PASSWORD: 'local-test-password', BOT_OPENID_METADATA_URL: issuer.metadataUrl },
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await issuer?.close();
});

/** An activity that needs no reply (the outbound token from Entra ID is not available offline). */
function membersRemoved(): Record<string, unknown> {
  const alice = demoUser('alice');
  return {
    type: 'conversationUpdate',
    id: 'auth-1',
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: { id: alice.teamsId, aadObjectId: alice.aadObjectId },
    recipient: { id: `28:${BOT_ID}` },
    conversation: { id: `a:personal-${alice.aadObjectId}`, conversationType: 'personal', tenantId: h.teams.tenantId },
    membersRemoved: [{ id: '29:someone-else' }],
    channelData: { tenant: { id: h.teams.tenantId } },
  };
}

test('no token: 401', async () => {
  const response = await h.teams.post(membersRemoved());
  expect(response.status).toBe(401);
});

test('a valid Bot Framework token: accepted', async () => {
  const token = issuer.sign({ audience: BOT_ID, serviceUrl: h.connector.url });
  const response = await h.teams.post(membersRemoved(), { authorization: token });
  expect(response.status).toBe(200);
});

test('a token for another bot: 401', async () => {
  const token = issuer.sign({ audience: 'another-bot', serviceUrl: h.connector.url });
  expect((await h.teams.post(membersRemoved(), { authorization: token })).status).toBe(401);
});

test('an expired token: 401', async () => {
  const token = issuer.sign({ audience: BOT_ID, serviceUrl: h.connector.url, expiresInSeconds: -600 });
  expect((await h.teams.post(membersRemoved(), { authorization: token })).status).toBe(401);
});

test('a token signed with a key the issuer never published: 401', async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const token = issuer.sign({ audience: BOT_ID, serviceUrl: h.connector.url, key: privateKey });
  expect((await h.teams.post(membersRemoved(), { authorization: token })).status).toBe(401);
});

test('a token from another issuer: 401', async () => {
  const token = issuer.sign({ audience: BOT_ID, serviceUrl: h.connector.url, issuer: 'https://evil.example' });
  expect((await h.teams.post(membersRemoved(), { authorization: token })).status).toBe(401);
});

test('a token bound to another serviceUrl: 401', async () => {
  const token = issuer.sign({ audience: BOT_ID, serviceUrl: 'https://smba.example/other/' });
  expect((await h.teams.post(membersRemoved(), { authorization: token })).status).toBe(401);
});
