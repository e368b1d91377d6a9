import { ConfigError } from '../errors';
import type { OwnerType, RecordingMetadata } from '../recording';
import { allowedEdits, editDistance, similarity } from './fuzzy';
import { MAX_SUGGESTIONS, MIN_SUGGESTION_SIMILARITY } from './limits';
import { FILLER_WORDS } from './vocabulary';

/**
 * The names officers use for places, boroughs and cameras. Built from parsed arrays (the demo's
 * places.json and cameras.json, or a deployment's own) so nothing here reads files.
 *
 * Every name is indexed under a normalised key (case, punctuation, "&" and common abbreviations
 * folded) at one of three levels, and a lookup takes the best level that matches:
 *   0. a place's full name ("brixton station", "kings cross st pancras");
 *   1. a borough ("lambeth", "tower hamlets"), so "Islington" is the borough, not the station;
 *   2. a short form: any run of words from a place name ("brixton", "kings cross", "circus").
 * A key shared by several places at its best level ("circus", "croydon station") is ambiguous.
 */
export interface GazetteerPlace {
  name: string;
  borough: string;
  latitude: number;
  longitude: number;
  kind?: string;
}

/** A camera as the metadata describes it, plus the place it watches when known. */
export type GazetteerCamera = Pick<
  RecordingMetadata,
  'cameraId' | 'cameraName' | 'borough' | 'latitude' | 'longitude' | 'owner' | 'ownerType'
> & { nearPlace?: string } & CameraContact;

/**
 * Who to ask for a camera's footage: the organisation that runs it and how to reach them. Absent
 * for cameras the registry has no contact for; `footageFlowsToBox` marks cameras whose recordings
 * already reach Box by themselves (nobody needs to be asked).
 */
export interface CameraContact {
  ownerOrganisation?: string;
  contactEmail?: string;
  contactPhone?: string;
  footageFlowsToBox?: boolean;
}

export type GazetteerEntity = { kind: 'place'; place: GazetteerPlace } | { kind: 'borough'; borough: string };

/** Lower is better. */
export const MatchLevel = { FullName: 0, Borough: 1, ShortForm: 2 } as const;
export type MatchLevel = (typeof MatchLevel)[keyof typeof MatchLevel];

export interface GazetteerMatch {
  level: MatchLevel;
  /** More than one place: the key is ambiguous. */
  entities: GazetteerEntity[];
}

/** Words that never make a short form on their own ("st", "and"). */
const SHORT_FORM_STOPWORDS = new Set(['and', 'of', 'the', 'st', 'on', 'upon', 'at', 'in', 'by', 'le', 'la', 'de']);

/** Abbreviations folded on both sides, so "Leicester Sq" and "Brixton stn" find their places. */
const ABBREVIATIONS: Record<string, string> = {
  sq: 'square',
  stn: 'station',
  rd: 'road',
  jct: 'junction',
  jn: 'junction',
  ave: 'avenue',
};

/** The normalised form of a name or of typed text: "King's Cross St. Pancras" -> "kings cross st pancras". */
export function phraseKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2019]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0)
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

export const CAMERA_ID_PATTERN = /^[A-Z]{3}-\d{4}$/;

export class Gazetteer {
  readonly boroughs: readonly string[];
  /** The longest indexed name, in words: how far a scan for names needs to look ahead. */
  readonly longestNameWords: number;
  private readonly index = new Map<string, GazetteerMatch>();
  private readonly camerasById = new Map<string, GazetteerCamera>();

  constructor(
    readonly places: readonly GazetteerPlace[],
    readonly cameras: readonly GazetteerCamera[],
  ) {
    const boroughs = new Map<string, string>();
    for (const item of [...places, ...cameras]) {
      if (!boroughs.has(phraseKey(item.borough))) boroughs.set(phraseKey(item.borough), item.borough);
    }
    this.boroughs = [...boroughs.values()];
    for (const place of places) this.indexPlace(place);
    for (const [key, borough] of boroughs) this.add(key, MatchLevel.Borough, { kind: 'borough', borough });
    for (const camera of cameras) this.camerasById.set(camera.cameraId.toUpperCase(), camera);
    this.longestNameWords = Math.max(1, ...[...this.index.keys()].map((key) => key.split(' ').length));
  }

  camera(cameraId: string): GazetteerCamera | undefined {
    return this.camerasById.get(cameraId.toUpperCase());
  }

