/**
 * Test helpers for the emulator suites: an emulator on a free port in a temp directory, a
 * box-node-sdk client pointed at it as the bot builds one, and readers for streams and SDK errors.
 */

import { BoxCcgAuth, BoxClient, CcgConfig } from 'box-node-sdk';
import { BaseUrls, BoxRetryStrategy, NetworkSession } from 'box-node-sdk/networking';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBoxEmulator, type BoxEmulator, type BoxEmulatorOptions } from '../../src/emulator';

/** Starts an emulator on an ephemeral port in a fresh temp directory. */
export async function startTestEmulator(
  options: Partial<BoxEmulatorOptions> = {},
): Promise<{ emulator: BoxEmulator; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'box-emulator-'));
  const emulator = await startBoxEmulator({ port: 0, ...options, dataDir });
  return {
    emulator,
    dataDir,
    stop: async () => {
      await emulator.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ClientOptions {
  /** Authenticate as this user (CCG user subject) instead of the enterprise. */
  userId?: string;
  clientSecret?: string;
  /** Attempts per call; retries wait retryBaseInterval seconds, doubled each time. */
  maxAttempts?: number;
  retryBaseInterval?: number;
}

/** A box-node-sdk client pointed at the emulator, exactly as the bot's gateway would build one. */
export function sdkClient(emulator: BoxEmulator, options: ClientOptions = {}): BoxClient {
  const auth = new BoxCcgAuth({
    config: new CcgConfig({
      clientId: 'emulator-client',
      clientSecret: options.clientSecret ?? 'emulator-secret',
      enterpriseId: options.userId ? undefined : '1',
      userId: options.userId,
    }),
  });
  const networkSession = new NetworkSession({
    baseUrls: new BaseUrls(emulator.baseUrls),
    retryStrategy: new BoxRetryStrategy({
      maxAttempts: options.maxAttempts ?? 3,
      retryBaseInterval: options.retryBaseInterval ?? 0.01,
    }),
  });
  return new BoxClient({ auth, networkSession });
}

/**
 * An enterprise access token fetched by hand (client credentials at /oauth2/token), for tests that
 * call the emulator's HTTP API directly rather than through the SDK.
 */
export async function enterpriseToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'emulator-client',
      client_secret: 'emulator-secret',
      box_subject_type: 'enterprise',
      box_subject_id: '1',
    }),
  });
  if (!response.ok) throw new Error(`no emulator token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Reads a ByteStream (Node Readable) into a Buffer. */
export async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) throw new Error('no content');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A Node Readable over a buffer, for SDK upload calls. */
export { Readable } from 'node:stream';

/** The SDK's BoxApiError carries the response; this pulls out what tests assert on. */
export async function apiError(
  promise: Promise<unknown>,
): Promise<{ status: number; code?: string; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    const info = (error as { responseInfo?: { statusCode: number; body?: unknown; headers: Record<string, string> } })
      .responseInfo;
    if (!info) throw error;
    // responseInfo.code is JSON-encoded by the SDK ('"item_name_in_use"'); the body has the plain code.
    const body = (info.body ?? {}) as Record<string, unknown>;
    return {
      status: info.statusCode,
      code: typeof body.code === 'string' ? body.code : undefined,
      body,
      headers: info.headers,
    };
  }
  throw new Error('expected the call to fail');
}
