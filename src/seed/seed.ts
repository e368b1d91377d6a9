import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BoxPort } from '../footage/ports/box';
import { EXPORT_METADATA_KEYS, type Recording, type RecordingMetadata } from '../footage/recording';
import type { DemoData, DemoRecording } from './demo-data';
import { storedFileNames } from './file-names';
import { mapWithConcurrency } from './pool';

/** The folder under Box's root that holds CCTV/<Borough>/<CameraId>/. */
export const FOOTAGE_ROOT = 'CCTV';

export interface SeedOptions {
  /** Box calls in flight at once (default 8). */
  concurrency?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  phase: 'template' | 'users' | 'folders' | 'recordings';
  done: number;
  total: number;
}

export interface Tally {
  created: number;
  existing: number;
}

export interface SeedReport {
  template: 'created' | 'existing';
  users: Tally;
  folders: Tally;
  files: Tally;
  metadata: { created: number; updated: number; unchanged: number };
  recordings: number;
  /** Recordings whose file name was already taken in their folder, and the name they got instead. */
  renamed: Array<{ footageId: string; fileName: string }>;
  durationMs: number;
}

/**
 * Puts the demo data set into Box through the port: the cctvFootage template, a Box user per roster
 * person, CCTV/<Borough>/<CameraId>/ folders, one file per recording (a sample clip as content) and
 * its metadata instance. Idempotent: it reads what is there first (folder listings, one metadata
 * query per 100 recordings) and writes only what is missing or different, so a second run creates
 * nothing.
 */
export async function seedDemoData(box: BoxPort, demo: DemoData, options: SeedOptions = {}): Promise<SeedReport> {
  const started = Date.now();
  const concurrency = options.concurrency ?? 8;
  const progress = options.onProgress ?? (() => undefined);

  progress({ phase: 'template', done: 0, total: 1 });
  const template = await box.ensureMetadataTemplate();
  progress({ phase: 'template', done: 1, total: 1 });

  const users: Tally = { created: 0, existing: 0 };
  await mapWithConcurrency(demo.roster, concurrency, async (person) => {
    const { created } = await box.ensureUser({ name: person.name, login: person.email });
    count(users, created);
    progress({ phase: 'users', done: users.created + users.existing, total: demo.roster.length });
  });

  const { cameraFolders, tally: folders } = await seedFolders(box, demo, concurrency, progress);
  const existingMetadata = await readExistingMetadata(box);
  const clips = await readClips(demo);
  const names = storedFileNames(demo.footage);

  const files: Tally = { created: 0, existing: 0 };
  const metadata = { created: 0, updated: 0, unchanged: 0 };
  let done = 0;
  // Camera folders are listed once each, on first need, instead of asking Box file by file.
  const folderListings = new Map<string, Promise<Map<string, string>>>();
  const filesIn = (folderId: string): Promise<Map<string, string>> => {
    let listing = folderListings.get(folderId);
    if (!listing) {
      listing = box
        .listFolder(folderId)
        .then(
          (items) =>
            new Map(items.filter((item) => item.type === 'file').map((item) => [item.name.toLowerCase(), item.id])),
        );
      folderListings.set(folderId, listing);
    }
    return listing;
  };

  await mapWithConcurrency(demo.footage, concurrency, async (recording) => {
    const folderId = cameraFolders.get(cameraKey(recording.borough, recording.cameraId));
    if (!folderId) throw new Error(`no folder for camera ${recording.cameraId}`);
    const fileName = names.get(recording.footageId) ?? recording.fileName;
    const clip = clips.get(recording.clip);
    if (!clip) throw new Error(`no clip ${recording.clip}`);

    const knownId = (await filesIn(folderId)).get(fileName.toLowerCase());
    const { fileId, created } = knownId
      ? { fileId: knownId, created: false }
      : await box.uploadFileIfMissing(folderId, fileName, clip.content);
    count(files, created);

    const wanted = toMetadata(recording, clip.sha256);
    const current = existingMetadata.get(fileId);
    if (current && sameMetadata(current, wanted)) {
      metadata.unchanged += 1;
    } else {
      // A file seen without an instance may have had one written since; only a new file surely has none.
      metadata[await box.setRecordingMetadata(fileId, wanted, current ?? (created ? null : undefined))] += 1;
    }
    progress({ phase: 'recordings', done: ++done, total: demo.footage.length });
  });

  const renamed = demo.footage
    .filter((recording) => names.get(recording.footageId) !== recording.fileName)
    .map((recording) => ({ footageId: recording.footageId, fileName: names.get(recording.footageId) as string }));
  return {
    template: template.created ? 'created' : 'existing',
    users,
    folders,
    files,
    metadata,
    recordings: demo.footage.length,
    renamed,
    durationMs: Date.now() - started,
  };
}

