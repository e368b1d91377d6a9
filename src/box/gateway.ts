import { NotFoundError } from '../footage/errors';
import type { BoxPort } from '../footage/ports/box';
import type { RecordingSearch } from '../footage/search';
import type { BoxSharingPort } from '../footage/sharing/ports';
import * as access from './access';
import { connectBoxClient } from './client';
import { DEFAULT_FOOTAGE_ROOT, type BoxGatewayConfig } from './config';
import type { BoxContext } from './context';
import * as files from './files';
import * as folders from './folders';
import * as metadata from './metadata';
import { searchRecordings } from './search';
import { createSharingGateway } from './sharing';
import * as users from './users';

/**
 * The bot's only way to Box: domain operations over box-node-sdk. Each method lives in a small
 * module by subject (users, folders, files, metadata, search, access); this assembles them around
 * one SDK client.
 */
export function createBoxGateway(config: BoxGatewayConfig): BoxPort & { readonly sharing: BoxSharingPort } {
  const { client, enterpriseId } = connectBoxClient(config);
  const ctx: BoxContext = { client, enterpriseId, scope: `enterprise_${enterpriseId}` };
  const policy: access.AccessPolicy = { allowOpenSharedLinks: config.policy?.allowOpenSharedLinks ?? false };
  const footageRootPath = config.footageRoot ?? DEFAULT_FOOTAGE_ROOT;

  // The footage root is looked up once and then remembered; a failed look-up (not seeded yet) is
  // not remembered, so the search works as soon as the folder exists.
  let footageRoot: Promise<string> | undefined;
  const footageRootId = (): Promise<string> => {
    footageRoot ??= folders.findFolderPath(ctx, footageRootPath).catch((error: unknown) => {
      footageRoot = undefined;
      throw error;
    });
    return footageRoot;
  };

  return {
    whoAmI: () => users.whoAmI(ctx),
    findUserByLogin: (login) => users.findUserByLogin(ctx, login),
    ensureUser: (user) => users.ensureUser(ctx, user),

    ensureFolder: (parentId, name) => folders.ensureFolder(ctx, parentId, name),
    ensureFolderPath: (names) => folders.ensureFolderPath(ctx, names),
    listFolder: (folderId) => folders.listFolder(ctx, folderId),
    ensureMetadataTemplate: () => metadata.ensureMetadataTemplate(ctx),
    uploadFileIfMissing: (folderId, fileName, content) => files.uploadFileIfMissing(ctx, folderId, fileName, content),
    setRecordingMetadata: (fileId, values, current) => metadata.setRecordingMetadata(ctx, fileId, values, current),
    getRecordingMetadata: (fileId) => metadata.getRecordingMetadata(ctx, fileId),

    searchRecordings: async (search: RecordingSearch) => {
      try {
        return await searchRecordings(ctx, await footageRootId(), search);
      } catch (error) {
        // The remembered folder may have been deleted (or re-created) in Box: look it up again next time.
        if (error instanceof NotFoundError) footageRoot = undefined;
        throw error;
      }
    },

    grantAccess: (request) => access.grantAccess(ctx, request),
    removeCollaboration: (collaborationId) => access.removeCollaboration(ctx, collaborationId),
    setSharedLink: (fileId, settings) => access.setSharedLink(ctx, policy, fileId, settings),
    removeSharedLink: (fileId) => access.removeSharedLink(ctx, fileId),
    getThumbnail: (fileId) => files.getThumbnail(ctx, fileId),
    canUserSeeFile: (fileId, userId) => files.canUserSeeFile(ctx, fileId, userId),
    getFile: (fileId) => files.getFile(ctx, fileId),
    footageRootId,
    sharing: createSharingGateway(ctx),
  };
}
