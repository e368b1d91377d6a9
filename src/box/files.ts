import { Readable } from 'node:stream';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../footage/errors';
import type { BoxFile, Thumbnail } from '../footage/ports/box';
import type { BoxContext } from './context';
import { boxStep } from './errors';
import { toBoxFile } from './mappers';

/** Box accepts upload sessions from this size on and wants them for anything larger. */
export const CHUNKED_UPLOAD_THRESHOLD = 20_000_000;
/** Thumbnails go into cards; anything bigger than this is not a thumbnail worth sending. */
const MAX_THUMBNAIL_BYTES = 512 * 1024;

const FILE_FIELDS = ['id', 'name', 'size', 'parent', 'sha1', 'shared_link', 'path_collection'];

/**
 * Uploads unless the name is taken in the folder: Box answers 409 item_name_in_use and names the
 * existing file, whose id is returned. For a chunked upload Box says so when the session is
 * opened, before any content is sent.
 */
export async function uploadFileIfMissing(
  ctx: BoxContext,
  folderId: string,
  fileName: string,
  content: Buffer,
): Promise<{ fileId: string; created: boolean }> {
  try {
    const fileId =
      content.length >= CHUNKED_UPLOAD_THRESHOLD
        ? await uploadInChunks(ctx, folderId, fileName, content)
        : await uploadWhole(ctx, folderId, fileName, content);
    return { fileId, created: true };
  } catch (error) {
    if (error instanceof ConflictError && error.existingId) return { fileId: error.existingId, created: false };
    throw error;
  }
}

async function uploadWhole(ctx: BoxContext, folderId: string, fileName: string, content: Buffer): Promise<string> {
  const files = await boxStep('Uploading a file to Box', () =>
    ctx.client.uploads.uploadFile(
      { attributes: { name: fileName, parent: { id: folderId } }, file: Readable.from([content]) },
      { queryParams: { fields: ['id', 'name'] } },
    ),
  );
  const file = files.entries?.[0];
  if (!file) throw new Error('Box accepted an upload but returned no file');
  return file.id;
}

/** Upload session: parts of the size Box chooses, each with its SHA-1, then a commit with the whole file's. */
async function uploadInChunks(ctx: BoxContext, folderId: string, fileName: string, content: Buffer): Promise<string> {
  const file = await boxStep('Uploading a large file to Box in parts', () =>
    ctx.client.chunkedUploads.uploadBigFile(Readable.from([content]), fileName, content.length, folderId),
  );
  return file.id;
}

export async function getFile(ctx: BoxContext, fileId: string): Promise<BoxFile> {
  const file = await boxStep('Reading a Box file', () =>
    ctx.client.files.getFileById(fileId, { queryParams: { fields: FILE_FIELDS } }),
  );
  return toBoxFile(file);
}

/**
 * A JPEG of at most 320 px. Null when Box has none yet (202) or cannot make one (404), since a card
 * simply goes without.
 */
export async function getThumbnail(ctx: BoxContext, fileId: string): Promise<Thumbnail | null> {
  try {
    const stream = await boxStep('Fetching a thumbnail from Box', () =>
      ctx.client.files.getFileThumbnailById(fileId, 'jpg', { queryParams: { maxWidth: 320, maxHeight: 320 } }),
    );
    if (!stream) return null;
    const bytes = await readLimited(stream, MAX_THUMBNAIL_BYTES);
    return bytes ? { contentType: 'image/jpeg', bytes } : null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

async function readLimited(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(buffer);
  }
  return size === 0 ? null : Buffer.concat(chunks);
}

/**
 * Asked as the user (As-User): Box's own answer on whether a grant works or a revocation took. The
 * header is set on this one call rather than through client.withAsUserHeader(), whose session copy
 * drops the request timeout (box-node-sdk 10.12).
 */
export async function canUserSeeFile(ctx: BoxContext, fileId: string, userId: string): Promise<boolean> {
  try {
    await boxStep('Checking what a user can see in Box', () =>
      ctx.client.files.getFileById(fileId, {
        queryParams: { fields: ['id'] },
        headers: { extraHeaders: { 'As-User': userId } },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof PermissionDeniedError) return false;
    throw error;
  }
}
