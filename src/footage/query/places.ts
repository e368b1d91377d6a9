import { claim, type TokenView } from './atoms';
import { MatchLevel, phraseKey, type Gazetteer, type GazetteerMatch, type GazetteerPlace } from './gazetteer';
import type { Token } from './tokenizer';
import { CONNECTOR_WORDS, FILLER_WORDS, PLACE_TRIGGER_WORDS, SOFT_SYMBOLS } from './vocabulary';

/**
 * Places and boroughs in whatever text the filters and the time grammar left over. Each run of
 * unclaimed words is read in this order:
 *   1. full place names and boroughs anywhere in it ("brixton station in lambeth"), unless a longer
 *      short form covers them ("croydon station" is a station, not the borough);
 *   2. each remaining run, edges stripped of filler words: an exact name or short form, then the
 *      closest name within a few typing slips ("brixton statoin"), then its filler-separated parts;
 *   3. whatever is left is unresolved, joined with any name it touches ("Camden Lock"); the caller
 *      decides whether it was meant as a place (see understand.ts) or is echoed as ignored.
 */
export interface PlaceReading {
  places: GazetteerPlace[];
  boroughs: string[];
  ambiguous: Array<{ text: string; candidates: GazetteerPlace[] }>;
  unresolved: Array<TokenRange & { text: string; triggered: boolean; hasLetters: boolean }>;
  /** Stray symbols ("%", "="): never a place, echoed as ignored. */
  junk: TokenRange[];
}

/** Tokens [from, to). */
export interface TokenRange {
  from: number;
  to: number;
}

interface Word {
  word: string;
  token: number;
}

type Item =
  | { kind: 'match'; match: GazetteerMatch; text: string; words: Word[] }
  | { kind: 'unresolved'; text: string; words: Word[] };

export function readPlaces(
  view: TokenView,
  source: string,
  gazetteer: Gazetteer,
  placeIntroducers: ReadonlySet<number>,
  chosenPlace?: string,
): PlaceReading {
  const reading: PlaceReading = { places: [], boroughs: [], ambiguous: [], unresolved: [], junk: [] };
  const reader = new ChunkReader(view, source, gazetteer);
  for (const chunk of chunks(view, reading.junk)) {
    for (const item of reader.read(chunk)) {
      const range = { from: item.words[0].token, to: item.words[item.words.length - 1].token + 1 };
      if (item.kind === 'unresolved') {
        const triggered = isTriggered(view, range.from, placeIntroducers);
        reading.unresolved.push({ ...range, text: item.text, triggered, hasLetters: /\p{L}/u.test(item.text) });
        continue;
      }
      claim(view, range.from, range.to);
      addMatch(reading, item.match, item.text, chosenPlace);
    }
  }
  return reading;
}

/**
 * What was left unread, as the officer typed it: neighbouring leftovers with nothing understood
 * between them are one snippet ("' OR 1=1 --", not five separate symbols).
 */
export function leftoverSnippets(view: TokenView, source: string, reading: PlaceReading): string[] {
  const ranges = [...reading.unresolved, ...reading.junk].sort((a, b) => a.from - b.from);
  const merged: TokenRange[] = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    const gapUnread = previous && view.used.slice(previous.to, range.from).every((used) => !used);
    if (previous && gapUnread) previous.to = Math.max(previous.to, range.to);
    else merged.push({ ...range });
  }
  return merged.map(({ from, to }) => source.slice(view.tokens[from].start, view.tokens[to - 1].end));
}

function addMatch(reading: PlaceReading, match: GazetteerMatch, text: string, chosenPlace: string | undefined): void {
  const places = match.entities.flatMap((entity) => (entity.kind === 'place' ? [entity.place] : []));
  if (places.length === 0) {
    for (const entity of match.entities) {
      if (entity.kind === 'borough' && !reading.boroughs.includes(entity.borough))
        reading.boroughs.push(entity.borough);
    }
    return;
  }
  const chosen =
    chosenPlace === undefined ? undefined : places.find((place) => phraseKey(place.name) === phraseKey(chosenPlace));
  const place = places.length === 1 ? places[0] : chosen;
  if (!place) {
    reading.ambiguous.push({ text, candidates: [...places].sort((a, b) => a.name.localeCompare(b.name)) });
  } else if (!reading.places.includes(place)) {
    reading.places.push(place);
  }
}

/** Maximal runs of unclaimed words, numbers and soft punctuation; other symbols split runs. */
function chunks(view: TokenView, junk: TokenRange[]): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  const flush = () => {
    if (current.length > 0) result.push(current);
    current = [];
  };
  view.tokens.forEach((token, i) => {
    if (view.used[i]) return flush();
    if (token.kind === 'symbol' && !SOFT_SYMBOLS.has(token.text)) {
      junk.push({ from: i, to: i + 1 });
      return flush();
    }
    current.push(i);
  });
  flush();
  return result;
}

/**
 * Whether the name starting at token `first` follows a word that introduces a place ("near",
 * "in", the end of "within 300m of"), looking back over filler words.
 */
