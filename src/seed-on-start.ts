import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BoxPort } from './footage/ports/box';
import { SETTING_KEYS, type Store } from './footage/ports/store';
import { logger } from './log';
import { loadDemoData as readDemoDir, seedDemoData, type DemoData } from './seed';

/**
 * Seeds the demo data set on start, once. The store remembers a fingerprint of the data set that
 * was seeded; a restart with the same data and a Box that still has the template skips the seed
 * (one Box call), while a new emulator or changed demo data runs the idempotent seed again.
 */
export async function loadDemoData(projectRoot: string): Promise<DemoData> {
  return readDemoDir(path.join(projectRoot, 'demo'));
}

export async function seedDemoIfNeeded(box: BoxPort, store: Store, demo: DemoData): Promise<string> {
  const fingerprint = demoFingerprint(demo);
  const marker = await store.settings.get(SETTING_KEYS.demoSeedComplete);
  const template = await box.ensureMetadataTemplate();
  const markerMatches =
    typeof marker === 'object' && marker !== null && !Array.isArray(marker) && marker.fingerprint === fingerprint;
  if (markerMatches && !template.created) {
    logger.info('demo data already in Box');
    return 'already seeded';
  }
  logger.info({ recordings: demo.footage.length }, 'seeding demo data into Box');
  const report = await seedDemoData(box, demo, {
    onProgress: (p) => {
      if (p.phase === 'recordings' && p.done % 250 === 0)
        logger.info({ done: p.done, total: p.total }, 'seeding recordings');
    },
  });
  await store.settings.set(SETTING_KEYS.demoSeedComplete, {
    fingerprint,
    at: new Date().toISOString(),
    recordings: report.recordings,
  });
  logger.info(
    { files: report.files, metadata: report.metadata, users: report.users, ms: report.durationMs },
    'demo data seeded',
  );
  return `seeded ${report.recordings} recordings (${report.files.created} files created) in ${report.durationMs} ms`;
}

function demoFingerprint(demo: DemoData): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(demo.footage));
  hash.update(JSON.stringify(demo.roster));
  for (const clip of new Set(demo.footage.map((r) => r.clip)))
    hash.update(readFileSync(path.join(demo.clipsDir, clip)));
  return hash.digest('hex');
}
