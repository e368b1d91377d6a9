/** Reading, streaming, moving and finding by hash the files that owners upload. */
import type { Readable } from 'node:stream';
import { ConflictError } from '../../footage/errors';
import type { FoundContent, IntakeFileInfo } from '../../footage/ports/intake-box';
import type { BoxContext } from '../context';
import { boxStep } from '../errors';
import { TEMPLATE_KEY } from '../recording-template';

export async function getFileInfo(ctx: BoxContext, fileId: string): Promise<IntakeFileInfo> {
  const file = await boxStep('Reading an uploaded file in Box', () =>
    ctx.client.files.getFileById(fileId, {
      queryParams: { fields: ['id', 'name', 'size', 'parent', 'created_by', 'created_at', 'uploader_display_name'] },
    }),
  );
  // For a file request that asks for an email, Box puts the submitter's address in
  // uploader_display_name; created_by is then Box's anonymous user.
  const createdBy = file.createdBy?.login ?? file.createdBy?.name ?? null;
  return {
    id: file.id,
    name: file.name ?? `Box file ${file.id}`,
    size: typeof file.size === 'number' ? file.size : null,
    parentFolderId: file.parent?.id ?? null,
    uploadedBy: file.uploaderDisplayName ?? createdBy,
    uploadedAt: file.createdAt?.value ?? null,
  };
}

export async function download(ctx: BoxContext, fileId: string): Promise<AsyncIterable<Uint8Array>> {
  const stream = await boxStep('Downloading an uploaded file from Box', () =>
    ctx.client.downloads.downloadFile(fileId),
  );
  if (!stream) throw new Error('Box returned no content for a download');
  return stream as Readable;
}

/**
 * Moves the file; when the camera folder already has a file of that name (two owners' exports are
 * often called the same), the moved file gets the upload's file id added to its name.
 */
export async function moveFile(
  ctx: BoxContext,
  fileId: string,
  folderId: string,
  name: string,
): Promise<{ name: string }> {
  const move = (newName: string) =>
    boxStep('Moving an uploaded file into its camera folder', () =>
      ctx.client.files.updateFileById(fileId, {
        requestBody: { parent: { id: folderId }, name: newName },
        queryParams: { fields: ['id', 'name', 'parent'] },
      }),
    );
  try {
    return { name: (await move(name)).name ?? name };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // The file itself holds the name there: an earlier run moved it already.
    if (error.existingId === fileId) return { name };
    const dot = name.lastIndexOf('.');
    const renamed = dot > 0 ? `${name.slice(0, dot)} (${fileId})${name.slice(dot)}` : `${name} (${fileId})`;
    return { name: (await move(renamed)).name ?? renamed };
  }
}

/** Recordings anywhere in the enterprise whose cctvFootage sha256 is this value. */
export async function findBySha256(ctx: BoxContext, sha256: string): Promise<FoundContent[]> {
  const results = await boxStep('Looking for the same content in Box', () =>
    ctx.client.search.searchByMetadataQuery({
      from: `${ctx.scope}.${TEMPLATE_KEY}`,
      query: 'sha256 = :sha256',
      queryParams: { sha256 },
      ancestorFolderId: '0',
      fields: ['id', 'name'],
      limit: 10,
    }),
  );
  return (results.entries ?? []).flatMap((entry) => {
    const item = entry as { id?: string; name?: string; type?: string };
    return item.type === 'file' && item.id ? [{ fileId: item.id, fileName: item.name ?? `Box file ${item.id}` }] : [];
  });
}
