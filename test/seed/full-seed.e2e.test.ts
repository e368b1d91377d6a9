/**
 * The whole demo set, as `npm start` seeds it on first start. How long it takes belongs to
 * `npm run bench seed` (a timed assertion here failed on a loaded machine without anything being
 * wrong); this suite checks what makes it quick: a fixed number of Box calls, one upload and one
 * metadata write per recording and the rest per folder or person, never per recording.
 * Spec validation is off here for speed; seed.e2e.test.ts validates the same calls on a subset.
 */
import path from 'node:path';
import { loadDemoData, seedDemoData } from '../../src/seed';
import { startHarness, type EmulatorHarness } from '../box/emulator-support';

describe('seeding the full demo data set', () => {
  let harness: EmulatorHarness;

  beforeAll(async () => {
    harness = await startHarness({ validateAgainstSpec: false, requestLogSize: 10_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('seeds 1,319 recordings with one upload and one metadata write each, then finds them all', async () => {
    const demo = loadDemoData(path.resolve(__dirname, '../../demo'));
    const report = await seedDemoData(harness.box, demo, { concurrency: 8 });
    expect(report.files.created).toBe(1319);
    expect(report.metadata.created).toBe(1319);

    const calls = (await harness.requests()).filter((r) => !r.path.startsWith('/_emulator'));
    const count = (method: string, pattern: RegExp): number =>
      calls.filter((c) => c.method === method && pattern.test(c.path)).length;
    const folders =
      1 + new Set(demo.footage.map((r) => r.borough)).size + new Set(demo.footage.map((r) => r.cameraId)).size;
    const people = demo.roster.length;
    expect(count('POST', /\/2\.0\/files\/content$/)).toBe(1319);
    expect(count('POST', /\/2\.0\/files\/\d+\/metadata\/enterprise\/cctvFootage$/)).toBe(1319);
    expect(count('POST', /^\/2\.0\/folders$/)).toBe(folders);
    expect(
      calls.filter((c) => c.status >= 400 && !c.path.endsWith('/metadata_templates/enterprise/cctvFootage/schema')),
    ).toEqual([]);
    // Reading before writing: at most two listings per folder (one to look, one after a create) and
    // two calls per person (look up, create); a handful more for the token, template and query.
    expect(calls.length - 2 * 1319 - folders).toBeLessThanOrEqual(2 * (folders + 1) + 2 * people + 6);

    let found = 0;
    let marker: string | undefined;
    do {
      const page = await harness.box.searchRecordings({ limit: 100, ...(marker ? { marker } : {}) });
      found += page.recordings.length;
      marker = page.nextMarker;
    } while (marker);
    expect(found).toBe(1319);
  }, 120_000);
});
