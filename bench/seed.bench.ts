/**
 * Seed: the whole demo data set seeded into a fresh emulator through the Box gateway, as `npm start`
 * does on first start: wall time, Box calls, calls per second, and the emulator's share (the time it
 * spent answering, from its request log). The test suite checks the number of calls; the times
 * live here, where a loaded machine cannot make a test fail.
 *
 * Goal: under 60 s on a developer machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBoxGateway } from '../src/box';
import { startBoxEmulator } from '../src/emulator';
import { loadDemoData, seedDemoData } from '../src/seed';
import { PROJECT_ROOT } from './support/paths';
import type { BenchContext, BenchSection } from './support/section';

export default async function seedBench(context: BenchContext): Promise<BenchSection> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'seed-bench-'));
  const emulator = await startBoxEmulator({ dataDir, port: 0, requestLogSize: 10_000 });
  try {
    const box = createBoxGateway({
      auth: { kind: 'ccg', clientId: 'emulator-client', clientSecret: 'emulator-secret', enterpriseId: '1' },
      baseUrls: emulator.baseUrls,
    });
    const demo = loadDemoData(path.join(PROJECT_ROOT, 'demo'));
    context.log(`seeding ${demo.footage.length} recordings`);
    const report = await seedDemoData(box, demo, { concurrency: 8 });
    const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as {
      entries: Array<{ durationMs: number }>;
    };
    const calls = log.entries.length;
    const emulatorMs = log.entries.reduce((sum, entry) => sum + entry.durationMs, 0);
    return {
      title: 'Seeding the demo data set (fresh emulator, concurrency 8)',
      rows: [
        {
          recordings: report.recordings,
          'Box calls': calls,
          'wall time': `${(report.durationMs / 1000).toFixed(1)} s`,
          'calls/s': Math.round(calls / (report.durationMs / 1000)),
          'emulator time': `${(emulatorMs / 1000).toFixed(1)} s`,
        },
      ],
      notes: [
        'Goal: under 60 s, the emulator answering in under half of it. test/seed/full-seed.e2e.test.ts checks the number of calls, not the time.',
      ],
    };
  } finally {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
