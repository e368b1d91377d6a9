/**
 * What the chat upload flow needs beyond Box and the store: the attachment's bytes at Teams' download
 * link, and a way to show the officer where their upload stands. Both are implemented at the Teams
 * edge; the domain sees neither an activity nor an HTTP response.
 */
import type { ChatUpload } from './types';

export type OpenedAttachment =
  | { kind: 'open'; sizeBytes: number | null; content: AsyncIterable<Uint8Array>; cancel(): void }
  /** The link no longer works (Teams' links last minutes). */
  | { kind: 'expired'; status: number };

export interface AttachmentSource {
  open(downloadUrl: string): Promise<OpenedAttachment>;
}

export interface ChatUploadNotifier {
  /** The upload's card shows where it stands (progress, ready for its form, failed, duplicate): updated in place. */
  show(upload: ChatUpload, note?: string): Promise<void>;
  /** A staged file never described: the officer is reminded. True when the message went out. */
  remind(upload: ChatUpload): Promise<boolean>;
}
