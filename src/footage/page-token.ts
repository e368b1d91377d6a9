import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SETTING_KEYS, type SettingsRepository } from './ports/store';
import { decodeQuery, encodeQuery } from './query';
import type { FootageQuery } from './query/types';
import type { PageCursor } from './search-service';

/**
 * The "Next page" (and "search wider") buttons carry the understood query and the cursor where the
 * page starts, including Box's marker. The data comes back from the client, so it is sealed with an
 * HMAC: a token that was altered, or made by hand, is refused rather than sent to Box, and a page
 * can only start where an earlier page really ended.
 */
export interface PagePosition {
  query: FootageQuery;
  cursor: PageCursor;
}

/** Bounds what is parsed from a client; a real token is well under this. */
const MAX_TOKEN_LENGTH = 6000;
const MAX_MARKER_LENGTH = 2000;
const TAG_BYTES = 16;

export class PageTokens {
  private readonly key: Buffer;

  /** `secret` should be shared by every instance of the bot and survive restarts; without one, tokens last as long as this process. */
  constructor(secret?: string | Buffer) {
    this.key =
      secret === undefined || secret.length === 0
        ? randomBytes(32)
        : Buffer.isBuffer(secret)
          ? secret
          : Buffer.from(secret, 'utf8');
  }

  seal(position: PagePosition): string {
    const { cursor } = position;
    const payload = Buffer.from(
      JSON.stringify({ q: encodeQuery(position.query), m: cursor.marker ?? null, s: cursor.skip, o: cursor.pageStart }),
      'utf8',
    ).toString('base64url');
    return `${payload}.${this.tag(payload)}`;
  }

  /** The position a token names, or undefined when it is malformed or was not made by this key. */
  open(token: string): PagePosition | undefined {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.tag(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const query = decodeQuery(value.q);
      const marker = value.m;
      const validMarker =
        marker === null || (typeof marker === 'string' && marker.length > 0 && marker.length <= MAX_MARKER_LENGTH);
      if (!query || !validMarker || !isCount(value.s) || !isCount(value.o)) return undefined;
      return {
        query,
        cursor: { ...(typeof marker === 'string' ? { marker } : {}), skip: value.s, pageStart: value.o },
      };
    } catch {
      return undefined;
    }
  }

  private tag(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, TAG_BYTES).toString('base64url');
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_000_000;
}

/**
 * The sealing key every instance shares: made once and kept in the store, so a card's "Next page"
 * still works after a restart or on another instance. A second instance racing the first reads
 * back whichever key was stored last, and both then use it.
 */
export async function sharedPageTokens(settings: SettingsRepository): Promise<PageTokens> {
  const stored = await settings.get(SETTING_KEYS.pageTokenKey);
  if (typeof stored === 'string' && stored.length >= 32) return new PageTokens(Buffer.from(stored, 'base64'));
  await settings.set(SETTING_KEYS.pageTokenKey, randomBytes(32).toString('base64'));
  const kept = await settings.get(SETTING_KEYS.pageTokenKey);
  return new PageTokens(Buffer.from(String(kept), 'base64'));
}
