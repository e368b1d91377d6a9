import path from 'node:path';
import { loadDemoData, seedDemoData } from '../../src/seed';
import { startHarness, type EmulatorHarness } from '../box/emulator-support';

// The whole demo set, as `npm start` seeds it on first start: must be quick against the emulator.
// Spec validation is off here for speed; seed.e2e.test.ts validates the same calls on a subset.
describe('seeding the full demo data set', () => {
  let harness: EmulatorHarness;

  beforeAll(async () => {
    harness = await startHarness({ validateAgainstSpec: false });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('seeds 1,319 recordings in well under a minute, then finds them all', async () => {
    const demo = loadDemoData(path.resolve(__dirname, '../../demo'));
    const report = await seedDemoData(harness.box, demo, { concurrency: 8 });
    expect(report.files.created).toBe(1319);
    expect(report.metadata.created).toBe(1319);
    expect(report.durationMs).toBeLessThan(60_000);
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
