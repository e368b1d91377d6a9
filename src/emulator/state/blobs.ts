/**
 * File contents, stored once per distinct content under its SHA-1 (Box's own content hash), so a
 * thousand recordings sharing one sample clip cost one copy on disk.
 */

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class BlobStore {
  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
  }

  pathOf(sha1: string): string {
    return join(this.dir, sha1.slice(0, 2), sha1);
  }

  has(sha1: string): boolean {
    return existsSync(this.pathOf(sha1));
  }

  size(sha1: string): number {
    return statSync(this.pathOf(sha1)).size;
  }

  /** Stores bytes and returns their SHA-1 (hex). Written to a temp file first so a crash never leaves half a blob. */
  put(bytes: Buffer): string {
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    if (!this.has(sha1)) {
      const tmp = this.tempPath();
      writeFileSync(tmp, bytes);
      this.adopt(tmp, sha1);
    }
    return sha1;
  }

  /** Moves a fully written temp file (see tempPath) into the store under its known SHA-1. */
  adopt(tmpPath: string, sha1: string): void {
    const target = this.pathOf(sha1);
    if (existsSync(target)) {
      rmSync(tmpPath, { force: true });
      return;
    }
    mkdirSync(join(this.dir, sha1.slice(0, 2)), { recursive: true });
    renameSync(tmpPath, target);
  }

  tempPath(): string {
    return join(this.dir, 'tmp', randomBytes(12).toString('hex'));
  }

  read(sha1: string, start?: number, end?: number): NodeJS.ReadableStream {
    return createReadStream(this.pathOf(sha1), { start, end });
  }
}
