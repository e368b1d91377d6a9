/**
 * The chat upload gateway against the Box emulator (small parts), through a loopback proxy on the
 * upload host that can damage a part's bytes in transit (so Box's digest check refuses it with 412)
 * or refuse to delete sessions (as when the process dies before it can abort). Checked: a damaged
 * part is sent again and the file is whole; a part that never arrives intact ends the upload with
 * the session deleted and no file; an interrupted session is resumed by listing its parts, sending
 * only the missing ones, and never makes a second file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBoxGateway, type BoxGatewayConfig } from '../../src/box';
import { createChatUploadGateway } from '../../src/box/chat-upload';
import { startBoxEmulator } from '../../src/emulator';
import { ContentLengthMismatchError } from '../../src/footage/ports/chat-upload-box';
import { BoxProbe } from '../e2e/access/box-probe';
import { TEST_RETRY, type Emulator } from './emulator-support';

const PART = 64 * 1024;

interface DamagingProxy {
  url: string;
  /** Parts to damage from now on (Infinity: all). */
  damageParts: number;
  refuseDeletes: boolean;
  partPuts: number;
  deletes: number;
  close(): Promise<void>;
}

async function startProxy(target: string): Promise<DamagingProxy> {
  const upstream = new URL(target);
  const state = { damageParts: 0, refuseDeletes: false, partPuts: 0, deletes: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const isSession = /\/upload_sessions\/[^/]+$/.test(req.url ?? '');
      if (isSession && req.method === 'PUT') {
        state.partPuts += 1;
        if (state.damageParts > 0) {
          state.damageParts -= 1;
          body = Buffer.from(body);
          body[body.length >> 1] ^= 0xff;
        }
      }
      if (isSession && req.method === 'DELETE') {
        state.deletes += 1;
        if (state.refuseDeletes) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end('{"type":"error","status":400,"code":"bad_request","message":"refused by the test proxy"}');
          return;
        }
      }
      // The body is forwarded whole, so its length replaces any chunked transfer encoding.
      const { 'transfer-encoding': _chunked, ...rest } = req.headers;
      const headers = { ...rest, host: upstream.host, 'content-length': String(body.length) };
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function bytesOf(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  const key = createHash('sha256').update(seed).digest();
  for (let i = 0; i < size; i += 1) out[i] = key[i % 32] ^ ((i * 7) & 0xff);
  return out;
}

/** The source as a stream of uneven chunks, as a download arrives. */
async function* chunksOf(bytes: Buffer, size = 10_000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('chat upload streaming into Box', () => {
  let emulator: Emulator;
  let proxy: DamagingProxy;
  let dataDir: string;
  let config: BoxGatewayConfig;
  let folderId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'chat-upload-box-'));
    emulator = await startBoxEmulator({ dataDir, port: 0, uploadPartSize: PART, minChunkedUploadSize: 1 });
    proxy = await startProxy(emulator.url);
    config = {
      auth: { kind: 'ccg', clientId: 'emulator-client', clientSecret: 'emulator-secret', enterpriseId: '1' },
      baseUrls: { ...emulator.baseUrls, uploadUrl: `${proxy.url}/api` },
      retry: TEST_RETRY,
    };
    folderId = await createBoxGateway(config).ensureFolderPath(['Staging-test']);
  });

  afterAll(async () => {
    await proxy.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    proxy.damageParts = 0;
    proxy.refuseDeletes = false;
    proxy.partPuts = 0;
    proxy.deletes = 0;
  });

  const gateway = () => createChatUploadGateway(config, { directMaxBytes: PART, parallelParts: 3, commitWaitMs: 50 });

  async function sha1InBox(fileId: string): Promise<string> {
    const file = (await new BoxProbe(emulator.url).json(`/2.0/files/${fileId}?fields=sha1`)) as { sha1: string };
    return file.sha1;
  }

  it('sends a part again when Box refuses its digest, and the file arrives whole with both hashes right', async () => {
    const bytes = bytesOf('damaged-once', 5 * PART + 123);
    proxy.damageParts = 1;
    const stored = await gateway().upload({
      folderId,
      fileName: 'damaged-once.mp4',
      sizeBytes: bytes.length,
      content: chunksOf(bytes),
    });
    expect(stored.method).toBe('chunked');
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
    expect(await sha1InBox(stored.fileId)).toBe(stored.sha1);
    // Six parts, one of them sent twice after Box's 412.
    expect(proxy.partPuts).toBe(7);
  });

  it('gives up on a part that never arrives intact: the session is deleted and no file is made', async () => {
    const bytes = bytesOf('damaged-always', 4 * PART);
    proxy.damageParts = Number.POSITIVE_INFINITY;
    let opened: string | undefined;
    await expect(
      gateway().upload({
        folderId,
        fileName: 'damaged-always.mp4',
        sizeBytes: bytes.length,
        content: chunksOf(bytes),
        sessionOpened: async (id) => {
          opened = id;
        },
      }),
    ).rejects.toThrow(/refused|precondition|412/i);
    expect(opened).toBeDefined();
    expect(proxy.deletes).toBe(1);
    const listing = await createBoxGateway(config).listFolder(folderId);
    expect(listing.map((item) => item.name)).not.toContain('damaged-always.mp4');
  });

  it('refuses content shorter than announced, deleting the session', async () => {
    const bytes = bytesOf('short', 3 * PART);
    await expect(
      gateway().upload({ folderId, fileName: 'short.mp4', sizeBytes: bytes.length + 5000, content: chunksOf(bytes) }),
    ).rejects.toBeInstanceOf(ContentLengthMismatchError);
    expect(proxy.deletes).toBe(1);
  });

  it('resumes an interrupted session by listing its parts, sending only those missing, and makes one file', async () => {
    const bytes = bytesOf('resumed', 6 * PART + 999);
    // First attempt: the source stops after four parts and the session cannot be deleted (as when the process dies).
    proxy.refuseDeletes = true;
    let sessionId: string | undefined;
    const firstFour = async function* (): AsyncGenerator<Uint8Array> {
      yield* chunksOf(bytes.subarray(0, 4 * PART + 100));
      throw new Error('connection dropped');
    };
    await expect(
      gateway().upload({
        folderId,
        fileName: 'resumed.mp4',
        sizeBytes: bytes.length,
        content: firstFour(),
        sessionOpened: async (id) => {
          sessionId = id;
        },
      }),
    ).rejects.toThrow('connection dropped');
    expect(sessionId).toBeDefined();
    const sentFirst = proxy.partPuts;
    expect(sentFirst).toBe(4);

    proxy.refuseDeletes = false;
    const stored = await gateway().upload({
      folderId,
      fileName: 'resumed.mp4',
      sizeBytes: bytes.length,
      content: chunksOf(bytes),
      resumeSessionId: sessionId,
    });
    expect(proxy.partPuts - sentFirst).toBe(3);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha1InBox(stored.fileId)).toBe(createHash('sha1').update(bytes).digest('hex'));
    const names = (await createBoxGateway(config).listFolder(folderId)).map((item) => item.name);
    expect(names.filter((n) => n === 'resumed.mp4')).toHaveLength(1);
  });

  it('adopts the file a stopped attempt already committed instead of making a second one', async () => {
    const bytes = bytesOf('small-again', 20_000);
    const first = await gateway().upload({
      folderId,
      fileName: 'small-again.mp4',
      sizeBytes: bytes.length,
      content: chunksOf(bytes),
    });
    expect(first.method).toBe('direct');
    const second = await gateway().upload({
      folderId,
      fileName: 'small-again.mp4',
      sizeBytes: bytes.length,
      content: chunksOf(bytes),
    });
    expect(second.fileId).toBe(first.fileId);
  });
});
