/**
 * The benchmark's data set: the demo data spread back in time to any size, deterministically, with
 * ids and stored file names of its own, so a seeded Box can be reused from one run to the next.
 */
import path from 'node:path';
import { loadDemoData, scaleDemoData, storedFileNames } from '../../src/seed';

const demo = loadDemoData(path.join(__dirname, '..', '..', 'demo'));

describe('scaleDemoData', () => {
  const scaled = scaleDemoData(demo, 100_000);

  test('makes exactly the number asked for, the demo set first, every footage id distinct', () => {
    expect(scaled.footage).toHaveLength(100_000);
    expect(scaled.footage.slice(0, demo.footage.length)).toEqual(demo.footage);
    expect(new Set(scaled.footage.map((r) => r.footageId)).size).toBe(100_000);
  });

  test('spreads the recordings over several years, each copy a month earlier, durations and places kept', () => {
    const years = new Set(scaled.footage.map((r) => r.recordedFrom.slice(0, 4)));
    expect([...years].sort()).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    const copy = scaled.footage[demo.footage.length];
    const original = demo.footage[0];
    expect(Date.parse(original.recordedFrom) - Date.parse(copy.recordedFrom)).toBe(31 * 24 * 3_600_000);
    expect(Date.parse(copy.recordedTo) - Date.parse(copy.recordedFrom)).toBe(
      Date.parse(original.recordedTo) - Date.parse(original.recordedFrom),
    );
    expect(copy).toMatchObject({
      cameraId: original.cameraId,
      latitude: original.latitude,
      longitude: original.longitude,
      clip: original.clip,
      caseReference: null,
    });
    expect(copy.fileName).toBe(
      `${original.cameraId}_${copy.recordedFrom.replace(/[-:]/g, '').slice(0, 13)}Z_${original.durationMinutes}min.mp4`,
    );
  });

  test('is deterministic, and every recording gets a file name of its own in its camera folder', () => {
    expect(scaleDemoData(demo, 5000)).toEqual({ ...scaled, footage: scaled.footage.slice(0, 5000) });
    const names = storedFileNames(scaled.footage);
    const perFolder = new Set(scaled.footage.map((r) => `${r.cameraId}/${names.get(r.footageId)!.toLowerCase()}`));
    expect(perFolder.size).toBe(100_000);
  });

  test('refuses a count that is not a positive whole number', () => {
    expect(() => scaleDemoData(demo, 0)).toThrow(RangeError);
    expect(() => scaleDemoData(demo, 1.5)).toThrow(RangeError);
  });
});
