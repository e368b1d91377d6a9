import type { FootageQuery } from './query/types';

/**
 * When a search finds nothing, the officer is told what would find something: a wider radius for
 * a place search, a longer window for a timed search. Each suggestion is a variant of the query,
 * counted by the caller with the same search, so the numbers are what the officer would really get.
 */
export interface Widening {
  /** e.g. "within 1 km of Brixton Station", "over the whole day". */
  description: string;
  query: FootageQuery;
}

const HOUR = 3_600_000;

export function wideningsOf(query: FootageQuery): Widening[] {
  const widenings: Widening[] = [];
  if (query.place) {
    const radius = query.place.radiusMetres < 1000 ? 1000 : Math.min(query.place.radiusMetres * 2, 5000);
    if (radius > query.place.radiusMetres) {
      widenings.push({
        description: `within ${radius >= 1000 ? `${radius / 1000} km` : `${radius} m`} of ${query.place.name}`,
        query: { ...query, place: { ...query.place, radiusMetres: radius } },
      });
    }
  }
  if (query.window) {
    const length = query.window.end.getTime() - query.window.start.getTime();
    const pad = Math.max(12 * HOUR, length);
    widenings.push({
      description: `${formatHours(pad)} either side of the times you gave`,
      query: {
        ...query,
        window: {
          start: new Date(query.window.start.getTime() - pad),
          end: new Date(query.window.end.getTime() + pad),
        },
      },
    });
    widenings.push({ description: 'at any time', query: { ...query, window: undefined } });
  }
  return widenings;
}

function formatHours(ms: number): string {
  const hours = Math.round(ms / HOUR);
  return hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? '' : 's'}` : `${hours} hours`;
}
