/**
 * Great-circle geometry for "near <place>" searches.
 *
 * The Earth is treated as a sphere of the IUGG mean radius (6,371,008.8 m). Over the few hundred
 * metres a footage search spans, the difference from the WGS84 ellipsoid is well under 0.5%, far
 * less than the uncertainty of a camera's position, and a sphere keeps the maths exact and simple.
 */

/** IUGG mean Earth radius R1 in metres. */
export const EARTH_RADIUS_METRES = 6_371_008.8;

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Inclusive latitude/longitude box in degrees (the shape a Box metadata query can filter on). */
export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

/** Great-circle distance in metres (haversine, numerically stable for short distances). */
export function haversineMetres(a: LatLon, b: LatLon): number {
  const phi1 = toRadians(a.latitude);
  const phi2 = toRadians(b.latitude);
  const dPhi = phi2 - phi1;
  const dLambda = toRadians(b.longitude - a.longitude);
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  // min() guards against h creeping past 1 through rounding for antipodal points.
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Widening added to every side of a bounding box, in degrees (about 1 cm). A point exactly on the
 * circle must never fall outside the box because of floating-point rounding; the exact distance
 * filter that follows removes anything the margin lets in.
 */
export const BOUNDING_BOX_MARGIN_DEGREES = 1e-7;

/**
 * The smallest latitude/longitude box that contains every point within `radiusMetres` (great-circle)
 * of `centre`. The longitude half-width is asin(sin δ / cos φ), not δ / cos φ: the circle's widest
 * point is poleward of the centre's parallel, and the naive formula would cut it off.
 * If the circle reaches a pole or crosses the ±180° meridian the box spans all longitudes (a single
 * min/max range cannot express a wrapped box; irrelevant for London, but never wrong).
 */
export function boundingBox(centre: LatLon, radiusMetres: number): BoundingBox {
  if (!(radiusMetres >= 0) || !Number.isFinite(radiusMetres)) {
    throw new RangeError(`radius must be a finite, non-negative number of metres, not ${radiusMetres}`);
  }
  const delta = radiusMetres / EARTH_RADIUS_METRES;
  const phi = toRadians(centre.latitude);
  const margin = BOUNDING_BOX_MARGIN_DEGREES;
  const minLatitude = Math.max(-90, toDegrees(phi - delta) - margin);
  const maxLatitude = Math.min(90, toDegrees(phi + delta) + margin);
  const reachesPole = phi + delta >= Math.PI / 2 || phi - delta <= -Math.PI / 2;
  if (reachesPole) {
    return { minLatitude, maxLatitude, minLongitude: -180, maxLongitude: 180 };
  }
  const halfWidth = toDegrees(Math.asin(Math.min(1, Math.sin(delta) / Math.cos(phi))));
  const minLongitude = centre.longitude - halfWidth - margin;
  const maxLongitude = centre.longitude + halfWidth + margin;
  if (minLongitude < -180 || maxLongitude > 180) {
    return { minLatitude, maxLatitude, minLongitude: -180, maxLongitude: 180 };
  }
  return { minLatitude, maxLatitude, minLongitude, maxLongitude };
}

/** True when `point` lies in `box` (edges included). */
export function inBoundingBox(point: LatLon, box: BoundingBox): boolean {
  return (
    point.latitude >= box.minLatitude &&
    point.latitude <= box.maxLatitude &&
    point.longitude >= box.minLongitude &&
    point.longitude <= box.maxLongitude
  );
}

/**
 * The point reached by travelling `distanceMetres` from `start` on initial bearing `bearingDegrees`
 * (clockwise from north) along a great circle. Used to reason about radii (and in tests to walk the
 * edge of a search circle).
 */
export function destinationPoint(start: LatLon, bearingDegrees: number, distanceMetres: number): LatLon {
  const delta = distanceMetres / EARTH_RADIUS_METRES;
  const theta = toRadians(bearingDegrees);
  const phi1 = toRadians(start.latitude);
  const lambda1 = toRadians(start.longitude);
  const phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
  const lambda2 =
    lambda1 +
    Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
  return { latitude: toDegrees(phi2), longitude: ((toDegrees(lambda2) + 540) % 360) - 180 };
}
