import type { OwnerType, RecordingStatus } from '../recording';
import type { Gazetteer, GazetteerPlace } from './gazetteer';

/** The centre and radius of a "near <place>" search. */
export interface PlaceQuery {
  /** The gazetteer name ("Brixton Station"), or "camera LAM-0105" for a search around a camera. */
  name: string;
  borough: string;
  latitude: number;
  longitude: number;
  radiusMetres: number;
}

/**
 * A footage search as understood from plain English. Every field narrows the search (AND); a field
 * that is absent does not constrain it. No window means all dates, newest first.
 */
export interface FootageQuery {
  /** UTC instants; a recording matches when recordedFrom < end and recordedTo > start. */
  window?: { start: Date; end: Date };
  place?: PlaceQuery;
  cameraIds?: string[];
  /** Any of these boroughs. */
  boroughs?: string[];
  /** Any of these owner types. */
  ownerTypes?: OwnerType[];
  caseReference?: string;
  /** Any of these statuses. */
  statuses?: RecordingStatus[];
  /** Words that were neither a place, a filter nor a time; echoed so the officer sees them. */
  ignored?: string[];
}

export type Understanding =
  | { kind: 'query'; query: FootageQuery }
  /** The place named could be any of `candidates`: offer a choice, then call again with `chosenPlace`. */
  | { kind: 'ambiguous_place'; text: string; candidates: GazetteerPlace[]; message: string }
  /** Nothing in the gazetteer matches `text` (a place, or a camera id when subject is 'camera'). */
  | { kind: 'unknown_place'; subject: 'place' | 'camera'; text: string; suggestions: string[]; message: string }
  /** The request cannot be searched as typed; `reason` is a sentence to show the officer. */
  | { kind: 'invalid'; reason: string };

export interface UnderstandingContext {
  /** The current instant; every relative time ("yesterday", "last 3 hours") is read against it. */
  now: Date;
  gazetteer: Gazetteer;
  /** The officer's pick from an ambiguous_place card: resolves that ambiguity to this place name. */
  chosenPlace?: string;
}
