import path from 'node:path';

/**
 * The name each recording's file gets in its camera folder. Two exports can share a file name (the
 * demo set has one such pair); Box allows one item per name in a folder, so every recording after
 * the first with a given name gets its footage id added. Deterministic, so reruns find the same
 * names. Box compares names without regard to case, and so does this.
 */
export function storedFileNames(
  recordings: ReadonlyArray<{ footageId: string; fileName: string; cameraId: string }>,
): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const key = (cameraId: string, name: string): string => `${cameraId}\u0000${name.toLowerCase()}`;
  for (const recording of recordings) {
    let name = recording.fileName;
    if (taken.has(key(recording.cameraId, name))) {
      const ext = path.extname(name);
      name = `${name.slice(0, name.length - ext.length)}_${recording.footageId}${ext}`;
    }
    taken.add(key(recording.cameraId, name));
    names.set(recording.footageId, name);
  }
  return names;
}
