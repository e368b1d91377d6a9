import { logger } from '../../log';
import { cutText } from '../cut-text';
import { londonDateOf, toLondonWallClock } from '../london-time';
import { minuteOf, type TemporalContext, type TokenView } from './atoms';
import { readFilters, type FilterReading } from './filters';
import type { Gazetteer, GazetteerPlace } from './gazetteer';
import { DEFAULT_RADIUS_METRES, EXAMPLES, MAX_CANDIDATES, MAX_QUERY_CHARS } from './limits';
import { leftoverSnippets, readPlaces, type PlaceReading } from './places';
import { problem, QueryProblem } from './problem';
import { parseTimePieces } from './temporal';
import { normaliseText, tokenize } from './tokenizer';
import type { FootageQuery, PlaceQuery, Understanding, UnderstandingContext } from './types';
import { resolveWindow } from './window';
import { joinList } from './wording';

/**
 * Reads a plain-English footage request. Never throws: anything that cannot be searched comes
 * back as an Understanding with a sentence for the officer.
 *
 * The passes run in a fixed order over one token stream, each claiming what it recognises:
 * filters (radius, cameras, case, owner, status), then time expressions, then places in whatever
 * is left. Work is bounded by MAX_QUERY_CHARS: longer text is refused before it is read.
 */
export function understandQuery(text: string, context: UnderstandingContext): Understanding {
  const raw = typeof text === 'string' ? text : '';
  // Refused unread, so not worth remembering (nor holding on to).
  if (raw.length > MAX_QUERY_CHARS * 4) return tooLong(raw.length);
  const memo = memoFor(context.gazetteer);
  const key = `${minuteOf(context.now)}\u0000${context.chosenPlace ?? ''}\u0000${raw}`;
  const known = memo.get(key);
  if (known) return known;
  const reading = { exactNow: false };
  const understanding = understandSafely(raw, context, reading);
  // An understanding that never read the exact time holds for the whole minute (see TemporalContext).
  if (!reading.exactNow) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, deepFreeze(understanding));
  }
  return understanding;
}

/**
 * People repeat a search, page it, or several ask the same within a minute (and the message
 * extension asks as they type): reading the same text again gives the same answer. Bounded, then
 * started afresh; one per gazetteer, as the places known change the answer.
 */
const MEMO_LIMIT = 1000;
const memos = new WeakMap<Gazetteer, Map<string, Understanding>>();

function memoFor(gazetteer: Gazetteer): Map<string, Understanding> {
  let memo = memos.get(gazetteer);
  if (!memo) {
    memo = new Map();
    memos.set(gazetteer, memo);
  }
  return memo;
}

