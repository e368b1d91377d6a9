/** Files attached in the personal chat: staged in Box at once, described by the officer, catalogued on the shared arrival path. */
export { chatUploadTarget } from './audit';
export { checkChatUploadForm, MAX_CAME_FROM_CHARS, MAX_OWNER_CHARS, type ChatUploadRegistry, type ChatUploadFormCheck, type ChatUploadFormField, type ChatUploadFormInput } from './form';
export type { AttachmentSource, ChatUploadNotifier, OpenedAttachment } from './ports';
export { looksLikeVideo, prefillFrom, type Prefill } from './prefill';
export {
  CHAT_UPLOAD_JOB_KINDS, ChatUploadService, safeFileName, transferJobKey,
  type AttachedFile, type ChatUploadServiceDeps, type DescribeOutcome,
} from './service';
export { StagingReminderJob, stagingFolderName, TransferJob, type TransferDeps, type TransferSettings } from './transfer';
export * from './types';
