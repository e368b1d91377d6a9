/** Files attached in the personal chat: staged in Box at once, described by the officer, catalogued on the shared arrival path. */
export { checkChatUploadForm, type ChatUploadRegistry } from './form';
export type { AttachmentSource, ChatUploadNotifier, OpenedAttachment } from './ports';
export { looksLikeVideo, prefillFrom } from './prefill';
export { CHAT_UPLOAD_JOB_KINDS, ChatUploadService, safeFileName, type AttachedFile } from './service';
export { StagingReminderJob, TransferJob } from './transfer';
export * from './types';
