import type { OwnerType, RecordingStatus } from '../recording';
import { claim, free, freeWord, type TokenView } from './atoms';
import type { Gazetteer, GazetteerCamera } from './gazetteer';
import { MAX_RADIUS_METRES } from './limits';
import { problem } from './problem';

/**
 * The structured filters: radius ("within 300m of", "1.5 km from"), camera ids, a case reference,
 * owner types (TfL, council, business) and statuses. Read before times and places so that their
 * tokens are out of the way: "300m" is not a time, "LAM-0105" not a place.
 */
export interface FilterReading {
  cameraIds: string[];
  /** Camera ids in the right shape that the gazetteer does not know. */
  unknownCameras: string[];
  caseReference?: string;
  ownerTypes: OwnerType[];
  statuses: RecordingStatus[];
  radiusMetres?: number;
  radiusText?: string;
  /** "near LAM-0105", "within 200m of LAM-0105": the search centres on that camera. */
  cameraPlace?: GazetteerCamera;
  /** Claimed tokens after which a place is expected (the last word of "within 300m of"). */
  placeIntroducers: Set<number>;
}

const OWNER_PHRASES: Array<[string[], OwnerType]> = [
  [['transport', 'for', 'london'], 'transport'],
  [['london', 'underground'], 'transport'],
  [['local', 'authority'], 'local_authority'],
  [['local', 'authorities'], 'local_authority'],
  ...['tfl', 'transport', 'tube', 'underground', 'bus', 'buses'].map((w): [string[], OwnerType] => [[w], 'transport']),
  ...['council', 'councils'].map((w): [string[], OwnerType] => [[w], 'local_authority']),
  ...[
    'business',
    'businesses',
    'shop',
    'shops',
    'store',
    'stores',
    'private',
    'commercial',
    'retail',
    'retailer',
    'retailers',
  ].map((w): [string[], OwnerType] => [[w], 'business']),
];

const STATUS_PHRASES: Array<[string[], RecordingStatus]> = [
  [['not', 'yet', 'reviewed'], 'received'],
  [['not', 'reviewed'], 'received'],
  [['not', 'relevant'], 'not_relevant'],
  [['unreviewed'], 'received'],
  [['irrelevant'], 'not_relevant'],
  [['evidential'], 'evidential'],
  [['reviewed'], 'reviewed'],
  [['received'], 'received'],
];

const BEFORE_RADIUS = new Set(['within', 'inside', 'under', 'radius', 'a', 'of', 'in']);
const AFTER_RADIUS = new Set(['radius', 'of', 'from', 'around', 'away', 'near']);
const CAMERA_AS_PLACE = new Set(['near', 'nr', 'around']);
const CASE_WORDS = new Set(['case', 'crime', 'ref', 'reference', 'crn']);

export function readFilters(view: TokenView, gazetteer: Gazetteer): FilterReading {
  const reading: FilterReading = {
    cameraIds: [],
    unknownCameras: [],
    ownerTypes: [],
    statuses: [],
    placeIntroducers: new Set(),
  };
  readRadius(view, reading);
  readCameras(view, reading, gazetteer);
  readCaseReference(view, reading);
  readPhrases(view, OWNER_PHRASES, reading.ownerTypes);
  readPhrases(view, STATUS_PHRASES, reading.statuses);
  return reading;
}

/** Distances said in words ("half a mile" would otherwise find Mile End). */
const WORD_DISTANCES: Array<[string[], number]> = [
  [['quarter', 'of', 'a', 'mile'], 402.336],
  [['half', 'a', 'mile'], 804.672],
  [['half', 'mile'], 804.672],
  [['a', 'mile'], 1609.344],
  [['one', 'mile'], 1609.344],
];

