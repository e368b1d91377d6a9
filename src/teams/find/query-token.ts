/**
 * What a find card's buttons carry: either the understood query and the page to show (paging) or the
 * typed text and the "now" it was read against (picking among places of the same name). Opaque to
 * Teams; read back defensively because a card's data is only a claim.
 */

export type QueryToken = { k: 'page'; q: unknown; p: number } | { k: 'pick'; t: string; n: string };

export function encodeToken(token: QueryToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

export function decodeToken(raw: string): QueryToken | undefined {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value.k === 'page' && Number.isInteger(value.p) && (value.p as number) >= 0 && (value.p as number) < 10_000) return value as QueryToken;
    if (value.k === 'pick' && typeof value.t === 'string' && value.t.length <= 1000 && typeof value.n === 'string' && !Number.isNaN(Date.parse(value.n))) {
      return value as QueryToken;
    }
  } catch {
    // Malformed tokens are answered like any other stale card.
  }
  return undefined;
}
