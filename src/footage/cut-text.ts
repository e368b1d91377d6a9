/**
 * Shortening text for people without breaking what they see: cuts fall between user-perceived
 * characters (grapheme clusters), so an emoji such as 🚓, a flag or an accented letter is kept whole
 * or left out whole, never split into a lone surrogate or a stray combining mark.
 */

const segmenter = new Intl.Segmenter('en-GB', { granularity: 'grapheme' });

/** At most `max` user-perceived characters; when cut, the last is `mark` (default "…"). */
export function cutText(value: string, max: number, mark = '…'): string {
  // Fast path: a string of no more UTF-16 units than `max` has no more graphemes either.
  if (value.length <= max) return value;
  const graphemes = Array.from(segmenter.segment(value), (s) => s.segment);
  if (graphemes.length <= max) return value;
  const kept = Math.max(0, max - Array.from(segmenter.segment(mark)).length);
  return `${graphemes.slice(0, kept).join('').trimEnd()}${mark}`;
}
