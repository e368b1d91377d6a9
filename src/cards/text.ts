/**
 * Text from people or from Box (names, reasons, comments, file names) is shown in TextBlocks and
 * FactSets, which Teams renders as Markdown. Unescaped, a reason such as `[Open footage](https://x)`
 * would become a link that looks like the bot's own. These helpers make such text inert and short.
 */
import { cutText } from '../footage/cut-text';

/** Length limits for text shown on cards, in user-perceived characters. */
export const TEXT_LIMITS = {
  name: 80,
  fileName: 120,
  shortLine: 200,
  /** The request form's own limit for reasons; comments share it. */
  paragraph: 500,
} as const;

/**
 * Control characters and bidirectional overrides: the latter can make `gpj.exe` read as `exe.jpg`,
 * so they are dropped rather than shown.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Inline Markdown that Teams acts on: emphasis, code, strike-through, links and images. */
const INLINE_MARKDOWN = /[\\`*_~[\]<>]/g;
/** Block Markdown recognised only at the start of a line: headings and list items (`>` is inline-escaped). */
const LINE_START_MARKER = /^([ \t]*)([#+-])/gm;
const NUMBERED_ITEM = /^([ \t]*\d+)([.)])/gm;

/** Shortens to `max` user-perceived characters (never splitting an emoji or accent), marking the cut. */
export function truncate(value: string, max: number): string {
  return cutText(value, max);
}

/** Escapes Markdown so that the text renders literally. For text the bot did not write. */
export function escapeMarkdown(value: string): string {
  return (
    value
      .replace(INLINE_MARKDOWN, (c) => `\\${c}`)
      .replace(LINE_START_MARKER, '$1\\$2')
      .replace(NUMBERED_ITEM, '$1\\$2')
      // `{{DATE(...)}}` is an Adaptive Card text function; a zero-width space keeps it literal.
      .replace(/\{\{/g, '{\u200B{')
  );
}

/** One line of outside text for a card: invisible characters removed, whitespace collapsed, cut, escaped. */
export function safeLine(value: string | null | undefined, max: number = TEXT_LIMITS.shortLine): string {
  const line = stripInvisible(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return escapeMarkdown(truncate(line, max));
}

/**
 * A paragraph of outside text (a reason, a comment): the writer's line breaks are kept (Markdown
 * needs a blank line for a break to show), everything else as in `safeLine`.
 */
export function safeParagraph(value: string | null | undefined, max: number = TEXT_LIMITS.paragraph): string {
  const lines = stripInvisible(value ?? '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  return escapeMarkdown(truncate(lines.join('\n'), max)).replace(/\n/g, '\n\n');
}

/**
 * A sentence the bot wrote with its own Markdown (a command in bold), in which anything from outside
 * has already been escaped: built only by `markdown`, so cards can show it as Markdown while plain
 * strings stay escaped. `plain` is the same sentence without the markup, for logs and fallback text.
 */
export interface BotMarkdown {
  readonly markdown: string;
  readonly plain: string;
}

/** Text for a card: a plain string is outside text (escaped when shown); BotMarkdown is shown as written. */
export type CardText = string | BotMarkdown;

/** markdown`search with **find** for "${what}"`: the literal parts are the bot's Markdown, each value is escaped. */
export function markdown(parts: TemplateStringsArray, ...values: Array<string | number>): BotMarkdown {
  let written = parts[0];
  let plain = withoutEmphasis(parts[0]);
  values.forEach((value, index) => {
    written += safeLine(String(value)) + parts[index + 1];
    plain += plainLine(String(value)) + withoutEmphasis(parts[index + 1]);
  });
  return { markdown: written, plain };
}

/** A paragraph of card text: outside text escaped and cut, the bot's own Markdown kept. */
export function cardParagraph(value: CardText, max: number = TEXT_LIMITS.paragraph): string {
  return typeof value === 'string' ? safeParagraph(value, max) : value.markdown;
}

/** Card text as plain words, for fallback text and logs. */
export function plainText(value: CardText): string {
  return typeof value === 'string' ? value : value.plain;
}

function withoutEmphasis(value: string): string {
  return value.replace(/\*\*/g, '');
}

/** Outside text for places that do not render Markdown (thumbnail-card previews, choice titles). */
export function plainLine(value: string | null | undefined, max: number = TEXT_LIMITS.shortLine): string {
  return truncate(
    stripInvisible(value ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    max,
  );
}

function stripInvisible(value: string): string {
  return value.replace(INVISIBLE, '');
}
