/**
 * The intake side of Box for footage requests, over its own SDK client (same configuration as the
 * recordings' gateway): intake folders under `<footage root>/_incoming`, upload links, reading and
 * moving what arrived, finding content by hash, and the upload webhook.
 */
import type { IntakeBoxPort } from '../../footage/ports/intake-box';
import { connectBoxClient } from '../client';
import { DEFAULT_FOOTAGE_ROOT, type BoxGatewayConfig } from '../config';
import type { BoxContext } from '../context';
import * as folders from '../folders';
import * as files from './arrived-files';
import * as links from './upload-links';
import { ensureUploadWebhook } from './webhooks';

/** Under the footage root; the leading underscore sorts it apart from the boroughs. */
export const INTAKE_FOLDER = '_incoming';

export interface IntakeGatewayConfig extends BoxGatewayConfig {
  /** Where Box serves file request pages (`https://app.box.com`, or the emulator's URL). */
  appBaseUrl: string;
}

export function createIntakeGateway(config: IntakeGatewayConfig): IntakeBoxPort {
  const { client, enterpriseId } = connectBoxClient(config);
  const ctx: BoxContext = { client, enterpriseId, scope: `enterprise_${enterpriseId}` };
  const intakePath = [...(config.footageRoot ?? DEFAULT_FOOTAGE_ROOT), INTAKE_FOLDER];
  // Made once and remembered; a failure is not remembered, so the next request tries again.
  let intakeRoot: Promise<string> | undefined;
  const intakeRootId = (): Promise<string> => {
    intakeRoot ??= folders.ensureFolderPath(ctx, intakePath).catch((error: unknown) => {
      intakeRoot = undefined;
      throw error;
    });
    return intakeRoot;
  };
  return {
    intakeRootId,
    ensureIntakeFolder: async (name) => folders.ensureFolder(ctx, await intakeRootId(), name),
    createUploadLink: (templateId, spec) => links.createUploadLink(ctx, config.appBaseUrl, templateId, spec),
    updateUploadLink: (fileRequestId, change) => links.updateUploadLink(ctx, fileRequestId, change),
    checkUploadLinkTemplate: (templateId) => links.checkTemplate(ctx, templateId),
    getFileInfo: (fileId) => files.getFileInfo(ctx, fileId),
    download: (fileId) => files.download(ctx, fileId),
    moveFile: (fileId, folderId, name) => files.moveFile(ctx, fileId, folderId, name),
    findBySha256: (sha256) => files.findBySha256(ctx, sha256),
    ensureUploadWebhook: (folderId, address) => ensureUploadWebhook(ctx, folderId, address),
  };
}
