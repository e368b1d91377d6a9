/**
 * The words the grammar knows, kept apart from the rules so they can be read (and extended) at a
 * glance. Everything is lower case.
 */

/** Words that carry no search meaning ("find footage near ..."): skipped around places. */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'find', 'search', 'searching', 'show', 'me', 'us', 'get', 'give', 'look', 'looking', 'check', 'pull', 'up',
  'for', 'any', 'anything', 'everything', 'something', 'all', 'every', 'some', 'footage', 'cctv', 'video', 'videos', 'recording',
  'recordings', 'recorded', 'clip', 'clips', 'camera', 'cameras', 'cam', 'cams', 'please', 'pls', 'thanks',
  'i', 'need', 'want', 'would', 'like', 'can', 'could', 'you', 'we', 'have', 'has', 'had', 'got', 'is', 'are',
  'was', 'were', 'be', 'there', 'it', 'that', 'this', 'these', 'those', 'what', 'which', 'do', 'does', 'did',
  'the', 'a', 'an', 'from', 'near', 'nr', 'at', 'in', 'on', 'around', 'outside', 'by', 'of', 'to', 'close',
  'next', 'nearby', 'within', 'opposite', 'beside', 'and', 'or', 'with', 'over', 'during', 'showing', 'shows',
  'captured', 'taken', 'filmed', 'hi', 'hello', 'bot', 'case', 'crime', 'ref', 'reference', 'status',
  'owned', 'owner', 'operated', 'borough', 'area', 'exported', 'exports', 'export',
]);

/**
 * Words after which the next name must be a place (or borough), so an unknown name is reported.
 * Not "of": "footage of a fight near Brixton" is about what the footage shows.
 */
export const PLACE_TRIGGER_WORDS: ReadonlySet<string> = new Set([
  'near', 'nr', 'at', 'around', 'outside', 'by', 'in', 'from', 'opposite', 'beside', 'to', 'nearby', 'within',
]);

/** List connectors: split "Lambeth and Southwark", never part of a place name's edge. */
export const CONNECTOR_WORDS: ReadonlySet<string> = new Set(['and', 'or', '&']);

/** Punctuation that may sit inside or around names ("North End, Croydon", "St. Pancras", "King's Cross - 9pm"). */
export const SOFT_SYMBOLS: ReadonlySet<string> = new Set([',', '.', "'", '"', '!', '?', ';', ':', '(', ')', '&', '-', '/']);

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8], ['september', 9],
  ['sept', 9], ['sep', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
]);

/** Full weekday names (0 = Sunday), accepted anywhere. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['sunday', 0], ['monday', 1], ['tuesday', 2], ['wednesday', 3], ['thursday', 4], ['friday', 5], ['saturday', 6],
]);

/** Abbreviations ("sat", "sun", "wed" are also ordinary words): accepted only in a date context. */
export const WEEKDAY_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['sun', 0], ['mon', 1], ['tue', 2], ['tues', 2], ['wed', 3], ['weds', 3], ['thu', 4], ['thur', 4], ['thurs', 4],
  ['fri', 5], ['sat', 6],
]);

export type PartOfDay = 'morning' | 'afternoon' | 'evening' | 'night';

export const PARTS_OF_DAY: ReadonlyMap<string, PartOfDay> = new Map([
  ['morning', 'morning'], ['afternoon', 'afternoon'], ['evening', 'evening'], ['night', 'night'], ['overnight', 'night'],
]);

/** Local hours each part of the day covers; night runs past midnight to 06:00 the next day. */
export const PART_HOURS: Record<PartOfDay, { start: number; end: number }> = {
  morning: { start: 6, end: 12 },
  afternoon: { start: 12, end: 18 },
  evening: { start: 18, end: 24 },
  night: { start: 18, end: 30 },
};

/** Units of "last N <unit>", in minutes. Days and weeks are rolling (N x 24 h), not calendar days. */
export const DURATION_UNITS: ReadonlyMap<string, number> = new Map([
  ['minute', 1], ['minutes', 1], ['min', 1], ['mins', 1],
  ['hour', 60], ['hours', 60], ['hr', 60], ['hrs', 60], ['h', 60],
  ['day', 1440], ['days', 1440], ['week', 10080], ['weeks', 10080], ['wk', 10080], ['wks', 10080],
  ['fortnight', 20160], ['month', 43200], ['months', 43200], ['year', 525600], ['years', 525600],
]);

export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['twenty-four', 24], ['forty-eight', 48],
]);