function readRadius(view: TokenView, reading: FilterReading): void {
  for (let i = 0; i < view.tokens.length; i += 1) {
    const token = free(view, i);
    const spoken = WORD_DISTANCES.find(([words]) => phraseAt(view, i, words));
    if (!token || (token.kind !== 'distance' && !spoken)) continue;
    const metres = token.kind === 'distance' ? token.metres : (spoken?.[1] ?? 0);
    const length = token.kind === 'distance' ? 1 : (spoken?.[0].length ?? 1);
    const text = view.tokens
      .slice(i, i + length)
      .map((t) => t.text)
      .join(' ');
    if (!(metres >= 1)) problem(`"${text}" is too small a radius: try e.g. "within 100m of Brixton Station".`);
    if (metres > MAX_RADIUS_METRES) {
      problem(
        `"${text}" is wider than I search around a place (at most ${MAX_RADIUS_METRES / 1000} km). ` +
          'For a whole borough, say e.g. "in Lambeth".',
      );
    }
    if (reading.radiusMetres !== undefined && reading.radiusMetres !== metres) {
      problem(`I found two distances, "${reading.radiusText}" and "${text}": please give one radius.`);
    }
    reading.radiusMetres = metres;
    reading.radiusText = text;
    let from = i;
    while (from > 0 && BEFORE_RADIUS.has(freeWord(view, from - 1) ?? '')) from -= 1;
    let to = i + length;
    while (AFTER_RADIUS.has(freeWord(view, to) ?? '')) to += 1;
    claim(view, from, to);
    reading.placeIntroducers.add(to - 1);
  }
}

/** The free words at i spell `words`. */
function phraseAt(view: TokenView, i: number, words: string[]): boolean {
  return words.every((word, k) => freeWord(view, i + k) === word);
}

function readCameras(view: TokenView, reading: FilterReading, gazetteer: Gazetteer): void {
  view.tokens.forEach((token, i) => {
    if (token.kind !== 'camera' || view.used[i]) return;
    const camera = gazetteer.camera(token.cameraId);
    // "lam-105" and "lam-999" are cameras (LAM ones exist, and LAM-0999 gets suggestions); "top-10" is not.
    if (!camera && token.padded && !gazetteer.hasCameraPrefix(token.cameraId.slice(0, 3))) return;
    claim(view, i, i + 1);
    if (!camera) {
      if (!reading.unknownCameras.includes(token.cameraId)) reading.unknownCameras.push(token.cameraId);
      return;
    }
    const centre = CAMERA_AS_PLACE.has(freeWord(view, i - 1) ?? '') || reading.placeIntroducers.has(i - 1);
    if (centre && !reading.cameraPlace) {
      reading.cameraPlace = camera;
    } else if (!reading.cameraIds.includes(camera.cameraId)) {
      reading.cameraIds.push(camera.cameraId);
    }
  });
}

function readCaseReference(view: TokenView, reading: FilterReading): void {
  view.tokens.forEach((token, i) => {
    if (view.used[i]) return;
    if (token.kind === 'caseRef') {
      if (reading.caseReference !== undefined && reading.caseReference !== token.reference) {
        problem(
          `I found two case references, ${reading.caseReference} and ${token.reference}: please search one case at a time.`,
        );
      }
      reading.caseReference = token.reference;
      claim(view, i, i + 1);
      return;
    }
    const afterCaseWord = CASE_WORDS.has(freeWord(view, i - 1) ?? '');
    if (token.kind === 'number' && (/^\d{7}$/.test(token.digits) || (afterCaseWord && /^\d{5,}$/.test(token.digits)))) {
      problem(
        `"${token.text}" looks like part of a case reference. Case references are seven digits, a slash and two digits, like 5212345/26.`,
      );
    }
  });
}

function readPhrases<T>(view: TokenView, phrases: Array<[string[], T]>, into: T[]): void {
  for (let i = 0; i < view.tokens.length; i += 1) {
    for (const [words, value] of phrases) {
      if (!phraseAt(view, i, words)) continue;
      claim(view, i, i + words.length);
      if (!into.includes(value)) into.push(value);
      break;
    }
  }
}
