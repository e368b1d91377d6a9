import {
  decodeQuery,
  describeQuery,
  EARLIEST_YEAR,
  encodeQuery,
  MAX_RADIUS_METRES,
  MAX_WINDOW_DAYS,
  type Gazetteer,
  type Understanding,
} from '../../../src/footage/query';

/**
 * What makes an answer to a typed request sound, whatever was typed: a query that can be searched
 * (a sane window, radius, known cameras and boroughs, echoable, surviving the card round trip) or a
 * sentence the card can show. Returns the rules an answer breaks; empty when it is sound.
 */
const DAY_MS = 86_400_000;
/** Signs that a bug, not a rule, produced the wording. */
const BROKEN_WORDING = /undefined|NaN|Invalid Date|\[object|UTC[+-]\d\d:\d(?!\d)|could not read that request/;

export function answerProblems(understanding: Understanding, now: Date, gazetteer: Gazetteer): string[] {
  const found: string[] = [];
  const check = (ok: boolean, rule: string) => {
    if (!ok) found.push(rule);
  };
  const wording = (text: string, what: string) => {
    check(typeof text === 'string' && text.length > 10, `${what} without a sentence`);
    check(!BROKEN_WORDING.test(text), `${what} shows broken wording: ${text.slice(0, 160)}`);
  };
  switch (understanding.kind) {
    case 'invalid':
      wording(understanding.reason, 'invalid');
      break;
    case 'ambiguous_place':
      check(understanding.candidates.length > 1, 'ambiguous with fewer than two candidates');
      check(understanding.message.includes(understanding.text), 'ambiguity message does not quote the text');
      wording(understanding.message, 'ambiguity');
      break;
    case 'unknown_place':
      check(understanding.text.length > 0, 'unknown place without text');
      wording(understanding.message, 'unknown place');
      break;
    case 'query': {
      const query = understanding.query;
      check(
        Object.keys(query).some((key) => key !== 'ignored'),
        'query without any filter',
      );
      if (query.window) {
        const { start, end } = query.window;
        check(Number.isFinite(start.getTime()) && Number.isFinite(end.getTime()), 'window with an invalid date');
        check(end.getTime() > start.getTime(), 'window ends before it starts');
        check(end.getTime() - start.getTime() <= MAX_WINDOW_DAYS * DAY_MS, 'window too long');
        check(start.getTime() <= now.getTime(), 'window starts in the future');
        check(start.getUTCFullYear() >= EARLIEST_YEAR - 1, 'window starts before the earliest year');
      }
      if (query.place)
        check(query.place.radiusMetres >= 1 && query.place.radiusMetres <= MAX_RADIUS_METRES, 'radius out of range');
      for (const id of query.cameraIds ?? [])
        check(gazetteer.camera(id) !== undefined, `unknown camera ${id} in a query`);
      for (const borough of query.boroughs ?? [])
        check(gazetteer.boroughs.includes(borough), `unknown borough ${borough} in a query`);
      for (const line of describeQuery(query)) check(!BROKEN_WORDING.test(line), `echo shows broken wording: ${line}`);
      const card = JSON.stringify(encodeQuery(query));
      const decoded = decodeQuery(JSON.parse(card));
      check(
        decoded !== undefined && JSON.stringify(encodeQuery(decoded)) === card,
        'query does not survive the card round trip',
      );
      break;
    }
    default:
      found.push(`unexpected kind ${(understanding as { kind: string }).kind}`);
  }
  return found;
}
