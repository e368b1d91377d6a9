/** How the chat upload flow names things in the audit log. */
export function chatUploadTarget(uploadId: string): string {
  return `chat-upload:${uploadId}`;
}
