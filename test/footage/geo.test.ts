import {
  boundingBox,
  destinationPoint,
  EARTH_RADIUS_METRES,
  haversineMetres,
  inBoundingBox,
} from '../../src/footage/geo';
import { demoJson, demoPlace } from './demo-data';

describe('haversineMetres', () => {
  // Expected values computed independently (Vincenty's formula on the same 6,371,008.8 m sphere).
  it.each([
    ['Brixton Station', 'Oxford Circus', 6138.26],
    ['Brixton Station', 'Stockwell Station', 1219.09],
    ['Victoria Station', 'Oxford Circus', 2229.11],
    ['Oxford Circus', 'Piccadilly Circus', 787.7],
    ['Leicester Square', 'Trafalgar Square', 366.94],
    ['East Croydon Station', 'Archway Station', 21321.11],
  ])('%s to %s is %d m (±1 m)', (from, to, metres) => {
    expect(Math.abs(haversineMetres(demoPlace(from), demoPlace(to)) - metres)).toBeLessThan(1);
  });

  it('measures a demo camera from its place', () => {
    const cameras = demoJson<Array<{ cameraId: string; latitude: number; longitude: number }>>('cameras.json');
    const lam0105 = cameras.find((c) => c.cameraId === 'LAM-0105')!;
    expect(Math.abs(haversineMetres(demoPlace('Brixton Station'), lam0105) - 236.57)).toBeLessThan(1);
  });

  it('gives one degree of latitude as R·π/180 and is symmetric and zero at a point', () => {
    const a = { latitude: 51, longitude: -0.1 };
    const b = { latitude: 52, longitude: -0.1 };
    expect(haversineMetres(a, b)).toBeCloseTo((EARTH_RADIUS_METRES * Math.PI) / 180, 3);
    expect(haversineMetres(b, a)).toBe(haversineMetres(a, b));
    expect(haversineMetres(a, a)).toBe(0);
  });

  it('handles antipodes without NaN', () => {
    const d = haversineMetres({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    expect(d).toBeCloseTo(Math.PI * EARTH_RADIUS_METRES, 0);
  });
});

describe('boundingBox', () => {
  const brixton = demoPlace('Brixton Station');

  it.each([50, 300, 500, 1500, 10_000])('contains every point of a %d m circle, and is tight', (radius) => {
    const box = boundingBox(brixton, radius);
    for (let bearing = 0; bearing < 360; bearing += 5) {
      const edge = destinationPoint(brixton, bearing, radius);
      expect(Math.abs(haversineMetres(brixton, edge) - radius)).toBeLessThan(1e-6);
      expect(inBoundingBox(edge, box)).toBe(true);
    }
    // Tight: the north/south edges are where the circle touches them, and points just beyond the
    // east/west edges on the widest parallel are outside the circle.
    const north = destinationPoint(brixton, 0, radius);
    expect(box.maxLatitude - north.latitude).toBeLessThan(1e-6);
    const widestLatitude =
      (Math.asin(Math.sin((brixton.latitude * Math.PI) / 180) / Math.cos(radius / EARTH_RADIUS_METRES)) * 180) /
      Math.PI;
    const justEast = { latitude: widestLatitude, longitude: box.maxLongitude + 1e-6 };
    expect(haversineMetres(brixton, justEast)).toBeGreaterThan(radius);
    const onEastEdge = { latitude: widestLatitude, longitude: box.maxLongitude - 2e-7 };
    expect(haversineMetres(brixton, onEastEdge)).toBeLessThan(radius + 0.05);
  });

  it('is wider in longitude than the naive δ/cos φ near the poles', () => {
    const centre = { latitude: 80, longitude: 10 };
    const radius = 200_000;
    const box = boundingBox(centre, radius);
    const naive = ((radius / EARTH_RADIUS_METRES) * 180) / Math.PI / Math.cos((80 * Math.PI) / 180);
    expect(box.maxLongitude - centre.longitude).toBeGreaterThan(naive);
  });

  it('spans all longitudes when the circle reaches a pole or crosses 180°', () => {
    expect(boundingBox({ latitude: 89.999, longitude: 0 }, 1000)).toMatchObject({
      minLongitude: -180,
      maxLongitude: 180,
      maxLatitude: 90,
    });
    expect(boundingBox({ latitude: 0, longitude: 179.999 }, 1000)).toMatchObject({
      minLongitude: -180,
      maxLongitude: 180,
    });
  });

  it('refuses a negative or non-finite radius', () => {
    expect(() => boundingBox(brixton, -1)).toThrow(RangeError);
    expect(() => boundingBox(brixton, Number.NaN)).toThrow(RangeError);
    expect(() => boundingBox(brixton, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
