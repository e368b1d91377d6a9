import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordingMetadata } from '../footage/recording';

/** One exported recording as demo/footage.json lists it: the template's fields, its file and clip. */
export interface DemoRecording extends Omit<RecordingMetadata, 'sha256'> {
  fileName: string;
  durationMinutes: number;
  /** Which sample clip (in clipsDir) stands in for the footage. */
  clip: string;
}

export interface DemoCamera {
  cameraId: string;
  borough: string;
}

/** Who gets a Box user: the login is the email. */
export interface DemoPerson {
  name: string;
  email: string;
}

export interface DemoData {
  footage: readonly DemoRecording[];
  cameras: readonly DemoCamera[];
  roster: readonly DemoPerson[];
  clipsDir: string;
}

/** Reads the demo set from a directory laid out like the project's demo/ folder. */
export function loadDemoData(demoDir: string): DemoData {
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(demoDir, name), 'utf8'));
  const footage = read('footage.json');
  const cameras = read('cameras.json');
  const roster = read('roster.json') as { people?: unknown };
  if (!Array.isArray(footage) || !Array.isArray(cameras) || !Array.isArray(roster.people)) {
    throw new Error(`${demoDir} does not hold the demo data set (footage.json, cameras.json, roster.json with people)`);
  }
  return {
    footage: footage as DemoRecording[],
    cameras: cameras as DemoCamera[],
    roster: roster.people as DemoPerson[],
    clipsDir: path.join(demoDir, 'clips'),
  };
}
