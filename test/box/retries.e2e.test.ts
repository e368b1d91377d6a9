import { BoxCcgAuth, BoxClient, CcgConfig } from 'box-node-sdk';
import { BaseUrls, BoxRetryStrategy, NetworkSession } from 'box-node-sdk/networking';
import { createServer } from 'node:net';
import { createBoxGateway } from '../../src/box';
import { UpstreamUnavailableError } from '../../src/footage/errors';
import { startHarness, TEST_RETRY, type EmulatorHarness } from './emulator-support';

const ME = 'GET /2.0/users/me';

describe('retries against the emulator', () => {
  let harness: EmulatorHarness;

  beforeAll(async () => {
    harness = await startHarness();
    await harness.box.whoAmI(); // token fetched, so the calls below are API calls only
  });

  afterAll(async () => {
    await harness?.close();
  });

  const callsSince = async (since: number, path = '/2.0/users/me') =>
    (await harness.requests()).filter((r) => r.startedAt >= since && r.path === path);

  it('waits as long as retry-after asks before retrying a 429', async () => {
    await harness.injectFault({ status: 429, count: 1, retryAfter: 1, match: ME });
    const since = Date.now();
    await expect(harness.box.whoAmI()).resolves.toMatchObject({ id: expect.any(String) });
    const calls = await callsSince(since);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1].startedAt - calls[0].startedAt).toBeGreaterThanOrEqual(1000);
  });

  it('retries 5xx with backoff until Box answers', async () => {
    await harness.injectFault({ status: 500, count: 2, match: ME });
    const since = Date.now();
    await expect(harness.box.whoAmI()).resolves.toMatchObject({ id: expect.any(String) });
    expect((await callsSince(since)).map((c) => c.status)).toEqual([500, 500, 200]);
  });

  it('gives up after the attempt cap with UpstreamUnavailableError', async () => {
    await harness.injectFault({ status: 503, count: TEST_RETRY.maxAttempts, match: ME });
    const since = Date.now();
    const error = await harness.box.whoAmI().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as UpstreamUnavailableError).status).toBe(503);
    expect(await callsSince(since)).toHaveLength(TEST_RETRY.maxAttempts);
    // The fault is used up: the next call succeeds at once.
    await expect(harness.box.whoAmI()).resolves.toBeDefined();
  });

  it('gives up rather than wait past the total wait budget', async () => {
    const impatient = harness.gateway({ retry: { ...TEST_RETRY, maxTotalWaitMs: 500 } });
    await impatient.whoAmI();
    await harness.injectFault({ status: 429, count: 1, retryAfter: 2, match: ME });
    const since = Date.now();
    await expect(impatient.whoAmI()).rejects.toThrow(UpstreamUnavailableError);
    expect(Date.now() - since).toBeLessThan(1500);
    expect(await callsSince(since)).toHaveLength(1);
  });

  it('retries an attempt that times out', async () => {
    const hasty = harness.gateway({ timeoutMs: 300 });
    await hasty.whoAmI();
    await harness.injectFault({ latencyMs: 1000, count: 1, match: ME });
    const since = Date.now();
    await expect(hasty.whoAmI()).resolves.toMatchObject({ id: expect.any(String) });
    // Answered before the delayed attempt could have been: that attempt was abandoned and retried.
    expect(Date.now() - since).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the emulator logs the delayed one when it ends
    const calls = await callsSince(since);
    expect(calls).toHaveLength(2);
    expect(calls.filter((c) => c.fault)).toHaveLength(1);
  });

  it('reports an unreachable Box as UpstreamUnavailableError', async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}`;
    const nowhere = createBoxGateway({
      ...harness.config,
      baseUrls: { baseUrl: base, uploadUrl: `${base}/api`, oauth2Url: `${base}/oauth2` },
    });
    await expect(nowhere.whoAmI()).rejects.toThrow(UpstreamUnavailableError);
  });

  // Why the gateway has its own strategy: the SDK's looks for "Retry-After" in headers that its own
  // network client has lower-cased, so it retries on its backoff schedule instead of when Box said.
  it('shows that the SDK strategy alone ignores retry-after', async () => {
    const sdk = new BoxClient({
      auth: new BoxCcgAuth({
        config: new CcgConfig({ clientId: 'emulator-client', clientSecret: 'emulator-secret', enterpriseId: '1' }),
      }),
      networkSession: new NetworkSession({
        baseUrls: new BaseUrls(harness.emulator.baseUrls),
        retryStrategy: new BoxRetryStrategy({ retryBaseInterval: 0.01 }),
      }),
    });
    await sdk.users.getUserMe();
    await harness.injectFault({ status: 429, count: 1, retryAfter: 2, match: ME });
    const since = Date.now();
    await sdk.users.getUserMe();
    const calls = await callsSince(since);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1].startedAt - calls[0].startedAt).toBeLessThan(2000);
  });

  it('leaves the emulator with no spec violations', () => {
    expect(harness.emulator.violations()).toEqual([]);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
