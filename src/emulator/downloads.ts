/**
 * Download links like Box's dl.boxcloud.com URLs: anyone holding one can fetch the content, for a
 * short while, without a token. Held in memory: a restart invalidates them, as expiry would.
 */

import { randomBytes } from 'node:crypto';
import type { DownloadLinks } from './context';

const LIFETIME_MS = 15 * 60_000;

export function createDownloadLinks(baseUrl: () => string, now: () => number): DownloadLinks {
  const links = new Map<string, { fileId: number; sha1: string; expiresAt: number }>();
  return {
    create(fileId, sha1) {
      const current = now();
      for (const [token, link] of links) if (link.expiresAt <= current) links.delete(token);
      const token = randomBytes(24).toString('base64url');
      links.set(token, { fileId, sha1, expiresAt: current + LIFETIME_MS });
      return `${baseUrl()}/d/1/${token}/download`;
    },
    resolve(token) {
      const link = links.get(token);
      return link && link.expiresAt > now() ? { fileId: link.fileId, sha1: link.sha1 } : undefined;
    },
  };
}
