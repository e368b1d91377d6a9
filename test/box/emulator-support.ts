import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBoxGateway, type BoxGatewayConfig } from '../../src/box';
import { startBoxEmulator } from '../../src/emulator';
import type { RequestLogEntry } from '../../src/emulator/request-log';
import type { BoxPort } from '../../src/footage/ports/box';

export type { RequestLogEntry };

/** Fast retries for tests: the behaviour is the same, the waits (without retry-after) are short. */
export const TEST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalWaitMs: 10_000, jitter: 0.5 };

export type Emulator = Awaited<ReturnType<typeof startBoxEmulator>>;

export interface EmulatorHarness {
  emulator: Emulator;
  config: BoxGatewayConfig;
  box: BoxPort;
  /** Another gateway on the same emulator, with different settings. */
  gateway(overrides: Partial<BoxGatewayConfig>): BoxPort;
  injectFault(rule: {
    status?: number;
    count?: number;
    retryAfter?: number;
    latencyMs?: number;
    match?: string;
  }): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  close(): Promise<void>;
}

/** A real emulator over HTTP on an ephemeral port, in its own data directory, and a gateway to it. */
export async function startHarness(
  options: { validateAgainstSpec?: boolean; requestLogSize?: number } = {},
): Promise<EmulatorHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'box-gateway-test-'));
  const emulator = await startBoxEmulator({
    dataDir,
    port: 0,
    validateAgainstSpec: options.validateAgainstSpec ?? true,
    requestLogSize: options.requestLogSize,
  });
  const config: BoxGatewayConfig = {
    auth: { kind: 'ccg', clientId: 'emulator-client', clientSecret: 'emulator-secret', enterpriseId: '1' },
    baseUrls: emulator.baseUrls,
    retry: TEST_RETRY,
  };
  const control = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${emulator.url}/_emulator/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`emulator control ${method} ${route}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    emulator,
    config,
    box: createBoxGateway(config),
    gateway: (overrides) => createBoxGateway({ ...config, ...overrides }),
    injectFault: async (rule) => {
      await control('POST', 'faults', rule);
    },
    requests: async () => {
      const body = (await control('GET', 'requests')) as
        RequestLogEntry[] | { requests?: RequestLogEntry[]; entries?: RequestLogEntry[] };
      return Array.isArray(body) ? body : (body.requests ?? body.entries ?? []);
    },
    close: async () => {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Requests that change state in Box (a metadata query is a POST but only reads; token requests only authenticate). */
export function isWrite(entry: RequestLogEntry): boolean {
  if (entry.method === 'GET' || entry.method === 'HEAD' || entry.method === 'OPTIONS') return false;
  return (
    !entry.path.endsWith('/metadata_queries/execute_read') &&
    !entry.path.includes('/oauth2/token') &&
    !entry.path.startsWith('/_emulator')
  );
}
