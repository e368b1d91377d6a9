import type { DemoData, DemoRecording } from './demo-data';

/**
 * The demo data spread over several years to any number of recordings, for measuring the bot at a
 * force's scale: copy k of the 1,319 demo recordings (one month, March 2026) is moved k times 31 days
 * back in time (so 100,000 recordings span about six and a half years), keeps its camera, place, owner and clip, gets a footage id and
 * file name of its own, and keeps the case reference only in the original copy (cases are specific).
 * Deterministic: the same count always gives the same recordings, so a seeded Box can be reused.
 */
const MONTH_MS = 31 * 24 * 3_600_000;

export function scaleDemoData(demo: DemoData, count: number): DemoData {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive whole number, not ${count}`);
  const footage: DemoRecording[] = [];
  for (let copy = 0; footage.length < count; copy += 1) {
    for (const recording of demo.footage) {
      if (footage.length === count) break;
      footage.push(copy === 0 ? recording : shifted(recording, copy));
    }
  }
  return { ...demo, footage };
}

function shifted(recording: DemoRecording, copy: number): DemoRecording {
  const from = new Date(Date.parse(recording.recordedFrom) - copy * MONTH_MS);
  const to = new Date(Date.parse(recording.recordedTo) - copy * MONTH_MS);
  return {
    ...recording,
    footageId: `${recording.footageId}-${String(copy).padStart(3, '0')}`,
    fileName: `${recording.cameraId}_${compactUtc(from)}_${recording.durationMinutes}min.mp4`,
    recordedFrom: from.toISOString().replace('.000Z', 'Z'),
    recordedTo: to.toISOString().replace('.000Z', 'Z'),
    caseReference: null,
    exhibitReference: null,
  };
}

/** 2026-03-11T02:00:00Z → 20260311T0200Z, as the demo file names write times. */
function compactUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
}
