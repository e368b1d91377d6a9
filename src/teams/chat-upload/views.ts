/** Chat uploads as card view models: the stored upload, plus the registry's camera for the window text. */
import type { ChatUploadCardView, ChatUploadFormView } from '../../cards';
import { looksLikeVideo, prefillFrom, type ChatUpload } from '../../footage/chat-upload';
import { formatLondonWindow } from '../../footage/format';

export function statusView(upload: ChatUpload, maxBytes: number, problem?: string): ChatUploadCardView {
  const d = upload.description;
  return {
    uploadId: upload.id,
    fileName: upload.fileName,
    state: upload.state,
    sizeBytes: upload.sizeBytes,
    transferredBytes: upload.transferredBytes,
    sha256: upload.sha256,
    ...(problem ? { problem } : {}),
    ...(upload.failure ? { failure: { code: upload.failure, maxBytes } } : {}),
    ...(upload.duplicateOfFileId
      ? {
          duplicateOf: {
            fileId: upload.duplicateOfFileId,
            fileName: upload.duplicateOfName ?? `Box file ${upload.duplicateOfFileId}`,
          },
        }
      : {}),
    ...(d
      ? {
          described: {
            cameraId: d.cameraId,
            window: formatLondonWindow(new Date(d.windowStart), new Date(d.windowEnd)),
            caseReference: d.caseReference,
          },
        }
      : {}),
  };
}

/** The form as first shown: what the file name and the message say. */
export function firstFormView(upload: ChatUpload, message: string | undefined): ChatUploadFormView {
  const prefill = prefillFrom(upload.fileName, message);
  return {
    uploadId: upload.id,
    fileName: upload.fileName,
    footage: upload.isVideo ?? looksLikeVideo(upload.fileName, upload.fileType),
    values: { ...prefill },
  };
}
