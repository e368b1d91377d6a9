import path from 'node:path';
import type { BoxPort } from '../../src/footage/ports/box';
import type { Recording } from '../../src/footage/recording';
import { loadDemoData, seedDemoData, type DemoData } from '../../src/seed';
import { isWrite, startHarness, type EmulatorHarness } from '../box/emulator-support';

const full = loadDemoData(path.resolve(__dirname, '../../demo'));

/** 30 recordings across boroughs, including the two that share a file name. */
function subset(): DemoData {
  const twins = new Set(['F01174', 'F01187']);
  const picked = full.footage.filter((r, index) => twins.has(r.footageId) || index % 47 === 0).slice(0, 30);
  const cameraIds = new Set(picked.map((r) => r.cameraId));
  return { ...full, footage: picked, cameras: full.cameras.filter((c) => cameraIds.has(c.cameraId)) };
}

async function allRecordings(box: BoxPort): Promise<Recording[]> {
  const found: Recording[] = [];
  let marker: string | undefined;
  do {
    const page = await box.searchRecordings({ limit: 100, ...(marker ? { marker } : {}) });
    found.push(...page.recordings);
    marker = page.nextMarker;
  } while (marker);
  return found;
}

describe('seeding the demo data into the emulator', () => {
  let harness: EmulatorHarness;
  const demo = subset();

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('picks a subset with the duplicate file name in it', () => {
    expect(demo.footage).toHaveLength(30);
    expect(demo.footage.filter((r) => r.fileName === 'ISL-0170_20260301T0815Z_30min.mp4')).toHaveLength(2);
  });

  it('creates the tree, files, metadata and users', async () => {
    const boroughs = new Set(demo.footage.map((r) => r.borough));
    const cameras = new Set(demo.footage.map((r) => r.cameraId));
    const report = await seedDemoData(harness.box, demo, { concurrency: 8 });
    expect(report).toMatchObject({
      template: 'created',
      users: { created: demo.roster.length, existing: 0 },
      folders: { created: 1 + boroughs.size + cameras.size, existing: 0 },
      files: { created: 30, existing: 0 },
      metadata: { created: 30, updated: 0, unchanged: 0 },
      recordings: 30,
      renamed: [{ footageId: 'F01187', fileName: 'ISL-0170_20260301T0815Z_30min_F01187.mp4' }],
    });

    const stored = await allRecordings(harness.box);
    expect(stored.map((r) => r.footageId).sort()).toEqual(demo.footage.map((r) => r.footageId).sort());
    for (const recording of stored) {
      const source = demo.footage.find((r) => r.footageId === recording.footageId);
      expect(recording).toMatchObject({
        cameraId: source?.cameraId,
        borough: source?.borough,
        status: source?.status,
        caseReference: source?.caseReference,
      });
      expect(recording.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const twin = stored.find((r) => r.footageId === 'F01187');
    expect(twin?.fileName).toBe('ISL-0170_20260301T0815Z_30min_F01187.mp4');
    const file = await harness.box.getFile(twin?.fileId ?? '');
    const cameraFolder = await harness.box.ensureFolderPath(['CCTV', 'Islington', 'ISL-0170']);
    expect(file.parentFolderId).toBe(cameraFolder);
    for (const person of demo.roster) expect(await harness.box.findUserByLogin(person.email)).not.toBeNull();
  });

  it('creates nothing on a second run', async () => {
    const since = Date.now();
    const report = await seedDemoData(harness.box, demo, { concurrency: 8 });
    expect(report).toMatchObject({
      template: 'existing',
      users: { created: 0 },
      folders: { created: 0 },
      files: { created: 0, existing: 30 },
      metadata: { created: 0, updated: 0, unchanged: 30 },
    });
    const writes = (await harness.requests()).filter((r) => r.startedAt >= since && isWrite(r));
    expect(writes).toEqual([]);
  });

  it('updates only the recording whose data changed', async () => {
    const changed: DemoData = {
      ...demo,
      footage: demo.footage.map((r, i) =>
        i === 3 ? { ...r, status: 'evidential' as const, caseReference: '5299999/26' } : r,
      ),
    };
    const since = Date.now();
    const report = await seedDemoData(harness.box, changed);
    expect(report.metadata).toEqual({ created: 0, updated: 1, unchanged: 29 });
    const writes = (await harness.requests()).filter((r) => r.startedAt >= since && isWrite(r));
    expect(writes).toHaveLength(1);
    expect(writes[0].method).toBe('PUT');
    const stored = (await allRecordings(harness.box)).find((r) => r.footageId === changed.footage[3].footageId);
    expect(stored).toMatchObject({ status: 'evidential', caseReference: '5299999/26' });
  });

  it('leaves the emulator with no spec violations', () => {
    expect(harness.emulator.violations()).toEqual([]);
  });
});
