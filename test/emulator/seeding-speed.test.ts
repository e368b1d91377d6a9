/**
 * Seeding the demo set (about 1,300 recordings, each a file plus a metadata instance) must take well
 * under a minute. The emulator's share of that is what this checks: for a tenth of the set, sent
 * through the SDK as the seeder sends it, the time the emulator spends answering (from its request
 * log) must stay under 3 s, i.e. under 30 s for the whole set. Typically it is under 1 s; the rest
 * of a seed's wall-clock time is the client's (about 12 s for the whole set end to end here).
 */
import { Readable, sdkClient, startTestEmulator } from './support';

it('uploads a tenth of the demo set with metadata fast enough for the whole set to seed in under a minute', async () => {
  const { emulator, stop } = await startTestEmulator();
  try {
    const box = sdkClient(emulator);
    await box.metadataTemplates.createMetadataTemplate({
      scope: 'enterprise',
      templateKey: 'cctvFootage',
      displayName: 'CCTV Footage',
      fields: [
        { type: 'string', key: 'cameraId', displayName: 'Camera id' },
        { type: 'date', key: 'recordedFrom', displayName: 'Recorded from' },
        { type: 'float', key: 'latitude', displayName: 'Latitude' },
      ],
    });
    const root = (await box.folders.createFolder({ name: 'CCTV', parent: { id: '0' } })).id;
    const clip = Buffer.alloc(24 * 1024, 7); // the size of the demo clips
    let folder = root;
    for (let i = 0; i < 130; i++) {
      if (i % 20 === 0) folder = (await box.folders.createFolder({ name: `CAM-${i}`, parent: { id: root } })).id;
      const file = await box.uploads.uploadFile({ attributes: { name: `clip-${i}.mp4`, parent: { id: folder } }, file: Readable.from([clip]) });
      await box.fileMetadata.createFileMetadataById(file.entries![0].id, 'enterprise', 'cctvFootage', { cameraId: `CAM-${i % 10}`, recordedFrom: '2026-03-11T02:00:00Z', latitude: 51.46 });
    }
    const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as { entries: Array<{ durationMs: number; status: number }> };
    expect(log.entries.filter((e) => e.status < 300)).toHaveLength(1 + 1 + 1 + 7 + 130 * 2);
    const serverMs = log.entries.reduce((sum, e) => sum + e.durationMs, 0);
    expect(serverMs).toBeLessThan(3_000);
    const found = await box.search.searchByMetadataQuery({ from: 'enterprise_1.cctvFootage', query: 'cameraId = :c', queryParams: { c: 'CAM-0' }, ancestorFolderId: root });
    expect(found.entries).toHaveLength(13);
  } finally {
    await stop();
  }
});
