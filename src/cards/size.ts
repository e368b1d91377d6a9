/**
 * Teams refuses cards over its size limits, and a card with thumbnails (data: URIs) gets there fast.
 * Sizes are measured on the JSON text, in UTF-8 bytes, as it goes over the wire.
 */
import type { AdaptiveCard } from './schema';

export const CARD_SIZE_LIMITS = {
  /** A message-extension result card (Teams: 28 KB). */
  messageExtension: 28 * 1024,
  /**
   * A card sent in a message. Teams allows about 100 KB for the whole activity; 80 KB for the card
   * leaves room for the envelope.
   */
  message: 80 * 1024,
} as const;

export function cardSizeBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Renders with as many optional extras (thumbnails) as fit: `render(n)` must include the first `n`.
 * Renders are cheap (a page holds at most 10 recordings), so it simply counts down from the most.
 */
export function largestThatFits(
  render: (included: number) => AdaptiveCard,
  available: number,
  limitBytes: number,
): AdaptiveCard {
  for (let included = available; included > 0; included -= 1) {
    const candidate = render(included);
    if (cardSizeBytes(candidate) <= limitBytes) return candidate;
  }
  return render(0);
}
