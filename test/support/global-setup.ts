import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { SEEDED_DATA_DIR_ENV } from './harness';

/**
 * Seeds the demo data set once through the real bot start-up (emulator + embedded database +
 * seed), and leaves the data directory for every end-to-end suite to copy. The copy is cached in
 * the temp folder under a hash of everything that shapes it, so reruns skip the seed.
 */
const root = path.resolve(__dirname, '../..');
const INPUTS = ['src/emulator', 'src/box', 'src/seed', 'src/store', 'src/seed-on-start.ts', 'demo'];

export default async function globalSetup(): Promise<void> {
  const dir = path.join(os.tmpdir(), `cctv-seeded-${fingerprint()}`);
  process.env[SEEDED_DATA_DIR_ENV] = dir;
  if (existsSync(path.join(dir, 'complete'))) return;
  const building = `${dir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const bot = await startBot(
    loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', BOX_EMULATOR_PORT: '0', DATA_DIR: building }),
  );
  try {
    await bot.ready;
  } finally {
    await bot.close();
  }
  await mkdir(path.join(building, 'complete'));
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
}

function fingerprint(): string {
  const hash = createHash('sha256');
  const visit = (file: string): void => {
    const full = path.join(root, file);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(file, entry));
      return;
    }
    hash.update(file);
    hash.update(readFileSync(full));
  };
  INPUTS.forEach(visit);
  return hash.digest('hex').slice(0, 16);
}
