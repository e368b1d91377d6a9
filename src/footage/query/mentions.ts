/**
 * Whether free text talks about footage at all, so a chat front end can treat "LAM0105 last
 * tuesday", "13 mar 26" or "over the weekend" as a search rather than an unknown command. It asks
 * the query grammar itself (the tokenizer's camera ids, case references, dates, times and distances,
 * and the time expressions), so every phrasing the understanding accepts is recognised here too,
 * and nothing needs the gazetteer. A phrase the grammar refuses ("last 99999 days") still counts:
 * it was meant as a search, and the search answers why it cannot run.
 */
import { londonDateOf, toLondonWallClock } from '../london-time';
import { minuteOf, type TokenView } from './atoms';
import { MAX_QUERY_CHARS } from './limits';
import { QueryProblem } from './problem';
import { parseTimePieces } from './temporal';
import { normaliseText, tokenize, type TokenKind } from './tokenizer';

const FOOTAGE_SHAPES: ReadonlySet<TokenKind> = new Set(['camera', 'caseRef', 'date', 'time', 'distance']);

export function mentionsFootage(raw: string): boolean {
  const text = normaliseText(typeof raw === 'string' ? raw : '');
  if (text === '' || text.length > MAX_QUERY_CHARS) return false;
  const tokens = tokenize(text);
  if (tokens.some((token) => FOOTAGE_SHAPES.has(token.kind))) return true;
  const view: TokenView = { tokens, used: tokens.map(() => false) };
  // Which day it is does not change whether a phrase is a time expression.
  const now = new Date();
  try {
    return (
      parseTimePieces(view, {
        now,
        minuteStart: minuteOf(now),
        clock: toLondonWallClock(now),
        today: londonDateOf(now),
      }).length > 0
    );
  } catch (error) {
    if (error instanceof QueryProblem) return true;
    throw error;
  }
}
