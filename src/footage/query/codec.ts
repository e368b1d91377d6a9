import type { OwnerType, RecordingStatus } from '../recording';
import { CAMERA_ID_PATTERN } from './gazetteer';
import { MAX_RADIUS_METRES } from './limits';
import type { FootageQuery, PlaceQuery } from './types';

/**
 * A query as plain JSON, for card action data ("Next page" keeps the query as understood, rather
 * than re-reading the text against a later "now"). Decoding trusts nothing: action data comes back
 * from the client, so every field is checked and anything malformed gives undefined.
 */
export type EncodedFootageQuery = Omit<FootageQuery, 'window'> & { window?: { start: string; end: string } };

const OWNER_TYPES: readonly string[] = ['local_authority', 'transport', 'business'];
const STATUSES: readonly string[] = ['received', 'reviewed', 'evidential', 'not_relevant'];
const CASE_REFERENCE = /^\d{7}\/\d{2}$/;

export function encodeQuery(query: FootageQuery): EncodedFootageQuery {
  const { window, ...rest } = query;
  const encoded: EncodedFootageQuery = JSON.parse(JSON.stringify(rest)) as EncodedFootageQuery;
  if (window) encoded.window = { start: window.start.toISOString(), end: window.end.toISOString() };
  return encoded;
}

export function decodeQuery(value: unknown): FootageQuery | undefined {
  if (!isRecord(value)) return undefined;
  const query: FootageQuery = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    switch (key) {
      case 'window': {
        const window = decodeWindow(field);
        if (!window) return undefined;
        query.window = window;
        break;
      }
      case 'place': {
        const place = decodePlace(field);
        if (!place) return undefined;
        query.place = place;
        break;
      }
      case 'cameraIds':
        if (!isStringArray(field, (s) => CAMERA_ID_PATTERN.test(s))) return undefined;
        query.cameraIds = [...field];
        break;
      case 'boroughs':
        if (!isStringArray(field, (s) => s.length > 0 && s.length <= 100)) return undefined;
        query.boroughs = [...field];
        break;
      case 'ownerTypes':
        if (!isStringArray(field, (s) => OWNER_TYPES.includes(s))) return undefined;
        query.ownerTypes = field as OwnerType[];
        break;
      case 'statuses':
        if (!isStringArray(field, (s) => STATUSES.includes(s))) return undefined;
        query.statuses = field as RecordingStatus[];
        break;
      case 'caseReference':
        if (typeof field !== 'string' || !CASE_REFERENCE.test(field)) return undefined;
        query.caseReference = field;
        break;
      case 'ignored':
        if (!isStringArray(field, (s) => s.length <= 500)) return undefined;
        query.ignored = [...field];
        break;
      default:
        return undefined;
    }
  }
  return query;
}

function decodeWindow(value: unknown): { start: Date; end: Date } | undefined {
  if (!isRecord(value) || typeof value.start !== 'string' || typeof value.end !== 'string') return undefined;
  const start = new Date(value.start);
  const end = new Date(value.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) return undefined;
  return { start, end };
}

function decodePlace(value: unknown): PlaceQuery | undefined {
  if (!isRecord(value)) return undefined;
  const { name, borough, latitude, longitude, radiusMetres } = value;
  if (typeof name !== 'string' || typeof borough !== 'string') return undefined;
  if (
    !isNumberIn(latitude, -90, 90) ||
    !isNumberIn(longitude, -180, 180) ||
    !isNumberIn(radiusMetres, 1, MAX_RADIUS_METRES)
  ) {
    return undefined;
  }
  return { name, borough, latitude, longitude, radiusMetres };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown, valid: (item: string) => boolean): value is string[] {
  return Array.isArray(value) && value.length <= 100 && value.every((item) => typeof item === 'string' && valid(item));
}

function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
