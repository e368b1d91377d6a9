/**
 * The sane bounds of a footage search, in one place so the help text, the parser and the tests agree.
 */

/** Longer text is answered without being read: typed searches are one line, and parsing cost stays capped. */
export const MAX_QUERY_CHARS = 500;

/** "near X" without a radius. */
export const DEFAULT_RADIUS_METRES = 500;

/** Wider than this is no longer "near" anything; a borough filter is the better tool. */
export const MAX_RADIUS_METRES = 10_000;

/**
 * The longest window one search may cover. A month is what an officer can sensibly review and
 * roughly how long councils keep unexported CCTV; beyond it, a typo (a wrong year) is more likely
 * than intent.
 */
export const MAX_WINDOW_DAYS = 31;

/** Earlier dates are treated as typos (e.g. 1900): no exported footage predates digital CCTV exports. */
export const EARLIEST_YEAR = 2000;

/** A time on its own ("at 14:00") matches recordings covering that minute: [T, T + 1 minute). */
export const POINT_WINDOW_MINUTES = 1;

/** At most this many places are offered when a short name is ambiguous. */
export const MAX_CANDIDATES = 10;

/** Closest names offered for an unknown place or camera. */
export const MAX_SUGGESTIONS = 3;

/** Names less alike than this (1 = identical) are not offered as suggestions: they would be noise. */
export const MIN_SUGGESTION_SIMILARITY = 0.4;

export const EXAMPLES =
  'For example: "near Brixton Station on 03/03/2026 between 2pm and 4pm", "camera LAM-0105 last night", ' +
  '"in Southwark yesterday afternoon" or "case 5212345/26".';
