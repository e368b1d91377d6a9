import path from 'node:path';
import { loadDemoData } from '../../src/seed/demo-data';
import { storedFileNames } from '../../src/seed/file-names';
import { mapWithConcurrency } from '../../src/seed/pool';

describe('storedFileNames', () => {
  it('keeps names, and gives a later recording with a taken name its footage id', () => {
    const names = storedFileNames([
      { footageId: 'F1', fileName: 'CAM-1_a.mp4', cameraId: 'CAM-1' },
      { footageId: 'F2', fileName: 'cam-1_A.mp4', cameraId: 'CAM-1' },
      { footageId: 'F3', fileName: 'CAM-1_a.mp4', cameraId: 'CAM-2' },
    ]);
    expect(names.get('F1')).toBe('CAM-1_a.mp4');
    expect(names.get('F2')).toBe('cam-1_A_F2.mp4');
    expect(names.get('F3')).toBe('CAM-1_a.mp4');
  });

  it('gives every demo recording its own name in its folder', () => {
    const demo = loadDemoData(path.resolve(__dirname, '../../demo'));
    const names = storedFileNames(demo.footage);
    const perFolder = new Set(demo.footage.map((r) => `${r.cameraId}/${names.get(r.footageId)?.toLowerCase()}`));
    expect(perFolder.size).toBe(demo.footage.length);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n * 2));
      inFlight -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('starts nothing after a failure and reports it once the started work settles', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3, 4, 5], 2, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        await new Promise((resolve) => setTimeout(resolve, 5));
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
