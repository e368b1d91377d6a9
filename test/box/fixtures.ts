import type { RecordingMetadata } from '../../src/footage/recording';

/** A recording on Brixton Station (south), as the demo data has it; tests override what they need. */
export function sampleRecording(overrides: Partial<RecordingMetadata> = {}): RecordingMetadata {
  return {
    footageId: 'F00001',
    cameraId: 'LAM-0105',
    cameraName: 'Brixton Station (south)',
    borough: 'Lambeth',
    latitude: 51.46058,
    longitude: -0.114213,
    owner: 'Supermarket, near Brixton Station',
    ownerType: 'business',
    recordedFrom: '2026-03-11T02:00:00Z',
    recordedTo: '2026-03-11T03:00:00Z',
    caseReference: null,
    exhibitReference: null,
    status: 'reviewed',
    sha256: null,
    ...overrides,
  };
}
