/**
 * Whole-file uploads (`POST <upload>/2.0/files/content`), and the file creation they share with
 * upload-session commits: folder and name checks in one transaction, then the upload's events and
 * webhooks.
 */

import { createHash } from 'node:crypto';
import { fileUploaded } from '../activity';
import type { Caller, Services } from '../context';
import { badRequest } from '../errors';
import { header, isObject, json, type EmulatorRequest } from '../http';
import { assertNameFree, targetFolder, validateName } from '../items';
import { parseUploadBody } from '../multipart';
import type { Route } from '../router';
import { insertItem, type ItemRow } from '../state/items';
import { parseDateTime } from '../time';
import { requestedFields } from '../views/fields';
import { fileView } from '../views/items';

/** Optional content dates from upload attributes; Box requires RFC 3339 when they are given. */
export function contentDates(attributes: Record<string, unknown>): {
  contentCreatedAt?: number;
  contentModifiedAt?: number;
} {
  const read = (key: string): number | undefined => {
    if (attributes[key] === undefined) return undefined;
    const ms = parseDateTime(attributes[key]);
    if (ms === null) throw badRequest(`Invalid value '${String(attributes[key])}' for '${key}'`);
    return ms;
  };
  return { contentCreatedAt: read('content_created_at'), contentModifiedAt: read('content_modified_at') };
}

export interface NewFile {
  name: string;
  folderId: unknown;
  sha1: string;
  size: number;
  attributes: Record<string, unknown>;
}

/** Creates the file record for stored content, in one transaction with the folder and name checks. */
export function createFile(services: Services, caller: Caller, file: NewFile): ItemRow {
  const item = services.db.transaction(() => {
    const target = targetFolder(services, caller, file.folderId, 'parent');
    assertNameFree(services, target.folderId, file.name, caller.user.id, 'object');
    return insertItem(
      services.db,
      {
        type: 'file',
        name: file.name,
        parentId: target.folderId,
        ownerId: target.ownerId,
        actorId: caller.user.id,
        size: file.size,
        sha1: file.sha1,
        description: typeof file.attributes.description === 'string' ? file.attributes.description : undefined,
        ...contentDates(file.attributes),
      },
      caller.now,
    );
  })();
  fileUploaded(services, item, caller.user.id);
  return item;
}

export function filesResponse(
  req: EmulatorRequest,
  services: Services,
  caller: Caller,
  item: ItemRow,
): ReturnType<typeof json> {
  return json(201, { total_count: 1, entries: [fileView(item, services, caller, { fields: requestedFields(req) })] });
}

export const uploadRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/files/content',
    access: 'api',
    handler: async (req, services, caller) => {
      const upload = await parseUploadBody(req.headers, req.body);
      const name = validateName(upload.attributes.name);
      const parent = isObject(upload.attributes.parent) ? upload.attributes.parent.id : undefined;
      const sha1 = createHash('sha1').update(upload.content).digest('hex');
      // The SDK sends the file's SHA-1 (hex) in content-md5, as Box's upload API expects.
      const declared = header(req, 'content-md5');
      if (declared !== undefined && declared.toLowerCase() !== sha1)
        throw badRequest('The content-md5 header does not match the SHA-1 of the file', undefined, 'sha1_mismatch');
      // Check the folder before storing anything, so a refused upload leaves no blob behind.
      targetFolder(services, caller, parent, 'parent');
      services.blobs.put(upload.content);
      const item = createFile(services, caller, {
        name,
        folderId: parent,
        sha1,
        size: upload.content.length,
        attributes: upload.attributes,
      });
      return filesResponse(req, services, caller, item);
    },
  },
];
