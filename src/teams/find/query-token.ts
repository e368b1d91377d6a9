/**
 * What a place-picker card's buttons carry: the typed text and the "now" it was read against
 * (picking among places of the same name). Paging tokens are sealed by the domain instead
 * (FindFootage.resume). Opaque to Teams; read back defensively because a card's data is only a claim.
 */

export type QueryToken = { k: 'pick'; t: string; n: string };

export function encodeToken(token: QueryToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

export function decodeToken(raw: string): QueryToken | undefined {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (
      value.k === 'pick' &&
      typeof value.t === 'string' &&
      value.t.length <= 1000 &&
      typeof value.n === 'string' &&
      !Number.isNaN(Date.parse(value.n))
    ) {
      return value as QueryToken;
    }
  } catch {
    // Malformed tokens are answered like any other stale card.
  }
  return undefined;
}
