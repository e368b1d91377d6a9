/**
 * The hashes of a chunked upload, taken off the event loop that downloads and sends the parts: a
 * worker thread takes each part's SHA-1 (its Digest header) and adds the part to the whole file's
 * SHA-256 and SHA-1, in order. Hashing every byte three times on the bot's one event loop made the
 * hashes its largest cost and held the download and the part uploads while they ran.
 *
 * Part buffers live on SharedArrayBuffers, so the worker reads the very bytes the part is sent from,
 * without a copy; a buffer may be reused once its part's digest has come back. Each upload has its
 * own worker (one: the three hashes of a part take milliseconds, the part's upload far longer),
 * stopped when the upload ends, with a small heap of its own.
 */
import { Worker } from 'node:worker_threads';

/** The worker's code: CommonJS, evaluated, so it runs the same from the sources (tests) and from dist. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const sha256 = createHash('sha256');
const sha1 = createHash('sha1');
parentPort.on('message', (m) => {
  if (m.op === 'part') {
    const bytes = Buffer.from(m.buffer, m.offset, m.length);
    const part = createHash('sha1').update(bytes).digest('hex');
    sha256.update(bytes);
    sha1.update(bytes);
    parentPort.postMessage({ id: m.id, sha1: part });
  } else if (m.op === 'digest') {
    parentPort.postMessage({ id: m.id, sha1: sha1.digest('hex'), sha256: sha256.digest('hex') });
  }
});
`;

/** The worker holds two hash states and a message at a time: a few MB of heap is plenty. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 };

interface Reply {
  id: number;
  sha1?: string;
  sha256?: string;
}

/** One worker and the answers it owes, in the order asked. */
class HashWorker {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: WORKER_LIMITS });
  private readonly waiting = new Map<number, { resolve(reply: Reply): void; reject(error: unknown): void }>();
  private nextId = 0;
  private failure: unknown;

  constructor() {
    // An upload in progress keeps the process up through its sockets; the worker alone should not.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      this.waiting.get(reply.id)?.resolve(reply);
      this.waiting.delete(reply.id);
    });
    const fail = (error: unknown): void => {
      this.failure ??= error;
      for (const pending of this.waiting.values()) pending.reject(this.failure);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a hashing worker stopped (exit code ${code})`)));
  }

  ask(op: 'part' | 'digest', bytes?: Buffer): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = (this.nextId += 1);
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage(
        bytes ? { id, op, buffer: bytes.buffer, offset: bytes.byteOffset, length: bytes.length } : { id, op },
      );
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the hashing worker was closed');
    await this.worker.terminate();
  }
}

export class UploadHasher {
  private readonly worker = new HashWorker();

  /**
   * The SHA-1 of the next part, as hex, with the part added to the whole file's hashes: parts must
   * be given in the file's order. The buffer may be reused once this resolves.
   */
  async addPart(bytes: Buffer): Promise<string> {
    // A plain buffer would be copied into the worker, which is the cost this module is here to avoid.
    if (!(bytes.buffer instanceof SharedArrayBuffer)) throw new Error('hashing wants a shared part buffer');
    return (await this.worker.ask('part', bytes)).sha1!;
  }

  /** The whole file's digests, once every part has been added. */
  async fileDigests(): Promise<{ sha1: string; sha256: string }> {
    const reply = await this.worker.ask('digest');
    return { sha1: reply.sha1!, sha256: reply.sha256! };
  }

  /** Stops the worker; whatever it still owes is refused. */
  async close(): Promise<void> {
    await this.worker.close();
  }
}

/** A part buffer the worker can read in place. */
export function sharedPartBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}
