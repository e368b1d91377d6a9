/**
 * Box Embed links (`expiring_embed_link`): a short-lived page where one user previews one file.
 * Opening it is a preview in Box's event log; the page never hands out the file's bytes. Held in
 * memory like download links: a restart invalidates them, as expiry would.
 */

import { randomBytes } from 'node:crypto';

const LIFETIME_MS = 60_000;

export interface PreviewLink {
  fileId: number;
  userId: number;
}

export class PreviewLinks {
  private readonly links = new Map<string, PreviewLink & { expiresAt: number }>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => number,
  ) {}

  create(fileId: number, userId: number): { url: string; expiresIn: number } {
    const current = this.now();
    for (const [token, link] of this.links) if (link.expiresAt <= current) this.links.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.links.set(token, { fileId, userId, expiresAt: current + LIFETIME_MS });
    return { url: `${this.baseUrl()}/preview/${token}`, expiresIn: LIFETIME_MS / 1000 };
  }

  resolve(token: string): PreviewLink | undefined {
    const link = this.links.get(token);
    return link && link.expiresAt > this.now() ? { fileId: link.fileId, userId: link.userId } : undefined;
  }
}