function isTriggered(view: TokenView, first: number, placeIntroducers: ReadonlySet<number>): boolean {
  for (let j = first - 1; j >= 0; j -= 1) {
    const token = view.tokens[j];
    if (view.used[j]) return placeIntroducers.has(j);
    if (token.kind === 'word' && PLACE_TRIGGER_WORDS.has(token.lower)) return true;
    const skippable = token.kind === 'word' ? isFiller(token.lower) : token.kind === 'symbol';
    if (!skippable) return false;
  }
  return false;
}

function isFiller(word: string): boolean {
  return FILLER_WORDS.has(word) || CONNECTOR_WORDS.has(word);
}

class ChunkReader {
  private readonly longest: number;

  constructor(
    private readonly view: TokenView,
    private readonly source: string,
    private readonly gazetteer: Gazetteer,
  ) {
    this.longest = gazetteer.longestNameWords;
  }

  read(chunk: number[]): Item[] {
    const words = chunk.flatMap((i) => wordsOf(this.view.tokens[i], i));
    // Pass 1: full names and boroughs, wherever they are.
    const items: Item[] = [];
    let pending: Word[] = [];
    for (let i = 0; i < words.length;) {
      const found = this.longestAt(words, i);
      if (found && found.match.level <= MatchLevel.Borough) {
        items.push(...this.resolveRun(pending), this.item(found.match, words.slice(i, i + found.length)));
        pending = [];
      } else {
        // A longer short form wins over a borough inside it: "croydon station" is not Croydon.
        pending.push(...words.slice(i, i + (found?.length ?? 1)));
      }
      i += found?.length ?? 1;
    }
    items.push(...this.resolveRun(pending));
    return this.joinUnknownNeighbours(items);
  }

  /**
   * Pass 2 for one run of words that held no full name: the whole run by name or closeness, else
   * its filler-separated parts. A run without fillers that is no known name stays whole ("Vauxhal
   * Bridge" is one unknown place, not Vauxhall Station and London Bridge Station).
   */
  private resolveRun(run: Word[]): Item[] {
    const words = stripEdges(run);
    if (words.length === 0) return [];
    const key = words.map((w) => w.word).join(' ');
    const match = this.gazetteer.exact(key) ?? this.gazetteer.fuzzy(key);
    if (match) return [this.item(match, words)];
    if (words.some((w) => isFiller(w.word))) {
      return splitAtFillers(words).flatMap((part) => this.resolveRun(part));
    }
    return [this.unresolved(words)];
  }

  /**
   * Unknown words typed right next to a known name are one unknown name with it: "Camden Lock" is
   * not the borough of Camden plus a stray "Lock".
   */
  private joinUnknownNeighbours(items: Item[]): Item[] {
    const result: Item[] = [];
    for (const item of items) {
      const previous = result[result.length - 1];
      const touching = previous && previous.words[previous.words.length - 1].token + 1 >= item.words[0].token;
      if (touching && (previous.kind === 'unresolved' || item.kind === 'unresolved')) {
        result[result.length - 1] = this.unresolved([...previous.words, ...item.words]);
      } else {
        result.push(item);
      }
    }
    return result;
  }

  /** The longest exact name (any level) starting at words[i]. */
  private longestAt(words: Word[], i: number): { match: GazetteerMatch; length: number } | undefined {
    for (let length = Math.min(this.longest, words.length - i); length >= 1; length -= 1) {
      const match = this.gazetteer.exact(
        words
          .slice(i, i + length)
          .map((w) => w.word)
          .join(' '),
      );
      if (match) return { match, length };
    }
    return undefined;
  }

  private item(match: GazetteerMatch, words: Word[]): Item {
    return { kind: 'match', match, text: this.textOf(words), words };
  }

  private unresolved(words: Word[]): Item {
    return { kind: 'unresolved', text: this.textOf(words), words };
  }

  /** The words as the officer typed them (original spelling, spacing and punctuation). */
  private textOf(words: Word[]): string {
    const first = this.view.tokens[words[0].token];
    const last = this.view.tokens[words[words.length - 1].token];
    return this.source.slice(first.start, last.end);
  }
}

/** A token's words in key form: "King's" -> kings, "walton-on-thames" -> walton, on, thames, "&" -> and. */
function wordsOf(token: Token, index: number): Word[] {
  if (token.kind === 'symbol') return token.text === '&' ? [{ word: 'and', token: index }] : [];
  return phraseKey(token.text)
    .split(' ')
    .filter((word) => word.length > 0)
    .map((word) => ({ word, token: index }));
}

function stripEdges(words: Word[]): Word[] {
  let from = 0;
  let to = words.length;
  while (from < to && isFiller(words[from].word)) from += 1;
  while (to > from && isFiller(words[to - 1].word)) to -= 1;
  return words.slice(from, to);
}

function splitAtFillers(words: Word[]): Word[][] {
  const parts: Word[][] = [[]];
  for (const word of words) {
    if (isFiller(word.word)) parts.push([]);
    else parts[parts.length - 1].push(word);
  }
  return parts.filter((part) => part.length > 0);
}
