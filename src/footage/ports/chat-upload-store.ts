/** Durable state of files attached in the chat, so an upload survives a restart and is made once. */
import type { ChatUpload, ChatUploadState, ChatUploadUpdate, NewChatUpload } from '../chat-upload/types';

export interface ChatUploadRepository {
  /** Idempotent by idempotencyKey: `created` is false and the first upload returned on a repeat. */
  create(upload: NewChatUpload): Promise<{ created: boolean; upload: ChatUpload }>;
  get(id: string): Promise<ChatUpload | undefined>;
  update(id: string, update: ChatUploadUpdate): Promise<ChatUpload | undefined>;
  /** Compare-and-set on the state: undefined when the upload is not in one of `from`. */
  transition(
    id: string,
    from: readonly ChatUploadState[],
    update: ChatUploadUpdate & { state: ChatUploadState },
  ): Promise<ChatUpload | undefined>;
  /** Oldest first; `createdBefore` keeps those that arrived at or before it. */
  listByState(
    states: readonly ChatUploadState[],
    options?: { createdBefore?: Date; limit?: number },
  ): Promise<ChatUpload[]>;
}