function count(tally: Tally, created: boolean): void {
  if (created) tally.created += 1;
  else tally.existing += 1;
}

function cameraKey(borough: string, cameraId: string): string {
  return `${borough}/${cameraId}`;
}

/** CCTV, then each borough, then each camera: parents first, so no two calls race for one folder. */
async function seedFolders(
  box: BoxPort,
  demo: DemoData,
  concurrency: number,
  progress: (progress: SeedProgress) => void,
): Promise<{ cameraFolders: Map<string, string>; tally: Tally }> {
  const tally: Tally = { created: 0, existing: 0 };
  const cameras = new Map<string, { borough: string; cameraId: string }>();
  for (const { borough, cameraId } of [...demo.cameras, ...demo.footage])
    cameras.set(cameraKey(borough, cameraId), { borough, cameraId });
  const boroughs = [...new Set([...cameras.values()].map((camera) => camera.borough))];
  const total = 1 + boroughs.length + cameras.size;
  let done = 0;
  const ensure = async (parentId: string, name: string): Promise<string> => {
    const folder = await box.ensureFolder(parentId, name);
    count(tally, folder.created);
    progress({ phase: 'folders', done: ++done, total });
    return folder.id;
  };

  const rootId = await ensure('0', FOOTAGE_ROOT);
  const boroughIds = new Map<string, string>();
  await mapWithConcurrency(boroughs, concurrency, async (borough) =>
    boroughIds.set(borough, await ensure(rootId, borough)),
  );
  const cameraFolders = new Map<string, string>();
  await mapWithConcurrency([...cameras.entries()], concurrency, async ([key, camera]) => {
    cameraFolders.set(key, await ensure(boroughIds.get(camera.borough) as string, camera.cameraId));
  });
  return { cameraFolders, tally };
}

/** Every cctvFootage instance already under CCTV, by file id: one metadata query per 100. */
async function readExistingMetadata(box: BoxPort): Promise<Map<string, Recording>> {
  const byFileId = new Map<string, Recording>();
  let marker: string | undefined;
  do {
    const page = await box.searchRecordings({ limit: 100, ...(marker ? { marker } : {}) });
    for (const recording of page.recordings) byFileId.set(recording.fileId, recording);
    marker = page.nextMarker;
  } while (marker);
  return byFileId;
}

export async function readClips(demo: DemoData): Promise<Map<string, { content: Buffer; sha256: string }>> {
  const clips = new Map<string, { content: Buffer; sha256: string }>();
  for (const clip of new Set(demo.footage.map((recording) => recording.clip))) {
    // A clip name is a bare file name: nothing in the data may point outside the clips folder.
    if (path.basename(clip) !== clip) throw new Error(`clip name ${JSON.stringify(clip)} is not a plain file name`);
    const content = await readFile(path.join(demo.clipsDir, clip));
    clips.set(clip, { content, sha256: createHash('sha256').update(content).digest('hex') });
  }
  return clips;
}

export function toMetadata(recording: DemoRecording, sha256: string): RecordingMetadata {
  return {
    footageId: recording.footageId,
    cameraId: recording.cameraId,
    cameraName: recording.cameraName,
    borough: recording.borough,
    latitude: recording.latitude,
    longitude: recording.longitude,
    owner: recording.owner,
    ownerType: recording.ownerType,
    recordedFrom: recording.recordedFrom,
    recordedTo: recording.recordedTo,
    caseReference: recording.caseReference,
    exhibitReference: recording.exhibitReference,
    status: recording.status,
    sha256,
  };
}

/** Field by field; times compare as instants, since Box may write them with milliseconds. */
export function sameMetadata(a: RecordingMetadata, b: RecordingMetadata): boolean {
  return EXPORT_METADATA_KEYS.every((key) => {
    if (key === 'recordedFrom' || key === 'recordedTo') return Date.parse(a[key]) === Date.parse(b[key]);
    return a[key] === b[key];
  });
}
