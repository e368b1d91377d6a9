import { NotFoundError, PermissionDeniedError } from '../errors';
import type { BoxPort } from '../ports/box';
import type { Recording } from '../recording';
import { parseExportName } from './export-name';

/**
 * Finds the recordings a request names, from Box: by file id (the result cards' buttons, or an
 * officer typing it) or by file name. A recording is a Box file under the footage root carrying the
 * cctvFootage metadata: metadata can be copied onto any file, so where the file lives decides too,
 * and any other file is not something this bot grants access to. Recordings found are remembered
 * for a while, because every card about a request names its recordings again; "not a recording"
 * is not remembered, so a file that has just been filed is found at once.
 */
export type CatalogBox = Pick<BoxPort, 'getFile' | 'getRecordingMetadata' | 'searchRecordings' | 'footageRootId'>;

export interface CatalogOptions {
  /** How long a recording found is remembered (recording metadata changes rarely). */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** Box file ids are decimal numbers. */
const FILE_ID = /^\d{1,20}$/;
const MINUTE_MS = 60_000;

export class RecordingCatalog {
  private readonly cache = new Map<string, { at: number; recording: Recording }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly box: CatalogBox,
    options: CatalogOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10 * MINUTE_MS;
    this.maxEntries = options.maxEntries ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** The recording in this Box file, or null when there is no such file or it is not a recording. */
  async get(fileId: string): Promise<Recording | null> {
    if (!FILE_ID.test(fileId)) return null;
    const cached = this.cache.get(fileId);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.recording;
    const recording = await this.load(fileId);
    if (recording) this.remember(fileId, recording);
    return recording;
  }

  /** In the order asked; `missing` lists ids that are not recordings. */
  async getMany(fileIds: readonly string[]): Promise<{ found: Recording[]; missing: string[] }> {
    const results = await Promise.all(fileIds.map(async (id) => [id, await this.get(id)] as const));
    return {
      found: results.flatMap(([, recording]) => (recording ? [recording] : [])),
      missing: results.flatMap(([id, recording]) => (recording ? [] : [id])),
    };
  }

  /**
   * What `request <file name or Box file id>` names. A file name is matched without regard to case,
   * with or without its extension; export names are found with one metadata query on the camera
   * around the start time the name carries.
   */
  async find(target: string): Promise<Recording[]> {
    const wanted = target.trim().replace(/^["']|["']$/g, '');
    if (FILE_ID.test(wanted)) {
      const recording = await this.get(wanted);
      return recording ? [recording] : [];
    }
    const parsed = parseExportName(wanted);
    if (!parsed) return [];
    const { cameraId, start } = parsed;
    const page = await this.box.searchRecordings({
      cameraIds: [cameraId],
      window: { start, end: new Date(start.getTime() + MINUTE_MS) },
      limit: 100,
    });
    const matches = page.recordings.filter((r) => sameName(r.fileName, wanted));
    for (const recording of matches) this.remember(recording.fileId, recording);
    return matches;
  }

  private async load(fileId: string): Promise<Recording | null> {
    try {
      const [file, metadata, rootId] = await Promise.all([
        this.box.getFile(fileId),
        this.box.getRecordingMetadata(fileId),
        this.box.footageRootId(),
      ]);
      if (!metadata || !file.ancestorFolderIds?.includes(rootId)) return null;
      return { ...metadata, fileId: file.id, fileName: file.name };
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof PermissionDeniedError) return null;
      throw error;
    }
  }

  private remember(fileId: string, recording: Recording): void {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(fileId, { at: this.now(), recording });
  }
}

function sameName(fileName: string, wanted: string): boolean {
  const a = fileName.toLowerCase();
  const b = wanted.toLowerCase();
  return a === b || stripExtension(a) === b;
}

function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
