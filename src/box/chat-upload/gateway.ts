/**
 * Box for files attached in the chat, over its own SDK client (same configuration as the
 * recordings' gateway): streamed uploads into a staging folder, aborting an upload session, and
 * removing a staged file that is not kept.
 */
import { NotFoundError } from '../../footage/errors';
import type { ChatUploadBoxPort } from '../../footage/ports/chat-upload-box';
import { connectBoxClient } from '../client';
import type { BoxGatewayConfig } from '../config';
import type { BoxContext } from '../context';
import { boxStep } from '../errors';
import { abortSession, DEFAULT_STREAMING, streamUpload, type StreamingSettings } from './streamed-upload';

export function createChatUploadGateway(
  config: BoxGatewayConfig,
  streaming: Partial<StreamingSettings> = {},
): ChatUploadBoxPort {
  const { client, enterpriseId } = connectBoxClient(config);
  const ctx: BoxContext = { client, enterpriseId, scope: `enterprise_${enterpriseId}` };
  const settings: StreamingSettings = { ...DEFAULT_STREAMING, ...streaming };
  return {
    upload: (upload) => streamUpload(ctx, settings, upload),
    abortSession: (sessionId) => abortSession(ctx, sessionId),
    deleteFile: async (fileId) => {
      try {
        await boxStep('Deleting a staged file', () => client.files.deleteFileById(fileId));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    },
  };
}