  /** Whether any known camera id starts with these three letters ("LAM"), so "lam-999" was meant as a camera. */
  hasCameraPrefix(letters: string): boolean {
    const prefix = `${letters.toUpperCase()}-`;
    return this.cameras.some((camera) => camera.cameraId.startsWith(prefix));
  }

  /** A place by its exact name (case and punctuation aside), e.g. the officer's pick from a card. */
  placeNamed(name: string): GazetteerPlace | undefined {
    const match = this.index.get(phraseKey(name));
    if (match?.level !== MatchLevel.FullName || match.entities.length !== 1) return undefined;
    const [entity] = match.entities;
    return entity.kind === 'place' ? entity.place : undefined;
  }

  /** The best-level match of an already-normalised key. */
  exact(key: string): GazetteerMatch | undefined {
    return this.index.get(key);
  }

  /**
   * The closest indexed name within the slips allowed for the key's length (see allowedEdits);
   * among equally close names the best level wins, and equally close places are ambiguous.
   */
  fuzzy(key: string): GazetteerMatch | undefined {
    const allowed = allowedEdits(key.length);
    if (allowed === 0) return undefined;
    let best: { distance: number; level: MatchLevel; entities: GazetteerEntity[] } | undefined;
    for (const [phrase, match] of this.index) {
      const distance = editDistance(key, phrase, allowed);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && match.level < best.level)) {
        best = { distance, level: match.level, entities: [...match.entities] };
      } else if (distance === best.distance && match.level === best.level) {
        for (const entity of match.entities) addEntity(best.entities, entity);
      }
    }
    return best && { level: best.level, entities: best.entities };
  }

  /**
   * Whether typed text shares a word with a known name (allowing a slip), e.g. "Camden Lock" or
   * "Oxford Street": then it was surely meant as a place, and is not silently ignored.
   */
  sharesNameWord(text: string): boolean {
    const words = phraseKey(text)
      .split(' ')
      .filter((word) => word.length >= 3 && !FILLER_WORDS.has(word) && !SHORT_FORM_STOPWORDS.has(word));
    return words.some((word) => {
      if (this.index.has(word)) return true;
      const allowed = allowedEdits(word.length);
      if (allowed === 0) return false;
      for (const key of this.index.keys()) {
        if (!key.includes(' ') && editDistance(word, key, allowed) <= allowed) return true;
      }
      return false;
    });
  }

  /** The names (places and boroughs) closest to typed text, best first. */
  suggestNames(text: string, count = MAX_SUGGESTIONS): string[] {
    const key = phraseKey(text).slice(0, 60);
    const scores = new Map<string, number>();
    // Only names that could still enter the top `count` are measured, and only as far as needed.
    let bar = MIN_SUGGESTION_SIMILARITY;
    for (const [phrase, match] of this.index) {
      // A word shared by several places ("station", "park") says nothing about which one was meant.
      if (match.entities.length > 1) continue;
      const longest = Math.max(key.length, phrase.length);
      if (longest === 0 || 1 - Math.abs(key.length - phrase.length) / longest <= bar) continue;
      const limit = Math.floor((1 - bar) * longest);
      const score = 1 - Math.min(editDistance(key, phrase, limit), longest) / longest;
      if (score <= bar) continue;
      for (const entity of match.entities) {
        const name = entity.kind === 'place' ? entity.place.name : entity.borough;
        scores.set(name, Math.max(scores.get(name) ?? 0, score));
      }
      if (scores.size >= count) bar = [...scores.values()].sort((a, b) => b - a)[count - 1];
    }
    return rank(scores, count);
  }

  /** The known camera ids closest to a typed one. */
  suggestCameras(cameraId: string, count = MAX_SUGGESTIONS): string[] {
    const wanted = cameraId.toUpperCase();
    const scores = new Map([...this.camerasById.keys()].map((id) => [id, similarity(wanted, id)] as const));
    return rank(new Map([...scores].filter(([, score]) => score >= MIN_SUGGESTION_SIMILARITY)), count);
  }

  private indexPlace(place: GazetteerPlace): void {
    const entity: GazetteerEntity = { kind: 'place', place };
    const key = phraseKey(place.name);
    const variants = new Set([
      key,
      key.replace(/\bstreet\b/g, 'st'),
      key
        .replace(/\band\b/g, '')
        .replace(/ +/g, ' ')
        .trim(),
    ]);
    for (const variant of variants) {
      this.add(variant, MatchLevel.FullName, entity);
      const words = variant.split(' ');
      for (let from = 0; from < words.length; from += 1) {
        for (let to = from + 1; to <= words.length; to += 1) {
          const run = words.slice(from, to);
          if (run.length === words.length || !isShortForm(run)) continue;
          this.add(run.join(' '), MatchLevel.ShortForm, entity);
        }
      }
    }
  }

  private add(key: string, level: MatchLevel, entity: GazetteerEntity): void {
    if (!key) return;
    const existing = this.index.get(key);
    if (!existing || level < existing.level) {
      this.index.set(key, { level, entities: [entity] });
    } else if (level === existing.level) {
      addEntity(existing.entities, entity);
    }
  }
}

