/**
 * Upload sessions as the staging path drives them, beyond the happy path in the contract suite:
 * the configured part size, a conflicting re-upload of a part (409, as the spec says), a commit
 * answered 202 with retry-after while parts are "still processing" (switched on through the
 * control routes), and a commit's whole-file digest checked.
 */
import type { BoxClient } from 'box-node-sdk';
import { createHash } from 'node:crypto';
import type { BoxEmulator } from '../../src/emulator';
import { apiError, enterpriseToken, Readable, sdkClient, startTestEmulator } from './support';

const PART = 32 * 1024;

let emulator: BoxEmulator;
let stop: () => Promise<void>;
let box: BoxClient;
let folderId: string;

beforeAll(async () => {
  ({ emulator, stop } = await startTestEmulator({
    validateAgainstSpec: true,
    uploadPartSize: PART,
    minChunkedUploadSize: PART + 1,
  }));
  box = sdkClient(emulator);
  folderId = (await box.folders.createFolder({ name: 'Sessions', parent: { id: '0' } })).id;
});

afterAll(async () => {
  await stop();
});

function digest(bytes: Buffer): string {
  return `sha=${createHash('sha1').update(bytes).digest('base64')}`;
}

async function openSession(
  name: string,
  content: Buffer,
): Promise<{
  endpoints: Record<string, string>;
  parts: Array<{ partId: string; offset: number; size: number; sha1: string }>;
}> {
  const session = await box.chunkedUploads.createFileUploadSession({
    folderId,
    fileSize: content.length,
    fileName: name,
  });
  expect(session.partSize).toBe(PART);
  expect(session.totalParts).toBe(Math.ceil(content.length / PART));
  const endpoints = session.sessionEndpoints as unknown as Record<string, string>;
  const parts = [];
  for (let offset = 0; offset < content.length; offset += PART) {
    const bytes = content.subarray(offset, Math.min(offset + PART, content.length));
    const uploaded = await box.chunkedUploads.uploadFilePartByUrl(endpoints.uploadPart, Readable.from([bytes]), {
      digest: digest(bytes),
      contentRange: `bytes ${offset}-${offset + bytes.length - 1}/${content.length}`,
    });
    parts.push(uploaded.part as { partId: string; offset: number; size: number; sha1: string });
  }
  return { endpoints, parts };
}

async function commitRaw(url: string, content: Buffer, parts: unknown[]): Promise<Response> {
  const token = await enterpriseToken(emulator.url);
  const wire = (parts as Array<{ partId: string; offset: number; size: number; sha1: string }>).map((p) => ({
    part_id: p.partId,
    offset: p.offset,
    size: p.size,
    sha1: p.sha1,
  }));
  return fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      digest: digest(content),
    },
    body: JSON.stringify({ parts: wire }),
  });
}

it('refuses a different part for a range already uploaded with 409, and takes the same part again', async () => {
  const content = Buffer.alloc(2 * PART + 5, 9);
  const { endpoints } = await openSession('conflict.mp4', content);
  const other = Buffer.alloc(PART, 1);
  const conflict = await apiError(
    box.chunkedUploads.uploadFilePartByUrl(endpoints.uploadPart, Readable.from([other]), {
      digest: digest(other),
      contentRange: `bytes 0-${PART - 1}/${content.length}`,
    }),
  );
  expect(conflict).toMatchObject({ status: 409, code: 'conflict' });
  const same = content.subarray(0, PART);
  const again = await box.chunkedUploads.uploadFilePartByUrl(endpoints.uploadPart, Readable.from([same]), {
    digest: digest(same),
    contentRange: `bytes 0-${PART - 1}/${content.length}`,
  });
  expect(again.part?.offset).toBe(0);
  expect((await box.chunkedUploads.getFileUploadSessionPartsByUrl(endpoints.listParts)).totalCount).toBe(3);
});

it('answers 202 with retry-after while parts are held as processing, then 201 with the file', async () => {
  const content = Buffer.alloc(3 * PART, 4);
  const { endpoints, parts } = await openSession('held.mp4', content);
  const hold = await fetch(`${emulator.url}/_emulator/commit-holds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 2, retryAfter: 3 }),
  });
  expect(hold.status).toBe(201);
  for (let i = 0; i < 2; i++) {
    const held = await commitRaw(endpoints.commit, content, parts);
    expect(held.status).toBe(202);
    expect(held.headers.get('retry-after')).toBe('3');
  }
  const done = await commitRaw(endpoints.commit, content, parts);
  expect(done.status).toBe(201);
  const body = (await done.json()) as { entries: Array<{ name: string; sha1: string; size: number }> };
  expect(body.entries[0]).toMatchObject({
    name: 'held.mp4',
    sha1: createHash('sha1').update(content).digest('hex'),
    size: content.length,
  });
});

it('refuses a commit whose whole-file digest is wrong (412) and keeps the session for a right one', async () => {
  const content = Buffer.alloc(PART + 100, 6);
  const { endpoints, parts } = await openSession('digest.mp4', content);
  const wrong = await commitRaw(endpoints.commit, Buffer.from('not the file'), parts);
  expect(wrong.status).toBe(412);
  expect(await wrong.json()).toMatchObject({ type: 'error', code: 'precondition_failed' });
  expect((await commitRaw(endpoints.commit, content, parts)).status).toBe(201);
});

it('takes parts out of order, refuses a corrupted one unrecorded, and commits the file its retry completes', async () => {
  const content = Buffer.from(Array.from({ length: 3 * PART + 17 }, (_, i) => (i * 7) % 251));
  const session = await box.chunkedUploads.createFileUploadSession({
    folderId,
    fileSize: content.length,
    fileName: 'shuffled.mp4',
  });
  const endpoints = session.sessionEndpoints as unknown as Record<string, string>;
  const offsets = [3 * PART, PART, 0, 2 * PART];
  const parts = [];
  for (const offset of offsets) {
    const bytes = content.subarray(offset, Math.min(offset + PART, content.length));
    const range = `bytes ${offset}-${offset + bytes.length - 1}/${content.length}`;
    if (offset === PART) {
      // Bytes changed on the way: refused, and the range stays free for the right bytes.
      const corrupted = Buffer.from(bytes);
      corrupted[5] ^= 0xff;
      const refused = await apiError(
        box.chunkedUploads.uploadFilePartByUrl(endpoints.uploadPart, Readable.from([corrupted]), {
          digest: digest(bytes),
          contentRange: range,
        }),
      );
      expect(refused).toMatchObject({ status: 412, code: 'precondition_failed' });
      expect((await box.chunkedUploads.getFileUploadSessionPartsByUrl(endpoints.listParts)).totalCount).toBe(1);
    }
    const uploaded = await box.chunkedUploads.uploadFilePartByUrl(endpoints.uploadPart, Readable.from([bytes]), {
      digest: digest(bytes),
      contentRange: range,
    });
    parts.push(uploaded.part);
  }
  const done = await commitRaw(endpoints.commit, content, parts);
  expect(done.status).toBe(201);
  const file = ((await done.json()) as { entries: Array<{ id: string; sha1: string }> }).entries[0];
  expect(file.sha1).toBe(createHash('sha1').update(content).digest('hex'));
  const stored = await box.downloads.downloadFile(file.id);
  const chunks: Buffer[] = [];
  for await (const chunk of stored as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  expect(Buffer.concat(chunks).equals(content)).toBe(true);
});

it('left no OpenAPI violations', () => {
  expect(emulator.violations()).toEqual([]);
});
