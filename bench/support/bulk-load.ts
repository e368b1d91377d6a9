/**
 * Loads the scaled recordings straight into a stopped emulator's state, through the emulator's own
 * state layer (the functions its upload and metadata routes call, the same validation of values),
 * in a few transactions. Seeding 100,000 recordings through the HTTP API costs about 14 CPU-minutes
 * (two Box calls each, the SDK's share about 60%), too long for a benchmark on a shared 2-core
 * machine; this takes seconds. The seeder is then run through the API over the loaded emulator, and
 * must find every file and every metadata instance as it would have written them.
 */
import path from 'node:path';
import { toInstanceValues } from '../../src/box/recording-template';
import { validateValues } from '../../src/emulator/metadata-values';
import { BlobStore } from '../../src/emulator/state/blobs';
import { openDatabase } from '../../src/emulator/state/db';
import { findByName, insertItem } from '../../src/emulator/state/items';
import { getInstance, getTemplate, insertInstance } from '../../src/emulator/state/metadata';
import { FOOTAGE_ROOT, readClips, storedFileNames, toMetadata, type DemoData } from '../../src/seed';

const CHUNK = 5000;

export async function bulkLoadRecordings(
  emulatorDataDir: string,
  demo: DemoData,
): Promise<{ created: number; existing: number }> {
  const root = path.join(emulatorDataDir, 'box-emulator');
  const db = openDatabase(root);
  try {
    const blobs = new BlobStore(path.join(root, 'blobs'));
    const clips = await readClips(demo);
    const clipSha1 = new Map(
      [...clips].map(([name, clip]) => [
        name,
        { sha1: blobs.put(clip.content), size: clip.content.length, sha256: clip.sha256 },
      ]),
    );
    const { scope } = db.prepare("SELECT scope FROM metadata_templates WHERE template_key = 'cctvFootage'").get() as {
      scope: string;
    };
    const template = getTemplate(db, scope, 'cctvFootage');
    if (!template)
      throw new Error(
        'the cctvFootage template is missing: seed the template, users and folders through the API first',
      );
    const cctv = db
      .prepare('SELECT id, owner_id FROM items WHERE parent_id = 0 AND name_key = ?')
      .get(FOOTAGE_ROOT.toLowerCase()) as { id: number; owner_id: number };
    const folders = new Map<string, number>();
    const folderOf = (borough: string, cameraId: string): number => {
      const key = `${borough}/${cameraId}`;
      let id = folders.get(key);
      if (id === undefined) {
        const boroughFolder = findByName(db, cctv.id, borough, cctv.owner_id);
        const cameraFolder = boroughFolder && findByName(db, boroughFolder.id, cameraId, cctv.owner_id);
        if (!cameraFolder) throw new Error(`no folder ${FOOTAGE_ROOT}/${key}: seed the folders through the API first`);
        id = cameraFolder.id;
        folders.set(key, id);
      }
      return id;
    };
    const names = storedFileNames(demo.footage);
    const tally = { created: 0, existing: 0 };
    const now = Date.now();
    for (let start = 0; start < demo.footage.length; start += CHUNK) {
      db.transaction(() => {
        for (const recording of demo.footage.slice(start, start + CHUNK)) {
          const folderId = folderOf(recording.borough, recording.cameraId);
          const name = names.get(recording.footageId) ?? recording.fileName;
          const clip = clipSha1.get(recording.clip);
          if (!clip) throw new Error(`no clip ${recording.clip}`);
          const item =
            findByName(db, folderId, name, cctv.owner_id) ??
            insertItem(
              db,
              {
                type: 'file',
                name,
                parentId: folderId,
                ownerId: cctv.owner_id,
                actorId: cctv.owner_id,
                size: clip.size,
                sha1: clip.sha1,
              },
              now,
            );
          if (getInstance(db, item.id, scope, 'cctvFootage')) {
            tally.existing += 1;
            continue;
          }
          insertInstance(
            db,
            item.id,
            scope,
            'cctvFootage',
            validateValues(template, toInstanceValues(toMetadata(recording, clip.sha256)) as Record<string, unknown>),
          );
          tally.created += 1;
        }
      })();
    }
    return tally;
  } finally {
    db.close();
  }
}
