/**
 * The worker-thread hashes of a chunked upload: each part's SHA-1 and the whole file's SHA-256 and
 * SHA-1 over the parts in order, read in place from shared buffers, and refusals once closed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sharedPartBuffer, UploadHasher } from '../../src/box/chat-upload/hashing';

const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

function shared(bytes: Buffer): Buffer {
  const buffer = sharedPartBuffer(bytes.length);
  bytes.copy(buffer);
  return buffer;
}

it('answers each part’s SHA-1 and the whole file’s digests, as node:crypto does in one pass', async () => {
  const content = randomBytes(3 * 65536 + 123);
  const parts = [0, 65536, 131072, 196608].map((at) => content.subarray(at, Math.min(at + 65536, content.length)));
  const hasher = new UploadHasher();
  try {
    // One buffer reused for every part, as the upload reuses its part buffers.
    const reused = sharedPartBuffer(65536);
    const partDigests: string[] = [];
    for (const part of parts) {
      part.copy(reused);
      partDigests.push(await hasher.addPart(reused.subarray(0, part.length)));
    }
    expect(partDigests).toEqual(parts.map(sha1));
    expect(await hasher.fileDigests()).toEqual({
      sha1: sha1(content),
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  } finally {
    await hasher.close();
  }
});

it('keeps many parts in flight without mixing their answers, and adds them to the file in the order given', async () => {
  const parts = Array.from({ length: 20 }, (_, i) => Buffer.alloc(1000 + i, i));
  const hasher = new UploadHasher();
  try {
    const digests = await Promise.all(parts.map((part) => hasher.addPart(shared(part))));
    expect(digests).toEqual(parts.map(sha1));
    expect((await hasher.fileDigests()).sha1).toBe(sha1(Buffer.concat(parts)));
  } finally {
    await hasher.close();
  }
});

it('refuses a buffer the worker could not read in place, and everything once closed', async () => {
  const hasher = new UploadHasher();
  await expect(hasher.addPart(Buffer.from('not shared'))).rejects.toThrow('shared part buffer');
  await hasher.close();
  await expect(hasher.addPart(shared(Buffer.from('late')))).rejects.toThrow('closed');
  await expect(hasher.fileDigests()).rejects.toThrow('closed');
});
