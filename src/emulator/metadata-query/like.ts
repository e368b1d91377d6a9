// The syntax characters of a regular expression: in `u` mode these are the only ones that may be escaped.
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/**
 * Turns a LIKE pattern into an anchored regular expression. Box's rules: `%` is any run of
 * characters (including none), `_` exactly one character, and a backslash makes the next character
 * literal (`20\%` matches `20%`, `\\` a backslash). Returns null for a pattern that ends in a lone
 * backslash, which escapes nothing.
 */
export function likePatternToRegExp(pattern: string, caseInsensitive: boolean): RegExp | null {
  let source = '';
  // Iterating the string walks code points, so `_` matches one character even outside the BMP.
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i];
    if (char === '\\') {
      i += 1;
      if (i >= chars.length) return null;
      source += escapeRegex(chars[i]);
    } else if (char === '%') {
      source += '.*';
    } else if (char === '_') {
      source += '.';
    } else {
      source += escapeRegex(char);
    }
  }
  // `s` lets wildcards cross line breaks, `u` makes `.` one code point.
  return new RegExp(`^${source}$`, caseInsensitive ? 'isu' : 'su');
}
