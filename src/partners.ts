/** Reads the partner organisations file (PARTNERS_PATH) at start; a bad file stops the bot naming it. */
import { readFile } from 'node:fs/promises';
import { ConfigError } from './footage/errors';
import { parsePartners, type Partner } from './footage/sharing';

export async function loadPartners(file: string): Promise<Partner[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new ConfigError('PARTNERS_PATH', `cannot read JSON from ${file}`);
  }
  return parsePartners(raw);
}