function isShortForm(words: string[]): boolean {
  if (words.every((word) => SHORT_FORM_STOPWORDS.has(word) || FILLER_WORDS.has(word))) return false;
  return !(words.length === 1 && words[0].length < 3);
}

function addEntity(entities: GazetteerEntity[], entity: GazetteerEntity): void {
  const same = (a: GazetteerEntity) =>
    a.kind === entity.kind &&
    (a.kind === 'place'
      ? a.place === (entity as { place: GazetteerPlace }).place
      : a.borough === (entity as { borough: string }).borough);
  if (!entities.some(same)) entities.push(entity);
}

function rank(scores: Map<string, number>, count: number): string[] {
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([name]) => name);
}

/**
 * A gazetteer from parsed JSON arrays (places.json and cameras.json shapes), checked field by field
 * so that a deployment's bad data stops the process with the item and field named.
 */
export function loadGazetteer(places: unknown, cameras: unknown): Gazetteer {
  if (!Array.isArray(places)) throw new ConfigError('places', 'an array of { name, borough, latitude, longitude }');
  if (!Array.isArray(cameras)) throw new ConfigError('cameras', 'an array of camera records');
  const checkedPlaces = places.map((item: unknown, i): GazetteerPlace => {
    const where = `places[${i}]`;
    const record = asRecord(item, where);
    const place: GazetteerPlace = {
      name: text(record, 'name', where),
      borough: text(record, 'borough', where),
      latitude: coordinate(record, 'latitude', 90, where),
      longitude: coordinate(record, 'longitude', 180, where),
    };
    if (typeof record.kind === 'string') place.kind = record.kind;
    return place;
  });
  const checkedCameras = cameras.map((item: unknown, i): GazetteerCamera => {
    const where = `cameras[${i}]`;
    const record = asRecord(item, where);
    const cameraId = text(record, 'cameraId', where).toUpperCase();
    if (!CAMERA_ID_PATTERN.test(cameraId))
      throw new ConfigError(`${where}.cameraId`, 'three letters, a hyphen and four digits, like LAM-0105');
    const ownerType = text(record, 'ownerType', where);
    if (!['local_authority', 'transport', 'business'].includes(ownerType)) {
      throw new ConfigError(`${where}.ownerType`, 'one of local_authority, transport, business');
    }
    const camera: GazetteerCamera = {
      cameraId,
      cameraName: text(record, 'cameraName', where),
      borough: text(record, 'borough', where),
      latitude: coordinate(record, 'latitude', 90, where),
      longitude: coordinate(record, 'longitude', 180, where),
      owner: text(record, 'owner', where),
      ownerType: ownerType as OwnerType,
    };
    if (typeof record.nearPlace === 'string') camera.nearPlace = record.nearPlace;
    return { ...camera, ...cameraContact(record, where) };
  });
  return new Gazetteer(checkedPlaces, checkedCameras);
}

function cameraContact(record: Record<string, unknown>, where: string): CameraContact {
  const contact: CameraContact = {};
  for (const field of ['ownerOrganisation', 'contactEmail', 'contactPhone'] as const) {
    if (record[field] === undefined) continue;
    contact[field] = text(record, field, where);
  }
  if (contact.contactEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.test(contact.contactEmail)) {
    throw new ConfigError(`${where}.contactEmail`, 'an email address');
  }
  if (record.footageFlowsToBox !== undefined) {
    if (typeof record.footageFlowsToBox !== 'boolean')
      throw new ConfigError(`${where}.footageFlowsToBox`, 'true or false');
    contact.footageFlowsToBox = record.footageFlowsToBox;
  }
  return contact;
}

function asRecord(item: unknown, where: string): Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ConfigError(where, 'an object');
  return item as Record<string, unknown>;
}

function text(record: Record<string, unknown>, field: string, where: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ConfigError(`${where}.${field}`, 'a non-empty string');
  return value;
}

function coordinate(record: Record<string, unknown>, field: string, limit: number, where: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new ConfigError(`${where}.${field}`, `a number of degrees between -${limit} and ${limit}`);
  }
  return value;
}
