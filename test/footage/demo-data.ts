import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGazetteer, type Gazetteer } from '../../src/footage/query';

/** The demo data set shipped in the repository (demo/), read the way a deployment would supply it. */
const DEMO = join(__dirname, '..', '..', 'demo');

export function demoJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(join(DEMO, file), 'utf8')) as T;
}

let cached: Gazetteer | undefined;

export function demoGazetteer(): Gazetteer {
  cached ??= loadGazetteer(demoJson('places.json'), demoJson('cameras.json'));
  return cached;
}

export interface DemoPlace {
  name: string;
  borough: string;
  latitude: number;
  longitude: number;
}

export function demoPlace(name: string): DemoPlace {
  const place = demoJson<DemoPlace[]>('places.json').find((p) => p.name === name);
  if (!place) throw new Error(`no demo place ${name}`);
  return place;
}