/** Shared answers must not change under anyone: frozen throughout (Dates are left as they are). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function understandSafely(raw: string, context: UnderstandingContext, reading: { exactNow: boolean }): Understanding {
  try {
    return understand(raw, context, reading);
  } catch (error) {
    if (error instanceof QueryProblem) return { kind: 'invalid', reason: error.reason };
    // A bug, not bad input: log it (without the text, which may name people) and still answer.
    logger.error({ err: error, length: raw.length }, 'footage query understanding failed');
    return { kind: 'invalid', reason: `Sorry, I could not read that request. ${EXAMPLES}` };
  }
}

function understand(raw: string, context: UnderstandingContext, reading: { exactNow: boolean }): Understanding {
  // Checked on the raw length first, so a huge message costs nothing; then on the tidied text.
  if (raw.length > MAX_QUERY_CHARS * 4) return tooLong(raw.length);
  const text = normaliseText(raw);
  if (text.length > MAX_QUERY_CHARS) return tooLong(text.length);
  if (text === '') return { kind: 'invalid', reason: `Tell me what footage to look for. ${EXAMPLES}` };

  const tokens = tokenize(text);
  const view: TokenView = { tokens, used: tokens.map(() => false) };
  // The clock read at the minute, so nothing in it changes within the minute.
  const clock = toLondonWallClock(new Date(minuteOf(context.now)));
  const temporal: TemporalContext = {
    // Noted when read, so that an understanding that depends on the exact time is not remembered.
    get now() {
      reading.exactNow = true;
      return context.now;
    },
    minuteStart: minuteOf(context.now),
    clock,
    today: londonDateOf(context.now),
  };

  const filters = readFilters(view, context.gazetteer);
  const window = resolveWindow(parseTimePieces(view, temporal), temporal);
  const places = readPlaces(view, text, context.gazetteer, filters.placeIntroducers, context.chosenPlace);

  const unclear = placeProblem(filters, places, context.gazetteer);
  if (unclear) return unclear;

  const query: FootageQuery = {};
  if (window) query.window = window;
  const place = centre(filters, places);
  if (place) query.place = place;
  if (filters.cameraIds.length) query.cameraIds = filters.cameraIds;
  if (places.boroughs.length) query.boroughs = places.boroughs;
  if (filters.ownerTypes.length) query.ownerTypes = filters.ownerTypes;
  if (filters.caseReference) query.caseReference = filters.caseReference;
  if (filters.statuses.length) query.statuses = filters.statuses;

  if (Object.keys(query).length === 0) return nothingUnderstood(text, places, context.gazetteer);
  const ignored = leftoverSnippets(view, text, places);
  if (ignored.length) query.ignored = ignored;
  return { kind: 'query', query };
}

function tooLong(length: number): Understanding {
  return {
    kind: 'invalid',
    reason:
      `That message is ${length.toLocaleString('en-GB')} characters long; I read searches of up to ${MAX_QUERY_CHARS}. ` +
      `Say just the place, time and any camera, borough or case. ${EXAMPLES}`,
  };
}

/** Unknown cameras, ambiguous or unknown places, and radii without a centre, in that order. */
function placeProblem(filters: FilterReading, places: PlaceReading, gazetteer: Gazetteer): Understanding | undefined {
  const [unknownCamera] = filters.unknownCameras;
  if (unknownCamera) {
    const suggestions = gazetteer.suggestCameras(unknownCamera);
    return {
      kind: 'unknown_place',
      subject: 'camera',
      text: unknownCamera,
      suggestions,
      message: `I don't know camera ${unknownCamera}.${didYouMean(suggestions)}`,
    };
  }
  const [ambiguous] = places.ambiguous;
  if (ambiguous) {
    const candidates = ambiguous.candidates.slice(0, MAX_CANDIDATES);
    const names = ambiguous.candidates.map((p) => p.name);
    const message =
      names.length > MAX_CANDIDATES
        ? `"${ambiguous.text}" could be any of ${names.length} places, such as ${joinList(names.slice(0, 3))}. Please give its full name.`
        : `"${ambiguous.text}" could be ${joinList(names)}. Which did you mean?`;
    return { kind: 'ambiguous_place', text: ambiguous.text, candidates, message };
  }
  const centres = [
    ...places.places.map((p) => p.name),
    ...(filters.cameraPlace ? [`camera ${filters.cameraPlace.cameraId}`] : []),
  ];
  if (centres.length > 1) {
    problem(`I can search around one place at a time, and found ${joinList(centres, 'and')}. Which one?`);
  }
  // Unknown words are reported rather than ignored when a place was meant: after "near" or "in",
  // when they share a word with a known name, or when nothing else says where to look (ignoring
  // them would silently search all of London).
  const located =
    centres.length > 0 || places.boroughs.length > 0 || filters.cameraIds.length > 0 || filters.caseReference;
  const unknown = places.unresolved.find(
    (item) => item.hasLetters && (item.triggered || !located || gazetteer.sharesNameWord(item.text)),
  );
  if (unknown) return unknownPlace(unknown.text, gazetteer);
  const [place] = places.places;
  const otherBoroughs = places.boroughs.filter((borough) => borough !== place?.borough);
  if (place && otherBoroughs.length === places.boroughs.length && otherBoroughs.length > 0) {
    problem(`${place.name} is in ${place.borough}, not ${joinList(otherBoroughs)}. Which did you mean?`);
  }
  if (filters.radiusMetres !== undefined && centres.length === 0) {
    problem(
      `Within ${filters.radiusText} of where? Name a place, e.g. "within ${filters.radiusText} of Oxford Circus"` +
        (places.boroughs.length ? `; for a whole borough just say "in ${places.boroughs[0]}".` : '.'),
    );
  }
  return undefined;
}

function centre(filters: FilterReading, places: PlaceReading): PlaceQuery | undefined {
  const radiusMetres = filters.radiusMetres ?? DEFAULT_RADIUS_METRES;
  const [place] = places.places;
  if (place) return placeQuery(place, radiusMetres);
  const camera = filters.cameraPlace;
  if (!camera) return undefined;
  return {
    name: `camera ${camera.cameraId}`,
    borough: camera.borough,
    latitude: camera.latitude,
    longitude: camera.longitude,
    radiusMetres,
  };
}

function placeQuery(place: GazetteerPlace, radiusMetres: number): PlaceQuery {
  return {
    name: place.name,
    borough: place.borough,
    latitude: place.latitude,
    longitude: place.longitude,
    radiusMetres,
  };
}

function unknownPlace(text: string, gazetteer: Gazetteer): Understanding {
  const suggestions = gazetteer.suggestNames(text);
  return {
    kind: 'unknown_place',
    subject: 'place',
    text,
    suggestions,
    message:
      `I don't know a place called "${text}".` +
      (suggestions.length
        ? didYouMean(suggestions)
        : ' Try a station, square or street, e.g. "near Brixton Station", or a borough, e.g. "in Lambeth".'),
  };
}

/** Nothing searchable was found: name the unknown word if there is one, otherwise explain. */
function nothingUnderstood(text: string, places: PlaceReading, gazetteer: Gazetteer): Understanding {
  const word = places.unresolved.find((item) => item.hasLetters);
  if (word) return unknownPlace(word.text, gazetteer);
  const shown = cutText(text, 60, '...');
  const leftovers = places.unresolved.length > 0 || places.junk.length > 0;
  return {
    kind: 'invalid',
    reason: leftovers
      ? `I couldn't find a place, camera, borough, case reference or time in "${shown}". ${EXAMPLES}`
      : `Tell me what footage to look for: a place, camera, borough, case reference or time. ${EXAMPLES}`,
  };
}

function didYouMean(suggestions: string[]): string {
  return suggestions.length ? ` Did you mean ${joinList(suggestions)}?` : '';
}
